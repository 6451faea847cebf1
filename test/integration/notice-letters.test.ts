import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ELEMENT_CODES, type ElementCode } from '../../shared/contract/elements';
import { assessAnalysis, type Assessment } from '../../shared/assess/assess-analysis';
import { defaultTemplate, parseNoticeFacts, planNotices, previewLetter, readNoticeFacts, recordNoticeFacts, recordNoticeTemplate, rulesFor, writeNotices, type NoticeFacts } from '../../shared/notices';
import { noticeContacts } from '../../shared/law/contacts/notice-contacts';
import { listCustody } from '../../shared/store/custody';
import { pdfPageTexts } from '../helpers/pdf-text';
import { buildBreachCase, HOSTILE, type BreachCase } from '../unit/export/breach-case';

const WHAT_HAPPENED = 'An unauthorized party used a stolen integration credential to export customer records from our CRM.';
const FACTS = {
  company: { name: 'Larkspur Outdoor Supply, Inc.', address: '100 Market Street\nSan Francisco, CA 94105', tollFreePhone: '1-800-555-0100', website: 'www.larkspur.example' },
  incident: { start: '2025-06-16', end: '2025-06-17' },
  noticeDate: '2025-07-15',
  whatHappened: WHAT_HAPPENED,
  whatWeAreDoing: 'We revoked the credential, reset every integration secret and engaged outside forensic experts.',
  identityProtection: { provider: 'Kroll', months: 24, url: 'https://enroll.example', enrollBy: '2025-10-15' },
};
const CA_HEADINGS = ['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information'];
const experian = noticeContacts().contacts.get('experian')!;

let root: string;
let breach: BreachCase;
let assessment: Assessment;
let facts: NoticeFacts;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-notice-letters-'));
  breach = await buildBreachCase(root);
  assessment = assessAnalysis(breach.handle, {});
  facts = recordNoticeFacts(breach.handle.db, FACTS, breach.actor).facts;
}, 120_000);

afterAll(() => {
  breach?.handle.close();
  rmSync(root, { recursive: true, force: true });
});

/** Letters of a PDF: pages grouped from each "Page 1 of N" footer. */
function letters(pages: readonly string[]): Array<{ reference: number; text: string }> {
  const out: Array<{ reference: number; text: string }> = [];
  for (const page of pages) {
    const footer = /Reference (\d+) \u2022 Page (\d+) of (\d+)/.exec(page);
    expect(footer).not.toBeNull();
    if (footer![2] === '1') out.push({ reference: Number(footer![1]), text: page });
    else out[out.length - 1]!.text += `\n${page}`;
  }
  return out;
}

function exposedElements(consumerId: number): ElementCode[] {
  const row = breach.handle.db.prepare('SELECT elements FROM analysis_consumers WHERE analysis_id = ? AND consumer_id = ?').get(assessment.analysis.id, consumerId) as { elements: string };
  const elements = JSON.parse(row.elements) as Record<ElementCode, string>;
  return (Object.keys(elements) as ElementCode[]).filter((code) => elements[code] !== 'inferred');
}

const readerWords: Record<ElementCode, string> = {
  name: 'Your name', email: 'Your email address', phone: 'Your phone number', postal_address: 'Your postal address', date_of_birth: 'Your date of birth',
  ssn: 'Your Social Security number', drivers_license: "Your driver's license number", passport: 'Your passport number', tax_id: 'Your taxpayer identification number',
  other_government_id: 'Your other government-issued identification number', card_number: 'Your payment card number', financial_account: 'Your financial account number',
  security_code: 'Your card security code, access code or PIN', username: 'Your username', password: 'Your password', security_qa: 'Your security question and answer',
  medical: 'Your medical information', health_insurance: 'Your health insurance information', biometric: 'Your biometric data', genetic: 'Your genetic data',
};

