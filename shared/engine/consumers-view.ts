import type { Basis, ElementCode } from '../contract/elements';
import type { ConsumerPage, ConsumerQuery, ConsumerView, Explanation } from '../contract/api';
import { LedgerError } from '../contract/errors';
import type { CaseHandle } from '../store/case-folder';
import { readVaultRange } from '../store/vault';
import { latestAnalysis } from '../assess/assessment-input';

const SOURCE_TEXT_LIMIT = 4096;

export interface ConsumerRow {
  consumer_id: number;
  basis: Basis;
  region: string;
  regions: string;
  elements: string;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  records: number;
}

/** `CA`, `ca` and `US-CA` all mean California; `non-US` and `unknown` are buckets. */
export function normalizeStateFilter(state: string): string {
  const trimmed = state.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return `US-${trimmed.toUpperCase()}`;
  if (/^us-[a-z]{2}$/i.test(trimmed)) return trimmed.toUpperCase();
  if (trimmed.toLowerCase() === 'non-us') return 'non-US';
  return trimmed.toLowerCase() === 'unknown' ? 'unknown' : trimmed;
}

export function listConsumers(handle: CaseHandle, query: ConsumerQuery): ConsumerPage {
  const analysis = latestAnalysis(handle, query.analysisId ?? null);
  const { where, params: filter } = consumerFilter(analysis.id, query);
  const params: Record<string, unknown> = { ...filter, limit: query.limit ?? 100, offset: query.offset ?? 0 };
  const total = handle.db.prepare(`SELECT COUNT(*) FROM analysis_consumers c WHERE ${where}`).pluck().get(params) as number;
  const rows = handle.db.prepare(`SELECT c.* FROM analysis_consumers c WHERE ${where} ORDER BY c.consumer_id LIMIT @limit OFFSET @offset`).all(params) as ConsumerRow[];
  return { analysis: analysis.id, total, consumers: rows.map(toConsumerView) };
}

/** The WHERE clause (over `analysis_consumers c`) and parameters of a consumer filter: the list and its CSV export share it. */
export function consumerFilter(analysisId: number, query: Pick<ConsumerQuery, 'state' | 'basis' | 'element' | 'search'>): { where: string; params: Record<string, unknown> } {
  const conditions = ['c.analysis_id = @analysis'];
  const params: Record<string, unknown> = { analysis: analysisId };
  if (query.state) {
    params.state = normalizeStateFilter(query.state);
    conditions.push(`(c.region = @state OR EXISTS (SELECT 1 FROM json_each(c.regions, '$.countedIn') j WHERE j.value = @state))`);
  }
  if (query.basis) {
    params.basis = query.basis;
    conditions.push('c.basis = @basis');
  }
  if (query.element) {
    params.element = `$.${query.element}`;
    conditions.push('json_extract(c.elements, @element) IS NOT NULL');
  }
  if (query.search) {
    params.search = `%${query.search.toLowerCase()}%`;
    conditions.push('(lower(c.full_name) LIKE @search OR lower(c.email) LIKE @search)');
  }
  return { where: conditions.join(' AND '), params };
}

export function toConsumerView(r: ConsumerRow): ConsumerView {
  const regions = JSON.parse(r.regions) as { countedIn: string[] };
  const elements = JSON.parse(r.elements) as Record<ElementCode, Basis>;
  return {
    id: r.consumer_id,
    name: r.full_name,
    email: r.email,
    phone: r.phone,
    state: r.region,
    countedIn: regions.countedIn,
    basis: r.basis,
    elements: Object.entries(elements).map(([element, basis]) => ({ element: element as ElementCode, basis })),
    records: r.records,
  };
}

