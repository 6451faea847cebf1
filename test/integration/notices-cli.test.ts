import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assessAnalysis } from '../../shared/assess/assess-analysis';
import { openCase } from '../../shared/store/case-folder';
import { listCustody } from '../../shared/store/custody';
import { jsonOf, runCli, type Printed } from '../helpers/cli';
import { buildBreachCase } from '../unit/export/breach-case';

let root: string;
let caseDir: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-notices-cli-'));
  const breach = await buildBreachCase(root);
  caseDir = breach.handle.dir;
  breach.handle.close();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('breach-ledger notices (the real CLI)', () => {
  test('submissions --json lists one submission per agency owed, by the obligations the engine computes', async () => {
    const result = runCli(['notices', 'submissions', caseDir, '--notice-date', '2025-07-15', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const printed = jsonOf<Printed<'noticeSubmissions'>>(result);
    const handle = await openCase(caseDir);
    try {
      const { obligations, analysis } = assessAnalysis(handle, { noticeDate: '2025-07-15' });
      expect(printed.analysis).toBe(analysis.id);
      const owed = obligations.jurisdictions.filter((j) => j.applies && ['required', 'possibly-required'].includes(j.regulator.duty)).map((j) => j.jurisdiction).sort();
      expect([...new Set(printed.submissions.filter((s) => s.party === 'regulator').map((s) => s.sections[0]!.jurisdiction))].sort()).toEqual(owed);
    } finally {
      handle.close();
    }
    const dates = printed.submissions.flatMap((s) => s.sections.flatMap((sec) => sec.fields.filter((f) => f.fill === 'notice.date').map((f) => f.text)));
    expect(dates.length).toBeGreaterThan(0);
    expect(new Set(dates)).toEqual(new Set(['2025-07-15']));
  });

  test('submissions prints each field with its citation, counts what counsel must complete, and filters by jurisdiction', () => {
    const all = jsonOf<Printed<'noticeSubmissions'>>(runCli(['notices', 'submissions', caseDir, '--json']));
    const target = all.submissions.find((s) => s.party === 'regulator')!;
    const code = target.sections[0]!.jurisdiction;
    const result = runCli(['notices', 'submissions', caseDir, '--jurisdiction', code.slice(3).toLowerCase()]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${target.name}: ${target.form.title}`);
    expect(result.stdout).toContain(`${target.sections[0]!.fields[0]!.label}: ${target.sections[0]!.fields[0]!.text}  [${target.sections[0]!.fields[0]!.citation}`);
    const shown = all.submissions.filter((s) => s.sections.some((sec) => sec.jurisdiction === code));
    const open = shown.reduce((n, s) => n + s.sections.filter((sec) => sec.jurisdiction === code).reduce((m, sec) => m + sec.fields.filter((f) => f.value === null).length, 0), 0);
    expect(result.stdout.trim().split('\n').at(-1)).toBe(`${shown.length} submission${shown.length === 1 ? '' : 's'}; ${open} field${open === 1 ? '' : 's'} to be completed by counsel.`);
    for (const other of all.submissions.filter((s) => !shown.includes(s))) expect(result.stdout).not.toContain(`${other.name}: `);
  });

  test('a bad jurisdiction is bad usage, said in one sentence', () => {
    const result = runCli(['notices', 'submissions', caseDir, '--jurisdiction', 'Texas!']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--jurisdiction must be a code like US-TX or TX, not "Texas!"\. Usage: breach-ledger notices submissions/);
  });

  test('facts: none yet, a refused file named with every bad field, then a recorded version shown, logged and used by the submissions', async () => {
    const none = runCli(['notices', 'facts', caseDir]);
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/^No notice facts recorded yet\./);
    expect(runCli(['notices', 'facts', caseDir, '--json']).stdout.trim()).toBe('null');

    const broken = path.join(root, 'broken.json');
    writeFileSync(broken, '{ "company": ');
    const unreadable = runCli(['notices', 'facts', caseDir, '--set', broken]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toMatch(/broken\.json is not valid JSON .*; fix it and run the command again\./);

    const incomplete = path.join(root, 'incomplete.json');
    writeFileSync(incomplete, JSON.stringify({ company: { name: 'Larkspur Outfitters' }, noticeDate: '2025-07-15' }));
    const refused = runCli(['notices', 'facts', caseDir, '--set', incomplete]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('company.address');
    expect(refused.stderr).toContain('whatHappened');

    const good = path.join(root, 'facts.json');
    const facts = {
      company: { name: 'Larkspur Outfitters', address: ['100 Example Way', 'Portland, OR 97201'] },
      contact: { name: 'Jordan Example', title: 'General Counsel', phone: '503-555-0142', email: 'legal@larkspur.example' },
      incident: { start: '2025-06-01', end: '2025-06-03' },
      noticeDate: '2025-07-15',
      whatHappened: 'A connected app copied customer records.',
      whatWeAreDoing: 'We revoked the app.',
    };
    writeFileSync(good, JSON.stringify(facts));
    const recorded = runCli(['notices', 'facts', caseDir, '--set', good, '--actor', 'Counsel A']);
    expect(recorded.stderr).toBe('');
    expect(recorded.status).toBe(0);
    expect(recorded.stdout).toMatch(/^Recorded notice facts version 1 \(SHA-256 [0-9a-f]{64}\)\./);
    expect(recorded.stdout).toContain('company:           Larkspur Outfitters; 100 Example Way, Portland, OR 97201');
    expect(recorded.stdout).toContain('incident:          2025-06-01 to 2025-06-03');

    const handle = await openCase(caseDir);
    try {
      const entry = listCustody(handle.db).filter((c) => c.action === 'notice-facts');
      expect(entry.map((c) => c.actor)).toEqual(['Counsel A']);
    } finally {
      handle.close();
    }
    const printed = jsonOf<Printed<'noticeSubmissions'>>(runCli(['notices', 'submissions', caseDir, '--json']));
    const fields = printed.submissions.flatMap((s) => s.sections.flatMap((sec) => sec.fields));
    expect(new Set(fields.filter((f) => f.fill === 'organization.name').map((f) => f.text))).toEqual(new Set(['Larkspur Outfitters']));
    expect(new Set(fields.filter((f) => f.fill === 'breach.dates').map((f) => f.text))).toEqual(new Set(['2025-06-01 to 2025-06-03']));
    expect(new Set(fields.filter((f) => f.fill === 'notice.date').map((f) => f.text))).toEqual(new Set(['2025-07-15']));

    // The letters use the same facts: one real person's letter, as text.
    const handle2 = await openCase(caseDir);
    let jurisdiction: string;
    try {
      jurisdiction = assessAnalysis(handle2, {}).obligations.jurisdictions.find((j) => j.individuals.duty === 'required' && !j.nationwide)!.jurisdiction;
    } finally {
      handle2.close();
    }
    const preview = runCli(['notices', 'preview', caseDir, '--jurisdiction', jurisdiction, '--json']);
    expect(preview.stderr).toBe('');
    const letter = jsonOf<Printed<'previewLetter'>>(preview);
    expect(letter.jurisdiction).toBe(jurisdiction);
    expect(letter.text).toContain('Larkspur Outfitters');
    const text = runCli(['notices', 'preview', caseDir, '--jurisdiction', jurisdiction, '--consumer', String(letter.consumerId)]);
    expect(text.status).toBe(0);
    expect(text.stdout.startsWith(`${jurisdiction} letter to consumer ${letter.consumerId}:\n\n`)).toBe(true);
    expect(text.stdout).toContain(letter.paragraphs.find((p) => p.style === 'heading' || p.style === 'title')!.text);
    const nobody = runCli(['notices', 'preview', caseDir, '--jurisdiction', jurisdiction, '--consumer', '999999999']);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain(`Consumer 999999999 gets no ${jurisdiction} letter`);
  }, 400_000);

  test('write puts the notice package in a new folder with a signed manifest that verify-export checks file by file', () => {
    const out = path.join(root, 'package');
    const written = runCli(['notices', 'write', caseDir, '--out', out, '--actor', 'Counsel A', '--json']);
    expect(written.stderr).toBe('');
    expect(written.status).toBe(0);
    const view = jsonOf<Printed<'writeNoticePackage'>>(written);
    expect(view.dir).toBe(out);
    const submissions = view.files.map((f) => f.path).filter((p) => p.startsWith('notices/submissions/'));
    expect(submissions.length).toBeGreaterThan(0);
    const verified = runCli(['verify-export', view.manifestPath, '--case', caseDir]);
    expect(verified.status).toBe(0);
    for (const p of submissions) expect(verified.stdout).toContain(`ok    ${p}`);
    const again = runCli(['notices', 'write', caseDir, '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`${out} is not empty; export into a new or empty folder.`);
  }, 300_000);

  test('template: export to a file, check an edit (refused, naming the dropped section), import a good one (logged in custody)', async () => {
    const file = path.join(root, 'ca-template.txt');
    const exported = runCli(['notices', 'template', caseDir, '--jurisdiction', 'CA', '--out', file]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/^Wrote the US-CA template \(default from the rule pack, SHA-256 [0-9a-f]{64}\)/);
    expect(exported.stdout).toContain('Template check: passed.');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[section: What Happened]');
    expect(runCli(['notices', 'template', caseDir, '--jurisdiction', 'CA', '--out', file]).stderr).toContain('already exists; choose another --out file');

    expect(runCli(['notices', 'template', 'check', caseDir, file, '--jurisdiction', 'US-CA']).status).toBe(0);
    const dropped = path.join(root, 'ca-dropped.txt');
    writeFileSync(dropped, text.replace('[section: What Happened]', '[section: Background]'));
    const check = runCli(['notices', 'template', 'check', caseDir, dropped, '--jurisdiction', 'CA']);
    expect(check.status).toBe(3);
    expect(check.stdout).toMatch(/Template check: \d+ problems?\./);
    expect(check.stdout).toContain('What Happened');
    const refused = runCli(['notices', 'template', 'import', caseDir, dropped, '--jurisdiction', 'CA']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^The US-CA notice template is refused: .*What Happened/);

    const edited = path.join(root, 'ca-edited.txt');
    writeFileSync(edited, text.replace('We are writing to tell you', 'We are writing, with regret, to tell you'));
    const imported = runCli(['notices', 'template', 'import', caseDir, edited, '--jurisdiction', 'ca', '--actor', 'Counsel B']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^Recorded the template for US-CA as version \d+ \(SHA-256 [0-9a-f]{64}\)\./);
    const inUse = jsonOf<Printed<'noticeTemplate'>>(runCli(['notices', 'template', caseDir, '--jurisdiction', 'CA', '--json']));
    expect(inUse.source).toBe('counsel');
    expect(inUse.text).toContain('with regret');
    const handle = await openCase(caseDir);
    try {
      expect(listCustody(handle.db).filter((c) => c.action === 'notice-template').map((c) => c.actor)).toEqual(['Counsel B']);
    } finally {
      handle.close();
    }
  }, 300_000);
});
