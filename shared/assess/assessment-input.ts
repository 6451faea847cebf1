import type { Basis, ElementCode } from '../contract/elements';
import { LedgerError } from '../contract/errors';
import type { AssessmentInput, ConsumerGroup } from '../law/types';
import type { CaseHandle } from '../store/case-folder';
import { isValidDate } from '../util/dates';

export interface AnalysisRef {
  id: number;
  outputDigest: string;
  summary: { inferredMinimum: number; residencyRule: string };
}

export function latestAnalysis(handle: CaseHandle, analysisId?: number | null): AnalysisRef {
  const row = (analysisId
    ? handle.db.prepare('SELECT id, output_digest, summary FROM analyses WHERE id = ?').get(analysisId)
    : handle.db.prepare('SELECT id, output_digest, summary FROM analyses ORDER BY id DESC LIMIT 1').get()) as { id: number; output_digest: string; summary: string } | undefined;
  if (!row) {
    throw new LedgerError('NOT_FOUND', analysisId ? `No analysis ${analysisId} in this case.` : 'This case has no analysis yet; reconstruct it from a scope first.');
  }
  return { id: row.id, outputDigest: row.output_digest, summary: JSON.parse(row.summary) as AnalysisRef['summary'] };
}

/**
 * Aggregates an analysis' consumers into the law engine's groups: one group per (state counted in, basis,
 * element set). A consumer counts at its strongest basis, with the elements that basis exposed.
 */
export function assessmentInputFor(handle: CaseHandle, analysis: AnalysisRef, plannedNoticeDate?: string | null): AssessmentInput {
  const discovered = handle.info.discovered;
  if (!discovered) throw new LedgerError('BAD_USAGE', 'The case has no discovery date, and notice deadlines run from it; give the case its discovery date (YYYY-MM-DD) when it is created.');
  if (plannedNoticeDate && !isValidDate(plannedNoticeDate)) throw new LedgerError('BAD_USAGE', `The notice date must be YYYY-MM-DD, not "${plannedNoticeDate}".`);
  const rows = handle.db
    .prepare(
      `SELECT json_extract(c.regions, '$.countedIn') AS countedIn, c.basis AS basis,
         (SELECT json_group_array(j.key) FROM (SELECT key FROM json_each(c.elements) WHERE value = c.basis ORDER BY key) j) AS elements,
         COUNT(*) AS count
       FROM analysis_consumers c WHERE c.analysis_id = ?
       GROUP BY countedIn, basis, elements ORDER BY countedIn, basis, elements`,
    )
    .all(analysis.id) as Array<{ countedIn: string; basis: Basis; elements: string; count: number }>;
  const groups = new Map<string, ConsumerGroup>();
  for (const row of rows) {
    for (const jurisdiction of JSON.parse(row.countedIn) as string[]) {
      const elements = JSON.parse(row.elements) as ElementCode[];
      const key = `${jurisdiction}|${row.basis}|${elements.join(',')}`;
      const known = groups.get(key);
      groups.set(key, { jurisdiction, basis: row.basis, elements, count: (known?.count ?? 0) + row.count });
    }
  }
  const first = handle.db
    .prepare('SELECT MIN(e.ts) FROM analysis_events a JOIN access_events e ON e.id = a.event_id WHERE a.analysis_id = ?')
    .pluck()
    .get(analysis.id) as string | null;
  return {
    discoveredDate: discovered,
    incidentDate: (first ?? `${discovered}T00:00:00Z`).slice(0, 10),
    groups: [...groups.values()],
    inferredMinimum: analysis.summary.inferredMinimum,
    ...(plannedNoticeDate ? { plannedNoticeDate } : {}),
  };
}
