import type { EventPage, EventView, HistogramBucket, PeoplePage, PersonView } from '../contract/api';
import type { Db } from '../store/db';
import { CURRENT_EVENT, CURRENT_SUBJECT } from '../scope/current-events';
import { splitWindow } from '../scope/event-rollups';

interface EventRow {
  id: number;
  evidence_id: number;
  record_no: number;
  line_no: number | null;
  byte_offset: number;
  source_type: string;
  ts: string;
  actor_id: string | null;
  username: string | null;
  client_ip: string | null;
  source_ip: string | null;
  user_agent: string | null;
  app: string | null;
  client: string | null;
  operation: string | null;
  object_type: string | null;
  query: string | null;
  rows_processed: number | null;
  session_key: string | null;
  login_key: string | null;
  uri: string | null;
  status: string | null;
  entry: string | null;
  records: number;
  duplicates: number;
  sha256: string;
}

export function listEvents(db: Db, filter: { type?: string | null; limit: number; offset: number }): EventPage {
  const where = `${CURRENT_EVENT}${filter.type ? ' AND (e.source_type = @type OR e.source_type LIKE @typeSuffix)' : ''}`;
  const params = { type: filter.type ?? null, typeSuffix: `%:${filter.type ?? ''}`, limit: filter.limit, offset: filter.offset };
  const total = db.prepare(`SELECT COUNT(*) FROM access_events e WHERE ${where}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT e.*, ev.sha256, (SELECT COUNT(*) FROM event_records r WHERE r.event_id = e.id) AS records,
         (SELECT COUNT(*) FROM access_events d WHERE d.duplicate_of = e.id) AS duplicates
       FROM access_events e JOIN evidence ev ON ev.id = e.evidence_id
       WHERE ${where} ORDER BY e.ts, e.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as EventRow[];
  const types = db.prepare(`SELECT e.source_type AS type, COUNT(*) AS n FROM access_events e WHERE ${CURRENT_EVENT} GROUP BY 1 ORDER BY 1`).all() as Array<{ type: string; n: number }>;
  return { total, byType: Object.fromEntries(types.map((t) => [t.type, t.n])), events: rows.map(toEventView) };
}

function toEventView(r: EventRow): EventView {
  return {
    id: r.id,
    ts: r.ts,
    sourceType: r.source_type,
    actorId: r.actor_id,
    username: r.username,
    clientIp: r.client_ip,
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    app: r.app,
    client: r.client,
    operation: r.operation,
    objectType: r.object_type,
    query: r.query,
    rowsProcessed: r.rows_processed,
    sessionKey: r.session_key,
    loginKey: r.login_key,
    uri: r.uri,
    status: r.status,
    recordIds: r.records,
    duplicates: r.duplicates,
    provenance: { evidenceId: r.evidence_id, sha256: r.sha256, entry: r.entry, recordNo: r.record_no, lineNo: r.line_no, byteOffset: r.byte_offset },
  };
}

interface PersonRow {
  id: number;
  evidence_id: number;
  entry: string | null;
  record_no: number;
  line_no: number | null;
  byte_offset: number;
  system: string;
  object_type: string;
  source_id: string | null;
  full_name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  sha256: string;
  regions: string | null;
}

export function listPeople(db: Db, filter: { limit: number; offset: number }): PeoplePage {
  const total = db.prepare(`SELECT COUNT(*) FROM subject_records s WHERE ${CURRENT_SUBJECT}`).pluck().get() as number;
  const rows = db
    .prepare(
      `SELECT s.id, s.evidence_id, s.entry, s.record_no, s.line_no, s.byte_offset, s.system, s.object_type, s.source_id, s.full_name,
         s.first_name, s.last_name, s.email, s.phone, s.birth_date, ev.sha256,
         (SELECT group_concat(COALESCE(a.region, a.country), ' ') FROM subject_addresses a WHERE a.subject_id = s.id) AS regions
       FROM subject_records s JOIN evidence ev ON ev.id = s.evidence_id
       WHERE ${CURRENT_SUBJECT} ORDER BY s.id LIMIT ? OFFSET ?`,
    )
    .all(filter.limit, filter.offset) as PersonRow[];
  return { total, people: rows.map(toPersonView) };
}

function toPersonView(r: PersonRow): PersonView {
  return {
    id: r.id,
    system: r.system,
    objectType: r.object_type,
    sourceId: r.source_id,
    name: r.full_name ?? ([r.first_name, r.last_name].filter(Boolean).join(' ') || null),
    email: r.email,
    phone: r.phone,
    birthDate: r.birth_date,
    regions: r.regions ? [...new Set(r.regions.split(' '))] : [],
    provenance: { evidenceId: r.evidence_id, sha256: r.sha256, entry: r.entry, recordNo: r.record_no, lineNo: r.line_no, byteOffset: r.byte_offset },
  };
}

/** Events per hour or day, from the per-hour rollups; only the partial hours at the window's edges are read from the events. */
export function eventHistogram(db: Db, bucket: 'hour' | 'day', window: { from: string; to: string } | null): HistogramBucket[] {
  const prefix = bucket === 'hour' ? 13 : 10;
  const suffix = bucket === 'hour' ? ':00:00.000Z' : 'T00:00:00.000Z';
  const { wholeFrom, wholeTo } = window ? splitWindow(window, 'hour') : { wholeFrom: '0000', wholeTo: '9999' };
  const edge = (range: string) =>
    `SELECT substr(e.ts, 1, ${prefix}) AS slot, e.source_type AS type, 1 AS events, COALESCE(e.rows_processed, 0) AS rows
     FROM access_events e WHERE ${CURRENT_EVENT} AND ${range}`;
  const rows = db
    .prepare(
      `SELECT slot, type, SUM(events) AS events, SUM(rows) AS rowsProcessed FROM (
         SELECT substr(r.hour, 1, ${prefix}) AS slot, r.source_type AS type, r.events AS events, r.rows_processed AS rows
         FROM event_hour_types r WHERE r.hour >= @wholeFrom AND r.hour < @wholeTo AND r.import_id IN (SELECT id FROM current_imports)
         UNION ALL ${edge('e.ts >= @from AND e.ts < @wholeFrom')}
         UNION ALL ${edge('e.ts >= @wholeTo AND e.ts <= @to')}
       ) GROUP BY slot, type ORDER BY slot, type`,
    )
    .all({ from: window?.from ?? '0000', to: window?.to ?? '9999', wholeFrom, wholeTo }) as Array<{ slot: string; type: string; events: number; rowsProcessed: number }>;
  const buckets = new Map<string, HistogramBucket>();
  for (const r of rows) {
    const b = buckets.get(r.slot) ?? { start: `${r.slot}${suffix}`, events: 0, rowsProcessed: 0, byType: {} };
    b.events += r.events;
    b.rowsProcessed += r.rowsProcessed;
    b.byType[r.type] = r.events;
    buckets.set(r.slot, b);
  }
  return [...buckets.values()];
}
