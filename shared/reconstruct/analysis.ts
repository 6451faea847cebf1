import type { ReconstructResult } from '../contract/api';
import { ELEMENT_LABELS, type Basis, type ElementCode } from '../contract/elements';
import { noProgress, type ProgressListener } from '../contract/progress';
import type { CaseHandle } from '../store/case-folder';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { inTransaction } from '../store/transaction';
import { CURRENT_SUBJECT } from '../scope/current-events';
import { currentScope } from '../scope/scopes';
import { collectScopedEvents, SCOPED_EVENTS } from '../scope/select-events';
import { canonicalJson } from '../util/canonical-json';
import { createHash } from 'node:crypto';
import { sha256Hex } from '../util/hash';
import { ENGINE_VERSION } from '../version';
import { applyOverrides, classifyObjectFields, exposedElements, fieldElementIndex, fieldSamplesFromDb, type FieldElementIndex } from './classify';
import { resolveConsumers } from './consumers/resolve';
import { UnionFind } from './consumers/union-find';
import { elementOverrides, listDecisions, resolutionDecisions } from './decisions';
import { BASIS_RANK, recordHits } from './event-hits';
import { populationsFromDb, type Populations, type PopulationKind } from './population';
import { decideResidency, type AddressCandidate, type ResidencyRule } from './residency';

export interface ReconstructOptions {
  residency: ResidencyRule;
}

/** What a reconstruction reports; the contract's type, so every front end sees the same fields. */
export type ReconstructSummary = ReconstructResult;

const SAMPLE_VALUES_PER_FIELD = 200;

