import { describe, expect, it } from 'vitest';
import { fieldSamplesFromDb } from '../../../../shared/reconstruct/classify';
import { openSnapshotDb, type Fields, type GeneratedRecord } from '../soql/snapshotDb';

/** SQLite's own reading of the samples (`json_each`, ordered by a window), which the sampler must reproduce. */
const REFERENCE_SQL = `
SELECT field, value FROM (
  SELECT j.key AS field, j.value AS value,
    ROW_NUMBER() OVER (PARTITION BY j.key ORDER BY (j.value IS NULL OR j.value = ''), s.id) AS n
  FROM (SELECT id, fields FROM subject_records s WHERE object_type = ? ORDER BY id) s, json_each(s.fields) j
) WHERE n <= ?
ORDER BY field, n`;

const record = (id: number, fields: Record<string, unknown>): GeneratedRecord => ({ id, objectType: 'customer', sourceId: `c${id}`, fields: fields as Fields });

describe('fieldSamplesFromDb', () => {
  it('gives each field its first filled values by record id, in SQLite json_each text and field order', () => {
    const records = [
      record(3, { b: 'late', Zeta: 1.5, 'é': 'accent', tags: ['x', 1, { y: null }] }),
      record(1, { b: '', Zeta: 7, a: true, nested: { k: 'v', n: 12 }, 'é': null }),
      record(2, { b: 'first', Zeta: 0, a: false, nested: null, Z: 'upper', big: 12345678901234567890, tiny: 1e-7 }),
      record(4, { b: 'fourth', a: 'text', nested: { k: "quote's" } }),
    ];
    const snapshot = openSnapshotDb(records);
    try {
      for (const perField of [1, 2, 10]) {
        const expected = new Map<string, string[]>();
        for (const row of snapshot.db.prepare(REFERENCE_SQL).all('customer', perField) as Array<{ field: string; value: string | number | null }>) {
          const values = expected.get(row.field) ?? [];
          if (row.value !== null && row.value !== '') values.push(String(row.value));
          expected.set(row.field, values);
        }
        expect([...fieldSamplesFromDb(snapshot.db, 'customer', perField)]).toEqual([...expected]);
      }
      expect(fieldSamplesFromDb(snapshot.db, 'customer', 2).get('a')).toEqual(['1', '0']);
      expect(fieldSamplesFromDb(snapshot.db, 'customer', 2).get('b')).toEqual(['first', 'late']);
    } finally {
      snapshot.close();
    }
  });
});
