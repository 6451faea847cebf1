/** EventLogFile (Event Monitoring) CSVs of every event type, and the same rows rendered as JSON by collectors. */
import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { readCsvTable, sniffCsvHeader } from '../csv/table';
import { mapElfRow, elfLayout, type ElfLayout } from './elf-row';
import { feedInput, readHead, rejectRow, startsLikeJson, textDecoding, type TextDecoding } from './input';
import { JsonUnitSplitter } from './json-units';

const UPPER_SNAKE = /^[A-Z0-9_]+$/;

function detectElf(sample: DetectSample): number {
  if (startsLikeJson(sample.head)) {
    const text = sample.head.toString('utf8');
    return /"EVENT_TYPE"\s*:/.test(text) && /"TIMESTAMP(?:_DERIVED)?"\s*:/.test(text) ? 0.9 : 0;
  }
  const header = sniffCsvHeader(sample.head);
  if (!header) return 0;
  const names = header.map((h) => h.trim());
  if (!names.includes('EVENT_TYPE') || !(names.includes('TIMESTAMP') || names.includes('TIMESTAMP_DERIVED'))) return 0;
  const snake = names.filter((n) => UPPER_SNAKE.test(n)).length;
  return snake / names.length >= 0.8 ? 0.95 : 0.5;
}

async function parseElfCsv(input: ParseInput, sink: RowSink, decoding: TextDecoding): Promise<void> {
  let layout: ElfLayout | null = null;
  await readCsvTable(
    input.open(),
    {
      onHeader(columns) {
        layout = elfLayout(columns);
        if (layout.eventType < 0) sink.warn('The header has no EVENT_TYPE column, so no row can be imported as an EventLogFile event.');
      },
      onRow(row) {
        const mapped = layout!.eventType < 0 ? { reason: 'the file has no EVENT_TYPE column' } : mapElfRow(layout!, row.fields, row);
        if ('event' in mapped) sink.event(mapped.event);
        else rejectRow(sink, row, mapped.reason, row.raw());
      },
      onReject(bad) {
        rejectRow(sink, bad, bad.reason, bad.raw);
      },
    },
    { decode: decoding.decode, signal: input.signal, onProgress: (n) => sink.progress(n) },
  );
}

/** ELF rows as JSON objects keyed by the CSV header names (collector output, one object or JSON Lines). */
async function parseElfJson(input: ParseInput, sink: RowSink, decoding: TextDecoding): Promise<void> {
  const layouts = new Map<string, ElfLayout>();
  let recordNo = 0;
  const splitter = new JsonUnitSplitter({
    onUnit(unit) {
      recordNo++;
      const place = { recordNo, lineNo: unit.lineNo, byteOffset: unit.byteOffset, byteLength: unit.bytes.length };
      const fields = elfObjectFields(unit.bytes, decoding);
      if (typeof fields === 'string') return rejectRow(sink, place, fields, unit.bytes);
      const signature = fields.names.join(',');
      let layout = layouts.get(signature);
      if (!layout) layouts.set(signature, (layout = elfLayout(fields.names)));
      const mapped = mapElfRow(layout, fields.values, place);
      if ('event' in mapped) sink.event(mapped.event);
      else rejectRow(sink, place, mapped.reason, unit.bytes);
    },
    onBad(bad) {
      recordNo++;
      rejectRow(sink, { recordNo, lineNo: bad.lineNo, byteOffset: bad.byteOffset, byteLength: bad.bytes.length }, bad.reason, bad.bytes);
    },
  });
  await feedInput(input, sink, (chunk) => splitter.push(chunk));
  splitter.end();
}

/** Column names and values of one JSON-rendered ELF row, or the reason it is not one. */
function elfObjectFields(bytes: Buffer, decoding: TextDecoding): { names: string[]; values: string[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(decoding.decode(bytes));
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'JSON value is not an object';
  const names: string[] = [];
  const values: string[] = [];
  for (const [name, v] of Object.entries(value)) {
    names.push(name);
    values.push(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return { names, values };
}

export const elfParser: SourceParser = {
  format: 'salesforce-elf',
  version: '1',
  description: 'Salesforce EventLogFile CSV (Login, API, RestApi, Bulk, Report, URI, Lightning, …): who accessed what, when, from where',
  detect: detectElf,
  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input);
    const decoding = textDecoding(input, head);
    if (startsLikeJson(head)) await parseElfJson(input, sink, decoding);
    else await parseElfCsv(input, sink, decoding);
    return decoding.result;
  },
};
