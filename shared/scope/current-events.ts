/**
 * The events that count: rows of each evidence file's newest import, without the copies of an event that
 * overlapping files (daily and hourly) repeat. Use as `FROM access_events e WHERE ${CURRENT_EVENT}`.
 */
export const CURRENT_EVENT = 'e.import_id IN (SELECT id FROM current_imports) AND e.duplicate_of IS NULL';

/** Subject records of each evidence file's newest import. Use as `FROM subject_records s WHERE ${CURRENT_SUBJECT}`. */
export const CURRENT_SUBJECT = 's.import_id IN (SELECT id FROM current_imports)';
