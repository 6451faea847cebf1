import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsReport } from '../../shared/findings/types';
import { buildTinyCase, type BuiltCase } from '../helpers/breach';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** The findings engine on a generated breach: the planted signals are found, each traced to the original line. */
let root: string;
let built: BuiltCase;
let report: FindingsReport;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-findings-demo-'));
  built = await buildTinyCase(root);
  report = await built.engine.findings({ caseDir: built.caseDir });
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The findings the export computed, read back from its own report (the same snapshot as the workbook). */
function exportedFindings(dir: string): FindingsReport['findings'] {
  const html = readFileSync(path.join(dir, 'findings-report.html'), 'utf8');
  expect(html).toContain(report.outputDigest);
  return report.findings;
}

/** The compromised user's 15-character id, which event log rows (15) and real-time events (18) both contain. */
function compromisedId15(): string {
  const user = built.scenario.attack.compromisedUser as { username: string; id18?: string };
  if (!user.id18) throw new Error('the scenario names no id for the compromised user');
  return user.id18.slice(0, 15);
}

function originalLine(file: string, line: number): string {
  const source = built.files.find((f) => path.basename(f) === file);
  if (!source) throw new Error(`no generated file ${file}`);
  return readFileSync(source, 'utf8').split('\n')[line - 1] ?? '';
}

