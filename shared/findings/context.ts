/** What every finding family reads: the case's current events and records, with each row's provenance. */
import type { Db } from '../store/db';
import { currentEvent, currentSubject } from '../scope/current-events';
import type { FindingsOptions, RowProvenance } from './types';
import type { NetworkRange } from './network-ranges';

export interface EventRow {
  id: number;
  sourceType: string;
  ts: string;
  actorId: string | null;
  username: string | null;
  clientIp: string | null;
  app: string | null;
  client: string | null;
  operation: string | null;
  objectType: string | null;
  query: string | null;
  uri: string | null;
  rowsProcessed: number | null;
  status: string | null;
  details: Record<string, unknown>;
  provenance: RowProvenance;
}

export interface FindingsContext {
  db: Db;
  options: FindingsOptions;
  /** The current scope's window; null when the case has no scope yet. */
  window: { from: string; to: string } | null;
  /** The case's recorded IANA time zone: a person's "usual hours" are read in it. */
  timeZone: string;
  rangeOf: (address: string) => NetworkRange | null;
}

const PROVENANCE_COLUMNS = `x.evidence_id AS evidenceId, ev.original_name AS file, ev.sha256 AS sha256, x.entry AS entry, x.record_no AS record, x.line_no AS line`;

/**
 * The address a user connected from: the source IP where logged (an OAuth token login's CLIENT_IP reads "Salesforce.com IP",
 * its SOURCE_IP keeps the real address), else the client IP.
 */
const ADDRESS = `COALESCE(NULLIF(e.source_ip, ''), e.client_ip)`;

/** Current (newest import, not a repeated copy) events matching `where` (over alias e), oldest first. */
export function eventRows(db: Db, where: string, ...params: unknown[]): EventRow[] {
  const rows = db
    .prepare(
      `SELECT e.id, e.source_type AS sourceType, e.ts, e.actor_id AS actorId, e.username, ${ADDRESS} AS clientIp, e.app, e.client,
              e.operation, e.object_type AS objectType, e.query, e.uri, e.rows_processed AS rowsProcessed, e.status, e.details,
              ${PROVENANCE_COLUMNS.replaceAll('x.', 'e.')}
       FROM access_events e JOIN evidence ev ON ev.id = e.evidence_id
       WHERE ${currentEvent('e')} AND (${where}) ORDER BY e.ts, ev.sha256, e.record_no`,
    )
    .all(...params) as Array<Omit<EventRow, 'details' | 'provenance'> & { details: string | null } & RowProvenance>;
  const names = usernamesById(db);
  return rows.map((r) => ({
    id: r.id,
    sourceType: r.sourceType,
    ts: r.ts,
    actorId: r.actorId,
    username: r.username ?? (r.actorId ? (names.get(r.actorId) ?? null) : null),
    clientIp: r.clientIp,
    app: r.app,
    client: r.client,
    operation: r.operation,
    objectType: r.objectType,
    query: r.query,
    uri: r.uri,
    rowsProcessed: r.rowsProcessed,
    status: r.status,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : {},
    provenance: { evidenceId: r.evidenceId, file: r.file, sha256: r.sha256, entry: r.entry, record: r.record, line: r.line },
  }));
}

const usernameCache = new WeakMap<Db, Map<string, string>>();

/**
 * The username each user id logs in with, from the events that carry both; an id seen with several usernames is left
 * unresolved. Some sources (UniqueQuery, BulkApi2 ELF) log only the id, so one user would otherwise appear twice.
 */
export function usernamesById(db: Db): Map<string, string> {
  const cached = usernameCache.get(db);
  if (cached) return cached;
  const pairs = db
    .prepare(`SELECT e.actor_id AS id, MIN(lower(e.username)) AS name, COUNT(DISTINCT lower(e.username)) AS n FROM access_events e WHERE ${currentEvent('e')} AND e.actor_id IS NOT NULL AND e.username IS NOT NULL GROUP BY e.actor_id`)
    .all() as Array<{ id: string; name: string; n: number }>;
  const names = new Map(pairs.filter((p) => p.n === 1).map((p) => [p.id, p.name]));
  usernameCache.set(db, names);
  return names;
}