/** Walks one consumer back to the records, accesses, log lines, evidence files and hashes behind it. */
export async function explainConsumer(handle: CaseHandle, consumerId: number, analysisId?: number | null): Promise<Explanation> {
  const db = handle.db;
  const analysis = latestAnalysis(handle, analysisId ?? null);
  const row = db.prepare('SELECT * FROM analysis_consumers WHERE analysis_id = ? AND consumer_id = ?').get(analysis.id, consumerId) as ConsumerRow | undefined;
  if (!row) throw new LedgerError('NOT_FOUND', `Consumer ${consumerId} is not among the affected consumers of analysis ${analysis.id}.`);
  const residency = JSON.parse(row.regions) as Explanation['residency'];
  const records = db
    .prepare(
      `SELECT r.subject_id AS subjectId, r.reason, s.system, s.object_type AS objectType, s.source_id AS sourceId, s.entry,
         s.record_no AS recordNo, s.line_no AS lineNo, s.byte_offset AS byteOffset, s.byte_length AS byteLength,
         ev.id AS evidenceId, ev.original_name AS evidenceName, ev.sha256
       FROM analysis_consumer_records r JOIN subject_records s ON s.id = r.subject_id JOIN evidence ev ON ev.id = s.evidence_id
       WHERE r.analysis_id = ? AND r.consumer_id = ? ORDER BY r.subject_id`,
    )
    .all(analysis.id, consumerId) as Array<SourceRow & { subjectId: number; reason: string; system: string; objectType: string; sourceId: string | null }>;
  const accesses = db
    .prepare(
      `SELECT h.event_id AS eventId, h.subject_id AS subjectId, h.basis, h.fields, e.ts, e.source_type AS sourceType,
         COALESCE(e.username, e.actor_id) AS actor, COALESCE(e.source_ip, e.client_ip) AS ip, e.app, e.query, a.reason AS inScopeBecause,
         e.entry, e.record_no AS recordNo, e.line_no AS lineNo, e.byte_offset AS byteOffset, e.byte_length AS byteLength,
         ev.id AS evidenceId, ev.original_name AS evidenceName, ev.sha256,
         (SELECT json_group_array(n.note) FROM analysis_event_notes n WHERE n.analysis_id = h.analysis_id AND n.event_id = h.event_id) AS notes
       FROM analysis_hits h JOIN access_events e ON e.id = h.event_id JOIN evidence ev ON ev.id = e.evidence_id
       JOIN analysis_events a ON a.analysis_id = h.analysis_id AND a.event_id = h.event_id
       WHERE h.analysis_id = ? AND h.consumer_id = ? ORDER BY e.ts, h.event_id, h.subject_id`,
    )
    .all(analysis.id, consumerId) as Array<
    SourceRow & { eventId: number; subjectId: number; basis: Basis; fields: string; ts: string; sourceType: string; actor: string | null; ip: string | null; app: string | null; query: string | null; inScopeBecause: string; notes: string }
  >;
  const elements = db
    .prepare('SELECT element, basis, subject_id AS subjectId, field, event_id AS eventId FROM analysis_consumer_elements WHERE analysis_id = ? AND consumer_id = ? ORDER BY element')
    .all(analysis.id, consumerId) as Explanation['elements'];
  return {
    analysis: analysis.id,
    consumer: toConsumerView(row),
    residency,
    records: await Promise.all(
      records.map(async (r) => ({
        subjectId: r.subjectId,
        system: r.system,
        objectType: r.objectType,
        sourceId: r.sourceId,
        joinedBecause: r.reason,
        source: await sourceOf(handle, r),
      })),
    ),
    accesses: await Promise.all(
      accesses.map(async (a) => ({
        eventId: a.eventId,
        subjectId: a.subjectId,
        basis: a.basis,
        fields: JSON.parse(a.fields) as string[] | '*',
        ts: a.ts,
        sourceType: a.sourceType,
        actor: a.actor,
        ip: a.ip,
        app: a.app,
        query: a.query,
        inScopeBecause: a.inScopeBecause,
        notes: JSON.parse(a.notes) as string[],
        source: await sourceOf(handle, a),
      })),
    ),
    elements,
  };
}

interface SourceRow {
  entry: string | null;
  recordNo: number;
  lineNo: number | null;
  byteOffset: number;
  byteLength: number;
  evidenceId: number;
  evidenceName: string;
  sha256: string;
}

/** The original bytes of a row, re-read from the vault (archive members are cited, not re-read). */
async function sourceOf(handle: CaseHandle, row: SourceRow): Promise<Explanation['records'][number]['source']> {
  const bytes = row.entry === null && row.byteLength > 0 ? await readVaultRange(handle.dir, row.sha256, row.byteOffset, Math.min(row.byteLength, SOURCE_TEXT_LIMIT)) : null;
  const utf8 = bytes?.toString('utf8') ?? null;
  // Data Exports are often Windows-1252: show those bytes as Latin-1 rather than as replacement characters.
  const text = bytes && utf8?.includes('\uFFFD') ? bytes.toString('latin1') : utf8;
  return {
    evidenceId: row.evidenceId,
    evidenceName: row.evidenceName,
    sha256: row.sha256,
    entry: row.entry,
    recordNo: row.recordNo,
    lineNo: row.lineNo,
    byteOffset: row.byteOffset,
    byteLength: row.byteLength,
    text,
    truncated: row.byteLength > SOURCE_TEXT_LIMIT,
  };
}
