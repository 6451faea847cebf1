/**
 * The events that count: rows of each evidence file's newest import, without the copies of an event that
 * overlapping files (daily and hourly) repeat. `alias` is the query's name for `access_events`.
 */
export function currentEvent(alias: string): string {
  return `${alias}.import_id IN (SELECT id FROM current_imports) AND ${alias}.duplicate_of IS NULL`;
}

/** Subject records of each evidence file's newest import. `alias` is the query's name for `subject_records`. */
export function currentSubject(alias: string): string {
  return `${alias}.import_id IN (SELECT id FROM current_imports)`;
}

/** Use as `FROM access_events e WHERE ${CURRENT_EVENT}`. */
export const CURRENT_EVENT = currentEvent('e');

/** Use as `FROM subject_records s WHERE ${CURRENT_SUBJECT}`. */
export const CURRENT_SUBJECT = currentSubject('s');
