import type { Basis } from '../contract/elements';
import type { Db } from '../store/db';
import { CURRENT_SUBJECT } from '../scope/current-events';
import { matchesAsOf, snapshotSchemaFromDb, soqlToSql, type SoqlTranslation, type StoredMatch } from './soql';

interface ScopedEventRow {
  id: number;
  session_key: string | null;
  ts: string;
  source_type: string;
  query: string | null;
  object_type: string | null;
  rows_processed: number | null;
  records_partial: number;
  request_id: string | null;
  details: string | null;
  n_records: number;
}

/** Key prefixes of ids that name jobs, logs, reports, apps or users rather than records about people. */
const NON_RECORD_PREFIXES = ['750', '751', '0AT', '00O', '00B', '0H4', '00D', '005', '0Ya', '04F', '0Ym', '01Z'];
const USER_PREFIX = '005';
/** A user id names a record about a person (the workforce) only when the access read User records. */
const RECORD_ID = `(substr(r.record_id, 1, 3) NOT IN (${NON_RECORD_PREFIXES.map((p) => `'${p}'`).join(', ')})
  OR (substr(r.record_id, 1, 3) = '${USER_PREFIX}' AND (SELECT lower(ae.object_type) FROM access_events ae WHERE ae.id = r.event_id) = 'user'))`;
/** Within this distance, an ELF row and a real-time event of the same session and object are one access logged twice. */
const SAME_ACCESS_MS = 1000;
/** A Bulk API job's rows are read after the job completes; its result event follows within this time. */
const BULK_RESULT_WINDOW_MS = 60 * 60 * 1000;
/** Scoped events are read this many at a time, so a scope of millions of events stays within memory. */
const EVENT_BATCH = 5000;

export interface HitCounts {
  exact: number;
  derived: number;
  inferred: number;
  /** Largest row count of a single inferred access: the lower bound of the inferred set. */
  inferredMinimum: number;
}

/**
 * Turns the analysis' scoped events into hits (subject record, event, basis, fields the access could return):
 * exact for record ids an event names, derived for records a logged query returns when re-evaluated against
 * the snapshot, inferred for every record of an object when only the object and a count are known.
 * A complete record list is the answer for its event: re-evaluation only corroborates it (a disagreement is noted,
 * nothing is added). Only a partial or absent list lets re-evaluation decide, and a partial list's ids stay exact.
 * Every judgement the evidence cannot settle is written to `analysis_event_notes`.
 */
