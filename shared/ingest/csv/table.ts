/**
 * A CSV file with a header row: maps columns by name and rejects ragged rows.
 *   await readCsvTable(stream, { onHeader, onRow, onReject }, options)
 * The first readable record is the header (`onHeader`); `onRow` gets data rows whose field count matches it,
 * numbered from 1 after the header; ragged rows, the header repeated mid-file and unreadable records go to
 * `onReject` with their bytes.
 */
import type { Readable } from 'node:stream';
import { CsvReader, readCsv, type CsvOptions, type CsvReadStats } from './reader';

export interface CsvRow {
  fields: string[];
  /** 1-based data record number (the header is not counted). */
  recordNo: number;
  lineNo: number;
  byteOffset: number;
  byteLength: number;
  /** Copies the row's bytes; call only inside `onRow`. */
  raw: () => Buffer;
}

export interface CsvTableReject {
  recordNo: number | null;
  lineNo: number;
  byteOffset: number;
  byteLength: number;
  reason: string;
  raw: Buffer;
}

export interface CsvTableHandlers {
  onHeader(columns: string[]): void;
  onRow(row: CsvRow): void;
  onReject(reject: CsvTableReject): void;
}

export function readCsvTable(
  stream: Readable,
  handlers: CsvTableHandlers,
  options: CsvOptions & { signal?: AbortSignal; onProgress?: (bytesRead: number) => void } = {},
): Promise<CsvReadStats> {
  let headerRecordNo = 0;
  let width = 0;
  let header: string[] = [];
  return readCsv(
    stream,
    {
      onRecord(rec, raw) {
        if (headerRecordNo === 0) {
          headerRecordNo = rec.recordNo;
          width = rec.fields.length;
          header = rec.fields;
          handlers.onHeader(rec.fields);
          return;
        }
        const recordNo = rec.recordNo - headerRecordNo;
        if (rec.fields.length === width && rec.fields.every((field, i) => field === header[i])) {
          handlers.onReject({
            recordNo,
            lineNo: rec.lineNo,
            byteOffset: rec.byteOffset,
            byteLength: rec.byteLength,
            reason: 'the header line repeated mid-file (files joined together?); it is not a data row',
            raw: raw(),
          });
          return;
        }
        if (rec.fields.length !== width) {
          handlers.onReject({
            recordNo,
            lineNo: rec.lineNo,
            byteOffset: rec.byteOffset,
            byteLength: rec.byteLength,
            reason: `row has ${rec.fields.length} fields but the header has ${width}`,
            raw: raw(),
          });
          return;
        }
        handlers.onRow({
          fields: rec.fields,
          recordNo,
          lineNo: rec.lineNo,
          byteOffset: rec.byteOffset,
          byteLength: rec.byteLength,
          raw,
        });
      },
      onBad(bad) {
        handlers.onReject({ ...bad, recordNo: headerRecordNo === 0 ? null : bad.recordNo - headerRecordNo });
      },
    },
    options,
  );
}

/** Passes a file's suspicious line endings (mixed, lone CRs) on as an import warning naming the file. */
export function warnLineEndings(stats: CsvReadStats, sink: { warn(message: string): void }, fileName: string): void {
  if (stats.lineEndingWarning) sink.warn(`${fileName}: ${stats.lineEndingWarning}.`);
}

/** Column name → index; the first occurrence wins when a name repeats. */
export function columnIndex(columns: readonly string[], normalize: (name: string) => string = (n) => n): Map<string, number> {
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    const key = normalize(name.trim());
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/** The header fields of a CSV sample (first record of `head`), or null when none can be read. */
export function sniffCsvHeader(head: Buffer, options: CsvOptions = {}): string[] | null {
  let header: string[] | null = null;
  const reader = new CsvReader(
    {
      onRecord(rec) {
        header ??= rec.fields;
      },
      onBad() {},
    },
    { ...options, decode: (bytes) => bytes.toString('utf8') },
  );
  const lf = head.indexOf(0x0a);
  reader.push(lf === -1 ? head : head.subarray(0, lf + 1));
  reader.end();
  return header;
}
