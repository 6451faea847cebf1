/** Setup-page CSV downloads (Setup Audit Trail, Login History): small files read whole before mapping. */
import type { ParseInput, RowSink } from '../parser';
import { readCsvTable, warnLineEndings } from '../csv/table';
import type { RowPlace } from './event-row';
import { rejectRow, type TextDecoding } from './input';
import { UiDateResolver, type UiDateOptions } from './ui-dates';

export interface CollectedRow {
  fields: string[];
  place: RowPlace;
  raw: Buffer;
}

/** Normalized header label: lower case, letters and digits only (`Login Time` and `LoginTime` → `logintime`). */
export function labelKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Reads the header and all rows; unreadable and ragged rows are rejected right away. Rows are kept because the
 * day/month order of their dates can only be decided from the whole file.
 */
export async function collectCsvRows(
  input: ParseInput,
  sink: RowSink,
  decoding: TextDecoding,
): Promise<{ header: string[]; rows: CollectedRow[] }> {
  let header: string[] = [];
  const rows: CollectedRow[] = [];
  const stats = await readCsvTable(
    input.open(),
    {
      onHeader(columns) {
        header = columns;
      },
      onRow(row) {
        rows.push({ fields: row.fields, place: row, raw: row.raw() });
      },
      onReject(bad) {
        rejectRow(sink, bad, bad.reason, bad.raw);
      },
    },
    { decode: decoding.decode, signal: input.signal, onProgress: (n) => sink.progress(n) },
  );
  warnLineEndings(stats, sink, input.fileName);
  return { header, rows };
}

/** Column lookup by any of several labels (normalized with `labelKey`). */
export function columnFinder(header: readonly string[]): (...labels: string[]) => number {
  const keys = header.map(labelKey);
  return (...labels) => {
    for (const label of labels) {
      const i = keys.indexOf(labelKey(label));
      if (i >= 0) return i;
    }
    return -1;
  };
}

export function cellAt(fields: readonly string[], i: number): string | null {
  if (i < 0) return null;
  const v = fields[i]?.trim();
  return v ? v : null;
}

/**
 * The rows whose date column reads as a date, with that date in UTC and as written; the others are rejected.
 * The day/month order is decided from every row's date first, and the date warnings go to the sink at the end.
 */
export function* datedRows(
  rows: readonly CollectedRow[],
  column: number,
  label: string,
  options: UiDateOptions,
  sink: RowSink,
): Generator<{ row: CollectedRow; iso: string; text: string }> {
  const dates = new UiDateResolver(rows.map((r) => cellAt(r.fields, column) ?? ''), options);
  for (const row of rows) {
    const text = cellAt(row.fields, column);
    if (text === null) {
      rejectRow(sink, row.place, `${label} is empty`, row.raw);
      continue;
    }
    const parsed = dates.parse(text);
    if ('error' in parsed) rejectRow(sink, row.place, parsed.error, row.raw);
    else yield { row, iso: parsed.iso, text };
  }
  for (const warning of dates.warnings()) sink.warn(warning);
}
