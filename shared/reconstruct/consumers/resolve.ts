import type { SubjectLinkType } from '../../ingest/parser';
import type { Db } from '../../store/db';
import { CURRENT_SUBJECT, currentSubject } from '../../scope/current-events';
import { foldedName, jaroWinkler, normalizeName } from './name-similarity';
import { UnionFind } from './union-find';

export interface ResolutionDecisions {
  /** Groups of subject record ids the investigator says are one consumer. */
  merges: ReadonlyArray<readonly number[]>;
  /** Subject record ids the investigator says stand alone. */
  splits: readonly number[];
}

export interface ReviewItem {
  /** `conflict`: records sharing an identifier but not a date of birth; `possible-match`: two records that may be one person. */
  kind: 'conflict' | 'possible-match';
  subjectIds: number[];
  reason: string;
}

export interface Resolution {
  /** The consumer (the smallest subject id of its set) a subject record belongs to. */
  consumerOf: (subjectId: number) => number;
  /** Why a record joined its consumer; records that stand alone have no entry. */
  reasonFor(subjectId: number): string | null;
  review: ReviewItem[];
  stats: Record<string, number>;
}

/** Blocks larger than this (a shared switchboard number, a very common name in one ZIP) are not compared pairwise. */
const MAX_BLOCK = 200;
/** First names this similar (Jaro-Winkler, diacritics folded) in one last name and postal code are worth a look. */
const SIMILAR_FIRST_NAME = 0.9;

/** Links that say two records are the same person; an `account` link only says a contact works for a company. */
const IDENTITY_LINKS: readonly SubjectLinkType[] = ['person_contact', 'converted_contact', 'case_contact', 'order_bill_to'];

interface Candidate {
  id: number;
  dob: string | null;
  email: string | null;
  phone: string | null;
  first: string;
}

/** Why two records that matched on something cannot be merged on it alone, or null when nothing speaks against it. */
function contradiction(a: Candidate, b: Candidate, checkFirstName: boolean): string | null {
  if (a.dob && b.dob && a.dob !== b.dob) return `different dates of birth (${a.dob}, ${b.dob})`;
  if (a.email && b.email && a.email !== b.email) return 'different emails';
  if (a.phone && b.phone && a.phone !== b.phone) return 'different phones';
  if (checkFirstName && a.first && b.first && a.first !== b.first) return 'different first names';
  return null;
}

/**
 * Resolves subject records into consumers. Only a strong shared identifier merges: a link in the data, the same
 * source id, the same normalized email, the same phone and last name, or the same full name and date of birth.
 * Weaker matches (name and postal code, similar names, or a strong match whose emails, phones, first names or dates of
 * birth differ) are listed for review and left apart, so a doubt never lowers the count. `excluded` records
 * (non-persons, the workforce) are never merged with anyone.
 */
