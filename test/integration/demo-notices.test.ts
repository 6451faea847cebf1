import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ObligationsResult } from '../../shared/contract/api';
import type { SignedManifest } from '../../shared/export/manifest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import type { FilledSubmission } from '../../shared/submissions/fill';
import { REPO } from '../helpers/cli';
import { readJson } from '../helpers/json';

/** `npm run demo` (the default size) end to end: its export must carry the notice package the packs call for. */
let root: string;
let stdout: string;
let exportDir: string;
let obligations: ObligationsResult;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-demo-notices-'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'cli/demo.ts'), '--out', root], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  stdout = run.stdout;
  if (run.status !== 0) throw new Error(`npm run demo exited ${run.status}: ${run.stderr}\n${run.stdout}`);
  exportDir = /^Exported \d+ files to (.+?) \(manifest/m.exec(stdout)![1]!;
  const engine = new LedgerEngine();
  try {
    obligations = await engine.obligations({ caseDir: path.join(root, 'case') });
  } finally {
    engine.close();
  }
}, 1_800_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const owed = (duty: { duty: string }) => duty.duty === 'required';

describe('the default demo export holds the notice package the rule packs call for', () => {
  test('records plausible notice facts and verifies its export', () => {
    expect(stdout).toMatch(/Recorded notice facts for the letters \(notice date \d{4}-\d{2}-\d{2}\)/);
    expect(stdout).toContain('Export check: signature and every file hash verified');
  });

  test('a letters PDF for every jurisdiction with an individual notice duty and residents to notify', () => {
    const individuals = obligations.jurisdictions.filter((j) => !j.nationwide && owed(j.individuals) && j.qualifying.exact + j.qualifying.derived > 0).map((j) => j.jurisdiction);
    expect(individuals.length).toBeGreaterThan(10);
    const files = new Set(readJson<SignedManifest>(path.join(exportDir, 'manifest.json')).files.map((f) => f.path));
    expect(individuals.filter((j) => !files.has(`notices/${j}/letters.pdf`))).toEqual([]);
    for (const j of individuals) expect(existsSync(path.join(exportDir, 'notices', j, 'letters.pdf'))).toBe(true);
  });

  test('a submission for every regulator and credit-agency duty whose threshold is met', () => {
    const manifest = readJson<SignedManifest>(path.join(exportDir, 'manifest.json'));
    const submissions = manifest.files
      .filter((f) => f.path.startsWith('notices/submissions/') && f.path.endsWith('.json'))
      .map((f) => readJson<FilledSubmission>(path.join(exportDir, ...f.path.split('/'))));
    const regulator = obligations.jurisdictions.filter((j) => j.applies && owed(j.regulator) && j.regulator.threshold?.status === 'met').map((j) => j.jurisdiction);
    const cra = obligations.jurisdictions.filter((j) => j.applies && owed(j.consumerReportingAgencies) && j.consumerReportingAgencies.threshold?.status === 'met').map((j) => j.jurisdiction);
    expect(regulator.length).toBeGreaterThan(0);
    const regulatorCovered = new Set(submissions.filter((s) => s.party === 'regulator').map((s) => s.sections[0]!.jurisdiction));
    expect(regulator.filter((j) => !regulatorCovered.has(j))).toEqual([]);
    const agencies = submissions.filter((s) => s.party === 'consumer-reporting-agencies');
    // Credit-agency thresholds (most: more than 1,000 residents) may not be met by the demo's qualifying residents.
    expect(agencies.map((s) => s.name).sort()).toEqual(cra.length > 0 ? ['CRA-equifax', 'CRA-experian', 'CRA-transunion'] : []);
    for (const notice of agencies) {
      const listed = new Set(notice.sections.map((s) => s.jurisdiction));
      expect(cra.filter((j) => !listed.has(j))).toEqual([]);
    }
    // The demo's facts fill the organization on every submission.
    expect(new Set(submissions.flatMap((s) => s.sections.flatMap((sec) => sec.fields.filter((f) => f.fill === 'organization.name').map((f) => f.text))))).toEqual(new Set(['Larkspur Outfitters']));
  });
});
