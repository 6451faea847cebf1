/**
 * The findings engine on real public Salesforce samples (test/fixtures/corpus, origins in SOURCES.txt): LoginEvent records
 * from Elastic's integration tests (an OAuth success and a failure), AppOmni's LoginEvent stream example (Password Lockout)
 * and ELF Login row, Elastic's SetupAuditTrail API record, AppOmni's ApiEvent and IdentityVerificationEvent examples.
 * The files hold little, and the engine must report only what they hold: one connected-app change, and every check the
 * files cannot support listed as not assessable rather than guessed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import type { FindingsReport } from '../../shared/findings/types';

const CORPUS = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/corpus');
const FILES = ['sf-login-object.log', 'appomni-logineventstream-failure.json', 'appomni-login-elf.json', 'sf-setupaudittrail.log', 'appomni-identityverificationevent.json', 'appomni-apieventstream-query.json'];

let root: string;
let engine: LedgerEngine;
let caseDir: string;
let unscoped: FindingsReport;
let scoped: FindingsReport;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-findings-real-'));
  engine = new LedgerEngine();
  caseDir = path.join(root, 'case');
  await engine.createCase({ caseDir, name: 'Real samples', investigator: 'Test' });
  const added = await engine.addEvidence({ caseDir, files: FILES.map((f) => path.join(CORPUS, f)), actor: 'test' });
  expect(added.map((a) => a.status)).toEqual(FILES.map(() => 'added'));
  unscoped = await engine.findings({ caseDir });
  // A window over the samples' dates (2022-08-16 to 2024-07-08), with the address both Elastic LoginEvents come from.
  await engine.defineScope({ caseDir, from: '2022-08-16T00:00:00Z', to: '2024-07-09T00:00:00Z', ips: ['89.160.20.112'], actor: 'test' });
  scoped = await engine.findings({ caseDir });
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const checks = (r: FindingsReport) => r.notes.map((n) => n.check);

describe('findings on real public Salesforce samples', () => {
  it('without an incident window, finds nothing and says which checks need one', () => {
    expect(unscoped.findings).toEqual([]);
    expect(checks(unscoped)).toEqual(expect.arrayContaining(['connected apps', 'integration users from new addresses', 'threat-detection events']));
  });

  it('does not call the OAuth (Remote Access 2.0) login an MFA failure: an API login cannot present a second factor', () => {
    expect(scoped.findings.map((f) => f.id)).not.toContain('auth.login-without-mfa');
    const mfa = scoped.notes.find((n) => n.check === 'logins without MFA')!;
    expect(mfa.reason).toContain('1 API/OAuth login(s) cannot present a second factor');
  });

  it('reports the Setup Audit Trail connected-app record in the window, with its action code, delegate and line', () => {
    const apps = scoped.findings.filter((f) => f.id === 'apps.connected-app-authorised');
    expect(apps).toHaveLength(1);
    const fact = apps[0]!.facts[0]!;
    expect(fact.text).toContain('insertConnectedApplication');
    expect(fact.text).toContain('delegate user user1');
    expect(fact.rows).toHaveLength(1);
    const row = fact.rows[0]!;
    expect(row.file).toBe('sf-setupaudittrail.log');
    expect(readFileSync(path.join(CORPUS, row.file), 'utf8').split('\n')[row.line! - 1]).toContain('"Action":"insertConnectedApplication"');
  });

  it('states that OAuth scopes, usual hours and API deletions cannot be judged from these files, rather than guessing', () => {
    // The Setup Audit Trail record names the connected-app change (insertConnectedApplication), not the app's scopes.
    expect(scoped.notes.find((n) => n.check === 'connected apps: OAuth scopes')?.reason).toContain('Setup Audit Trail records an app installed, created or its policies changed by name only');
    // One or two events per user before the window: no usual hours to judge against.
    expect(scoped.notes.find((n) => n.check === 'access outside usual hours')?.reason).toMatch(/too little activity before it/);
    expect(scoped.findings.map((f) => f.id)).not.toContain('access.out-of-hours');
    expect(scoped.findings.map((f) => f.id)).not.toContain('audit.history-deleted');
    expect(scoped.findings.map((f) => f.id)).not.toContain('audit.hourly-log-gap');
  });

  it('reports nothing else: two failed logins are no burst, and apps or addresses without a baseline are not called new', () => {
    expect(scoped.findings.map((f) => f.id)).toEqual(['apps.connected-app-authorised']);
    const firstSeen = scoped.notes.filter((n) => n.check === 'connected apps: first-seen clients').map((n) => n.reason);
    expect(firstSeen.some((r) => r.includes('"testing_salesforce"') && r.includes('too little to show it was new'))).toBe(true);
    const addresses = scoped.notes.find((n) => n.check === 'integration users from new addresses')!;
    expect(addresses.reason).toContain('no baseline');
  });
});
