import type { Basis } from '../contract/elements';
import type { Db } from '../store/db';
import { CURRENT_SUBJECT } from '../scope/current-events';
import { snapshotSchemaFromDb, soqlToSql } from './soql';

interface ScopedEventRow {
  id: number;
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
 * Every judgement the evidence cannot settle is written to `analysis_event_notes`.
 */
export function recordHits(db: Db, analysisId: number, consumerOf: (subjectId: number) => number): HitCounts {
  db.function('bl_consumer', { deterministic: true }, (subjectId: unknown) => consumerOf(Number(subjectId)));
  const schema = snapshotSchemaFromDb(db);
  const note = db.prepare('INSERT INTO analysis_event_notes (analysis_id, event_id, kind, note) VALUES (?, ?, ?, ?)');
  const insertHit = db.prepare('INSERT INTO analysis_hits (analysis_id, subject_id, consumer_id, event_id, basis, fields) VALUES (?, ?, ?, ?, ?, ?)');
  const exactHits = db.prepare(
    `INSERT INTO analysis_hits (analysis_id, subject_id, consumer_id, event_id, basis, fields)
     SELECT ?, s.id, bl_consumer(s.id), r.event_id, 'exact', ? FROM event_records r
     JOIN subject_records s ON s.source_id = r.record_id AND ${CURRENT_SUBJECT}
     WHERE r.event_id = ? ORDER BY s.id`,
  );
  const namedButMissing = db.prepare(
    `SELECT COUNT(*) FROM event_records r WHERE r.event_id = ? AND NOT EXISTS (
       SELECT 1 FROM subject_records s WHERE s.source_id = r.record_id AND ${CURRENT_SUBJECT})`,
  ).pluck();
  const inferredHits = db.prepare(
    `INSERT INTO analysis_hits (analysis_id, subject_id, consumer_id, event_id, basis, fields)
     SELECT ?, s.id, bl_consumer(s.id), ?, 'inferred', ? FROM subject_records s
     WHERE ${CURRENT_SUBJECT} AND s.system = 'salesforce' AND lower(s.object_type) = lower(?) ORDER BY s.id`,
  );
  const events = db
    .prepare(
      `SELECT e.id, e.ts, e.source_type, e.query, e.object_type, e.rows_processed, e.records_partial, e.request_id, e.details,
         (SELECT COUNT(*) FROM event_records r WHERE r.event_id = e.id) AS n_records
       FROM analysis_events a JOIN access_events e ON e.id = a.event_id WHERE a.analysis_id = ? ORDER BY e.id`,
    )
    .all(analysisId) as ScopedEventRow[];

  const counts: HitCounts = { exact: 0, derived: 0, inferred: 0, inferredMinimum: 0 };
  const betterEvidence = new Map<string, number>();
  for (const e of events) if (e.request_id && (e.n_records > 0 || e.query)) betterEvidence.set(e.request_id, betterEvidence.get(e.request_id) ?? e.id);

  for (const event of events) {
    const details = event.details ? (JSON.parse(event.details) as Record<string, unknown>) : {};
    const translation = event.query ? soqlToSql(event.query, { eventTime: event.ts, schema }) : null;
    const selected = translation?.supported ? translation.selectedFields : columnHeaders(details);
    const fields = JSON.stringify(selected ?? '*');

    if (event.n_records > 0) {
      counts.exact += exactHits.run(analysisId, fields, event.id).changes;
      const missing = namedButMissing.get(event.id) as number;
      if (missing > 0) note.run(analysisId, event.id, 'records-not-in-snapshot', `${missing} of ${event.n_records} record ids the event names are not in any imported export`);
      if (event.records_partial) note.run(analysisId, event.id, 'partial-record-list', `the record list is partial (${event.n_records} ids; the log reports ${event.rows_processed ?? 'more'} rows): the rest is bounded by the query or the object`);
    }

    if (translation && translation.supported) {
      if (translation.countOnly) {
        note.run(analysisId, event.id, 'count-only', 'COUNT() query: it returned a number, not records');
        continue;
      }
      const rows = db.prepare(translation.sql).all(...(translation.params as unknown[])) as Array<{ id: number }>;
      for (const row of rows) insertHit.run(analysisId, row.id, consumerOf(row.id), event.id, 'derived', fields);
      counts.derived += rows.length;
      for (const n of translation.notes) note.run(analysisId, event.id, 'query-note', n);
      if (event.rows_processed !== null && event.rows_processed !== rows.length) {
        note.run(analysisId, event.id, 'count-mismatch', `the log reports ${event.rows_processed} rows; re-evaluating the query against the snapshot returns ${rows.length}`);
      }
      continue;
    }

    const object = translation && !translation.supported ? fromObject(event.query!) ?? event.object_type : event.object_type;
    if (translation && !translation.supported) note.run(analysisId, event.id, 'query-unsupported', `query not re-evaluated: ${translation.reason}; falling back to inferred over ${object ?? 'an unknown object'}`);
    else if (event.n_records > 0 && !event.records_partial) continue;
    if (!translation && event.n_records === 0 && (event.rows_processed ?? 0) <= 0) continue;
    if (!object) {
      note.run(analysisId, event.id, 'unbounded', 'the access returned rows but names neither records, a query nor an object: it cannot be bounded');
      continue;
    }
    const sameRequest = event.request_id ? betterEvidence.get(event.request_id) : undefined;
    if (!translation && sameRequest !== undefined && sameRequest !== event.id) {
      note.run(analysisId, event.id, 'covered', `same request (${event.request_id}) as event ${sameRequest}, which names its records or query`);
      continue;
    }
    const added = inferredHits.run(analysisId, event.id, fields, object).changes;
    counts.inferred += added;
    counts.inferredMinimum = Math.max(counts.inferredMinimum, Math.min(event.rows_processed ?? 0, added));
    note.run(analysisId, event.id, 'inferred-bound', `only ${object} and a count (${event.rows_processed ?? 'unknown'}) are known: at least ${event.rows_processed ?? 0}, at most all ${added} ${object} records`);
  }
  return counts;
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

function fromObject(query: string): string | null {
  return /\bFROM\s+([A-Za-z_][A-Za-z0-9_]*)/i.exec(query)?.[1] ?? null;
}