/** Runs one reconstruction for the current scope; everything it writes lands in one transaction with its custody entry. */
export async function reconstruct(handle: CaseHandle, options: ReconstructOptions, actor: string, onProgress: ProgressListener = noProgress): Promise<ReconstructSummary> {
  const db = handle.db;
  return inTransaction(db, undefined, () => {
    const startedAt = new Date().toISOString();
    const step = (done: number, label: string) => onProgress({ phase: 'reconstruct', label, done, total: 5, unit: 'steps' });
    const scope = currentScope(db);
    const decisions = listDecisions(db);
    const analysisId = nextAnalysisId(db);

    step(0, 'selecting scoped events');
    const events = collectScopedEvents(db, scope.definition);
    db.prepare(`INSERT INTO analysis_events (analysis_id, event_id, reason) SELECT ?, event_id, reason FROM ${SCOPED_EVENTS} ORDER BY event_id`).run(analysisId);

    step(1, 'resolving consumers');
    const populations = populationsFromDb(db);
    const resolution = resolveConsumers(db, resolutionDecisions(decisions), new Set(populations.verdicts.keys()));
    step(2, 'events to records');
    const hits = recordHits(db, analysisId, resolution.consumerOf, populations.excludedByObject);

    step(3, 'consumers, residency, exposed elements');
    db.function('bl_consumer_record', { deterministic: true }, (subjectId: unknown) => (populations.verdicts.has(Number(subjectId)) ? 0 : 1));
    const consumerIds = db
      .prepare('SELECT DISTINCT consumer_id FROM analysis_hits WHERE analysis_id = ? AND bl_consumer_record(subject_id) ORDER BY consumer_id')
      .pluck()
      .all(analysisId) as number[];
    const affected = new Set(consumerIds);
    const others = writePopulations(db, analysisId, populations);
    db.function('bl_affected', { deterministic: true }, (consumer: unknown) => (affected.has(Number(consumer)) ? 1 : 0));
    db.function('bl_join_reason', { deterministic: true }, (subjectId: unknown) => resolution.reasonFor(Number(subjectId)) ?? 'own record');
    db.prepare(
      `INSERT INTO analysis_consumer_records (analysis_id, consumer_id, subject_id, reason)
       SELECT ?, bl_consumer(s.id), s.id, bl_join_reason(s.id) FROM subject_records s
       WHERE ${CURRENT_SUBJECT} AND bl_affected(bl_consumer(s.id)) ORDER BY s.id`,
    ).run(analysisId);
    const insertReview = db.prepare('INSERT INTO analysis_review (analysis_id, kind, subject_ids, reason) VALUES (?, ?, ?, ?)');
    // If the pairs held apart are one person each, affected consumers they join are fewer: the low end of the range.
    const ifSame = new UnionFind(consumerIds.length);
    const position = new Map(consumerIds.map((id, n) => [id, n]));
    let reviewPairs = 0;
    let joinedIfSame = 0;
    for (const item of resolution.review) {
      const consumers = item.subjectIds.map((id) => resolution.consumerOf(id));
      if (!consumers.some((id) => affected.has(id))) continue;
      insertReview.run(analysisId, item.kind, JSON.stringify(item.subjectIds), item.reason);
      reviewPairs++;
      const reached = consumers.filter((id) => affected.has(id)).map((id) => position.get(id)!);
      for (const other of reached.slice(1)) if (ifSame.union(reached[0]!, other)) joinedIfSame++;
    }

    const indexes = fieldIndexes(db, analysisId, elementOverrides(decisions));
    const summary = writeConsumers(db, analysisId, consumerIds, indexes, options.residency);

    step(4, 'sealing');
    const notes = Object.fromEntries(
      (db.prepare('SELECT kind, COUNT(*) AS n FROM analysis_event_notes WHERE analysis_id = ? GROUP BY kind ORDER BY kind').all(analysisId) as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]),
    );
    const inputs = analysisInputs(db, scope.sha256, decisions, options);
    const inputDigest = sha256Hex(canonicalJson(inputs));
    const digest = outputDigest(db, analysisId, inputDigest);
    const result: ReconstructSummary = {
      analysis: analysisId,
      digest,
      inputDigest,
      scopeId: scope.id,
      residencyRule: options.residency,
      events,
      ...summary,
      inferredMinimum: hits.inferredMinimum,
      review: (db.prepare('SELECT COUNT(*) FROM analysis_review WHERE analysis_id = ?').pluck().get(analysisId) as number),
      identityReview: { pairs: reviewPairs, totalIfSamePeople: consumerIds.length - joinedIfSame },
      contentOnlyReview: summary.contentOnly,
      workforce: others.workforce,
      excluded: others.excluded,
      notes,
    };
    db.prepare(
      `INSERT INTO analyses (id, scope_id, options, inputs, input_digest, output_digest, engine_version, summary, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(analysisId, scope.id, canonicalJson(options), canonicalJson(inputs), inputDigest, digest, ENGINE_VERSION, canonicalJson(result), startedAt, new Date().toISOString());
    appendCustody(db, {
      actor,
      action: 'analysis',
      subject: `analysis ${analysisId}`,
      details: { analysisId, scopeId: scope.id, inputDigest, outputDigest: digest, total: result.total, byBasis: result.byBasis, residencyRule: options.residency },
    });
    step(5, 'done');
    return result;
  });
}

/**
 * Records the analysis reached that are not consumers: the workforce (its own count and list) and non-persons
 * (business accounts, company-only leads, system users), each at its strongest basis, with the reason.
 */
function writePopulations(db: Db, analysisId: number, populations: Populations): Pick<ReconstructSummary, 'workforce' | 'excluded'> {
  const rows = db
    .prepare(
      `SELECT subject_id AS subject, basis, MIN(event_id) AS event FROM analysis_hits
       WHERE analysis_id = ? AND NOT bl_consumer_record(subject_id) GROUP BY subject_id, basis ORDER BY subject_id`,
    )
    .all(analysisId) as Array<{ subject: number; basis: Basis; event: number }>;
  const strongest = new Map<number, { basis: Basis; event: number }>();
  for (const row of rows) {
    const known = strongest.get(row.subject);
    if (!known || BASIS_RANK[row.basis] < BASIS_RANK[known.basis]) strongest.set(row.subject, { basis: row.basis, event: row.event });
  }
  const insert = db.prepare('INSERT INTO analysis_populations (analysis_id, subject_id, population, kind, basis, event_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const workforce = { total: 0, byBasis: { exact: 0, derived: 0, inferred: 0 } as Record<Basis, number> };
  const excluded = new Map<string, { kind: string; count: number; byBasis: Record<Basis, number>; reason: string }>();
  for (const [subject, { basis, event }] of strongest) {
    const verdict = populations.verdicts.get(subject)!;
    insert.run(analysisId, subject, verdict.population, verdict.kind, basis, event, verdict.reason);
    if (verdict.population === 'workforce') {
      workforce.total++;
      workforce.byBasis[basis]++;
      continue;
    }
    const group = excluded.get(verdict.kind) ?? { kind: verdict.kind, count: 0, byBasis: { exact: 0, derived: 0, inferred: 0 }, reason: EXCLUDED_REASON[verdict.kind] };
    group.count++;
    group.byBasis[basis]++;
    excluded.set(verdict.kind, group);
  }
  return { workforce, excluded: [...excluded.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1)) };
}

const EXCLUDED_REASON: Readonly<Record<PopulationKind, string>> = {
  'business-account': 'business accounts reached, not people',
  'company-lead': 'company-only leads reached, not people',
  'system-user': 'system users reached (guest, automated, integration), not people',
  user: 'users of the org: workforce',
};

/** A sealed summary as the contract gives it; analyses sealed before workforce, exclusions and review ranges read as none. */
export function summaryOf(json: string): ReconstructSummary {
  const stored = JSON.parse(json) as Partial<ReconstructSummary> & Omit<ReconstructSummary, 'identityReview' | 'contentOnlyReview' | 'workforce' | 'excluded'>;
  return {
    ...stored,
    identityReview: stored.identityReview ?? { pairs: 0, totalIfSamePeople: stored.total },
    contentOnlyReview: stored.contentOnlyReview ?? { consumers: 0, byElement: {} },
    workforce: stored.workforce ?? { total: 0, byBasis: { exact: 0, derived: 0, inferred: 0 } },
    excluded: stored.excluded ?? [],
  };
}

function nextAnalysisId(db: Db): number {
  return (db.prepare(`SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'analyses'), 0), COALESCE((SELECT MAX(id) FROM analyses), 0)) + 1`).pluck().get() as number);
}

/** Each object type's fields classified once (from samples of their values), with the investigator's overrides. */
function fieldIndexes(db: Db, analysisId: number, overrides: ReturnType<typeof elementOverrides>): Map<string, FieldElementIndex> {
  const objects = db
    .prepare('SELECT DISTINCT s.object_type FROM analysis_hits h JOIN subject_records s ON s.id = h.subject_id WHERE h.analysis_id = ? ORDER BY 1')
    .pluck()
    .all(analysisId) as string[];
  return new Map(
    objects.map((object) => {
      const classified = applyOverrides(classifyObjectFields(object, fieldSamplesFromDb(db, object, SAMPLE_VALUES_PER_FIELD)), overrides);
      return [object, fieldElementIndex(classified, object)];
    }),
  );
}

interface ElementSource {
  basis: Basis;
  subjectId: number;
  field: string;
  eventId: number;
}

const CONSUMER_BATCH = 5000;

interface HitRow {
  consumer: number;
  subject: number;
  event: number;
  basis: Basis;
  selected: string;
  object: string;
  fields: string;
}

interface RecordRow {
  consumer: number;
  subject: number;
  fullName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  updatedAt: string | null;
}

interface AddressRow {
  subject: number;
  kind: string;
  region: string | null;
  regionSource: string | null;
  country: string | null;
}

/**
 * Writes one row per affected consumer (`consumerIds`, ascending), reading hits and records a batch of consumers at
 * a time (memory stays bounded).
 */
function writeConsumers(db: Db, analysisId: number, consumerIds: readonly number[], indexes: Map<string, FieldElementIndex>, rule: ResidencyRule) {
  const hitsIn = db.prepare(
    `SELECT h.consumer, h.subject, h.event, h.basis, h.selected, s.object_type AS object, s.fields AS fields
     FROM (SELECT consumer_id AS consumer, subject_id AS subject, MIN(event_id) AS event, basis, fields AS selected FROM analysis_hits
           WHERE analysis_id = ? AND consumer_id BETWEEN ? AND ? GROUP BY consumer_id, subject_id, basis, fields) h
     JOIN subject_records s ON s.id = h.subject
     ORDER BY h.consumer, h.subject, h.event, h.basis`,
  );
  const recordsIn = db.prepare(
    `SELECT r.consumer_id AS consumer, s.id AS subject, s.full_name AS fullName, s.first_name AS firstName, s.last_name AS lastName,
       s.email AS email, s.phone AS phone, s.updated_at AS updatedAt
     FROM analysis_consumer_records r JOIN subject_records s ON s.id = r.subject_id
     WHERE r.analysis_id = ? AND r.consumer_id BETWEEN ? AND ? ORDER BY r.consumer_id, s.id`,
  );
  // Each record's addresses in the order they were stored.
  const addressesIn = db.prepare(
    `SELECT a.subject_id AS subject, a.kind AS kind, a.region AS region, a.region_source AS regionSource, a.country AS country
     FROM analysis_consumer_records r JOIN subject_addresses a ON a.subject_id = r.subject_id
     WHERE r.analysis_id = ? AND r.consumer_id BETWEEN ? AND ? ORDER BY a.subject_id, a.rowid`,
  );
  const consumerRows = new RowWriter(db, 'analysis_consumers', ['analysis_id', 'consumer_id', 'basis', 'region', 'regions', 'elements', 'full_name', 'email', 'phone', 'records']);
  const elementRows = new RowWriter(db, 'analysis_consumer_elements', ['analysis_id', 'consumer_id', 'element', 'basis', 'subject_id', 'field', 'event_id']);
  const selections = new Map<string, string[] | '*'>();
  const insertReview = db.prepare('INSERT INTO analysis_review (analysis_id, kind, subject_ids, reason) VALUES (?, ?, ?, ?)');
  const byBasis: Record<Basis, number> = { exact: 0, derived: 0, inferred: 0 };
  const byState: Record<string, number> = {};
  const byElement: Record<string, number> = {};
  const contentOnly = { consumers: 0, byElement: {} as Record<string, number> };

  for (let start = 0; start < consumerIds.length; start += CONSUMER_BATCH) {
    const batch = consumerIds.slice(start, start + CONSUMER_BATCH);
    const lo = batch[0]!;
    const hi = batch[batch.length - 1]!;
    const hitsBy = groupBy(hitsIn.all(analysisId, lo, hi) as HitRow[]);
    const recordsBy = groupBy(recordsIn.all(analysisId, lo, hi) as RecordRow[]);
    const addressesOf = new Map<number, AddressRow[]>();
    for (const address of addressesIn.all(analysisId, lo, hi) as AddressRow[]) {
      const list = addressesOf.get(address.subject);
      if (list) list.push(address);
      else addressesOf.set(address.subject, [address]);
    }
    for (const consumer of batch) {
      const { basis, elements, contentOnly: unconfirmed } = consumerExposure(hitsBy.get(consumer) ?? [], indexes, selections);
      for (const [element, source] of unconfirmed) {
        insertReview.run(analysisId, 'content-only', JSON.stringify([source.subjectId]),
          `${ELEMENT_LABELS[element]} found only by what ${source.object}.${source.field} holds (the field name does not say so): not counted as exposed until confirmed with "classify ${source.object} ${source.field} ${element}"`);
        contentOnly.byElement[element] = (contentOnly.byElement[element] ?? 0) + 1;
      }
      if (unconfirmed.length > 0) contentOnly.consumers++;
      const records = recordsBy.get(consumer) ?? [];
      const candidates: AddressCandidate[] = [];
      for (const r of records) {
        for (const a of addressesOf.get(r.subject) ?? []) {
          // The same key order as the JSON this replaced: candidates are stored as they are serialised.
          candidates.push({ country: a.country, kind: a.kind, region: a.region, regionSource: a.regionSource, subjectId: r.subject, updatedAt: r.updatedAt });
        }
      }
      const residency = decideResidency(candidates, rule);
      const named = records.find((r) => r.fullName || r.lastName);
      const fullName = named ? (named.fullName ?? ([named.firstName, named.lastName].filter(Boolean).join(' ') || null)) : null;
      consumerRows.add(
        analysisId,
        consumer,
        basis,
        residency.primary,
        // Keys are written in sorted order (as canonicalJson would), without a recursive copy per consumer.
        JSON.stringify({ candidates: residency.candidates, countedIn: residency.countedIn, reason: residency.reason }),
        JSON.stringify(Object.fromEntries(elements.map(([element, source]) => [element, source.basis]))),
        fullName,
        records.find((r) => r.email)?.email ?? null,
        records.find((r) => r.phone)?.phone ?? null,
        records.length,
      );
      for (const [element, source] of elements) {
        elementRows.add(analysisId, consumer, element, source.basis, source.subjectId, source.field, source.eventId);
        byElement[element] = (byElement[element] ?? 0) + 1;
      }
      byBasis[basis]++;
      for (const bucket of residency.countedIn) byState[bucket] = (byState[bucket] ?? 0) + 1;
    }
  }
  consumerRows.flush();
  elementRows.flush();
  return { total: consumerIds.length, byBasis, byState: sortKeys(byState), byElement: sortKeys(byElement), contentOnly: { consumers: contentOnly.consumers, byElement: sortKeys(contentOnly.byElement) } };
}

type Statement = ReturnType<Db['prepare']>;

/** Rows per INSERT: one statement of many rows costs far less than as many statements of one row. */
const ROWS_PER_INSERT = 100;

/** Inserts rows into one table in statements of `ROWS_PER_INSERT` rows, in the order they were added. */
class RowWriter {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly pending: unknown[] = [];

  constructor(db: Db, table: string, private readonly columns: readonly string[]) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    this.many = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(ROWS_PER_INSERT).fill(row).join(', ')}`);
    this.one = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${row}`);
  }

  add(...values: unknown[]): void {
    for (const value of values) this.pending.push(value);
    if (this.pending.length === ROWS_PER_INSERT * this.columns.length) {
      this.many.run(this.pending);
      this.pending.length = 0;
    }
  }

  flush(): void {
    for (let at = 0; at < this.pending.length; at += this.columns.length) this.one.run(this.pending.slice(at, at + this.columns.length));
    this.pending.length = 0;
  }
}

function groupBy<T extends { consumer: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(row.consumer);
    if (list) list.push(row);
    else groups.set(row.consumer, [row]);
  }
  return groups;
}

interface Exposure {
  basis: Basis;
  /** Elements the field names support (or an investigator decided): these decide notice. */
  elements: Array<[ElementCode, ElementSource]>;
  /** Elements resting only on what values look like: listed for review, never deciding notice on their own. */
  contentOnly: Array<[ElementCode, ElementSource & { object: string }]>;
}

/** The consumer's strongest basis, and for each exposed element the strongest access that exposed it. */
function consumerExposure(hits: readonly HitRow[], indexes: Map<string, FieldElementIndex>, selections: Map<string, string[] | '*'>): Exposure {
  let basis: Basis = 'inferred';
  const elements = new Map<ElementCode, ElementSource & { object: string }>();
  const contentOnly = new Map<ElementCode, ElementSource & { object: string }>();
  for (const h of hits) {
    if (BASIS_RANK[h.basis] < BASIS_RANK[basis]) basis = h.basis;
    const index = indexes.get(h.object);
    if (!index) continue;
    let selected = selections.get(h.selected);
    if (selected === undefined) {
      selected = JSON.parse(h.selected) as string[] | '*';
      selections.set(h.selected, selected);
    }
    for (const exposed of exposedElements(selected, h.fields, index)) {
      const target = index.get(exposed.field.toLowerCase())?.by === 'content' ? contentOnly : elements;
      const known = target.get(exposed.element);
      if (!known || BASIS_RANK[h.basis] < BASIS_RANK[known.basis]) target.set(exposed.element, { basis: h.basis, subjectId: h.subject, field: exposed.field, eventId: h.event, object: h.object });
    }
  }
  for (const element of elements.keys()) contentOnly.delete(element);
  const sorted = <T,>(map: Map<ElementCode, T>) => [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { basis, elements: sorted(elements), contentOnly: sorted(contentOnly) };
}

function sortKeys(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** What the analysis read: evidence digests with their imports' parsers, the scope, decisions, options and the engine version. */
function analysisInputs(db: Db, scopeSha256: string, decisions: unknown, options: ReconstructOptions) {
  const evidence = db
    .prepare(
      `SELECT e.sha256, i.format, i.parser_version AS parserVersion, i.encoding, i.options FROM evidence e
       JOIN current_imports i ON i.evidence_id = e.id ORDER BY e.sha256`,
    )
    .all();
  return { evidence, scope: scopeSha256, decisions, options, engineVersion: ENGINE_VERSION };
}

/**
 * Digest over the results in terms that do not depend on row ids: each consumer is named by the
 * (file SHA-256, entry, record number) of its records, so the same evidence added in another order digests the same.
 */
function outputDigest(db: Db, analysisId: number, inputDigest: string): string {
  const lines = db
    .prepare(
      `SELECT (SELECT json_group_array(k) FROM (SELECT ev.sha256 || ':' || COALESCE(s.entry, '') || ':' || s.record_no AS k
                 FROM analysis_consumer_records r JOIN subject_records s ON s.id = r.subject_id JOIN evidence ev ON ev.id = s.evidence_id
                 WHERE r.analysis_id = c.analysis_id AND r.consumer_id = c.consumer_id ORDER BY k))
         || char(9) || c.basis || char(9) || c.region || char(9) || json_extract(c.regions, '$.countedIn') || char(9) || c.elements AS line
       FROM analysis_consumers c WHERE c.analysis_id = ? ORDER BY line`,
    )
    .pluck()
    .iterate(analysisId) as Iterable<string>;
  const hash = createHash('sha256').update(inputDigest);
  for (const line of lines) hash.update(`\n${line}`);
  return hash.digest('hex');
}