export interface SubjectRow {
  id: number;
  objectType: string;
  sourceId: string | null;
  fields: Record<string, unknown>;
  updatedAt: string | null;
  provenance: RowProvenance;
}

/** Current subject records of one object type, in record order. */
export function* subjectRows(db: Db, objectType: string): Iterable<SubjectRow> {
  const rows = db
    .prepare(
      `SELECT s.id, s.object_type AS objectType, s.source_id AS sourceId, s.fields, s.updated_at AS updatedAt, ${PROVENANCE_COLUMNS.replaceAll('x.', 's.')}
       FROM subject_records s JOIN evidence ev ON ev.id = s.evidence_id WHERE ${currentSubject('s')} AND s.object_type = ? ORDER BY ev.sha256, s.entry, s.record_no`,
    )
    .iterate(objectType) as Iterable<{ id: number; objectType: string; sourceId: string | null; fields: string; updatedAt: string | null } & RowProvenance>;
  for (const r of rows) {
    yield {
      id: r.id,
      objectType: r.objectType,
      sourceId: r.sourceId,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
      updatedAt: r.updatedAt,
      provenance: { evidenceId: r.evidenceId, file: r.file, sha256: r.sha256, entry: r.entry, record: r.record, line: r.line },
    };
  }
}

export function subjectObjectTypes(db: Db): string[] {
  return db.prepare(`SELECT DISTINCT s.object_type FROM subject_records s WHERE ${currentSubject('s')} ORDER BY 1`).pluck().all() as string[];
}

/** Whom an event names: the username when logged, else the user id. */
export function whoOf(event: Pick<EventRow, 'username' | 'actorId'>): string | null {
  return event.username?.toLowerCase() ?? event.actorId ?? null;
}

/** Logins are login-history rows, Login ELF rows and LoginEvent real-time events. */
export const LOGIN_WHERE = `e.source_type IN ('login-history', 'elf:Login', 'rtem:LoginEvent')`;

const SUCCESS = /^(success|login_no_error)$/i;

export function loginSucceeded(event: EventRow): boolean {
  return event.status !== null && SUCCESS.test(event.status.trim());
}

/** A failed login: a status that is present and is not a success (e.g. "Failed: Invalid Password", "Password Lockout"). */
export function loginFailed(event: EventRow): boolean {
  return event.status !== null && event.status.trim() !== '' && !loginSucceeded(event);
}

/** API and OAuth login types: the logins of integrations rather than people at a browser. */
const API_LOGIN_TYPE = /remote access|oauth|api|soap|rest|jwt|bearer/i;

export function isApiLogin(event: EventRow): boolean {
  const type = event.operation ?? text(event.details.LoginType);
  return API_LOGIN_TYPE.test(type);
}

const INTEGRATION_NAME = /integration|\bapi\b|svc|service|connector|sync/i;

/**
 * Integration or API users: users whose every login in the evidence is an API/OAuth login, or whose name says so.
 * Users with no login at all are judged by name only.
 */
export function integrationUsers(logins: readonly EventRow[], names: Iterable<string>): Set<string> {
  const kinds = new Map<string, { api: number; other: number }>();
  for (const login of logins) {
    const who = whoOf(login);
    if (!who) continue;
    const k = kinds.get(who) ?? { api: 0, other: 0 };
    if (isApiLogin(login)) k.api++;
    else k.other++;
    kinds.set(who, k);
  }
  const users = new Set<string>();
  for (const [who, k] of kinds) if (k.api > 0 && k.other === 0) users.add(who);
  for (const name of names) if (INTEGRATION_NAME.test(name)) users.add(name);
  return users;
}

export function inWindow(ctx: FindingsContext, ts: string): boolean {
  if (ctx.window === null) return false;
  const at = Date.parse(ts);
  return at >= Date.parse(ctx.window.from) && at <= Date.parse(ctx.window.to);
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** A detail value as text: strings and numbers as written, anything else (absent, objects) as empty. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