describe('letters from a real case', () => {
  let out: string;
  let written: Awaited<ReturnType<typeof writeNotices>>;

  beforeAll(async () => {
    out = path.join(root, 'notices-1');
    written = await writeNotices(breach.handle.db, assessment, facts, out, { key: null });
  }, 120_000);

  test('the notice facts are recorded in the store and logged in custody', () => {
    expect(readNoticeFacts(breach.handle.db)?.facts.company.address).toEqual(['100 Market Street', 'San Francisco, CA 94105']);
    expect(listCustody(breach.handle.db).some((e) => e.action === 'notice-facts')).toBe(true);
  });

  test("a California letter read back from the PDF has the title, the five headings in order and only the person's exposed elements", async () => {
    const ca = written.find((j) => j.jurisdiction === 'US-CA')!;
    expect(ca.letters).toBeGreaterThan(0);
    const pages = await pdfPageTexts(path.join(out, 'US-CA', 'letters.pdf'));
    expect(pages).toHaveLength(ca.pages);
    const all = letters(pages);
    expect(all).toHaveLength(ca.letters);
    for (const letter of all) {
      const text = letter.text;
      expect(text).toContain('Notice of Data Breach');
      const positions = CA_HEADINGS.map((h) => text.indexOf(h));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      const exposed = exposedElements(letter.reference);
      expect(exposed.length).toBeGreaterThan(0);
      for (const code of ELEMENT_CODES) {
        if (exposed.includes(code)) expect(text).toContain(readerWords[code]);
        else expect(text).not.toContain(readerWords[code]);
      }
      expect(text).not.toMatch(/\bssn\b|\bemail\b(?! address)/);
      expect(text).toContain(WHAT_HAPPENED.slice(0, 40));
      // § 1798.82(d)(2)(F): the credit bureaus' numbers and addresses when an SSN or driver's license number was exposed.
      const bureaus = exposed.includes('ssn') || exposed.includes('drivers_license');
      for (const line of [experian.name, experian.address![0]!, experian.phone!]) expect(text.includes(line)).toBe(bureaus);
    }
    // The sample copy shows every conditional block, the bureaus included.
    const sample = (await pdfPageTexts(path.join(out, 'US-CA', 'sample-notice.pdf'))).join('\n');
    for (const line of [experian.name, experian.address![0]!, experian.phone!]) expect(sample).toContain(line);
  });

  test('a Massachusetts letter omits the nature of the breach and the resident count', async () => {
    const ma = written.find((j) => j.jurisdiction === 'US-MA')!;
    expect(ma.letters).toBeGreaterThan(0);
    const template = readFileSync(path.join(out, 'US-MA', 'template.txt'), 'utf8');
    expect(template).not.toMatch(/\{\{\s*(incident\.description|residents\.count)\s*\}\}/);
    const text = (await pdfPageTexts(path.join(out, 'US-MA', 'letters.pdf'))).join('\n');
    expect(text).toContain('Larkspur Outdoor Supply');
    // c. 93H § 3(b): how to request a security freeze, with where to send it.
    const equifax = noticeContacts().contacts.get('equifax')!;
    expect(text).toContain(`${equifax.name}\n${equifax.address!.join('\n')}`);
    expect(text).not.toContain(WHAT_HAPPENED.slice(0, 40));
    expect(text).not.toMatch(/resident/i);
    const emails = readFileSync(path.join(out, 'US-MA', 'email.txt'), 'utf8') + readFileSync(path.join(out, 'US-MA', 'email.html'), 'utf8');
    expect(emails).not.toContain(WHAT_HAPPENED.slice(0, 40));
    // Counsel cannot put them back in.
    const edited = template.replace('[signature]', 'We notified {{residents.count}} residents. {{jurisdiction.name}}\n\n{{incident.description}}\n\n[signature]');
    expect(() => recordNoticeTemplate(breach.handle.db, assessment.packs, 'US-MA', edited, breach.actor, facts.noticeDate)).toThrow(/nature-of-breach.*resident-count|resident-count.*nature-of-breach/s);
  });

  test('the mail-merge CSV lists each letter with its fields, formula-like values written as text', () => {
    const ca = written.find((j) => j.jurisdiction === 'US-CA')!;
    const csv = readFileSync(path.join(out, 'US-CA', 'mail-merge.csv'), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFreference,recipient_name,address_line_1,address_line_2,address_line_3,street,city,state,postal_code,country,email,exposed_elements,/);
    expect(lines).toHaveLength(ca.letters + 1);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(csv).toContain(`'${HOSTILE.firstName.replace(/"/g, '""').slice(0, 10)}`);
    const html = readFileSync(path.join(out, 'US-CA', 'email.html'), 'utf8');
    expect(html).toContain('{{recipient_name}}');
    expect(html).toContain('{{exposed_elements}}');
    expect(html).toContain('Notice of Data Breach');
  });

  test('two runs give byte-identical files', async () => {
    const again = path.join(root, 'notices-2');
    await writeNotices(breach.handle.db, assessment, facts, again, { key: null });
    const files = written.flatMap((j) => j.files);
    expect(files).toContain('US-CA/letters.pdf');
    expect(files).toContain('US-CA/template.docx');
    for (const file of files) expect(readFileSync(path.join(again, file)).equals(readFileSync(path.join(out, file))), file).toBe(true);
    expect(readdirSync(path.join(again, 'US-CA')).sort()).toEqual(readdirSync(path.join(out, 'US-CA')).sort());
  }, 120_000);
});

