import { hostname, userInfo } from 'node:os';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { ENGINE_VERSION } from '../version';
import type { Db } from './db';
import { sealNewRows } from './row-seals';

export const GENESIS_HASH = '0'.repeat(64);

export type CustodyAction =
  | 'case-create'
  | 'acquire'
  | 'acquire-refused'
  | 'parse'
  | 'cleanup'
  | 'verify'
  | 'scope'
  | 'analysis'
  | 'findings'
  | 'resolve'
  | 'override'
  | 'rules-add'
  | 'export'
  | 'case-encrypt'
  | 'passphrase-change'
  | 'share'
  | 'dispose'
  | 'note'
  | 'csv-export'
  | 'notice-facts'
  | 'notice-template';

export interface CustodyEntry {
  seq: number;
  at: string;
  actor: string;
  osUser: string;
  host: string;
  appVersion: string;
  action: CustodyAction;
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  entryHash: string;
}

export interface CustodyRecord {
  actor: string;
  action: CustodyAction;
  subject: string;
  details: Record<string, unknown>;
}

interface CustodyRow {
  seq: number;
  at: string;
  actor: string;
  os_user: string;
  host: string;
  app_version: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  entry_hash: string;
}

/** The bytes an entry's hash covers: everything but the hash itself, chained to the previous entry. */
export function custodyEntryHash(prevHash: string, entry: Omit<CustodyEntry, 'entryHash' | 'prevHash' | 'details'> & { details: string }): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    osUser: entry.osUser,
    host: entry.host,
    appVersion: entry.appVersion,
    action: entry.action,
    subject: entry.subject,
    details: entry.details,
  });
  return sha256Hex(`${prevHash}\n${body}`);
}

export function defaultActor(): string {
  return safeOsUser();
}

/** The operating-system account running the engine, or `unknown`. */
export function safeOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * Appends one entry; call inside the transaction that makes the change it records. The entry seals the rows the
 * store gained since the entry before it (`rowSeals` in its details; rows written after it are sealed by the next).
 */
export function appendCustody(db: Db, record: CustodyRecord, now: Date = new Date()): CustodyEntry {
  const append = db.transaction(() => appendSealed(db, record, now));
  return db.inTransaction ? append() : append.immediate();
}

function appendSealed(db: Db, record: CustodyRecord, now: Date): CustodyEntry {
  const last = db.prepare('SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; entry_hash: string }
    | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.entry_hash ?? GENESIS_HASH;
  const rowSeals = sealNewRows(db, seq);
  const sealedDetails = Object.keys(rowSeals).length > 0 ? { ...record.details, rowSeals } : record.details;
  const details = canonicalJson(sealedDetails);
  const base = {
    seq,
    at: now.toISOString(),
    actor: record.actor,
    osUser: safeOsUser(),
    host: hostname(),
    appVersion: ENGINE_VERSION,
    action: record.action,
    subject: record.subject,
    details,
  };
  const entryHash = custodyEntryHash(prevHash, base);
  db.prepare(
    `INSERT INTO custody (seq, at, actor, os_user, host, app_version, action, subject, details, prev_hash, entry_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(seq, base.at, base.actor, base.osUser, base.host, base.appVersion, base.action, base.subject, details, prevHash, entryHash);
  return { ...base, details: sealedDetails, prevHash, entryHash };
}

export function listCustody(db: Db): CustodyEntry[] {
  const rows = db.prepare('SELECT * FROM custody ORDER BY seq').all() as CustodyRow[];
  return rows.map(fromRow);
}

export function custodyHead(db: Db): { seq: number; hash: string } {
  const last = db.prepare('SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; entry_hash: string }
    | undefined;
  return { seq: last?.seq ?? 0, hash: last?.entry_hash ?? GENESIS_HASH };
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  head: string;
  firstBadSeq: number | null;
  problem: string | null;
}

/** Recomputes every entry hash and link; reports the first sequence number where the chain breaks. */
export function verifyCustodyChain(db: Db): ChainCheck {
  const rows = db.prepare('SELECT * FROM custody ORDER BY seq').all() as CustodyRow[];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const problem = checkRow(row, prevHash, expectedSeq);
    if (problem) return { ok: false, entries: rows.length, head: rows[rows.length - 1]!.entry_hash, firstBadSeq: row.seq, problem };
    prevHash = row.entry_hash;
    expectedSeq = row.seq + 1;
  }
  return { ok: true, entries: rows.length, head: prevHash, firstBadSeq: null, problem: null };
}

function checkRow(row: CustodyRow, prevHash: string, expectedSeq: number): string | null {
  if (row.seq !== expectedSeq) return `entries ${expectedSeq}–${row.seq - 1} are missing`;
  if (row.prev_hash !== prevHash) return `previous hash is ${row.prev_hash}, expected ${prevHash}`;
  const recomputed = custodyEntryHash(prevHash, {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    osUser: row.os_user,
    host: row.host,
    appVersion: row.app_version,
    action: row.action as CustodyAction,
    subject: row.subject,
    details: row.details,
  });
  if (recomputed !== row.entry_hash) return `entry hash is ${row.entry_hash}, recomputed ${recomputed}`;
  return null;
}

function fromRow(row: CustodyRow): CustodyEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    osUser: row.os_user,
    host: row.host,
    appVersion: row.app_version,
    action: row.action as CustodyAction,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    entryHash: row.entry_hash,
  };
}
