/** Draws per-field value samples from the evidence store so each (object, field) is classified once, in SQL. */
import { CURRENT_SUBJECT } from '../../scope/current-events';
import type { SqlReader } from '../soql/snapshotSchema';
import type { FieldClassification } from './classifyField';
import { classifyField } from './classifyField';

/** Records read per object to sample values from: exports have the same columns on every row, so a prefix suffices. */
export const SAMPLE_RECORDS = 20_000;

/**
 * The first `?` filled values of every field of one object type among its first SAMPLE_RECORDS records, by record
 * id (deterministic); empty fields still listed.
 */
export const FIELD_SAMPLES_SQL = `
SELECT field, value FROM (
  SELECT j.key AS field, j.value AS value,
    ROW_NUMBER() OVER (PARTITION BY j.key ORDER BY (j.value IS NULL OR j.value = ''), s.id) AS n
  FROM (SELECT id, fields FROM subject_records s
        WHERE object_type = ? AND ${CURRENT_SUBJECT} ORDER BY id LIMIT ${SAMPLE_RECORDS}) s,
    json_each(s.fields) j
) WHERE n <= ?
ORDER BY field, n`;

export function fieldSamplesFromDb(db: SqlReader, objectType: string, perField: number): Map<string, string[]> {
  const samples = new Map<string, string[]>();
  for (const row of db.prepare(FIELD_SAMPLES_SQL).all(objectType, perField) as { field: string; value: string | number | bigint | Buffer | null }[]) {
    const values = samples.get(row.field) ?? [];
    if (row.value !== null && row.value !== '') values.push(String(row.value));
    samples.set(row.field, values);
  }
  return samples;
}

export function classifyObjectFields(objectType: string, samples: ReadonlyMap<string, readonly string[]>): FieldClassification[] {
  return [...samples].map(([field, values]) => ({ objectType, field, ...classifyField(objectType, field, values) }));
}
