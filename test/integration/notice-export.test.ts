import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assessAnalysis } from '../../shared/assess/assess-analysis';
import { exportCase, verifyExport, type ExportResult } from '../../shared/export';
import type { SignedManifest } from '../../shared/export/manifest';
import { recordNoticeFacts } from '../../shared/notices';
import { listCustody } from '../../shared/store/custody';
import type { FilledSubmission } from '../../shared/submissions/fill';
import { readJson } from '../helpers/json';
import { buildBreachCase, type BreachCase } from '../unit/export/breach-case';

let root: string;
let breach: BreachCase;
let exported: ExportResult;
let withLetters: ExportResult;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-notice-export-'));
  breach = await buildBreachCase(root);
  exported = await exportCase(breach.handle, { actor: breach.actor, now: new Date('2025-07-01T10:00:00.000Z'), plannedNoticeDate: '2025-07-15' });
  recordNoticeFacts(breach.handle.db, FACTS, breach.actor);
  withLetters = await exportCase(breach.handle, { actor: breach.actor, now: new Date('2025-07-01T11:00:00.000Z') });
}, 600_000);

const FACTS = {
  company: { name: 'Larkspur Outfitters', address: ['100 Example Way', 'Portland, OR 97201'], tollFreePhone: '1-800-555-0199' },
  contact: { name: 'Jordan Example', title: 'General Counsel', phone: '503-555-0142', email: 'legal@larkspur.example' },
  incident: { start: '2025-06-16', end: '2025-06-17' },
  noticeDate: '2025-07-20',
  whatHappened: 'A connected application authorized by deception copied customer records.',
  whatWeAreDoing: 'We revoked the application and reset credentials.',
};

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
    for (const result of [exported, withLetters]) {
      const manifest = readJson<SignedManifest>(result.manifestPath);
      const notices = manifest.files.filter((f) => f.path.startsWith('notices/'));
      expect(notices.length).toBeGreaterThan(0);
      for (const f of notices) expect(existsSync(path.join(result.dir, ...f.path.split('/')))).toBe(true);
      const entry = listCustody(breach.handle.db).find((c) => c.action === 'export' && c.details.manifestSha256 === result.manifestSha256)!;
      const logged = (entry.details.files as Array<{ path: string; sha256: string }>).filter((f) => f.path.startsWith('notices/'));
      expect(logged).toEqual(notices.map(({ path: p, sha256 }) => ({ path: p, sha256 })));
    }
  });

  test('verify-export names an altered submission page, an altered submission JSON and an unlisted file in notices/', async () => {
    const copy = mkdtempSync(path.join(root, 'copy-'));
    cpSync(exported.dir, copy, { recursive: true });
    const paths = exported.files.map((f) => f.path).filter((p) => p.startsWith('notices/submissions/'));
    const [page, json] = [paths.find((p) => p.endsWith('.html'))!, paths.find((p) => p.endsWith('.json'))!];
    for (const target of [page, json]) {
      const file = path.join(copy, ...target.split('/'));
      const bytes = readFileSync(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(file, bytes);
    }
    writeFileSync(path.join(copy, 'notices', 'submissions', 'planted.html'), '<p>not from the export</p>');
    const result = await verifyExport(path.join(copy, 'manifest.json'));
    expect(result.ok).toBe(false);
    expect(result.files.filter((f) => !f.ok).map((f) => f.path).sort()).toEqual([page, json, 'notices/submissions/planted.html'].sort());
    expect(result.files.find((f) => f.path === page)!.problem).toMatch(new RegExp(`^${page.replace(/[.]/g, '\\.')}: SHA-256 is`));
  });

  test('without notice facts no letter is written, and the export says so beside the notification lists it keeps', () => {
    const paths = exported.files.map((f) => f.path);
    expect(paths).toContain('notices/letters-not-written.txt');
    expect(paths.some((p) => /^notices\/US-[A-Z]{2}\/letters\.pdf$/.test(p))).toBe(false);
    expect(paths.some((p) => p.startsWith('notification-list-'))).toBe(true);
  });

  test('with notice facts: letters, sample, mail merge, email and template per jurisdiction requiring notice; the lists give way to the mail merge', () => {
    const { obligations } = assessAnalysis(breach.handle, {});
    const required = obligations.jurisdictions.filter((j) => j.individuals.duty === 'required' && !j.nationwide).map((j) => j.jurisdiction).sort();
    expect(required.length).toBeGreaterThan(0);
    const paths = new Set(withLetters.files.map((f) => f.path));
    for (const j of required) {
      for (const name of ['letters.pdf', 'sample-notice.pdf', 'mail-merge.csv', 'email.html', 'email.txt', 'template.txt', 'template.docx']) {
        expect(paths.has(`notices/${j}/${name}`), `notices/${j}/${name}`).toBe(true);
      }
      expect(readFileSync(path.join(withLetters.dir, 'notices', j, 'letters.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expect([...paths].filter((p) => p.startsWith('notification-list-') || p === 'notices/letters-not-written.txt')).toEqual([]);
    const copies = withLetters.files
      .filter((f) => f.path.startsWith('notices/submissions/') && f.path.endsWith('.json'))
      .flatMap((f) => readJson<FilledSubmission>(path.join(withLetters.dir, ...f.path.split('/'))).sections)
      .filter((s) => s.templateCopy !== null && required.includes(s.jurisdiction));
    for (const section of copies) expect(section.templateCopy!.path).toBe(`notices/${section.jurisdiction}/sample-notice.pdf`);
  });

  test('verify-export names an altered letters PDF and an altered submission, each by its path', async () => {
    const copy = mkdtempSync(path.join(root, 'copy-letters-'));
    cpSync(withLetters.dir, copy, { recursive: true });
    const letters = withLetters.files.map((f) => f.path).find((p) => p.endsWith('/letters.pdf'))!;
    const submission = withLetters.files.map((f) => f.path).find((p) => p.startsWith('notices/submissions/') && p.endsWith('.html'))!;
    for (const target of [letters, submission]) {
      const file = path.join(copy, ...target.split('/'));
      const bytes = readFileSync(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(file, bytes);
    }
    const result = await verifyExport(path.join(copy, 'manifest.json'));
    expect(result.ok).toBe(false);
    expect(result.files.filter((f) => !f.ok).map((f) => f.path).sort()).toEqual([letters, submission].sort());
    for (const target of [letters, submission]) expect(result.files.find((f) => f.path === target)!.problem).toContain(`${target}: SHA-256 is`);
  });
});