export function recordHits(db: Db, analysisId: number, consumerOf: (subjectId: number) => number, nonPersonsByObject: ReadonlyMap<string, number> = new Map()): HitCounts {
  db.function('bl_consumer', { deterministic: true }, (subjectId: unknown) => consumerOf(Number(subjectId)));
  const schema = snapshotSchemaFromDb(db);
  const note = db.prepare('INSERT INTO analysis_event_notes (analysis_id, event_id, kind, note) VALUES (?, ?, ?, ?)');
  const insertHit = db.prepare('INSERT INTO analysis_hits (analysis_id, subject_id, consumer_id, event_id, basis, fields) VALUES (?, ?, ?, ?, ?, ?)');
  const exactHits = db.prepare(
    `INSERT INTO analysis_hits (analysis_id, subject_id, consumer_id, event_id, basis, fields)
     SELECT ?, s.id, bl_consumer(s.id), r.event_id, 'exact', ? FROM event_records r
     JOIN subject_records s ON s.source_id = r.record_id AND ${CURRENT_SUBJECT}
     WHERE r.event_id = ? AND ${RECORD_ID} ORDER BY s.id`,
  );
  const listedIds = db.prepare(`SELECT DISTINCT r.record_id FROM event_records r WHERE r.event_id = ? AND ${RECORD_ID}`).pluck();
  const namedButMissing = db.prepare(
    `SELECT COUNT(*) FROM event_records r WHERE r.event_id = ? AND ${RECORD_ID} AND NOT EXISTS (
       SELECT 1 FROM subject_records s WHERE s.source_id = r.record_id AND ${CURRENT_SUBJECT})`,
  ).pluck();
  const inferredHits = db.prepare(
    `INSERT INTO analysis_hits (analysis_id, subject_id, consumer_id, event_id, basis, fields)
     SELECT ?, s.id, bl_consumer(s.id), ?, 'inferred', ? FROM subject_records s
     WHERE ${CURRENT_SUBJECT} AND s.system = 'salesforce' AND lower(s.object_type) = lower(?) ORDER BY s.id`,
  );
  const objectSize = db.prepare(
    `SELECT COUNT(*) FROM subject_records s WHERE ${CURRENT_SUBJECT} AND s.system = 'salesforce' AND lower(s.object_type) = lower(?)`,
  ).pluck();
  const nRecords = `(SELECT COUNT(*) FROM event_records r WHERE r.event_id = e.id AND ${RECORD_ID})`;
  const eventColumns = `e.id, e.ts, e.source_type, e.query, e.object_type, e.rows_processed, e.records_partial, e.request_id, e.details,
       e.session_key, ${nRecords} AS n_records`;
  // Only events that name records, carry a query or report rows can yield hits; logins and the like are skipped in SQL.
  const batch = db.prepare(
    `SELECT ${eventColumns}
     FROM analysis_events a JOIN access_events e ON e.id = a.event_id
     WHERE a.analysis_id = ? AND a.event_id > ? AND (e.query IS NOT NULL OR e.rows_processed > 0 OR ${nRecords} > 0)
     ORDER BY a.event_id LIMIT ${EVENT_BATCH}`,
  );
  const covering = coveringIndex(
    db
      .prepare(
        `SELECT ${eventColumns}
         FROM analysis_events a JOIN access_events e ON e.id = a.event_id
         WHERE a.analysis_id = ? AND (e.query IS NOT NULL OR e.details LIKE '%olumnHeaders%' OR ${nRecords} > 0)`,
      )
      .all(analysisId) as ScopedEventRow[],
  );

  // Attackers repeat queries (retries, paging tools): each distinct query is run once per analysis, and each event
  // takes from its rows the records that existed at its own time.
  const results = new Map<string, StoredMatch[]>();
  const evaluate = (translation: SoqlTranslation) => {
    const key = `${translation.sql}\u0000${JSON.stringify(translation.params)}`;
    let stored = results.get(key);
    if (!stored) {
      stored = db.prepare(translation.sql).all(...translation.params) as StoredMatch[];
      results.set(key, stored);
    }
    return matchesAsOf(translation, stored);
  };
  const counts: HitCounts = { exact: 0, derived: 0, inferred: 0, inferredMinimum: 0 };
  const bounds = new Map<string, ObjectBound>();
  let lastId = 0;
  for (let events = batch.all(analysisId, lastId) as ScopedEventRow[]; events.length > 0; events = batch.all(analysisId, lastId) as ScopedEventRow[]) {
    lastId = events[events.length - 1]!.id;
    for (const event of events) {
      const details = event.details ? (JSON.parse(event.details) as Record<string, unknown>) : {};
      const translation = event.query ? soqlToSql(event.query, { eventTime: event.ts, schema }) : null;
      const columns = columnHeaders(details);
      const selected = translation?.supported ? translation.selectedFields : columns && event.object_type ? resolveColumns(columns, schema.fieldsOf(event.object_type)) : columns;
      const fields = JSON.stringify(selected ?? '*');

      const complete = event.n_records > 0 && !event.records_partial;
      if (event.n_records > 0) {
        counts.exact += exactHits.run(analysisId, fields, event.id).changes;
        const missing = namedButMissing.get(event.id) as number;
        if (missing > 0) note.run(analysisId, event.id, 'records-not-in-snapshot', `${missing} of ${event.n_records} record ids the event names are not in any imported export`);
        if (event.records_partial) note.run(analysisId, event.id, 'partial-record-list', `the record list is partial (${event.n_records} ids; the log reports ${event.rows_processed ?? 'more'} rows): the rest is bounded by the query or the object`);
      }

      if (translation && translation.supported) {
        const listing = event.n_records === 0 ? sameQueryListed(event, covering) : null;
        if (listing) {
          note.run(analysisId, event.id, 'covered', `the same query as event ${listing.id} in the same session, whose complete record list is the answer`);
          continue;
        }
        if (translation.countOnly) {
          note.run(analysisId, event.id, 'count-only', 'COUNT() query: it returned a number, not records');
          continue;
        }
        const rows = evaluate(translation);
        for (const n of translation.notes) note.run(analysisId, event.id, 'query-note', n);
        const changed = rows.filter((row) => row.modified_after === 1);
        if (changed.length > 0) {
          note.run(analysisId, event.id, 'modified-after-event', `${changed.length} of the ${rows.length} records the query matches changed after the event, so their values then are not known (e.g. ${examples(changed.map((r) => r.source_id))})`);
        }
        if (complete) {
          // The logged list is what the query returned: re-evaluation may only corroborate it.
          const listed = new Set(listedIds.all(event.id) as string[]);
          const found = new Set(rows.map((row) => row.source_id));
          const unlisted = [...found].filter((id) => !listed.has(id));
          const unmatched = [...listed].filter((id) => !found.has(id));
          if (unlisted.length > 0 || unmatched.length > 0) {
            note.run(analysisId, event.id, 'reevaluation-disagrees', `the complete record list names ${listed.size} records and stands; re-evaluating the query returns ${found.size}: ${unlisted.length} not in the list (not counted${unlisted.length ? `, e.g. ${examples(unlisted)}` : ''}), ${unmatched.length} listed but not returned${unmatched.length ? ` (e.g. ${examples(unmatched)})` : ''}`);
          }
          continue;
        }
        const listed = event.n_records > 0 ? new Set(listedIds.all(event.id) as string[]) : null;
        let added = 0;
        for (const row of rows) {
          if (listed?.has(row.source_id)) continue;
          insertHit.run(analysisId, row.id, consumerOf(row.id), event.id, 'derived', fields);
          added++;
        }
        counts.derived += added;
        if (event.rows_processed !== null && event.rows_processed !== rows.length) {
          note.run(analysisId, event.id, 'count-mismatch', `the log reports ${event.rows_processed} rows; re-evaluating the query against the snapshot returns ${rows.length}`);
        }
        continue;
      }

      const object = translation && !translation.supported ? fromObject(event.query!) ?? event.object_type : event.object_type;
      if (complete) {
        if (translation && !translation.supported) note.run(analysisId, event.id, 'query-unsupported', `query not re-evaluated: ${translation.reason}; the complete record list stands`);
        continue;
      }
      if (translation && !translation.supported) note.run(analysisId, event.id, 'query-unsupported', `query not re-evaluated: ${translation.reason}; falling back to inferred over ${object ?? 'an unknown object'}`);
      if (!translation && event.n_records === 0 && (event.rows_processed ?? 0) <= 0) continue;
      if (!object) {
        note.run(analysisId, event.id, 'unbounded', 'the access returned rows but names neither records, a query nor an object: it cannot be bounded');
        continue;
      }
      const cover = translation ? null : coveringEvent(event, covering);
      if (cover) {
        note.run(analysisId, event.id, 'covered', `the same access as event ${cover.event.id} (${cover.why}), which names its records, query or columns`);
        continue;
      }
      const key = object.toLowerCase();
      const bound = bounds.get(key) ?? { object, firstEvent: event.id, fields: new Set<string>(), everyField: false, size: objectSize.get(object) as number };
      if (selected) for (const f of selected) bound.fields.add(f);
      else bound.everyField = true;
      bounds.set(key, bound);
      // The rows may all have been records that are not people (business accounts): only the rest must be people.
      const nonPersons = nonPersonsByObject.get(key) ?? 0;
      counts.inferredMinimum = Math.max(counts.inferredMinimum, Math.min(Math.max(0, (event.rows_processed ?? 0) - nonPersons), bound.size - nonPersons));
      note.run(analysisId, event.id, 'inferred-bound', `only ${object} and a count (${event.rows_processed ?? 'unknown'}) are known: at least ${event.rows_processed ?? 0}, at most all ${bound.size} ${object} records`);
    }
  }
  // An object's upper bound is every record of it, however many accesses point there: its hits are written once,
  // citing the first such access; each access keeps its own note.
  for (const bound of bounds.values()) {
    const fields = JSON.stringify(bound.everyField ? '*' : [...bound.fields].sort());
    counts.inferred += inferredHits.run(analysisId, bound.firstEvent, fields, bound.object).changes;
  }
  return counts;
}

