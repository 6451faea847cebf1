import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noticePeriod } from '../../../shared/law/deadlines';
import { findPack } from '../../../shared/law/packs';
import { validateSubmissionForm } from '../../../shared/law/submission-form-schema';
import { DEFAULT_SUBMISSION_FORM_DIR, formFor, loadSubmissionForms } from '../../../shared/law/submission-forms';
import { packs } from './helpers';

const shipped = () => loadSubmissionForms();
const raw = (file: string) => JSON.parse(readFileSync(join(DEFAULT_SUBMISSION_FORM_DIR, file), 'utf8')) as Record<string, unknown>;
type FormJson = Record<string, unknown> & { fields: Array<Record<string, unknown>>; sources: Array<Record<string, unknown>>; recipients: unknown[] };
const errorsFor = (file: string, mutate: (form: FormJson) => void): string[] => {
  const form = raw(file) as FormJson;
  mutate(form);
  const result = validateSubmissionForm(form, file);
  return result.ok ? [] : result.errors;
};

let temp: string | null = null;
afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = null;
});

/** A copy of the shipped folder with one file changed, added or removed. */
function folderWith(change: (dir: string) => void): string {
  temp = mkdtempSync(join(tmpdir(), 'bl-forms-'));
  for (const name of readdirSync(DEFAULT_SUBMISSION_FORM_DIR)) writeFileSync(join(temp, name), readFileSync(join(DEFAULT_SUBMISSION_FORM_DIR, name)));
  change(temp);
  return temp;
}

