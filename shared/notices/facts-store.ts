import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { readCaseInfo } from '../store/case-folder';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { parseNoticeFacts, type NoticeFacts } from './notice-facts';
import { WRITTEN_NOTICE } from './notice-method';

export interface StoredNoticeFacts {
  id: number;
  sha256: string;
  recordedAt: string;
  actor: string;
  facts: NoticeFacts;
}

/** Validates and records a new version of the notice facts (append-only, logged in custody); the latest version is the one in force. */
export function recordNoticeFacts(db: Db, input: unknown, actor: string, now: Date = new Date()): StoredNoticeFacts {
  const facts = parseNoticeFacts(input, readCaseInfo(db).discovered);
  const text = canonicalJson(facts);
  const sha256 = sha256Hex(text);
  const recordedAt = now.toISOString();
  const id = db.transaction(() => {
    const inserted = Number(db.prepare('INSERT INTO notice_facts (created_at, actor, facts, sha256) VALUES (?, ?, ?, ?)').run(recordedAt, actor, text, sha256).lastInsertRowid);
    appendCustody(db, { actor, action: 'notice-facts', subject: `notice facts ${inserted}`, details: { noticeFactsId: inserted, sha256, facts } }, now);
    return inserted;
  })();
  return { id, sha256, recordedAt, actor, facts };
}

/** The notice facts in force (the latest version), or null when counsel has not stated them yet. */
export function readNoticeFacts(db: Db): StoredNoticeFacts | null {
  const row = db.prepare('SELECT id, created_at AS recordedAt, actor, facts, sha256 FROM notice_facts ORDER BY id DESC LIMIT 1').get() as
    | { id: number; recordedAt: string; actor: string; facts: string; sha256: string }
    | undefined;
  if (!row) return null;
  const facts = JSON.parse(row.facts) as Omit<NoticeFacts, 'method'> & { method?: NoticeFacts['method'] };
  return { id: row.id, sha256: row.sha256, recordedAt: row.recordedAt, actor: row.actor, facts: { ...facts, method: facts.method ?? WRITTEN_NOTICE } };
}