const EXAMPLE_IDS = 3;

function examples(ids: readonly string[]): string {
  return [...ids].sort().slice(0, EXAMPLE_IDS).join(', ');
}

interface ObjectBound {
  object: string;
  firstEvent: number;
  fields: Set<string>;
  everyField: boolean;
  size: number;
}

interface CoveringIndex {
  byRequest: Map<string, ScopedEventRow>;
  bySession: Map<string, ScopedEventRow[]>;
  /** Events with a complete record list, by their query text (whitespace collapsed, case kept). */
  listedByQuery: Map<string, ScopedEventRow[]>;
}

/** A query logged again without records (UniqueQuery, API ELF) this close to a logging of it with records is the same access. */
const SAME_QUERY_MS = 15 * 60 * 1000;
const queryKey = (query: string): string => query.trim().replace(/\s+/g, ' ');

function coveringIndex(events: readonly ScopedEventRow[]): CoveringIndex {
  const index: CoveringIndex = { byRequest: new Map(), bySession: new Map(), listedByQuery: new Map() };
  for (const e of events) {
    if (e.query && e.n_records > 0 && !e.records_partial) {
      const list = index.listedByQuery.get(queryKey(e.query));
      if (list) list.push(e);
      else index.listedByQuery.set(queryKey(e.query), [e]);
    }
    if (e.request_id && !index.byRequest.has(e.request_id)) index.byRequest.set(e.request_id, e);
    if (!e.session_key) continue;
    const list = index.bySession.get(e.session_key);
    if (list) list.push(e);
    else index.bySession.set(e.session_key, [e]);
  }
  return index;
}