describe('submission forms (shared/law/submission-forms)', () => {
  it('loads every shipped form, with a generic form for each party', () => {
    const ids = shipped().forms.map((f) => f.form.id);
    expect(ids).toEqual(expect.arrayContaining(['us-ca-ag-sample-copy', 'us-tx-ag-data-breach-report', 'us-ny-state-agencies', 'us-ma-ag-ocabr', 'generic-regulator', 'generic-consumer-reporting-agencies']));
    for (const { sha256 } of shipped().forms) expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("each jurisdiction's own form matches its rule pack: the same party's duty is required and cites the same section", () => {
    for (const { form } of shipped().forms.filter((f) => f.form.jurisdiction !== '*')) {
      const pack = findPack(packs(), form.jurisdiction)!.pack;
      const period = noticePeriod(pack, form.party, form.effectiveFrom > pack.effectiveFrom ? form.effectiveFrom : pack.effectiveFrom)!;
      expect(period.duty, form.id).toBe('required');
      const section = /§\s*[\d.A-Za-z-]+/.exec(form.citation)![0];
      expect(period.citation, form.id).toContain(section);
    }
  });

  it('records the statutory fields: Texas § 521.053(i)(1)–(6), Massachusetts § 3(b), New York § 899-aa(8)(a), California § 1798.82(f)', () => {
    const form = (id: string) => shipped().forms.find((f) => f.form.id === id)!.form;
    const tx = form('us-tx-ag-data-breach-report');
    for (const item of ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']) expect(tx.fields.some((f) => f.citation === `Tex. Bus. & Com. Code § 521.053(i)${item}`), item).toBe(true);
    expect(tx.fields.find((f) => f.citation?.endsWith('(i)(2)'))!.fill).toBe('residents.affected');
    expect(tx.fields.find((f) => f.citation?.endsWith('(i)(3)'))!.fill).toBe('residents.notified');

    const ma = form('us-ma-ag-ocabr');
    expect(ma.recipients.map((r) => r.id)).toEqual(['ma-ag', 'ma-ocabr']);
    expect(ma.fields.map((f) => f.fill)).toEqual(expect.arrayContaining(['breach.description', 'residents.affected', 'security-program.wisp', 'measures.taken-and-planned', 'elements.exposed']));

    const ny = form('us-ny-state-agencies');
    expect(ny.recipients.map((r) => r.id)).toEqual(['ny-ag', 'ny-dos', 'ny-state-police']);
    expect(ny.templateCopy?.citation).toBe('N.Y. Gen. Bus. Law § 899-aa(8)(a)');
    expect(ny.fields.map((f) => f.fill)).toEqual(expect.arrayContaining(['notice.date', 'notice.methods', 'residents.affected', 'persons.affected']));

    const ca = form('us-ca-ag-sample-copy');
    expect(ca.templateCopy?.label).toMatch(/personal information removed/);
    expect(ca.fields.map((f) => f.fill)).toEqual(expect.arrayContaining(['breach.dates', 'breach.discovered', 'notice.date', 'elements.exposed']));
  });

  it('picks the jurisdiction form in force on the date, else the generic form', () => {
    expect(formFor(shipped(), 'US-TX', 'regulator', '2026-02-02').form.id).toBe('us-tx-ag-data-breach-report');
    expect(formFor(shipped(), 'US-TX', 'regulator', '2023-08-31').form.id).toBe('generic-regulator');
    expect(formFor(shipped(), 'US-OR', 'regulator', '2026-02-02').form.id).toBe('generic-regulator');
    expect(formFor(shipped(), 'US-NY', 'consumer-reporting-agencies', '2026-02-02').form.id).toBe('generic-consumer-reporting-agencies');
  });

  it('rejects a form that breaks the schema, naming the file and the path', () => {
    const file = 'US-TX-ag-data-breach-report.json';
    expect(errorsFor(file, () => undefined)).toEqual([]);
    expect(errorsFor(file, (f) => (f.fields[0]!.fill = 'guess'))).toEqual([expect.stringMatching(/^US-TX-ag-data-breach-report\.json: fields\[0\]\.fill: expected one of organization\.name/)]);
    expect(errorsFor(file, (f) => delete f.fields[2]!.citation)).toEqual([`${file}: fields[2].citation: expected a non-empty string, got nothing`]);
    expect(errorsFor(file, (f) => (f.fields[1]!.sourceIds = ['nowhere']))).toEqual([expect.stringContaining(`${file}: fields[1].sourceIds[0]: is not an id declared in sources`)]);
    expect(errorsFor(file, (f) => (f.sources[0]!.url = 'statutes.capitol.texas.gov'))).toEqual([`${file}: sources[0].url: expected an http(s) URL, got "statutes.capitol.texas.gov"`]);
    expect(errorsFor(file, (f) => (f.fields[1]!.id = f.fields[0]!.id))).toEqual([`${file}: fields[1].id: is a duplicate, got "organization"`]);
    expect(errorsFor(file, (f) => (f.recipients = []))).toEqual([`${file}: recipients: must not be empty`]);
    expect(errorsFor(file, (f) => (f.to = '2020-01-01'))).toEqual([`${file}: to: is before effectiveFrom 2023-09-01, got "2020-01-01"`]);
    expect(errorsFor(file, (f) => (f.sources[0]!.confidence = 'certain'))).toEqual([expect.stringContaining(`${file}: sources[0].confidence: expected one of high`)]);
  });

  it('refuses a folder with a misnamed file, overlapping forms or no generic form, listing every problem', () => {
    const misnamed = folderWith((dir) => writeFileSync(join(dir, 'texas.json'), readFileSync(join(dir, 'US-TX-ag-data-breach-report.json'))));
    expect(() => loadSubmissionForms(misnamed)).toThrow(/texas\.json: id: the file must be named after the id us-tx-ag-data-breach-report/);

    const overlapping = folderWith((dir) => {
      const copy = raw('US-TX-ag-data-breach-report.json');
      copy.id = 'us-tx-second';
      writeFileSync(join(dir, 'us-tx-second.json'), JSON.stringify(copy));
    });
    expect(() => loadSubmissionForms(overlapping)).toThrow(/US-TX regulator form us-tx-second overlaps us-tx-ag-data-breach-report/);

    const noGeneric = folderWith((dir) => rmSync(join(dir, 'generic-consumer-reporting-agencies.json')));
    expect(() => loadSubmissionForms(noGeneric)).toThrow(/no generic \(jurisdiction "\*"\) form for party "consumer-reporting-agencies"/);
  });
});
