import { Readable } from 'node:stream';
import { decodeUtf8Strict, readCsv, type CsvDelimiter } from '../csv/reader';
import { warnLineEndings } from '../csv/table';
import { isUtf16, RecordDecoder, transcodeUtf16, Utf16Offsets } from '../encoding';
import type { EncodingName, Provenance, RowSink } from '../parser';

export interface TableRow {
  /** Header → value. Duplicate header names get ` (2)`, ` (3)`, … */
  fields: Record<string, string>;
  provenance: Provenance;
  /** The record's bytes as they are in the file. */
  raw: () => Buffer;
}

export interface TableSource {
  open: () => Readable;
  /** First bytes of the file or entry, for encoding and delimiter detection. */
  head: Buffer;
  entry: string | null;
  /** The evidence file's name; warnings name the entry instead when there is one. */
  fileName: string;
  encoding?: EncodingName;
  delimiter?: CsvDelimiter;
  signal?: AbortSignal;
  /** Reports bytes read of the plain file (not of an archive entry). */
  onProgress?: (bytesRead: number) => void;
}

export interface TableResult {
  header: string[];
  encoding: EncodingName;
  encodingGuessed: boolean;
}

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/** The delimiter that occurs most often, outside quotes, in the first line. */
function sniffDelimiter(firstLine: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of firstLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c as CsvDelimiter)) counts.set(c as CsvDelimiter, (counts.get(c as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** The decoded first line of a head (for detection), BOM removed. */
function headerLine(head: Buffer): string {
  const decoder = new RecordDecoder(head);
  let bytes = head.subarray(decoder.bomLength);
  if (isUtf16(decoder.encoding)) {
    const text = new TextDecoder(decoder.encoding).decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    return text.split(/\r?\n/, 1)[0] ?? '';
  }
  const lf = bytes.indexOf(0x0a);
  if (lf !== -1) bytes = bytes.subarray(0, lf);
  return bytes.toString('latin1').replace(/\r$/, '');
}

/** Header names of a head, unquoted and trimmed. */
export function headerNames(head: Buffer): string[] {
  const line = headerLine(head);
  const delimiter = sniffDelimiter(line);
  return line.split(delimiter).map((name) => name.trim().replace(/^"(.*)"$/, '$1').trim());
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw) => {
    const name = raw.replace(/^\ufeff/, '').trim();
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/**
 * Reads a CSV with a header row through the shared CSV reader and hands over each data row as header → value.
 * Rows the reader cannot read, rows whose field count differs from the header (beyond empty trailing fields)
 * and rows without any value are rejected with their bytes. A guessed encoding is reported with `sink.warn`.
 */
export async function readTable(source: TableSource, sink: RowSink, onRow: (row: TableRow) => void): Promise<TableResult> {
  const decoder = new RecordDecoder(source.head, source.encoding);
  const utf16 = isUtf16(decoder.encoding) ? decoder.encoding : null;
  const offsets = utf16 ? new Utf16Offsets(decoder.bomLength, utf16) : null;
  const delimiter = source.delimiter ?? sniffDelimiter(headerLine(source.head));
  const stream = utf16 ? Readable.from(transcodeUtf16(source.open(), utf16, decoder.bomLength)) : source.open();
  let header: string[] | null = null;
  let headerFields: string[] = [];
  let firstRecordNo = 0;
  const locate = (byteOffset: number, byteLength: number, raw: () => Buffer): { byteOffset: number; byteLength: number; raw: () => Buffer } => {
    if (!offsets) return { byteOffset, byteLength, raw };
    const mapped = offsets.map(byteOffset, raw());
    return { byteOffset: mapped.byteOffset, byteLength: mapped.byteLength, raw: () => mapped.raw };
  };
  const reject = (recordNo: number | null, lineNo: number, at: { byteOffset: number; byteLength: number; raw: () => Buffer }, reason: string): void =>
    sink.reject({ entry: source.entry, recordNo, lineNo, byteOffset: at.byteOffset, byteLength: at.byteLength, reason, raw: at.raw() });

  const stats = await readCsv(
    stream,
    {
      onRecord(record, raw) {
        const at = locate(record.byteOffset, record.byteLength, raw);
        if (header === null) {
          header = uniqueNames(record.fields);
          headerFields = record.fields;
          firstRecordNo = record.recordNo;
          return;
        }
        const recordNo = record.recordNo - firstRecordNo;
        const values = record.fields;
        if (values.length === headerFields.length && values.every((v, i) => v === headerFields[i])) {
          reject(recordNo, record.lineNo, at, 'The header line repeated mid-file (files joined together?); it is not a data row.');
          return;
        }
        const extra = values.slice(header.length);
        if (values.length < header.length || extra.some((v) => v.trim() !== '')) {
          reject(recordNo, record.lineNo, at, `The row has ${values.length} fields but the header has ${header.length}.`);
          return;
        }
        if (values.every((v) => v.trim() === '')) {
          reject(recordNo, record.lineNo, at, 'The row has no values.');
          return;
        }
        const fields: Record<string, string> = {};
        header.forEach((name, i) => (fields[name] = values[i] ?? ''));
        onRow({
          fields,
          provenance: { recordNo, lineNo: record.lineNo, byteOffset: at.byteOffset, byteLength: at.byteLength, entry: source.entry },
          raw: at.raw,
        });
      },
      onBad(bad) {
        const at = locate(bad.byteOffset, bad.byteLength, () => bad.raw);
        const reason = bad.reason.charAt(0).toUpperCase() + bad.reason.slice(1);
        reject(header === null ? null : bad.recordNo - firstRecordNo, bad.lineNo, at, `${reason.replace(/\.$/, '')}.`);
      },
    },
    { delimiter, decode: utf16 ? decodeUtf8Strict : decoder.decode, signal: source.signal, onProgress: source.onProgress },
  );
  warnLineEndings(stats, sink, source.entry ?? source.fileName);
  if (decoder.encodingGuessed) {
    sink.warn(`${source.entry ?? source.fileName}: the text encoding could not be decided without doubt; decoded as ${decoder.encoding}.`);
  }
  return { header: header ?? [], encoding: decoder.encoding, encodingGuessed: decoder.encodingGuessed };
}
