/** What the translator needs to know about the CRM snapshot: which objects and fields exist, and their case. */

export interface SnapshotSchema {
  objectTypes(): readonly string[];
  fieldsOf(objectType: string): readonly string[];
  /** True when every non-empty value of the field looks like a number, so ORDER BY sorts it numerically. */
  isNumericField(objectType: string, field: string): boolean;
}

/** The slice of a better-sqlite3 (or compatible) connection this module uses. */
export interface SqlReader {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

import { CURRENT_SUBJECT } from '../../scope/current-events';
import { SAMPLE_RECORDS } from '../classify/fieldSamples';

export const OBJECT_TYPES_SQL = `SELECT DISTINCT object_type FROM subject_records s WHERE ${CURRENT_SUBJECT} ORDER BY object_type`;

/** Every field key of one object type (from its first SAMPLE_RECORDS records: an export's rows share columns), with how many values are filled and how many of those are not numbers. */
export const FIELD_PROFILE_SQL = `
SELECT j.key AS field,
  SUM(CASE WHEN j.value IS NULL OR j.value = '' THEN 0 ELSE 1 END) AS filled,
  SUM(CASE WHEN j.value IS NULL OR j.value = '' THEN 0
           WHEN ltrim(j.value, '-') NOT GLOB '*[^0-9.]*' AND ltrim(j.value, '-') GLOB '*[0-9]*'
                AND j.value NOT GLOB '*.*.*' THEN 0
           ELSE 1 END) AS non_numeric
FROM (SELECT fields FROM subject_records s WHERE object_type = ? AND ${CURRENT_SUBJECT}
      ORDER BY id LIMIT ${SAMPLE_RECORDS}) s, json_each(s.fields) j
GROUP BY j.key
ORDER BY j.key`;

interface FieldProfileRow {
  field: string;
  filled: number;
  non_numeric: number;
}

/** Reads the schema from the evidence store, scanning each object type at most once. */
export function snapshotSchemaFromDb(db: SqlReader): SnapshotSchema {
  let objectTypes: readonly string[] | null = null;
  const profiles = new Map<string, { fields: readonly string[]; numeric: ReadonlySet<string> }>();
  const profile = (objectType: string) => {
    let found = profiles.get(objectType);
    if (!found) {
      const rows = db.prepare(FIELD_PROFILE_SQL).all(objectType) as FieldProfileRow[];
      found = {
        fields: rows.map((row) => row.field),
        numeric: new Set(rows.filter((row) => row.filled > 0 && row.non_numeric === 0).map((row) => row.field)),
      };
      profiles.set(objectType, found);
    }
    return found;
  };
  return {
    objectTypes() {
      objectTypes ??= (db.prepare(OBJECT_TYPES_SQL).all() as { object_type: string }[]).map((row) => row.object_type);
      return objectTypes;
    },
    fieldsOf: (objectType) => profile(objectType).fields,
    isNumericField: (objectType, field) => profile(objectType).numeric.has(field),
  };
}

export type NameResolution =
  | { readonly found: true; readonly name: string }
  | { readonly found: false; readonly ambiguous: readonly string[] };

/** SOQL names are case-insensitive: an exact match wins, then a single case-insensitive one. */
export function resolveName(wanted: string, actual: readonly string[]): NameResolution {
  if (actual.includes(wanted)) return { found: true, name: wanted };
  const lower = wanted.toLowerCase();
  const matches = actual.filter((name) => name.toLowerCase() === lower);
  if (matches.length === 1) return { found: true, name: matches[0]! };
  return { found: false, ambiguous: matches };
}
