/**
 * Per-hour log gaps, deleted logs / jobs / reports and Setup changes that switch history off, and access outside a user's
 * usual hours read in the case's time zone, on event log files and a Setup Audit Trail download written in their formats.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailDate } from '../../shared/demo/calendar';
import { AUDIT_TRAIL_HEADER } from '../../shared/demo/audit-trail';
import { buildOrg } from '../../shared/demo/org';
import { apiTotalUsageEvent, ELF_HEADERS, elfEvent, loginEvent, newSession, type ElfEvent } from '../../shared/demo/log-events';
import { quotedCsvLine } from '../../shared/demo/output';
import { Random } from '../../shared/demo/random';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { usualSpan } from '../../shared/findings/families/out-of-hours';
import type { FindingsReport } from '../../shared/findings/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST = Date.UTC(2025, 4, 1); // 2025-05-01 .. 2025-05-08
const DAYS = 8;
const WINDOW = { from: '2025-05-07T00:00:00.000Z', to: '2025-05-08T00:00:00.000Z' };
const SILENT = new Set(['2025-05-07T09', '2025-05-07T10', '2025-05-07T11']);
const QUIET_HOUR = '2025-05-04T05';

const org = buildOrg('history', 6);
const random = Random.for('history', 'events');
const worker = org.agents[0]!;
const newcomer = org.agents[1]!;
const deleter = org.agents[2]!;
const files = new Map<string, ElfEvent[]>();
let dir: string;
let report: FindingsReport;

function add(event: ElfEvent): void {
  const name = `${new Date(event.time).toISOString().slice(0, 10)}_${event.type}.csv`;
  files.set(name, [...(files.get(name) ?? []), event]);
}

function line(file: string, n: number): string {
  return readFileSync(path.join(dir, 'logs', file), 'utf8').split('\n')[n - 1] ?? '';
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bl-history-'));
  mkdirSync(path.join(dir, 'logs'));
  const sync = newSession(random, org.integrations[0]!, '192.0.2.40', 'ShopifySync/4.2', null);
  for (let h = 0; h < DAYS * 24; h++) {
    const hourStart = FIRST + h * HOUR;
    const hour = new Date(hourStart).toISOString().slice(0, 13);
    // An integration logging ten calls every hour, silent for three hours inside the window.
    if (!SILENT.has(hour)) for (let k = 0; k < 10; k++) add(apiTotalUsageEvent(hourStart + k * 300_000 + 1_000, sync, random, 'REST', 'GET', '/v62.0/query', 'Contact'));
    // A source with two events an hour: one silent hour is chance, not a gap.
    if (hour !== QUIET_HOUR) for (let k = 0; k < 2; k++) add(elfEvent('API', hourStart + k * 1_200_000 + 5_000, sync, random, { METHOD_NAME: 'query', ENTITY_NAME: 'Contact', ROWS_PROCESSED: '1', REQUEST_STATUS: 'S' }));
  }
  // A person who works 13:00-20:59 UTC (09:00-16:59 in New York in May) on six days before the window.
  for (let d = 0; d < 6; d++) {
    const session = newSession(random, worker, '198.51.100.20', 'Mozilla/5.0', null);
    add(loginEvent(FIRST + d * DAY + 13 * HOUR, session, random, false));
    for (let h = 13; h <= 20; h++) add(elfEvent('URI', FIRST + d * DAY + h * HOUR + 600_000, session, random, { URI: '/003/o', REQUEST_STATUS: 'S' }));
  }
  const windowDay = Date.parse(WINDOW.from);
  const late = newSession(random, worker, '198.51.100.20', 'Mozilla/5.0', null);
  add(loginEvent(windowDay + 13 * HOUR, late, random, false));
  for (const at of [14 * HOUR, 21 * HOUR + 1_800_000, 2 * HOUR + 900_000, 3 * HOUR + 600_000]) add(elfEvent('URI', windowDay + at, late, random, { URI: '/003/o', REQUEST_STATUS: 'S' }));
  // Someone with two days of activity before the window: too little to learn hours from.
  for (const d of [4, 5]) add(loginEvent(FIRST + d * DAY + 15 * HOUR, newSession(random, newcomer, '198.51.100.30', 'Mozilla/5.0', null), random, false));
  add(loginEvent(windowDay + 4 * HOUR, newSession(random, newcomer, '198.51.100.30', 'Mozilla/5.0', null), random, false));

  // Deletions through the API: two event log files (one before the window), a bulk job, a report, a debug log (SOAP),
  // and an ordinary record delete and a read of a log file, which are not reported.
  const api = newSession(random, deleter, '203.0.113.50', 'python-requests/2.32.4', null);
  const rest = (at: number, method: string, uri: string, status: string) =>
    add(elfEvent('RestApi', at, api, random, { URI: uri, METHOD: method, STATUS_CODE: status, REQUEST_STATUS: 'S', ENTITY_NAME: /EventLogFile/.test(uri) ? 'EventLogFile' : '' }));
  rest(FIRST + 2 * DAY + 12 * HOUR, 'DELETE', '/services/data/v62.0/sobjects/EventLogFile/0AT5e00000AbCdEGAZ', '204');
  rest(windowDay + 12 * HOUR + 1_800_000, 'DELETE', '/services/data/v62.0/sobjects/EventLogFile/0AT5e00000AbCdFGAZ', '204');
  rest(windowDay + 12 * HOUR + 2_400_000, 'DELETE', '/services/data/v62.0/jobs/ingest/7505e00000XyZabAAB', '204');
  rest(windowDay + 12 * HOUR + 3_000_000, 'DELETE', '/services/data/v62.0/analytics/reports/00O5e000000AbCdEAK', '204');
  rest(windowDay + 12 * HOUR + 3_300_000, 'DELETE', '/services/data/v62.0/sobjects/Contact/0035e00000AbCdeAAA', '204');
  rest(windowDay + 13 * HOUR, 'GET', '/services/data/v62.0/sobjects/EventLogFile/0AT5e00000AbCdGGAZ', '200');
  add(elfEvent('API', windowDay + 13 * HOUR + 60_000, api, random, { METHOD_NAME: 'delete', ENTITY_NAME: 'ApexLog', ROWS_PROCESSED: '1', REQUEST_STATUS: 'S' }));

  const paths: string[] = [];
  for (const [name, events] of files) {
    const type = events[0]!.type;
    const header = ELF_HEADERS[type];
    events.sort((a, b) => a.time - b.time);
    paths.push(path.join(dir, 'logs', name));
    writeFileSync(paths.at(-1)!, [header, ...events.map((e) => header.map((h) => e.values[h] ?? ''))].map((r) => quotedCsvLine([...r])).join(''));
  }
  // A Setup Audit Trail download. The wording is written for this test (the rule reads a logging subject and a verb that
  // deletes, disables or shortens it), not copied from a real trail.
  const trail = [
    [auditTrailDate(windowDay + 15 * HOUR), org.admin.username, '', 'Disabled field history tracking for Contact: Email', 'Customize Contacts', ''],
    [auditTrailDate(FIRST + DAY + 15 * HOUR), org.admin.username, '', 'Deleted custom field Favourite Colour (Contact)', 'Customize Contacts', ''],
    [auditTrailDate(FIRST + DAY + 16 * HOUR), org.admin.username, '', 'Changed Event Monitoring setting Event Log File Browser to enabled', 'Event Monitoring', ''],
  ];
  paths.push(path.join(dir, 'logs', 'SetupAuditTrail.csv'));
  writeFileSync(paths.at(-1)!, [AUDIT_TRAIL_HEADER, ...trail].map((r) => quotedCsvLine(r)).join(''));

  const engine = new LedgerEngine();
  const caseDir = path.join(dir, 'case');
  await engine.createCase({ caseDir, name: 'History', investigator: 'Test', timeZone: 'America/New_York' });
  const added = await engine.addEvidence({ caseDir, files: paths, actor: 'test' });
  expect(added.every((a) => a.status === 'added')).toBe(true);
  await engine.defineScope({ caseDir, from: WINDOW.from, to: WINDOW.to, ips: ['203.0.113.50'], actor: 'test' });
  report = await engine.findings({ caseDir });
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('per-hour log gaps', () => {
  it('reports the three silent hours of a source that logs ten events every hour, with the rows either side', () => {
    const gaps = report.findings.filter((f) => f.id === 'audit.hourly-log-gap');
    expect(gaps.map((f) => f.subject)).toEqual(['elf:ApiTotalUsage']);
    expect(gaps[0]!.severity).toBe('high');
    const fact = gaps[0]!.facts[0]!;
    expect(fact.text).toContain('No elf:ApiTotalUsage event from 2025-05-07T09:00:00Z to 2025-05-07T11:59:59Z (3 hour(s))');
    expect(fact.text).toContain('averaged 10.0 events an hour');
    expect(fact.rows).toHaveLength(2);
    const [before, after] = fact.rows.map((r) => line(r.file, r.line!));
    expect(before).toContain('2025-05-07T08:');
    expect(after).toContain('2025-05-07T12:');
  });

  it('does not call a silent hour of a source with two events an hour a gap, nor a whole-day matter an hourly one', () => {
    expect(report.findings.some((f) => f.id === 'audit.hourly-log-gap' && f.subject === 'elf:API')).toBe(false);
    expect(report.findings.filter((f) => f.id === 'audit.log-gap')).toEqual([]);
  });
});

describe('deleted logs, jobs and history', () => {
  it('reports each event log file, bulk job, report and debug log deleted through the API, on its own log line', () => {
    const deleted = report.findings.filter((f) => f.id === 'audit.history-deleted' && f.subject.startsWith('api '));
    expect(deleted.map((f) => f.subject).sort()).toEqual(['api bulk job', 'api debug log', 'api event log file', 'api report or dashboard']);
    const logs = deleted.find((f) => f.subject === 'api event log file')!;
    expect(logs.facts).toHaveLength(2);
    expect(logs.severity).toBe('high');
    expect(logs.facts[0]!.text).not.toContain('on or after the start of the incident window');
    expect(logs.facts[1]!.text).toContain('on or after the start of the incident window');
    for (const f of deleted) {
      for (const row of f.facts.flatMap((x) => x.rows)) {
        const text = line(row.file, row.line!);
        expect(text).toMatch(/"DELETE"|"delete"/);
        expect(text).toContain(deleter.id15);
      }
    }
    // The ordinary record delete and the read of a log file are not deletions of history.
    const all = deleted.flatMap((f) => f.facts.map((x) => x.text)).join('\n');
    expect(all).not.toContain('/sobjects/Contact/');
    expect(all).not.toContain('0AT5e00000AbCdGGAZ');
  });

  it('reports the Setup change that switched field history off, and not a deleted field or a change that enables logging', () => {
    const setup = report.findings.filter((f) => f.id === 'audit.history-deleted' && f.subject.startsWith('setup '));
    expect(setup.map((f) => f.subject)).toEqual(['setup Disabled field history tracking for Contact: Email']);
    expect(setup[0]!.severity).toBe('high');
    expect(line(setup[0]!.facts[0]!.rows[0]!.file, setup[0]!.facts[0]!.rows[0]!.line!)).toContain('Disabled field history tracking');
  });
});

describe('access outside usual hours', () => {
  it('learns the hours in the case time zone and reports the events more than an hour outside them, with the rate', () => {
    const found = report.findings.filter((f) => f.id === 'access.out-of-hours');
    expect(found.map((f) => f.subject)).toEqual([worker.username.toLowerCase()]);
    const text = found[0]!.facts[0]!.text;
    expect(text).toContain('active only from 09:00 to 17:00 (America/New_York) on 6 day(s), 54 event(s)');
    expect(text).toContain('2 of their 5 event(s) (40 %)');
    expect(text).toContain('on 2025-05-06');
    const rows = found[0]!.facts[0]!.rows.map((r) => line(r.file, r.line!));
    expect(rows.map((r) => /2025-05-07T0[23]:\d{2}/.test(r))).toEqual([true, true]);
  });

  it('judges nobody without enough activity before the window, and nothing for an integration active round the clock', () => {
    const note = report.notes.find((n) => n.check === 'access outside usual hours')!;
    expect(note.reason).toContain(`${newcomer.username.toLowerCase()} (2 event(s) on 2 day(s))`);
    expect(report.findings.some((f) => f.id === 'access.out-of-hours' && f.subject === org.integrations[0]!.username.toLowerCase())).toBe(false);
  });

  it('finds the usual span across midnight as the shortest run of hours holding every active hour', () => {
    expect(usualSpan(new Set([22, 23, 0, 1, 2]))).toEqual({ start: 22, length: 5 });
    expect(usualSpan(new Set([9, 10, 16]))).toEqual({ start: 9, length: 8 });
    expect(usualSpan(new Set([5]))).toEqual({ start: 5, length: 1 });
  });
});