describe("counsel's edits", () => {
  test('an edited template is used for the letters, and a template that drops a required section is refused by name', async () => {
    const rules = rulesFor(assessment.packs, 'US-CA', facts.noticeDate);
    const base = defaultTemplate(rules);
    const dropped = base.replace('[section: What We Are Doing]', '[text]');
    expect(() => recordNoticeTemplate(breach.handle.db, assessment.packs, 'US-CA', dropped, breach.actor, facts.noticeDate)).toThrow(/"What We Are Doing"/);

    const edited = base.replace('[signature]', '[section: Other Important Information]\nCounsel added this sentence for the Larkspur matter.\n\n[signature]');
    recordNoticeTemplate(breach.handle.db, assessment.packs, 'US-CA', edited, breach.actor, facts.noticeDate);
    expect(listCustody(breach.handle.db).filter((e) => e.action === 'notice-template')).toHaveLength(1);
    const out = path.join(root, 'notices-edited');
    const [ca] = await writeNotices(breach.handle.db, assessment, facts, out, { key: null, jurisdictions: ['US-CA'] });
    expect(ca!.template.source).toBe('counsel');
    const text = (await pdfPageTexts(path.join(out, 'US-CA', 'letters.pdf'))).join('\n');
    expect(text).toContain('Counsel added this sentence for the Larkspur matter.');
    expect(text).toContain('Other Important Information');
  }, 120_000);

  test('the notice method: substitute notice below the thresholds is refused by name; electronic notice with its E-SIGN condition writes the emails', async () => {
    const substitute = parseNoticeFacts({ ...FACTS, method: { kind: 'substitute', writtenNoticeCostUsd: 1_000, insufficientContact: false } }, facts.discoveredDate);
    const refusedDir = path.join(root, 'notices-substitute');
    await expect(writeNotices(breach.handle.db, assessment, substitute, refusedDir, { key: null, jurisdictions: ['US-CA'] })).rejects.toThrow(
      /US-CA: substitute notice needs the cost of written notice to exceed \$250,000 \(stated: \$1,000\).*Cal\. Civ\. Code § 1798\.82\(j\)\(3\)/,
    );
    expect(existsSync(refusedDir)).toBe(false);
    const electronic = parseNoticeFacts({ ...FACTS, method: { kind: 'electronic', conditions: ['esign-consent'] } }, facts.discoveredDate);
    const dir = path.join(root, 'notices-electronic');
    const [ca] = await writeNotices(breach.handle.db, assessment, electronic, dir, { key: null, jurisdictions: ['US-CA'] });
    expect(ca!.delivery).toMatchObject({ method: 'electronic', emails: true, basis: 'Cal. Civ. Code § 1798.82(j)(2)' });
    expect(ca!.files).toContain('US-CA/email.html');
    expect(readFileSync(path.join(dir, 'US-CA', 'email.txt'), 'utf8')).toContain('{{recipient_name}}');
  });

  test('a person in the review queue is held, counted and not mailed', () => {
    const before = planNotices(breach.handle.db, assessment, facts.noticeDate).find((p) => p.jurisdiction === 'US-CA')!;
    const mailed = previewLetter(breach.handle.db, assessment, facts, 'US-CA', null).consumerId;
    const subject = breach.handle.db
      .prepare('SELECT subject_id FROM analysis_consumer_records WHERE analysis_id = ? AND consumer_id = ? LIMIT 1')
      .pluck()
      .get(assessment.analysis.id, mailed) as number;
    breach.handle.db.prepare('INSERT INTO analysis_review (analysis_id, kind, subject_ids, reason) VALUES (?, ?, ?, ?)').run(assessment.analysis.id, 'possible-match', JSON.stringify([subject, -1]), 'test: same name and postal code');
    const after = planNotices(breach.handle.db, assessment, facts.noticeDate).find((p) => p.jurisdiction === 'US-CA')!;
    expect(after.letters).toBe(before.letters - 1);
    expect(after.heldForReview).toEqual({ consumers: 1, byKind: { 'possible-match': 1 } });
    expect(() => previewLetter(breach.handle.db, assessment, facts, 'US-CA', mailed)).toThrow(/held for review/);
  });
});
