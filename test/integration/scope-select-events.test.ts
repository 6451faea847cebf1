/**
 * The scoped events and the reason each was selected: every kind of indicator, which reason wins when several match,
 * the window, and events pulled in by a login or session key a direct match has. Events are written straight into a
 * real case store (the import tests cover the parsers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeScope, type ScopeInput } from '../../shared/scope/definition';
import { collectScopedEvents, SCOPED_EVENTS } from '../../shared/scope/select-events';
import { createCase, type CaseHandle } from '../../shared/store/case-folder';

interface SeedEvent {
  id: number;
  ts?: string;
  actor?: string;
  username?: string;
  session?: string;
  login?: string;
  clientIp?: string;
  sourceIp?: string;
  agent?: string;
  app?: string;
  client?: string;
}

const EVENTS: SeedEvent[] = [
  { id: 1, clientIp: '203.0.113.5', login: 'LK1', username: 'mallory@corp.example' },
  { id: 2, clientIp: '10.0.0.1', sourceIp: '203.0.113.6', session: 'SS2' },
  { id: 3, actor: '0055j00000AT6I1AAL' },
  { id: 4, username: 'Mallory@Corp.example' },
  { id: 5, session: 'S9' },
  { id: 6, login: 'L7' },
  { id: 7, app: 'DataLoader' },
  { id: 8, client: 'Workbench/2.0' },
  { id: 9, agent: 'curl/8.4.0' },
  { id: 10, login: 'LK1', clientIp: '10.0.0.2' },
  { id: 11, login: 'LK1', session: 'SS2', clientIp: '10.0.0.3' },
  { id: 12, session: 'SS2', clientIp: '10.0.0.4' },
  { id: 13, ts: '2025-05-01T00:00:00.000Z', clientIp: '203.0.113.7' },
  { id: 14, clientIp: '198.51.100.1', username: 'alice@corp.example' },
  { id: 15, ts: '2025-05-02T00:00:00.000Z', login: 'LK1' },
];

const WINDOW = { from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z' };

let dir: string;
let handle: CaseHandle;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bl-scope-events-'));
  handle = await createCase({ dir: path.join(dir, 'case'), name: 'scope events', investigator: 'test', discovered: '2025-06-20' });
  const db = handle.db;
  db.prepare(
    `INSERT INTO evidence (id, sha256, sha1, md5, size, original_name, original_path, source, acquired_at, acquired_by, time_zone, format, format_forced)
     VALUES (1, ?, '', '', 0, 'events.csv', 'seeded', 'test seed', '2025-06-20T00:00:00.000Z', 'test', 'UTC', 'salesforce-elf', 1)`,
  ).run('e'.repeat(64));
  db.prepare(
    `INSERT INTO imports (id, evidence_id, format, parser_version, encoding, encoding_guessed, options, rows_read, rows_imported, rows_rejected, rows_duplicate, warnings, started_at, finished_at)
     VALUES (1, 1, 'salesforce-elf', 'seed', 'utf-8', 0, '{}', ?, ?, 0, 0, '[]', '', '')`,
  ).run(EVENTS.length, EVENTS.length);
  const insert = db.prepare(
    `INSERT INTO access_events (id, evidence_id, import_id, record_no, byte_offset, byte_length, source_type, ts, actor_id, username, session_key, login_key,
       client_ip, source_ip, user_agent, app, client, operation, object_type, query, rows_processed, status, request_id, uri, records_partial, dedup_key, dedup_hash, details)
     VALUES (@id, 1, 1, @id, @id * 100, 100, 'elf:API', @ts, @actor, @username, @session, @login, @clientIp, @sourceIp, @agent, @app, @client, 'query', 'Contact',
       NULL, 1, '', NULL, NULL, 0, 'k' || @id, @id, NULL)`,
  );
  for (const e of EVENTS) {
    insert.run({ actor: null, username: null, session: null, login: null, clientIp: null, sourceIp: null, agent: null, app: null, client: null, ...e, ts: e.ts ?? `2025-06-10T00:00:${String(e.id).padStart(2, '0')}.000Z` });
  }
});

afterAll(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

function scoped(input: Omit<ScopeInput, 'from' | 'to'>): Record<number, string> {
  const count = collectScopedEvents(handle.db, normalizeScope({ ...WINDOW, ...input }));
  const rows = handle.db.prepare(`SELECT event_id AS id, reason FROM ${SCOPED_EVENTS} ORDER BY event_id`).all() as Array<{ id: number; reason: string }>;
  expect(rows).toHaveLength(count);
  return Object.fromEntries(rows.map((r) => [r.id, r.reason]));
}

describe('selecting the scoped events', () => {
  it('gives each event the first indicator it matches, and pulls in events sharing a login or session key', () => {
    expect(
      scoped({
        ips: ['203.0.113.0/24'],
        users: ['0055j00000AT6I1AAL', 'mallory@corp.example'],
        sessions: ['S9'],
        loginKeys: ['L7'],
        apps: ['DataLoader'],
        clients: ['workbench/2.0'],
        agents: ['curl'],
      }),
    ).toEqual({
      1: 'ip 203.0.113.0/24 (client 203.0.113.5)',
      2: 'ip 203.0.113.0/24 (source 203.0.113.6)',
      3: 'user 0055j00000AT6I1AAL',
      4: 'user mallory@corp.example',
      5: 'session S9',
      6: 'login key L7',
      7: 'app DataLoader',
      8: 'client Workbench/2.0',
      9: 'agent curl',
      10: 'shares login key LK1 with event 1',
      11: 'shares login key LK1 with event 1',
      12: 'shares session key SS2 with event 2',
    });
  });

  it('uses only the indicators the scope sets', () => {
    expect(scoped({ agents: ['CURL'] })).toEqual({ 9: 'agent curl' });
    expect(scoped({ ips: ['203.0.113.0/24'] })).toEqual({
      1: 'ip 203.0.113.0/24 (client 203.0.113.5)',
      2: 'ip 203.0.113.0/24 (source 203.0.113.6)',
      10: 'shares login key LK1 with event 1',
      11: 'shares login key LK1 with event 1',
      12: 'shares session key SS2 with event 2',
    });
    expect(scoped({ users: ['alice@corp.example'] })).toEqual({ 14: 'user alice@corp.example' });
  });

  it('selects nothing when no event in the window matches', () => {
    expect(scoped({ ips: ['192.0.2.0/24'], clients: ['no such client'] })).toEqual({});
  });
});
