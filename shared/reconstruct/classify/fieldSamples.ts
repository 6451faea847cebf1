/** Draws per-field value samples from the evidence store so each (object, field) is classified once. */
import { CURRENT_SUBJECT } from '../../scope/current-events';
import type { FieldClassification } from './classifyField';
import { classifyField } from './classifyField';

/** Records read per object to sample values from: exports have the same columns on every row, so a prefix suffices. */
export const SAMPLE_RECORDS = 20_000;

/** What the sampling reads through: one record at a time, so 20,000 records are never held at once. */
interface RowReader {
  prepare(sql: string): { pluck(): { iterate(...params: unknown[]): IterableIterator<unknown> } };
}

/** The records sampled for one object type: its first SAMPLE_RECORDS current records, by id (deterministic). */
const SAMPLE_SOURCE_SQL = `SELECT fields FROM subject_records s WHERE object_type = ? AND ${CURRENT_SUBJECT} ORDER BY id LIMIT ${SAMPLE_RECORDS}`;

/**
 * The first `perField` filled values of every field of one object type among its first SAMPLE_RECORDS records, by
 * record id; empty fields still listed; fields in SQLite's order (binary). Values read as SQLite's `json_each` gives
 * them (true and false as 1 and 0, objects and arrays as JSON text). Collected here rather than by a window over
 * `json_each`, which sorted every value of every record (a million rows for the demo's orders) to keep 200 a field.
 */
export function fieldSamplesFromDb(db: RowReader, objectType: string, perField: number): Map<string, string[]> {
  const samples = new Map<string, string[]>();
  for (const fields of db.prepare(SAMPLE_SOURCE_SQL).pluck().iterate(objectType) as IterableIterator<string>) {
    for (const [field, value] of jsonEach(JSON.parse(fields) as unknown)) {
      let values = samples.get(field);
      if (!values) samples.set(field, (values = []));
      const text = sampleText(value);
      if (text !== null && values.length < perField) values.push(text);
    }
  }
  return new Map([...samples].sort(([a], [b]) => compareKeys(a, b)));
}

/** A record's fields as `json_each` lists them (an importer always stores an object). */
function jsonEach(document: unknown): Array<[string, unknown]> {
  return document !== null && typeof document === 'object' ? Object.entries(document) : [];
}

/** A value as `json_each` returns it, in text; null when empty (SQL NULL or ''). */
function sampleText(value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** SQLite's ORDER BY for text: by its UTF-8 bytes. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function classifyObjectFields(objectType: string, samples: ReadonlyMap<string, readonly string[]>): FieldClassification[] {
  return [...samples].map(([field, values]) => ({ objectType, field, ...classifyField(objectType, field, values) }));
}