/** The event in the same session that logged this query with its complete record list, if any. */
function sameQueryListed(event: ScopedEventRow, index: CoveringIndex): ScopedEventRow | null {
  if (!event.query) return null;
  const at = Date.parse(event.ts);
  return (
    (index.listedByQuery.get(queryKey(event.query)) ?? []).find(
      (c) => c.id !== event.id && (c.session_key === null || event.session_key === null || c.session_key === event.session_key) && Math.abs(Date.parse(c.ts) - at) <= SAME_QUERY_MS,
    ) ?? null
  );
}

/** The record-, query- or column-bearing event that logged the same access as an object-and-count-only event, if any. */
function coveringEvent(event: ScopedEventRow, index: CoveringIndex): { event: ScopedEventRow; why: string } | null {
  const sameRequest = event.request_id ? index.byRequest.get(event.request_id) : undefined;
  if (sameRequest && sameRequest.id !== event.id) return { event: sameRequest, why: `request ${event.request_id}` };
  const at = Date.parse(event.ts);
  const sameAccess: ScopedEventRow[] = [];
  for (const c of (event.session_key ? index.bySession.get(event.session_key) : undefined) ?? []) {
    if (c.id === event.id || c.object_type?.toLowerCase() !== event.object_type?.toLowerCase()) continue;
    const gap = Date.parse(c.ts) - at;
    if (Math.abs(gap) <= SAME_ACCESS_MS) sameAccess.push(c);
    if (event.source_type.startsWith('elf:BulkApi') && c.source_type === 'rtem:BulkApiResultEvent' && gap >= 0 && gap <= BULK_RESULT_WINDOW_MS) {
      return { event: c, why: 'bulk job results read in the same session' };
    }
  }
  const same = sameAccess.find((c) => c.rows_processed === null || event.rows_processed === null || c.rows_processed === event.rows_processed);
  if (same) return { event: same, why: `same session and object within ${SAME_ACCESS_MS} ms` };
  // A large report export is logged in real time as several chunks whose counts add up to the one ELF row.
  const chunks = sameAccess.reduce((sum, c) => sum + (c.rows_processed ?? 0), 0);
  if (sameAccess.length > 1 && chunks === event.rows_processed) {
    return { event: sameAccess[0]!, why: `same session and object within ${SAME_ACCESS_MS} ms, logged in ${sameAccess.length} chunks of ${chunks} rows` };
  }
  return null;
}

export const BASIS_RANK: Readonly<Record<Basis, number>> = { exact: 0, derived: 1, inferred: 2 };

function columnHeaders(details: Record<string, unknown>): string[] | null {
  const raw = details.ColumnHeaders ?? details.columnHeaders ?? details.COLUMN_HEADERS;
  const labels = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string' && raw.trim()
      ? raw.trim().replace(/^\[|\]$/g, '').split(',')
      : null;
  // Report columns are labels ("Mailing Street"); the export's field names have no spaces ("MailingStreet").
  return labels ? labels.map((h) => h.replace(/[^A-Za-z0-9_]/g, '')).filter(Boolean) : null;
}

const COLUMN_SYNONYMS: Readonly<Record<string, string>> = { zip: 'postalcode', zipcode: 'postalcode', postal: 'postalcode', dob: 'birthdate', mobile: 'mobilephone' };
const ADDRESS_PREFIX = /^(mailing|person|billing|shipping|other)/;

/** Maps report columns (`FIRST_NAME`, `ZIP`, "Mailing Street") to the object's fields; unmatched columns are kept as written. */
function resolveColumns(columns: readonly string[], fields: readonly string[]): string[] {
  const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return columns.flatMap((column) => {
    const wanted = COLUMN_SYNONYMS[squash(column)] ?? squash(column);
    const exact = fields.filter((f) => squash(f) === wanted);
    if (exact.length > 0) return exact;
    const prefixed = fields.filter((f) => squash(f).replace(ADDRESS_PREFIX, '') === wanted);
    return prefixed.length > 0 ? prefixed : [column];
  });
}

function fromObject(query: string): string | null {
  return /\bFROM\s+([A-Za-z_][A-Za-z0-9_]*)/i.exec(query)?.[1] ?? null;
}
