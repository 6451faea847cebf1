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
    const probes = report.findings.filter((f) => f.id === 'access.count-probe-then-extraction');
    expect(probes.length).toBeGreaterThan(0);
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

  it('reports nothing the generated evidence does not hold: no threat-detection events, no MFA verdict', () => {
    const ids = report.findings.map((f) => f.id);
    expect(ids).not.toContain('auth.threat-detection-event');
    expect(ids).not.toContain('auth.login-without-mfa');
    expect(report.notes.map((n) => n.check)).toEqual(expect.arrayContaining(['threat-detection events', 'logins without MFA']));
    for (const f of report.findings) for (const fact of f.facts) expect(fact.rows.length).toBeGreaterThan(0);
  });
});
