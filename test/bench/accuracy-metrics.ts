import { readFileSync } from 'node:fs';
import type { Basis } from '../../shared/contract/elements';
import type { Db } from '../../shared/store/db';
import type { GroundTruthConsumer } from '../../shared/demo';

export interface BasisScore {
  predicted: number;
  truth: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface AccuracyReport {
  byBasis: Record<Basis, BasisScore>;
  /** Share of consumers found (any basis, both sides agree on the person) whose state matches the truth. */
  residency: number;
  /** Share of those consumers whose exposed elements equal the truth exactly. */
  elements: number;
  matched: number;
}

export function readGroundTruth(file: string): GroundTruthConsumer[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as GroundTruthConsumer);
}

/** Compares an analysis with the generator's ground truth, matching consumers to people by any shared record id. */
export function scoreAnalysis(db: Db, analysisId: number, truth: readonly GroundTruthConsumer[]): AccuracyReport {
  const personOfRecord = new Map<string, GroundTruthConsumer>();
  for (const person of truth) for (const r of person.records) personOfRecord.set(r.id, person);
  const consumers = db
    .prepare(
      `SELECT c.consumer_id AS id, c.basis, c.region, c.elements,
         (SELECT json_group_array(s.source_id) FROM analysis_consumer_records r JOIN subject_records s ON s.id = r.subject_id
           WHERE r.analysis_id = c.analysis_id AND r.consumer_id = c.consumer_id) AS sources
       FROM analysis_consumers c WHERE c.analysis_id = ?`,
    )
    .all(analysisId) as Array<{ id: number; basis: Basis; region: string; elements: string; sources: string }>;
  const predicted = new Map<string, { basis: Basis; region: string; elements: string[] }>();
  for (const c of consumers) {
    const people = new Set((JSON.parse(c.sources) as Array<string | null>).flatMap((id) => (id && personOfRecord.has(id) ? [personOfRecord.get(id)!.personId] : [])));
    for (const person of people) predicted.set(person, { basis: c.basis, region: c.region, elements: Object.keys(JSON.parse(c.elements) as object).sort() });
  }
  const byBasis = {} as Record<Basis, BasisScore>;
  for (const basis of ['exact', 'derived', 'inferred'] as const) {
    const p = new Set([...predicted].filter(([, v]) => v.basis === basis).map(([k]) => k));
    const t = new Set(truth.filter((x) => x.basis === basis).map((x) => x.personId));
    const correct = [...p].filter((x) => t.has(x)).length;
    byBasis[basis] = { predicted: p.size, truth: t.size, correct, precision: p.size ? correct / p.size : 1, recall: t.size ? correct / t.size : 1 };
  }
  let sameState = 0;
  let sameElements = 0;
  let matched = 0;
  for (const person of truth) {
    const p = predicted.get(person.personId);
    if (!p || !person.basis) continue;
    matched++;
    if (p.region === person.state) sameState++;
    if (p.elements.join(',') === [...person.exposedElements].sort().join(',')) sameElements++;
  }
  return { byBasis, residency: matched ? sameState / matched : 1, elements: matched ? sameElements / matched : 1, matched };
}
