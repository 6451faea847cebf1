import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { tempDir } from '../helpers/tmp';

/**
 * The findings engine over a real store built from real-format files: Salesforce's login history and Setup Audit
 * Trail in their download formats, and public LoginEvent samples (test/fixtures/corpus, origins in its SOURCES.txt).
 */
const SALESFORCE = path.resolve('test/fixtures/salesforce');
const CORPUS = path.resolve('test/fixtures/corpus');
const FILES = [
  path.join(SALESFORCE, 'login-history-api.csv'),
  path.join(SALESFORCE, 'login-history-ui.csv'),
  path.join(SALESFORCE, 'setup-audit-trail-us.csv'),
  path.join(SALESFORCE, 'elf-BulkApi.csv'),
  path.join(CORPUS, 'sf-login-object.log'),
  path.join(CORPUS, 'appomni-logineventstream-failure.json'),
];

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function buildCase() {
  const engine = new LedgerEngine();
  const caseDir = path.join(tempDir('bl-findings-'), 'case');
  await engine.createCase({ caseDir, name: 'Findings', investigator: 'Test', discovered: '2026-08-01' });
  await engine.addEvidence({ caseDir, files: FILES, actor: 'test' });
  return { engine, caseDir };
}

describe('security findings', () => {
  it('does not judge the public sample\'s OAuth (Remote Access 2.0) login for MFA, and says why', async () => {
    const { engine, caseDir } = await buildCase();
    const report = await engine.findings({ caseDir });
    // Its STANDARD session comes from an OAuth token request, which cannot present a second factor.
    expect(report.findings.map((f) => f.id)).not.toContain('auth.login-without-mfa');
    expect(report.notes.find((n) => n.check === 'logins without MFA')?.reason).toMatch(/API\/OAuth login\(s\) cannot present a second factor/);
    // Two failed logins and one lockout are no burst; no threat-detection event was supplied; no scope: no app finding.
    expect(report.findings.map((f) => f.id)).not.toContain('auth.failed-login-burst');
    expect(report.findings.map((f) => f.id)).not.toContain('auth.threat-detection-event');
    expect(report.findings.map((f) => f.id)).not.toContain('apps.connected-app-authorised');
    expect(report.findings.map((f) => f.id)).not.toContain('data.sensitive-value-in-clear');
    expect(report.notes.map((n) => n.check)).toEqual(expect.arrayContaining(['threat-detection events', 'connected apps', 'data at rest and retention']));
  });

  it('reports the connected app created inside the incident window, with who did it, and nothing outside it', async () => {
    const { engine, caseDir } = await buildCase();
    await engine.defineScope({ caseDir, from: '2026-07-01T00:00:00Z', to: '2026-07-31T23:59:59Z', ips: ['203.0.113.50'], users: [], sessions: [], loginKeys: [], apps: [], clients: [], agents: [], actor: 'test' });
    const report = await engine.findings({ caseDir });
    const apps = report.findings.filter((f) => f.id === 'apps.connected-app-authorised');
    expect(apps).toHaveLength(1);
    expect(apps[0]!.subject).toBe('Created connected app "Data Exporter"');
    expect(apps[0]!.facts[0]!.text).toContain('admin@example.com');
    expect(apps[0]!.facts[0]!.text).toContain('support@example.com');
    expect(apps[0]!.facts[0]!.rows).toEqual([expect.objectContaining({ file: 'setup-audit-trail-us.csv', line: 3, sha256: sha256(path.join(SALESFORCE, 'setup-audit-trail-us.csv')) })]);
    // Logins are from 2021-2025, long before the window: no first-seen client and no new-address finding.
    expect(report.findings.map((f) => f.id)).not.toContain('apps.client-first-seen');
    expect(report.findings.map((f) => f.id)).not.toContain('auth.integration-user-new-address');
  });

  it('logs each run in custody with its digests; the same inputs give the same output digest', async () => {
    const { engine, caseDir } = await buildCase();
    const first = await engine.findings({ caseDir });
    const second = await engine.findings({ caseDir });
    expect(second.outputDigest).toBe(first.outputDigest);
    expect(second.inputDigest).toBe(first.inputDigest);
    const changed = await engine.findings({ caseDir, options: { burstMinFailures: 2 } });
    expect(changed.inputDigest).not.toBe(first.inputDigest);
    // Even at two failures a burst, these failures are months apart: still no burst.
    expect(changed.findings.map((f) => f.id)).not.toContain('auth.failed-login-burst');
    const custody = await engine.custody({ caseDir });
    const runs = custody.entries.filter((e) => e.action === 'findings');
    expect(runs).toHaveLength(3);
    expect(runs[0]!.details).toMatchObject({ inputDigest: first.inputDigest, outputDigest: first.outputDigest });
  });
});
