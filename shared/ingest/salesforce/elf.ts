/** EventLogFile (Event Monitoring) CSVs of every event type, and the same rows rendered as JSON by collectors. */
import type { AccessEventRow, DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { readHead } from '../encoding';
import { readCsvTable, sniffCsvHeader, warnLineEndings } from '../csv/table';
import { mapElfRow, elfLayout, type ElfLayout } from './elf-row';
import { readJsonObjects, rejectRow, startsLikeJson, textDecoding, type TextDecoding } from './input';
import { valueText } from '../../util/value-text';

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

/** Passes events on, counting those whose user id is doubtful, for one warning per file. */
class SuspectIdCounter {
  private count = 0;
  constructor(private readonly sink: RowSink) {}
  event(event: AccessEventRow): void {
    if (event.details?.suspectUserId !== undefined) this.count++;
    this.sink.event(event);
  }
  warn(): void {
    if (this.count > 0) {
      this.sink.warn(`${this.count} row(s) have a user id with a wrong case-safe suffix or a USER_ID_DERIVED that disagrees with USER_ID; they are kept, marked details.suspectUserId.`);
    }
  }
}

/** The columns the reconstruction leans on: a file without them imports, but its events cannot be matched by them. */
function warnMissingKeyColumns(layout: ElfLayout, sink: RowSink, warned: Set<string>): void {
  const missing = [
    layout.clientIp < 0 && layout.sourceIp < 0 ? 'CLIENT_IP (no event carries an IP address, so attacker-IP scoping cannot match them)' : null,
    layout.userId < 0 && layout.userIdDerived < 0 && layout.userName < 0 ? 'USER_ID (no event names the user who acted)' : null,
    layout.timestamp < 0 && layout.timestampDerived < 0 ? 'TIMESTAMP (no event has a time)' : null,
  ].filter((m): m is string => m !== null && !warned.has(m));
  for (const m of missing) warned.add(m);
  if (missing.length > 0) sink.warn(`The file has no ${missing.join('; no ')} column.`);
}

async function parseElfCsv(input: ParseInput, sink: RowSink, decoding: TextDecoding): Promise<void> {
  const events = new SuspectIdCounter(sink);
  let layout: ElfLayout | null = null;
  const stats = await readCsvTable(
    input.open(),
    {
      onHeader(columns) {
        layout = elfLayout(columns);
        if (layout.eventType < 0) sink.warn('The header has no EVENT_TYPE column, so no row can be imported as an EventLogFile event.');
        else warnMissingKeyColumns(layout, sink, new Set());
      },
      onRow(row) {
        const mapped = layout!.eventType < 0 ? { reason: 'the file has no EVENT_TYPE column' } : mapElfRow(layout!, row.fields, row);
        if ('event' in mapped) events.event(mapped.event);
        else rejectRow(sink, row, mapped.reason, row.raw());
      },
      onReject(bad) {
        rejectRow(sink, bad, bad.reason, bad.raw);
      },
    },
    { decode: decoding.decode, signal: input.signal, onProgress: (n) => sink.progress(n) },
  );
  warnLineEndings(stats, sink, input.fileName);
  events.warn();
}

/** ELF rows as JSON objects keyed by the CSV header names (collector output, one object or JSON Lines). */
async function parseElfJson(input: ParseInput, sink: RowSink, decoding: TextDecoding): Promise<void> {
  const layouts = new Map<string, ElfLayout>();
  const warned = new Set<string>();
  const events = new SuspectIdCounter(sink);
  await readJsonObjects(input, sink, decoding, (object, place, bytes) => {
    const names: string[] = [];
    const values: string[] = [];
    for (const [name, v] of Object.entries(object)) {
      names.push(name);
      values.push(v === null || v === undefined ? '' : valueText(v));
    }
    const signature = names.join(',');
    let layout = layouts.get(signature);
    if (!layout) {
      layouts.set(signature, (layout = elfLayout(names)));
      warnMissingKeyColumns(layout, sink, warned);
    }
    const mapped = mapElfRow(layout, values, place);
    if ('event' in mapped) events.event(mapped.event);
    else rejectRow(sink, place, mapped.reason, bytes);
  });
  events.warn();
}

export const elfParser: SourceParser = {
  format: 'salesforce-elf',
  version: '2',
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
