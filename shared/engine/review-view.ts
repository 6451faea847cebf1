/** Read models of an analysis' review queue and of the reached records that are not consumers. */
import type { Basis } from '../contract/elements';
import type { PopulationRecordView, ReviewItemView } from '../contract/api';
import { latestAnalysis } from '../assess/assessment-input';
import type { CaseHandle } from '../store/case-folder';

export function listReview(handle: CaseHandle, analysisId: number | null, limit: number, offset: number): { analysis: number; total: number; items: ReviewItemView[] } {
  const analysis = latestAnalysis(handle, analysisId);
  const total = handle.db.prepare('SELECT COUNT(*) FROM analysis_review WHERE analysis_id = ?').pluck().get(analysis.id) as number;
  const rows = handle.db
    .prepare('SELECT kind, subject_ids AS subjectIds, reason FROM analysis_review WHERE analysis_id = ? ORDER BY rowid LIMIT ? OFFSET ?')
    .all(analysis.id, limit, offset) as Array<{ kind: ReviewItemView['kind']; subjectIds: string; reason: string }>;
  return { analysis: analysis.id, total, items: rows.map((r) => ({ kind: r.kind, subjectIds: JSON.parse(r.subjectIds) as number[], reason: r.reason })) };
}

export function listPopulation(
  handle: CaseHandle,
  population: 'workforce' | 'non-person',
  analysisId: number | null,
  limit: number,
  offset: number,
): { analysis: number; total: number; records: PopulationRecordView[] } {
  const analysis = latestAnalysis(handle, analysisId);
  const total = handle.db.prepare('SELECT COUNT(*) FROM analysis_populations WHERE analysis_id = ? AND population = ?').pluck().get(analysis.id, population) as number;
  const rows = handle.db
    .prepare(
      `SELECT p.subject_id AS subjectId, p.population, p.kind, p.basis, s.object_type AS objectType, s.source_id AS sourceId,
         COALESCE(s.full_name, NULLIF(trim(COALESCE(s.first_name, '') || ' ' || COALESCE(s.last_name, '')), ''),
                  json_extract(s.fields, '$.Name'), json_extract(s.fields, '$.NAME'), json_extract(s.fields, '$.Company')) AS name,
         p.event_id AS eventId, p.reason
       FROM analysis_populations p JOIN subject_records s ON s.id = p.subject_id
       WHERE p.analysis_id = ? AND p.population = ? ORDER BY p.subject_id LIMIT ? OFFSET ?`,
    )
    .all(analysis.id, population, limit, offset) as Array<Omit<PopulationRecordView, 'basis'> & { basis: Basis }>;
  return { analysis: analysis.id, total, records: rows };
}