export function resolveConsumers(db: Db, decisions: ResolutionDecisions, excluded: ReadonlySet<number> = new Set()): Resolution {
  const maxId = (db.prepare('SELECT MAX(id) FROM subject_records').pluck().get() as number | null) ?? 0;
  const sets = new UnionFind(maxId + 1);
  const reasons = new Map<number, string>();
  const split = new Set(decisions.splits);
  const review: ReviewItem[] = [];
  const stats: Record<string, number> = { link: 0, sourceId: 0, email: 0, phoneName: 0, nameBirthDate: 0, investigator: 0, conflicts: 0, possibleMatches: 0, oversizedBlocks: 0 };

  const join = (a: number, b: number, reason: string, stat: string): void => {
    if (a === b || split.has(a) || split.has(b) || excluded.has(a) || excluded.has(b)) return;
    if (!sets.union(a, b)) return;
    stats[stat]!++;
    if (!reasons.has(a)) reasons.set(a, reason);
    if (!reasons.has(b)) reasons.set(b, reason);
  };
  const ask = (kind: ReviewItem['kind'], ids: number[], reason: string): void => {
    if (ids.some((id) => excluded.has(id))) return;
    stats[kind === 'conflict' ? 'conflicts' : 'possibleMatches']!++;
    review.push({ kind, subjectIds: ids, reason });
  };

  for (const group of decisions.merges) {
    for (const id of group.slice(1)) {
      if (id > maxId || group[0]! > maxId) continue;
      if (sets.union(group[0]!, id)) {
        stats.investigator!++;
        reasons.set(group[0]!, 'investigator merge');
        reasons.set(id, 'investigator merge');
      }
    }
  }

  const links = db.prepare(
    `SELECT l.subject_id AS a, t.id AS b, l.link_type AS type, l.target_id AS target
     FROM subject_links l
     JOIN subject_records s ON s.id = l.subject_id AND ${CURRENT_SUBJECT}
     JOIN subject_records t ON t.source_id = l.target_id AND t.id <> l.subject_id AND ${currentSubject('t')}
     WHERE l.link_type IN (${IDENTITY_LINKS.map((t) => `'${t}'`).join(', ')})
     ORDER BY l.subject_id, t.id`,
  );
  for (const row of links.iterate() as Iterable<{ a: number; b: number; type: string; target: string }>) {
    join(row.a, row.b, `${row.type.replace(/_/g, ' ')} link to ${row.target}`, 'link');
  }

  const sameSource = db.prepare(
    `SELECT id, first FROM (
       SELECT s.id AS id, FIRST_VALUE(s.id) OVER (PARTITION BY s.system, s.source_id ORDER BY s.id) AS first, s.source_id AS source_id
       FROM subject_records s WHERE ${CURRENT_SUBJECT} AND s.source_id IS NOT NULL
     ) WHERE id <> first ORDER BY id`,
  );
  for (const row of sameSource.iterate() as Iterable<{ id: number; first: number }>) join(row.first, row.id, 'same source record id', 'sourceId');

  db.function('bl_name_key', { deterministic: true }, (value: unknown) => normalizeName(typeof value === 'string' ? value : null) || null);
  db.function('bl_folded_name', { deterministic: true }, (value: unknown) => foldedName(typeof value === 'string' ? value : null) || null);
  const candidates = (keySql: string, where: string): Iterable<Candidate & { key: string }> =>
    db
      .prepare(
        `SELECT * FROM (SELECT s.id AS id, ${keySql} AS key, s.birth_date AS dob, s.email_key AS email, s.phone AS phone,
           COALESCE(bl_name_key(s.first_name), '') AS first
         FROM subject_records s WHERE ${CURRENT_SUBJECT} AND ${where}) WHERE key IS NOT NULL ORDER BY key, id`,
      )
      .iterate() as Iterable<Candidate & { key: string }>;

  /** Each run of records sharing a key, in key order. */
  const eachBlock = (rows: Iterable<Candidate & { key: string }>, visit: (key: string, block: Candidate[]) => void): void => {
    let key: string | null = null;
    let block: Candidate[] = [];
    for (const row of rows) {
      if (row.key !== key) {
        if (key !== null && block.length > 1) visit(key, block);
        key = row.key;
        block = [];
      }
      block.push(row);
    }
    if (key !== null && block.length > 1) visit(key, block);
  };

  /** Members agreeing on a strong identifier merge pairwise unless something contradicts them; contradictions ask. */
  const strongMatch = (label: string, stat: string, checkFirstName: boolean) => (key: string, block: Candidate[]): void => {
    if (block.length > MAX_BLOCK) {
      stats.oversizedBlocks!++;
      return;
    }
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = block[i]!;
        const b = block[j]!;
        if (a.id === b.id || sets.find(a.id) === sets.find(b.id)) continue;
        const against = contradiction(a, b, checkFirstName);
        if (against === null) join(a.id, b.id, `${label} ${key}`, stat);
        else ask(a.dob && b.dob && a.dob !== b.dob ? 'conflict' : 'possible-match', [a.id, b.id], `${label} ${key} but ${against}; held apart`);
      }
    }
  };

  // The same address is the same person's: emails are checked only against dates of birth.
  eachBlock(candidates('s.email_key', 's.email_key IS NOT NULL'), (key, block) =>
    strongMatch('same email', 'email', false)(key, block.map((c) => ({ ...c, email: null, phone: null }))),
  );
  eachBlock(candidates("s.phone || ' ' || bl_name_key(s.last_name)", 's.phone IS NOT NULL AND s.last_name IS NOT NULL'), (key, block) =>
    strongMatch('same phone and last name', 'phoneName', true)(key, block.map((c) => ({ ...c, phone: null }))),
  );
  eachBlock(
    candidates("bl_name_key(s.first_name) || ' ' || bl_name_key(s.last_name) || ' ' || s.birth_date", 's.birth_date IS NOT NULL AND s.first_name IS NOT NULL AND s.last_name IS NOT NULL'),
    strongMatch('same full name and date of birth', 'nameBirthDate', false),
  );
  possibleMatches(db, sets, ask);

  return {
    consumerOf: (subjectId) => sets.find(subjectId),
    reasonFor: (subjectId) => reasons.get(subjectId) ?? null,
    review,
    stats,
  };
}

/**
 * Records sharing last name and postal code whose first names are the same or similar (diacritics folded), with no
 * date of birth telling them apart: one person written twice, or namesakes. Never merged; listed for review.
 */
function possibleMatches(db: Db, sets: UnionFind, ask: (kind: ReviewItem['kind'], ids: number[], reason: string) => void): void {
  const rows = db
    .prepare(
      `SELECT DISTINCT s.id AS id, bl_folded_name(s.last_name) AS last, substr(replace(a.postal_code, ' ', ''), 1, 5) AS postal,
         bl_folded_name(s.first_name) AS first, s.birth_date AS dob
       FROM subject_records s JOIN subject_addresses a ON a.subject_id = s.id
       WHERE ${CURRENT_SUBJECT} AND s.last_name IS NOT NULL AND s.first_name IS NOT NULL AND a.postal_code IS NOT NULL AND a.postal_code <> ''
       ORDER BY last, postal, s.id`,
    )
    .iterate() as Iterable<{ id: number; last: string | null; postal: string; first: string | null; dob: string | null }>;
  let blockKey = '';
  let block: Array<{ id: number; first: string; dob: string | null }> = [];
  const compare = (): void => {
    if (block.length < 2 || block.length > MAX_BLOCK) return;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = block[i]!;
        const b = block[j]!;
        if (a.id === b.id || sets.find(a.id) === sets.find(b.id)) continue;
        if (a.dob && b.dob && a.dob !== b.dob) continue;
        const similarity = jaroWinkler(a.first, b.first);
        if (similarity < SIMILAR_FIRST_NAME) continue;
        ask('possible-match', [a.id, b.id], `same last name and postal code ${blockKey.split('|')[1]}, first-name similarity ${similarity.toFixed(2)}; possibly one person, held apart`);
      }
    }
  };
  for (const row of rows) {
    if (!row.last || !row.first) continue;
    const key = `${row.last}|${row.postal}`;
    if (key !== blockKey) {
      compare();
      blockKey = key;
      block = [];
    }
    if (!block.some((m) => m.id === row.id)) block.push({ id: row.id, first: row.first, dob: row.dob });
  }
  compare();
}
