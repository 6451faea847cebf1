import ExcelJS from 'exceljs';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assessmentInputFor, latestAnalysis } from '../../shared/assess/assessment-input';
import { casePacks } from '../../shared/assess/case-packs';
import type { Basis, ElementCode } from '../../shared/contract/elements';
import type { ProgressEvent } from '../../shared/contract/progress';
import { exportCase, verifyExport, type ExportResult } from '../../shared/export';
import { assessExposure } from '../../shared/law/exposure';
import { assessObligations } from '../../shared/law/obligations';
import { findPack } from '../../shared/law/packs';
import type { SignedManifest } from '../../shared/export/manifest';
import { qualify } from '../../shared/law/qualify';
import { listCustody } from '../../shared/store/custody';
import { listEvidence } from '../../shared/store/evidence';
import { verifyCase } from '../../shared/store/verify';
import { parseCsv } from '../unit/demo/helpers';
import { readJson } from '../helpers/json';
import { buildBreachCase, HOSTILE, HOSTILE_EVIDENCE_NAME, type BreachCase } from '../unit/export/breach-case';

let root: string;
let breach: BreachCase;
let first: ExportResult;
let second: ExportResult;
const progress: ProgressEvent[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-export-'));
  breach = await buildBreachCase(root);
  await verifyCase(breach.handle, breach.actor);
  first = await exportCase(breach.handle, { actor: breach.actor, now: new Date('2025-07-01T10:00:00.000Z') }, (e) => progress.push(e));
  second = await exportCase(breach.handle, { actor: breach.actor, now: new Date('2025-07-01T10:05:00.000Z') });
});

afterAll(() => {
  breach?.handle.close();
  rmSync(root, { recursive: true, force: true });
});

async function readWorkbook(dir: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(dir, 'breach-ledger.xlsx'));
  return workbook;
}