describe('findings on a generated breach', () => {
  it('finds the connected app installed by the compromised user, on its Setup Audit Trail line', () => {
    const app = built.scenario.attack.connectedApp.name;
    const installs = report.findings.filter((f) => f.id === 'apps.connected-app-authorised' && f.subject.includes(app));
    expect(installs.length).toBeGreaterThan(0);
    for (const row of installs.flatMap((f) => f.facts.flatMap((x) => x.rows))) expect(originalLine(row.file, row.line!)).toContain(app);
  });

  it('counts SSNs in clear by field, each counted row holding a full SSN on its original line', () => {
    const ssn = report.findings.filter((f) => f.id === 'data.sensitive-value-in-clear' && /SSN/.test(f.subject));
    expect(ssn.length).toBeGreaterThan(0);
    for (const f of ssn) {
      const rows = f.facts[0]!.rows;
      expect(f.facts[0]!.text).toContain(`${rows.length.toLocaleString('en-US')} `);
      for (const row of rows) expect(originalLine(row.file, row.line!)).toMatch(/\b\d{3}-?\d{2}-?\d{4}\b/);
    }
  });

  it('finds the queries selecting SSN fields inside the window and the COUNT() probe before extraction', () => {
    const queries = report.findings.filter((f) => f.id === 'access.query-selects-sensitive-fields' && /SSN/.test(f.subject));
    expect(queries.length).toBeGreaterThan(0);
    // One probe, by the compromised user: sources logging only the user id are resolved to the same user, not a second one.
    const probes = report.findings.filter((f) => f.id === 'access.count-probe-then-extraction');
    expect(probes.map((f) => f.subject)).toEqual([`${built.scenario.attack.compromisedUser.username} Contact`]);
    for (const p of probes) expect(p.facts[0]!.text).toMatch(/SELECT COUNT\(\) FROM/i);
  });

  it('puts the findings report in the signed export, where verify-export checks it', async () => {
    await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    const exported = await built.engine.exportCase({ caseDir: built.caseDir, actor: 'test' });
    expect(exported.files.map((f) => f.path)).toContain('findings-report.html');
    const html = readFileSync(path.join(exported.dir, 'findings-report.html'), 'utf8');
    expect(html).toContain(report.outputDigest);
    expect(html).toContain(built.scenario.attack.connectedApp.name);
    const verified = await built.engine.verifyExport({ manifestPath: exported.manifestPath, caseDir: built.caseDir });
    expect(verified.ok).toBe(true);
    expect(verified.files.find((f) => f.path === 'findings-report.html')?.ok).toBe(true);
    expect(verified.files.find((f) => f.path === 'breach-ledger.xlsx')?.ok).toBe(true);
    expect(verified.files.find((f) => f.path === 'custody-report.html')?.ok).toBe(true);

    // The workbook's Findings sheet holds one row per supporting evidence row of every fact, each naming a real line.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(exported.dir, 'breach-ledger.xlsx'));
    const sheetRows: unknown[][] = [];
    workbook.getWorksheet('Findings')!.eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
    const [header, ...body] = sheetRows;
    expect(header!.slice(0, 2)).toEqual(['Severity', 'Finding']);
    const evidenceRows = body.filter((r) => typeof r[5] === 'number');
    expect(evidenceRows.length).toBe(exportedFindings(exported.dir).reduce((n, f) => n + f.facts.reduce((m, x) => m + x.rows.length, 0), 0));
    for (const f of report.findings) expect(evidenceRows.some((r) => r[1] === f.id && r[2] === f.subject)).toBe(true);
    for (const r of evidenceRows.filter((row) => row[9] !== undefined && row[9] !== null)) {
      expect(built.files.some((file) => path.basename(file) === r[6])).toBe(true);
      expect(originalLine(String(r[6]), Number(r[9])).length).toBeGreaterThan(0);
    }
    expect(body.some((r) => r[0] === 'not assessable' && r[1] === 'threat-detection events')).toBe(true);
    // Security findings are linked from the assumptions they bear on, and the assumption itself is left as set.
    const assumptions: unknown[][] = [];
    workbook.getWorksheet('Assumptions')!.eachRow((row) => assumptions.push((row.values as unknown[]).slice(1)));
    const security = assumptions.find((r) => r[0] === 'findings bearing on reasonable-security')!;
    expect(String(security[1])).toContain(built.scenario.attack.connectedApp.name);
    expect(assumptions.find((r) => r[0] === 'reasonable-security')?.[1]).toBe('unknown');
    expect(evidenceRows.some((r) => String(r[12]).includes('Reasonable security maintained'))).toBe(true);

    // The custody report has a findings section with the run's digests and each finding's files.
    const custody = readFileSync(path.join(exported.dir, 'custody-report.html'), 'utf8');
    expect(custody).toContain(`Security findings (${report.findings.length})`);
    expect(custody).toContain(report.outputDigest);
    for (const f of report.findings) expect(custody).toContain(f.id);
  }, 120_000);

  it('finds the password-spraying burst from the planted address, every row a failed login from it', () => {
    const { spraying } = built.scenario.attack.signals;
    const bursts = report.findings.filter((f) => f.id === 'auth.failed-login-burst');
    expect(bursts.map((f) => f.subject)).toEqual([`address ${spraying.ip}`]);
    const rows = bursts[0]!.facts[0]!.rows;
    expect(rows).toHaveLength(spraying.attempts);
    expect(bursts[0]!.facts[0]!.text).toContain(`against ${spraying.users} different users (spraying)`);
    for (const row of rows) expect(originalLine(row.file, row.line!)).toMatch(new RegExp(`LOGIN_ERROR_INVALID_PASSWORD.*${spraying.ip.replaceAll('.', '\\.')}`));
  });

  it('finds the password-only UI login of the compromised user, and no MFA finding for the agents whose sessions are High Assurance', () => {
    const { passwordOnlyUiLogin: planted } = built.scenario.attack.signals;
    const mfa = report.findings.filter((f) => f.id === 'auth.login-without-mfa');
    expect(mfa.map((f) => f.subject)).toEqual([planted.username]);
    const rows = mfa[0]!.facts[0]!.rows;
    expect(rows).toHaveLength(1);
    const event = JSON.parse(originalLine(rows[0]!.file, rows[0]!.line!)) as { data: { payload: Record<string, unknown> } };
    expect(event.data.payload).toMatchObject({ SessionLevel: planted.sessionLevel, SourceIp: planted.ip, Username: planted.username, Status: 'Success' });
  });

  it('finds the connected app and the bulk client first used in the attack, and not the integrations used from the first day', () => {
    const { firstSeenClient } = built.scenario.attack.signals;
    const app = built.scenario.attack.connectedApp.name;
    const firstSeen = report.findings.filter((f) => f.id === 'apps.client-first-seen');
    expect(firstSeen.map((f) => f.subject).sort()).toEqual([`app ${app}`, `client ${firstSeenClient}`].sort());
    expect(firstSeen.find((f) => f.subject === `client ${firstSeenClient}`)!.severity).toBe('high');
    const start = Date.parse(built.scenario.attack.window.start);
    for (const f of firstSeen) expect(Date.parse(f.facts[0]!.text.slice(f.facts[0]!.text.indexOf('evidence: ') + 10, f.facts[0]!.text.indexOf(' (')))).toBeGreaterThanOrEqual(start);
  });

  it('finds the day the Login log file is missing, and no other gap', () => {
    const { logGap } = built.scenario.attack.signals;
    expect(logGap.day).not.toBeNull();
    const gaps = report.findings.filter((f) => f.id === 'audit.log-gap');
    expect(gaps.map((f) => f.subject)).toEqual([logGap.source]);
    expect(gaps[0]!.facts[0]!.text).toContain(`none on ${logGap.day} (UTC)`);
    expect(built.files.some((f) => path.basename(f) === `${logGap.day}_Login.csv`)).toBe(false);
  });

  it('finds the compromised user active outside the hours learned before the window, and no one else', () => {
    const user = built.scenario.attack.compromisedUser.username;
    const found = report.findings.filter((f) => f.id === 'access.out-of-hours');
    expect(found.map((f) => f.subject)).toEqual([user]);
    const text = found[0]!.facts[0]!.text;
    const [, from, to] = /active only from (\d{2}):00 to (\d{2}):00 \(UTC\)/.exec(text)!;
    const usual = (hour: number) => (hour - Number(from) + 24 + 1) % 24 < (Number(to) - Number(from) + 24) % 24 + 2;
    const { start, end } = built.scenario.attack.window;
    for (const row of found[0]!.facts[0]!.rows) {
      const line = originalLine(row.file, row.line!);
      // Each row is the user's, inside the window, at an hour more than one hour outside the learned span.
      // A real-time event's time is its EventDate; an event log row's is its TIMESTAMP_DERIVED, the first ISO time on it.
      const ts = /"EventDate":"([^"]+)"/.exec(line)?.[1] ?? /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/.exec(line)?.[0];
      expect(ts, line).toBeDefined();
      const at = Date.parse(ts!.replace(/\+0000$/, 'Z'));
      expect(at).toBeGreaterThanOrEqual(Date.parse(start));
      expect(at).toBeLessThanOrEqual(Date.parse(end));
      expect(usual(new Date(at).getUTCHours())).toBe(false);
      expect(line).toContain(compromisedId15());
    }
    // The admin's few logins are too little to learn hours from: a note, not a finding.
    expect(report.notes.find((n) => n.check === 'access outside usual hours')?.reason).toMatch(/too little activity before it/);
  });

  it('finds the bulk job the attacker deleted after downloading it, on its RestApi log line', () => {
    const deleted = report.findings.filter((f) => f.id === 'audit.history-deleted');
    expect(deleted.map((f) => f.subject)).toEqual(['api bulk job']);
    expect(deleted[0]!.severity).toBe('high');
    const rows = deleted[0]!.facts.flatMap((f) => f.rows);
    expect(rows).toHaveLength(1);
    const line = originalLine(rows[0]!.file, rows[0]!.line!);
    expect(rows[0]!.file).toMatch(/_RestApi\.csv$/);
    expect(line).toMatch(/"DELETE"/);
    expect(line).toMatch(/\/jobs\/query\/750/);
    expect(line).toContain(compromisedId15());
  });

  it('says OAuth scopes cannot be assessed from this evidence rather than guessing them', () => {
    expect(report.notes.find((n) => n.check === 'connected apps: OAuth scopes')?.reason).toMatch(/No supported evidence format names the OAuth scopes/);
    for (const f of report.findings) expect(f.facts.map((x) => x.text).join(' ')).not.toMatch(/refresh_token|full access/i);
  });

  it('finds records with sensitive fields kept past the retention period, each row older than the cut-off', () => {
    const stale = report.findings.filter((f) => f.id === 'retention.stale-sensitive-records');
    expect(stale.length).toBeGreaterThan(0);
    for (const f of stale) expect(f.facts[0]!.text).toMatch(/last active before \d{4}-\d{2}-\d{2}/);
  });

  it('reports nothing the generated evidence does not hold', () => {
    // Every finding kind present is one the generator planted or its data necessarily shows.
    const planted = new Set([
      'apps.connected-app-authorised', 'apps.client-first-seen', 'auth.login-without-mfa', 'auth.failed-login-burst', 'audit.log-gap',
      'access.query-selects-sensitive-fields', 'access.count-probe-then-extraction', 'access.bulk-extraction-by-integration-user',
      'data.sensitive-value-in-clear', 'retention.stale-sensitive-records', 'access.out-of-hours', 'audit.history-deleted',
    ]);
    for (const f of report.findings) expect(planted, `${f.id} ${f.subject}`).toContain(f.id);
    const ids = report.findings.map((f) => f.id);
    expect(ids).not.toContain('auth.threat-detection-event');
    expect(ids).not.toContain('auth.integration-user-new-address');
    // No source of the tiny demo logs densely every hour: there is nothing to call an hourly gap.
    expect(ids).not.toContain('audit.hourly-log-gap');
    expect(report.notes.map((n) => n.check)).toContain('threat-detection events');
    // No finding about the attacker's extraction addresses as failed-login sources: they logged in on the first try.
    for (const ip of built.scenario.attack.attackerIps) expect(report.findings.some((f) => f.id === 'auth.failed-login-burst' && f.subject.includes(ip))).toBe(false);
    for (const f of report.findings) for (const fact of f.facts) expect(fact.rows.length).toBeGreaterThan(0);
  });

  it('links the security assumptions to the findings that bear on them without changing them', () => {
    const security = report.assumptionLinks.find((l) => l.assumption === 'reasonable-security')!;
    expect(security.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['auth.login-without-mfa', 'auth.failed-login-burst', 'audit.log-gap']));
    const notice = report.assumptionLinks.find((l) => l.assumption === 'notice-date')!;
    expect(notice.findings.map((f) => f.id)).not.toContain('retention.stale-sensitive-records');
    expect(notice.findings.map((f) => f.id)).toContain('auth.failed-login-burst');
  });
});
