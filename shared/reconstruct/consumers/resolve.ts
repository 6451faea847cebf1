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
     JOIN subject_records t ON t.source_id = l.target_id AND t.system = s.system AND t.id <> l.subject_id AND ${currentSubject('t')}
     WHERE l.link_type IN (${IDENTITY_LINKS.map((t) => `'${t}'`).join(', ')})
     ORDER BY l.subject_id, t.id`,
  );
  for (const row of links.iterate() as Iterable<{ a: number; b: number; type: string; target: string }>) {
    join(row.a, row.b, `${row.type.replace(/_/g, ' ')} link to ${row.target}`, 'link');
  }

  // A Salesforce id names one record of any object (its prefix is the object); other systems number each object
  // apart (Shopify order 1001 is not customer 1001).
  const sameSource = db.prepare(
    `SELECT id, first FROM (
       SELECT s.id AS id, FIRST_VALUE(s.id) OVER (
         PARTITION BY s.system, CASE WHEN s.system = 'salesforce' THEN '' ELSE lower(s.object_type) END, s.source_id ORDER BY s.id
       ) AS first, s.source_id AS source_id
       FROM subject_records s WHERE ${CURRENT_SUBJECT} AND s.source_id IS NOT NULL
     ) WHERE id <> first ORDER BY id`,
  );
  for (const row of sameSource.iterate() as Iterable<{ id: number; first: number }>) join(row.first, row.id, 'same source record id', 'sourceId');

  // In a function of its own, so the per-record keys are freed once matched (the resolution's closures outlive this).
  matchOnKeys(blockingKeys(db, maxId), db, sets, join, ask, stats);

  return {
    consumerOf: (subjectId) => sets.find(subjectId),
    reasonFor: (subjectId) => reasons.get(subjectId) ?? null,
    review,
    stats,
  };
}

/** The strong-identifier passes (email; phone and last name; full name and date of birth), then possible matches. */
function matchOnKeys(
  people: BlockingKeys,
  db: Db,
  sets: UnionFind,
  join: (a: number, b: number, reason: string, stat: string) => void,
  ask: (kind: ReviewItem['kind'], ids: number[], reason: string) => void,
  stats: Record<string, number>,
): void {
  /** Members agreeing on a strong identifier merge pairwise unless something contradicts them; contradictions ask. */
  const strongMatch = (label: string, stat: string, checkFirstName: boolean, block: Candidate[], key: string): void => {
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
  const candidate = (n: number, email: string | null, phone: string | null): Candidate => ({ id: people.ids[n]!, dob: people.dob[n]!, email, phone, first: people.first[n]! });

  // The same address is the same person's: emails are checked only against dates of birth.
  for (const [key, members] of sharedKeys(people.ids.length, (n) => people.email[n]!)) {
    strongMatch('same email', 'email', false, members.map((n) => candidate(n, null, null)), key);
  }
  for (const [key, members] of sharedKeys(people.ids.length, (n) => (people.phone[n] !== null && people.last[n] ? `${people.phone[n]} ${people.last[n]}` : null))) {
    strongMatch('same phone and last name', 'phoneName', true, members.map((n) => candidate(n, people.email[n]!, null)), key);
  }
  for (const [key, members] of sharedKeys(people.ids.length, (n) => (people.dob[n] !== null && people.first[n] && people.last[n] ? `${people.first[n]} ${people.last[n]} ${people.dob[n]}` : null))) {
    strongMatch('same full name and date of birth', 'nameBirthDate', false, members.map((n) => candidate(n, people.email[n]!, people.phone[n]!)), key);
  }
  possibleMatches(db, people, sets, ask);
}

/** What the blocking passes read of each current record, read once in id order (`ids[n]` is the record at position n). */
interface BlockingKeys {
  ids: number[];
  dob: Array<string | null>;
  /** The normalized email. */
  email: Array<string | null>;
  phone: Array<string | null>;
  /** `normalizeName` of the first name ('' when there is none). */
  first: string[];
  /** `normalizeName` of the last name; null when the record has none. */
  last: Array<string | null>;
  /** `foldedName` of the first and last names; null when the record has no such name. */
  foldedFirst: Array<string | null>;
  foldedLast: Array<string | null>;
  /** Position of a record id; -1 for ids of records that are not current. */
  position: Int32Array;
}

function blockingKeys(db: Db, maxId: number): BlockingKeys {
  const keys: BlockingKeys = { ids: [], dob: [], email: [], phone: [], first: [], last: [], foldedFirst: [], foldedLast: [], position: new Int32Array(maxId + 1).fill(-1) };
  // Names repeat across records: each distinct spelling is normalized once.
  const memo = (normalize: (value: string) => string) => {
    const known = new Map<string, string>();
    return (value: string): string => {
      let key = known.get(value);
      if (key === undefined) {
        key = normalize(value);
        known.set(value, key);
      }
      return key;
    };
  };
  const nameKey = memo(normalizeName);
  const folded = memo(foldedName);
  const rows = db
    .prepare(`SELECT s.id, s.birth_date, s.email_key, s.phone, s.first_name, s.last_name FROM subject_records s WHERE ${CURRENT_SUBJECT} ORDER BY s.id`)
    .raw()
    .iterate() as Iterable<[number, string | null, string | null, string | null, string | null, string | null]>;
  for (const [id, dob, email, phone, first, last] of rows) {
    keys.position[id] = keys.ids.length;
    keys.ids.push(id);
    keys.dob.push(dob);
    keys.email.push(email);
    keys.phone.push(phone);
    keys.first.push(first === null ? '' : nameKey(first));
    keys.last.push(last === null ? null : nameKey(last));
    keys.foldedFirst.push(first === null ? null : folded(first) || null);
    keys.foldedLast.push(last === null ? null : folded(last) || null);
  }
  return keys;
}

/**
 * The keys more than one record has, each with its records' positions (ascending), in the order SQLite sorts text
 * (by code point), so merges and questions come in the same order whatever the platform.
 */
function sharedKeys(count: number, keyOf: (position: number) => string | null): Array<[string, number[]]> {
  const first = new Map<string, number>();
  const shared = new Map<string, number[]>();
  for (let n = 0; n < count; n++) {
    const key = keyOf(n);
    if (key === null) continue;
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, n);
      continue;
    }
    const members = shared.get(key);
    if (members) members.push(n);
    else shared.set(key, [seen, n]);
  }
  return [...shared].sort((a, b) => byCodePoint(a[0], b[0]));
}

/** SQLite's BINARY order of text (UTF-8 bytes, i.e. code points); UTF-16 puts U+10000 and above before U+E000–U+FFFF. */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800 && (x <= 0xdfff) !== (y <= 0xdfff)) return x <= 0xdfff ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Records sharing last name and postal code whose first names are the same or similar (diacritics folded), with no
 * date of birth telling them apart: one person written twice, or namesakes. Never merged; listed for review.
 */
function possibleMatches(db: Db, people: BlockingKeys, sets: UnionFind, ask: (kind: ReviewItem['kind'], ids: number[], reason: string) => void): void {
  const addresses = db
    .prepare(`SELECT a.subject_id, substr(replace(a.postal_code, ' ', ''), 1, 5) FROM subject_addresses a WHERE a.postal_code IS NOT NULL AND a.postal_code <> ''`)
    .raw()
    .iterate() as Iterable<[number, string]>;
  const blocks = new Map<string, { last: string; postal: string; members: number[] }>();
  for (const [id, postal] of addresses) {
    const n = people.position[id] ?? -1;
    if (n < 0) continue;
    const last = people.foldedLast[n];
    if (!last || !people.foldedFirst[n]) continue;
    const key = `${last}|${postal}`;
    const block = blocks.get(key);
    if (block) block.members.push(n);
    else blocks.set(key, { last, postal, members: [n] });
  }
  const ordered = [...blocks.values()].filter((b) => b.members.length > 1).sort((a, b) => byCodePoint(a.last, b.last) || byCodePoint(a.postal, b.postal));
  for (const { last, postal, members } of ordered) {
    const block = [...new Set(members)].sort((a, b) => a - b);
    if (block.length < 2 || block.length > MAX_BLOCK) continue;
    const blockKey = `${last}|${postal}`;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = block[i]!;
        const b = block[j]!;
        const [idA, idB] = [people.ids[a]!, people.ids[b]!];
        if (sets.find(idA) === sets.find(idB)) continue;
        const [dobA, dobB] = [people.dob[a], people.dob[b]];
        if (dobA && dobB && dobA !== dobB) continue;
        const similarity = jaroWinkler(people.foldedFirst[a]!, people.foldedFirst[b]!);
        if (similarity < SIMILAR_FIRST_NAME) continue;
        ask('possible-match', [idA, idB], `same last name and postal code ${blockKey.split('|')[1]}, first-name similarity ${similarity.toFixed(2)}; possibly one person, held apart`);
      }
    }
  }
}
