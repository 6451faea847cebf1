import type { SubjectLinkType } from '../../ingest/parser';
import type { Db } from '../../store/db';
import { CURRENT_SUBJECT, currentSubject } from '../../scope/current-events';
import { jaroWinkler, normalizeName } from './name-similarity';
import { UnionFind } from './union-find';

export interface ResolutionDecisions {
  /** Groups of subject record ids the investigator says are one consumer. */
  merges: ReadonlyArray<readonly number[]>;
  /** Subject record ids the investigator says stand alone. */
  splits: readonly number[];
}

export interface ReviewItem {
  kind: 'conflict';
  subjectIds: number[];
  reason: string;
}

export interface Resolution {
  /** The consumer (the smallest subject id of its set) a subject record belongs to. */
  consumerOf(subjectId: number): number;
  /** Why a record joined its consumer; records that stand alone have no entry. */
  reasonFor(subjectId: number): string | null;
  review: ReviewItem[];
  stats: Record<string, number>;
}

const MAX_BLOCK = 200;

/** Links that say two records are the same person; an `account` link only says a contact works for a company. */
const IDENTITY_LINKS: readonly SubjectLinkType[] = ['person_contact', 'converted_contact', 'case_contact', 'order_bill_to'];

/**
 * Resolves subject records into consumers, strongest evidence first: links in the data, the same source id,
 * normalized email, phone plus last name, then a scored comparison of first name and date of birth among
 * records sharing last name and postal code. Records whose dates of birth conflict are held apart for review.
 */
export function resolveConsumers(db: Db, decisions: ResolutionDecisions): Resolution {
  const maxId = (db.prepare('SELECT MAX(id) FROM subject_records').pluck().get() as number | null) ?? 0;
  const sets = new UnionFind(maxId + 1);
  const reasons = new Map<number, string>();
  const split = new Set(decisions.splits);
  const review: ReviewItem[] = [];
  const stats: Record<string, number> = { link: 0, sourceId: 0, email: 0, phoneName: 0, scored: 0, investigator: 0, conflicts: 0 };

  const join = (a: number, b: number, reason: string, stat: string): void => {
    if (a === b || split.has(a) || split.has(b)) return;
    if (!sets.union(a, b)) return;
    stats[stat]!++;
    if (!reasons.has(a)) reasons.set(a, reason);
    if (!reasons.has(b)) reasons.set(b, reason);
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

  const groupsBy = (keySql: string, where: string): Iterable<{ id: number; key: string; dob: string | null }> =>
    db.prepare(`SELECT s.id AS id, ${keySql} AS key, s.birth_date AS dob FROM subject_records s WHERE ${CURRENT_SUBJECT} AND ${where} ORDER BY key, s.id`).iterate() as Iterable<{
      id: number;
      key: string;
      dob: string | null;
    }>;

  const mergeGroups = (rows: Iterable<{ id: number; key: string; dob: string | null }>, label: string, stat: string): void => {
    let key: string | null = null;
    let members: Array<{ id: number; dob: string | null }> = [];
    const flush = (): void => {
      if (members.length > 1) mergeGroup(members, `${label} ${key}`, stat);
      members = [];
    };
    for (const row of rows) {
      if (row.key !== key) {
        flush();
        key = row.key;
      }
      members.push({ id: row.id, dob: row.dob });
    }
    flush();
  };

  const mergeGroup = (members: Array<{ id: number; dob: string | null }>, reason: string, stat: string): void => {
    const dobs = [...new Set(members.map((m) => m.dob).filter((d): d is string => d !== null))].sort();
    if (dobs.length <= 1) {
      for (const m of members.slice(1)) join(members[0]!.id, m.id, reason, stat);
      return;
    }
    for (const dob of dobs) {
      const same = members.filter((m) => m.dob === dob);
      for (const m of same.slice(1)) join(same[0]!.id, m.id, `${reason}, same date of birth`, stat);
    }
    stats.conflicts!++;
    review.push({ kind: 'conflict', subjectIds: members.map((m) => m.id), reason: `${reason} but different dates of birth (${dobs.join(', ')}); held apart` });
  };

  mergeGroups(groupsBy('s.email_key', 's.email_key IS NOT NULL'), 'same email', 'email');
  mergeGroups(groupsBy("s.phone || ' ' || lower(s.last_name)", 's.phone IS NOT NULL AND s.last_name IS NOT NULL'), 'same phone and last name', 'phoneName');
  scoredMatches(db, join);

  return {
    consumerOf: (subjectId) => sets.find(subjectId),
    reasonFor: (subjectId) => reasons.get(subjectId) ?? null,
    review,
    stats,
  };
}

/** Records sharing last name and postal code: same date of birth and a similar first name, or the same first name when a date is missing. */
function scoredMatches(db: Db, join: (a: number, b: number, reason: string, stat: string) => void): void {
  const rows = db
    .prepare(
      `SELECT DISTINCT s.id AS id, lower(s.last_name) AS last, substr(replace(a.postal_code, ' ', ''), 1, 5) AS postal, s.first_name AS first, s.birth_date AS dob
       FROM subject_records s JOIN subject_addresses a ON a.subject_id = s.id
       WHERE ${CURRENT_SUBJECT} AND s.last_name IS NOT NULL AND s.first_name IS NOT NULL AND a.postal_code IS NOT NULL AND a.postal_code <> ''
       ORDER BY last, postal, s.id`,
    )
    .iterate() as Iterable<{ id: number; last: string; postal: string; first: string; dob: string | null }>;
  let blockKey = '';
  let block: Array<{ id: number; first: string; dob: string | null }> = [];
  const compare = (): void => {
    if (block.length < 2 || block.length > MAX_BLOCK) return;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = block[i]!;
        const b = block[j]!;
        if (a.id === b.id) continue;
        if (a.dob && b.dob && a.dob !== b.dob) continue;
        const similarity = jaroWinkler(a.first, b.first);
        const dobPart = a.dob && b.dob ? 0.2 : 0.1;
        const score = 0.5 * similarity + 0.3 + dobPart;
        if (score >= 0.9) join(a.id, b.id, `same last name and postal code, first-name similarity ${similarity.toFixed(2)}${a.dob && b.dob ? ', same date of birth' : ''} (score ${score.toFixed(2)})`, 'scored');
      }
    }
  };
  for (const row of rows) {
    const key = `${normalizeName(row.last)}|${row.postal}`;
    if (key !== blockKey) {
      compare();
      blockKey = key;
      block = [];
    }
    block.push({ id: row.id, first: normalizeName(row.first), dob: row.dob });
  }
  compare();
}
