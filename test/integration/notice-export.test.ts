import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assessAnalysis } from '../../shared/assess/assess-analysis';
import { exportCase, verifyExport, type ExportResult } from '../../shared/export';
import type { SignedManifest } from '../../shared/export/manifest';
import { listCustody } from '../../shared/store/custody';
import type { FilledSubmission } from '../../shared/submissions/fill';
import { readJson } from '../helpers/json';
import { buildBreachCase, type BreachCase } from '../unit/export/breach-case';

let root: string;
let breach: BreachCase;
let exported: ExportResult;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-notice-export-'));
  breach = await buildBreachCase(root);
  exported = await exportCase(breach.handle, { actor: breach.actor, now: new Date('2025-07-01T10:00:00.000Z'), plannedNoticeDate: '2025-07-15' });
});

afterAll(() => {
  breach?.handle.close();
  rmSync(root, { recursive: true, force: true });
});

const owing = (duty: { duty: string }) => duty.duty === 'required' || duty.duty === 'possibly-required';
const submission = (name: string) => readJson<FilledSubmission>(path.join(exported.dir, 'notices', 'submissions', `${name}.json`));

describe('the notice package in a case export', () => {
  test('holds a readable page and a JSON of filled fields for every agency a regulator or CRA duty is owed to', () => {
    const { obligations } = assessAnalysis(breach.handle, {});
    const listed = exported.files.map((f) => f.path).filter((p) => p.startsWith('notices/submissions/'));
    const jsons = listed.filter((p) => p.endsWith('.json')).map((p) => path.basename(p, '.json'));
    expect(listed.filter((p) => p.endsWith('.html')).map((p) => path.basename(p, '.html'))).toEqual(jsons);

    const regulatorOwed = obligations.jurisdictions.filter((j) => j.applies && owing(j.regulator)).map((j) => j.jurisdiction).sort();
    expect(regulatorOwed.length).toBeGreaterThan(0);
    const covered = jsons.map(submission).filter((s) => s.party === 'regulator').map((s) => s.sections[0]!.jurisdiction);
    expect([...new Set(covered)].sort()).toEqual(regulatorOwed);

    const craOwed = obligations.jurisdictions.filter((j) => j.applies && owing(j.consumerReportingAgencies)).map((j) => j.jurisdiction).sort();
    const cra = jsons.filter((name) => name.startsWith('CRA-'));
    expect(cra.length).toBe(craOwed.length > 0 ? 3 : 0);
    for (const name of cra) expect(submission(name).sections.map((s) => s.jurisdiction)).toEqual(craOwed);
  });

  test('fills the planned notice date and leaves what the case does not hold to counsel', () => {
    const all = exported.files.map((f) => f.path).filter((p) => p.startsWith('notices/submissions/') && p.endsWith('.json'));
    const noticeDates = all.flatMap((p) => readJson<FilledSubmission>(path.join(exported.dir, p)).sections.flatMap((s) => s.fields.filter((f) => f.fill === 'notice.date')));
    expect(noticeDates.length).toBeGreaterThan(0);
    expect(new Set(noticeDates.map((f) => f.text))).toEqual(new Set(['2025-07-15']));
    const first = all.find((p) => p.startsWith('notices/submissions/US-'))!;
    const filled = readJson<FilledSubmission>(path.join(exported.dir, first));
    const organization = filled.sections[0]!.fields.find((f) => f.id === 'organization')!;
    expect(organization).toMatchObject({ value: null, text: 'to be completed by counsel' });
    const page = readFileSync(path.join(exported.dir, first.replace(/\.json$/, '.html')), 'utf8');
    expect(page).toContain('to be completed by counsel');
    expect(page).toContain(filled.recipient.name.replace(/'/g, '&#39;').replace(/&(?!#39;)/g, '&amp;'));
  });

  test('every notices/ file is hashed in the signed manifest and logged in the custody entry of the export', () => {
    const manifest = readJson<SignedManifest>(exported.manifestPath);
    const notices = manifest.files.filter((f) => f.path.startsWith('notices/'));
    expect(notices.length).toBeGreaterThan(0);
    for (const f of notices) expect(existsSync(path.join(exported.dir, ...f.path.split('/')))).toBe(true);
    const entry = listCustody(breach.handle.db).filter((c) => c.action === 'export').at(-1)!;
    const logged = (entry.details.files as Array<{ path: string; sha256: string }>).filter((f) => f.path.startsWith('notices/'));
    expect(logged).toEqual(notices.map(({ path: p, sha256 }) => ({ path: p, sha256 })));
  });

  test('verify-export names an altered submission page, an altered submission JSON and an unlisted file in notices/', async () => {
    const copy = mkdtempSync(path.join(root, 'copy-'));
    cpSync(exported.dir, copy, { recursive: true });
    const paths = exported.files.map((f) => f.path).filter((p) => p.startsWith('notices/submissions/'));
    const [page, json] = [paths.find((p) => p.endsWith('.html'))!, paths.find((p) => p.endsWith('.json'))!];
    for (const target of [page, json]) {
      const file = path.join(copy, ...target.split('/'));
      const bytes = readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(file, bytes);
    }
    writeFileSync(path.join(copy, 'notices', 'submissions', 'planted.html'), '<p>not from the export</p>');
    const result = await verifyExport(path.join(copy, 'manifest.json'));
    expect(result.ok).toBe(false);
    expect(result.files.filter((f) => !f.ok).map((f) => f.path).sort()).toEqual([page, json, 'notices/submissions/planted.html'].sort());
    expect(result.files.find((f) => f.path === page)!.problem).toMatch(new RegExp(`^${page.replace(/[.]/g, '\\.')}: SHA-256 is`));
  });
});