function rows(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

function engineReports() {
  const { handle } = breach;
  const input = assessmentInputFor(handle, latestAnalysis(handle));
  const packs = casePacks(handle);
  return { packs, input, obligations: assessObligations(packs, input), exposure: assessExposure(packs, input, {}) };
}

/** Who must be notified, computed independently from the analysis rows and the rule packs. */
function mustNotify(jurisdiction: string): number[] {
  const { packs, input } = engineReports();
  const pack = findPack(packs, jurisdiction)!.pack;
  const consumers = breach.handle.db
    .prepare('SELECT consumer_id AS id, basis, regions, elements FROM analysis_consumers WHERE analysis_id = ? ORDER BY consumer_id')
    .all(latestAnalysis(breach.handle).id) as Array<{ id: number; basis: Basis; regions: string; elements: string }>;
  return consumers
    .filter((c) => c.basis !== 'inferred' && (JSON.parse(c.regions) as { countedIn: string[] }).countedIn.includes(jurisdiction))
    .filter((c) => {
      const elements = Object.entries(JSON.parse(c.elements) as Record<string, Basis>).filter(([, b]) => b === c.basis).map(([e]) => e as ElementCode);
      return qualify(pack, elements, input.discoveredDate).status === 'qualifies';
    })
    .map((c) => c.id);
}

describe('export of a reconstructed breach', () => {
  test('writes into <case>/exports/<UTC timestamp>/ the workbook, one list per jurisdiction requiring notice, the report and the manifest', () => {
    expect(first.dir).toBe(path.join(breach.handle.dir, 'exports', '2025-07-01T10-00-00.000Z'));
    const { obligations } = engineReports();
    const required = obligations.jurisdictions.filter((j) => j.individuals.duty === 'required').map((j) => j.jurisdiction).sort();
    expect(required.length).toBeGreaterThan(0);
    // The notice package (notices/) is checked in notice-export.test.ts.
    expect(readdirSync(first.dir).filter((name) => name !== 'notices').sort()).toEqual(
      ['breach-ledger.xlsx', 'custody-report.html', 'findings-report.html', 'manifest.json', ...required.map((j) => `notification-list-${j}.csv`)].sort(),
    );
    expect(progress.some((e) => e.phase === 'export')).toBe(true);
  });

  test('the workbook holds every sheet, and its figures are the engine’s', async () => {
    const workbook = await readWorkbook(first.dir);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Summary', 'Exposure', 'Obligations and deadlines', 'Affected consumers', 'Evidence', 'Custody log', 'Assumptions', 'Rejected rows', 'Findings',
    ]);
    const { exposure, obligations } = engineReports();

    const exposureRows = rows(workbook.getWorksheet('Exposure')!);
    const components = exposure.jurisdictions.flatMap((j) => j.components.map((c) => ({ j, c })));
    expect(exposureRows.length).toBe(1 + components.length + 1);
    components.forEach(({ j, c }, i) => {
      const [code, , label, , , low, stated, high, violations, formula, citation, packVersion, confidence] = exposureRows[i + 1]!;
      expect([code, label, formula, citation, packVersion, confidence]).toEqual([j.code, c.label, c.formula, c.citation, c.packVersion, c.confidence]);
      expect(violations).toBe(c.violations.map((v) => `${v.violation} [${v.citation}]: ${v.status}`).join('; '));
      for (const [cell, money] of [[low, c.low], [stated, c.stated], [high, c.high]] as const) {
        if (typeof money === 'number') expect(Math.round((cell as number) * 100)).toBe(money);
        else expect(cell).toBe(money);
      }
    });
    const total = exposureRows[exposureRows.length - 1]!;
    expect(total[0]).toBe('TOTAL');
    expect(Math.round((total[6] as number) * 100)).toBe(exposure.totals.stated);
    expect(rows(workbook.getWorksheet('Exposure')!)[0]!.slice(5, 8)).toEqual([
      'Low: no violation beyond the breach (USD)', 'Stated: the stated facts and assumptions (USD)', 'High: every violation the facts allow (USD)',
    ]);
    const numeric = exposureRows.findIndex((r, i) => i > 0 && typeof r[5] === 'number');
    expect(workbook.getWorksheet('Exposure')!.getRow(numeric + 1).getCell(6).numFmt).toBe('#,##0.00');

    const obligationRows = rows(workbook.getWorksheet('Obligations and deadlines')!).slice(1);
    expect(obligationRows.length).toBe(obligations.jurisdictions.length * 4 + obligations.unassigned.length);
    const individuals = obligationRows.filter((r) => r[7] === 'individuals');
    for (const j of obligations.jurisdictions) {
      const row = individuals.find((r) => r[0] === j.jurisdiction)!;
      expect([row[3], row[4], row[5], row[8]]).toEqual([j.noticeRequired, j.qualifying.exact, j.qualifying.derived, j.individuals.duty]);
      expect(row[9] ?? null).toBe(j.individuals.due.kind === 'date' ? j.individuals.due.date : null);
    }

    const analysis = latestAnalysis(breach.handle);
    const consumerRows = rows(workbook.getWorksheet('Affected consumers')!).slice(1);
    const total$ = breach.handle.db.prepare('SELECT COUNT(*) FROM analysis_consumers WHERE analysis_id = ?').pluck().get(analysis.id) as number;
    expect(consumerRows.length).toBe(total$);
    expect(consumerRows.map((r) => r[0])).toEqual([...consumerRows.map((r) => r[0] as number)].sort((a, b) => a - b));
    const evidenceSha = new Set(listEvidence(breach.handle.db).map((e) => e.sha256));
    for (const row of consumerRows) {
      const refs = String(row[8]).split('; ').map((ref) => ref.slice(0, 64));
      expect(refs.every((sha) => evidenceSha.has(sha))).toBe(true);
    }

    const evidenceRows = rows(workbook.getWorksheet('Evidence')!).slice(1);
    expect(evidenceRows.map((r) => r[4])).toEqual(listEvidence(breach.handle.db).map((e) => e.sha256));
    const summary = new Map(rows(workbook.getWorksheet('Summary')!).map((r) => [r[0], r[1]]));
    expect(summary.get('Analysis output digest (SHA-256)')).toBe(analysis.outputDigest);
    expect(summary.get('Affected consumers')).toBe(total$);
    expect(summary.get('Examiner')).toBe(breach.actor);
    const rejects = rows(workbook.getWorksheet('Rejected rows')!).slice(1);
    expect(rejects.length).toBeGreaterThan(0);
    expect(rejects.every((r) => String(r[3]).startsWith('The row has 1 fields') && r[4] === 1)).toBe(true);
  });

  test('each notification list holds exactly the consumers who must be notified there, with their address in that state', () => {
    const { obligations } = engineReports();
    for (const j of obligations.jurisdictions.filter((o) => o.individuals.duty === 'required')) {
      const list = readCsv(path.join(first.dir, `notification-list-${j.jurisdiction}.csv`));
      expect(list.header).toEqual(['Consumer id', 'Name', 'Street', 'City', 'State', 'Postal code', 'Country', 'Email', 'Exposed information', 'Notice deadline']);
      const ids = list.rows.map((r) => Number(r['Consumer id']));
      expect(ids).toEqual(mustNotify(j.jurisdiction));
      expect(ids.length).toBe(j.qualifying.exact + j.qualifying.derived);
      for (const row of list.rows) {
        expect(row['State']).toBe(j.jurisdiction.replace('US-', ''));
        expect(row['Notice deadline']).toBe(j.individuals.due.kind === 'date' ? j.individuals.due.date : j.individuals.due.text);
        expect(row['Exposed information']).not.toBe('');
      }
    }
  });

  test('formula-like text from the evidence is neutralized in the workbook and the lists', async () => {
    const workbook = await readWorkbook(first.dir);
    const cells: unknown[] = workbook.worksheets.flatMap((s) => rows(s).flat());
    const texts = cells.filter((c): c is string => typeof c === 'string');
    expect(texts.some((t) => t.startsWith(`'${HOSTILE.firstName}`))).toBe(true);
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
    const formulas = workbook.worksheets.flatMap((s) => {
      const found: string[] = [];
      s.eachRow((row) => row.eachCell((cell) => (cell.type === ExcelJS.ValueType.Formula ? found.push(cell.address) : undefined)));
      return found;
    });
    expect(formulas).toEqual([]);

    const csvCells = readdirSync(first.dir)
      .filter((f) => f.endsWith('.csv'))
      .flatMap((f) => readCsv(path.join(first.dir, f)).rows.flatMap((r) => Object.values(r)));
    expect(csvCells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(csvCells).toContain(`'${HOSTILE.street}`);
    expect(csvCells).toContain(`'${HOSTILE.city}`);
  });

  test('the custody report is self-contained, escapes what the evidence holds, and shows the head and latest verification', () => {
    const html = readFileSync(path.join(first.dir, 'custody-report.html'), 'utf8');
    const tags = [...html.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)([^>]*)>/g)];
    const allowed = new Set(['!DOCTYPE', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'dl', 'dt', 'dd', 'span', 'small', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
    expect(tags.map((t) => t[1]).filter((name) => !allowed.has(name!))).toEqual([]);
    expect(tags.flatMap((t) => [...t[2]!.matchAll(/([a-zA-Z-]+)=/g)].map((a) => a[1])).filter((a) => !['class', 'lang', 'charset'].includes(a!))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;notes&quot;.txt');
    expect(html).not.toContain(HOSTILE_EVIDENCE_NAME);
    const custody = listCustody(breach.handle.db);
    const beforeExports = custody.filter((c) => c.seq < custody.find((e) => e.action === 'export')!.seq);
    expect(html).toContain(beforeExports[beforeExports.length - 1]!.entryHash);
    const verification = beforeExports.filter((c) => c.action === 'verify').pop()!;
    expect(html).toContain(`<span class="ok">passed</span> at ${verification.at}`);
    expect(html).toContain(`(custody entry ${verification.seq})`);
    for (const e of listEvidence(breach.handle.db)) expect(html).toContain(e.sha256);
  });

  test('the manifest is signed by the case key and lists every file; verifyExport passes on the untouched export', async () => {
    const manifest = readJson<SignedManifest>(first.manifestPath);
    expect(manifest.signature.publicKeyPem).toBe(breach.handle.info.publicKeyPem);
    expect(manifest.signature.publicKeyFingerprint).toBe(breach.handle.info.publicKeyFingerprint);
    expect(manifest.analysis.outputDigest).toBe(latestAnalysis(breach.handle).outputDigest);
    expect(manifest.rulePacks.length).toBeGreaterThan(0);
    expect(manifest.files.map((f) => f.path)).toEqual(filesUnder(first.dir).filter((f) => f !== 'manifest.json'));
    const result = await verifyExport(first.manifestPath, { publicKeyPem: breach.handle.info.publicKeyPem });
    expect(result.ok).toBe(true);
    expect(result.signatureOk).toBe(true);
  });

  test.each([
    ['breach-ledger.xlsx'],
    ['custody-report.html'],
    ['findings-report.html'],
    ['notification-list'],
    ['manifest.json'],
  ])('verifyExport names %s when one byte of it is altered', async (prefix) => {
    const copy = copyExport(first.dir);
    const name = readdirSync(copy).find((f) => f.startsWith(prefix))!;
    const file = path.join(copy, name);
    const bytes = readFileSync(file);
    const at = prefix === 'manifest.json' ? bytes.indexOf('"exportedAt"') + 20 : Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(file, bytes);
    const result = await verifyExport(path.join(copy, 'manifest.json'));
    expect(result.ok).toBe(false);
    expect(result.files.filter((f) => !f.ok).map((f) => f.path)).toEqual([name]);
    expect(result.files.find((f) => f.path === name)!.problem).toContain(name);
    if (prefix === 'manifest.json') expect(result.signatureOk).toBe(false);
  });

  test('verifyExport rejects a whitespace-only edit of the manifest and names a missing or an unlisted file', async () => {
    const copy = copyExport(first.dir);
    const manifestPath = path.join(copy, 'manifest.json');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('\n  "', '\n   "'));
    const edited = await verifyExport(manifestPath);
    expect(edited.signatureOk).toBe(true);
    expect(edited.files.find((f) => f.path === 'manifest.json')!.ok).toBe(false);

    const other = copyExport(first.dir);
    const list = readdirSync(other).find((f) => f.startsWith('notification-list'))!;
    rmSync(path.join(other, list));
    writeFileSync(path.join(other, 'extra.csv'), 'x');
    const result = await verifyExport(path.join(other, 'manifest.json'));
    expect(result.ok).toBe(false);
    expect(result.files.filter((f) => !f.ok).map((f) => [f.path, f.problem])).toEqual([
      [list, `${list} is missing`],
      ['extra.csv', 'extra.csv is in the export folder but not listed in the manifest'],
    ]);
  });

  test('two exports of the same analysis are byte-identical file by file; only the manifest’s timestamp, head and signature differ', () => {
    expect(second.dir).not.toBe(first.dir);
    expect(second.files).toEqual(first.files);
    for (const f of first.files) expect(readFileSync(path.join(second.dir, f.path)).equals(readFileSync(path.join(first.dir, f.path)))).toBe(true);
    const a = readJson<SignedManifest>(first.manifestPath);
    const b = readJson<SignedManifest>(second.manifestPath);
    expect(b.exportedAt).not.toBe(a.exportedAt);
    expect(b.custody.headAtExport).toEqual(a.custody.headAtExport);
    expect(b.custody.currentHead.seq).toBe(a.custody.currentHead.seq + 1);
    const strip = (m: SignedManifest) => ({ ...m, exportedAt: null, custody: { ...m.custody, currentHead: null }, signature: null });
    expect(strip(b)).toEqual(strip(a));
  });

  test('custody records each export with the SHA-256 of its manifest', () => {
    const exports = listCustody(breach.handle.db).filter((c) => c.action === 'export');
    expect(exports.map((c) => c.details.manifestSha256)).toEqual([first.manifestSha256, second.manifestSha256]);
    expect(exports[0]!.subject).toBe('exports/2025-07-01T10-00-00.000Z');
    expect(exports[0]!.at).toBe('2025-07-01T10:00:00.000Z');
  });

  test('a workbook sheet continues on numbered sheets past the row limit', async () => {
    const dir = path.join(root, 'split');
    await exportCase(breach.handle, { actor: breach.actor, outDir: dir, sheetRowLimit: 50 });
    const workbook = await readWorkbook(dir);
    const consumerSheets = workbook.worksheets.filter((s) => s.name.startsWith('Affected consumers'));
    const total = latestAnalysis(breach.handle) && (breach.handle.db.prepare('SELECT COUNT(*) FROM analysis_consumers').pluck().get() as number);
    expect(consumerSheets.map((s) => s.name)).toEqual(
      Array.from({ length: Math.ceil(total / 49) }, (_, i) => (i === 0 ? 'Affected consumers' : `Affected consumers (${i + 1})`)),
    );
    expect(consumerSheets.map((s) => s.rowCount).slice(0, -1).every((n) => n === 50)).toBe(true);
    expect(consumerSheets.every((s) => s.getRow(1).getCell(1).value === 'Consumer id')).toBe(true);
    expect(consumerSheets.reduce((sum, s) => sum + s.rowCount - 1, 0)).toBe(total);
    expect((await verifyExport(path.join(dir, 'manifest.json'))).ok).toBe(true);
  });
});

/** A CRLF, BOM-prefixed CSV as header → value rows. */
function readCsv(file: string): { header: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...records] = parseCsv(text.slice(1).replace(/\r\n/g, '\n'));
  return { header: header!, rows: records.map((values) => Object.fromEntries(header!.map((h, i) => [h, values[i]!]))) };
}

function copyExport(dir: string): string {
  const copy = mkdtempSync(path.join(root, 'copy-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Every file under a folder, sub-folders included, as sorted `/`-separated paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
