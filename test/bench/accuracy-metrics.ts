import { readFileSync } from 'node:fs';
import type { Basis } from '../../shared/contract/elements';
import type { Db } from '../../shared/store/db';
import type { GroundTruthConsumer } from '../../shared/demo';
import { classifyObjectFields, fieldSamplesFromDb } from '../../shared/reconstruct/classify';

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
  /** Consumers reported whose records belong to no ground-truth person (companies, strays): false positives. */
  strays: number;
}

/** What scenario.json says about the planted traps. */
export interface Traps {
  businessAccounts: string[];
  businessAccountsReached: string[];
  namesakePairs: string[][];
  addressAndPhoneFields: Record<string, string[]>;
  digitRichStreets: number;
}

export interface TrapReport {
  /** Consumers holding a business Account record: must be 0. */
  businessAccountsAsConsumers: number;
  /** Records the analysis kept out of consumers as non-persons, by kind. */
  excludedNonPersons: Record<string, number>;
  /** Business accounts the attack reached that the analysis listed as excluded non-persons. */
  businessAccountsExcluded: number;
  /** (object, field) pairs classified as card number or SSN although they hold addresses or phones: must be 0. */
  cardOrSsnOnAddressOrPhone: string[];
  /** Namesake pairs (one name, one ZIP, different emails and phones) merged into one consumer: must be 0. */
  namesakesMerged: number;
  /** Namesake pairs both of whom were reached, and how many of those the review queue lists. */
  namesakesReached: number;
  namesakesInReview: number;
  reviewQueue: Record<string, number>;
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
  // A consumer none of whose records is a ground-truth person's (a company, say) is a false positive of its basis.
  const strays: Record<Basis, number> = { exact: 0, derived: 0, inferred: 0 };
  for (const c of consumers) {
    if (!(JSON.parse(c.sources) as Array<string | null>).some((id) => id && personOfRecord.has(id))) strays[c.basis]++;
  }
  const byBasis = {} as Record<Basis, BasisScore>;
  for (const basis of ['exact', 'derived', 'inferred'] as const) {
    const p = new Set([...predicted].filter(([, v]) => v.basis === basis).map(([k]) => k));
    const t = new Set(truth.filter((x) => x.basis === basis).map((x) => x.personId));
    const correct = [...p].filter((x) => t.has(x)).length;
    const reported = p.size + strays[basis];
    byBasis[basis] = { predicted: reported, truth: t.size, correct, precision: reported ? correct / reported : 1, recall: t.size ? correct / t.size : 1 };
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
  return { byBasis, residency: matched ? sameState / matched : 1, elements: matched ? sameElements / matched : 1, matched, strays: strays.exact + strays.derived + strays.inferred };
}

/** Scores the planted traps: companies, digit-rich addresses, namesakes, and what went to review. */
export function scoreTraps(db: Db, analysisId: number, truth: readonly GroundTruthConsumer[], traps: Traps): TrapReport {
  const business = new Set(traps.businessAccounts);
  const consumerOfSource = new Map<string, number>();
  for (const row of db
    .prepare('SELECT r.consumer_id AS consumer, s.source_id AS source FROM analysis_consumer_records r JOIN subject_records s ON s.id = r.subject_id WHERE r.analysis_id = ?')
    .iterate(analysisId) as Iterable<{ consumer: number; source: string | null }>) {
    if (row.source) consumerOfSource.set(row.source, row.consumer);
  }
  const businessConsumers = new Set([...business].flatMap((id) => (consumerOfSource.has(id) ? [consumerOfSource.get(id)!] : [])));
  const excludedNonPersons = Object.fromEntries(
    (db.prepare("SELECT kind, COUNT(*) AS n FROM analysis_populations WHERE analysis_id = ? AND population = 'non-person' GROUP BY kind ORDER BY kind").all(analysisId) as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]),
  );
  const excludedSources = new Set(
    db.prepare("SELECT s.source_id FROM analysis_populations p JOIN subject_records s ON s.id = p.subject_id WHERE p.analysis_id = ? AND p.population = 'non-person'").pluck().all(analysisId) as string[],
  );

  const wrong: string[] = [];
  for (const [object, fields] of Object.entries(traps.addressAndPhoneFields)) {
    const verdicts = classifyObjectFields(object, fieldSamplesFromDb(db, object, 200));
    for (const v of verdicts) if (fields.includes(v.field) && (v.element === 'card_number' || v.element === 'ssn')) wrong.push(`${object}.${v.field}: ${v.element}`);
  }

  const person = new Map(truth.map((t) => [t.personId, t]));
  const consumersOf = (personId: string): Set<number> =>
    new Set((person.get(personId)?.records ?? []).flatMap((r) => (consumerOfSource.has(r.id) ? [consumerOfSource.get(r.id)!] : [])));
  const subjectsOf = (personId: string): Set<number> =>
    new Set(
      (person.get(personId)?.records ?? []).flatMap((r) => db.prepare('SELECT id FROM subject_records WHERE source_id = ?').pluck().all(r.id) as number[]),
    );
  const reviewed = (db.prepare('SELECT subject_ids FROM analysis_review WHERE analysis_id = ?').pluck().all(analysisId) as string[]).map((j) => new Set(JSON.parse(j) as number[]));
  let namesakesMerged = 0;
  let namesakesReached = 0;
  let namesakesInReview = 0;
  for (const [a, b] of traps.namesakePairs) {
    const ca = consumersOf(a!);
    const cb = consumersOf(b!);
    if ([...ca].some((c) => cb.has(c))) namesakesMerged++;
    if (ca.size === 0 || cb.size === 0) continue;
    namesakesReached++;
    const sa = subjectsOf(a!);
    const sb = subjectsOf(b!);
    if (reviewed.some((ids) => [...ids].some((id) => sa.has(id)) && [...ids].some((id) => sb.has(id)))) namesakesInReview++;
  }
  const reviewQueue = Object.fromEntries(
    (db.prepare('SELECT kind, COUNT(*) AS n FROM analysis_review WHERE analysis_id = ? GROUP BY kind ORDER BY kind').all(analysisId) as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]),
  );
  return {
    businessAccountsAsConsumers: businessConsumers.size,
    excludedNonPersons,
    businessAccountsExcluded: traps.businessAccountsReached.filter((id) => excludedSources.has(id)).length,
    cardOrSsnOnAddressOrPhone: wrong,
    namesakesMerged,
    namesakesReached,
    namesakesInReview,
    reviewQueue,
  };
}
