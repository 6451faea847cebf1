import { describe, expect, it } from 'vitest';
import { assessObligations } from '../../../shared/law/obligations';
import { loadSubmissionForms } from '../../../shared/law/submission-forms';
import { qualifyingElements } from '../../../shared/submissions/elements';
import { COUNSEL_TO_COMPLETE, fillSubmissions, NO_FACTS, type FilledSubmission, type SubmissionFacts } from '../../../shared/submissions/fill';
import { submissionHtml, submissionJson } from '../../../shared/submissions/render';
import { group, input, packs } from '../law/helpers';

const cases = input([
  group('US-CA', 'exact', 600, 'name', 'ssn', 'email'),
  group('US-CA', 'exact', 40, 'name', 'card_number'),
  group('US-TX', 'exact', 300, 'name', 'ssn'),
  group('US-NY', 'derived', 6000, 'name', 'drivers_license'),
  group('US-MA', 'exact', 5, 'name', 'ssn'),
  group('US-FL', 'exact', 100, 'name', 'email'),
  group('US-OR', 'exact', 300, 'name', 'ssn'),
  group('US-CO', 'inferred', 2000, 'name', 'ssn'),
]);
const obligations = assessObligations(packs(), cases);
const forms = loadSubmissionForms();

const FACTS: SubmissionFacts = {
  ...NO_FACTS,
  organizationName: 'Acme <Outfitters> & Co.',
  contactName: 'Dana Counsel',
  contactEmail: 'dana@example.com',
  whatHappened: 'An unauthorized connected app exported CRM records.',
  noticeDate: '2026-02-20',
  methods: ['mail', 'email'],
  maintainsWisp: true,
};

function fill(facts: SubmissionFacts = NO_FACTS): FilledSubmission[] {
  return fillSubmissions(forms, { obligations, elements: qualifyingElements(packs(), cases), persons: { stated: 7305, inferredUpperBound: 2000 }, facts, templateCopies: new Map([['US-NY', 'notices/US-NY/template.docx']]) });
}

const field = (submission: FilledSubmission, id: string, jurisdiction?: string) =>
  (jurisdiction ? submission.sections.find((s) => s.jurisdiction === jurisdiction)! : submission.sections[0]!).fields.find((f) => f.id === id)!;

describe('filling regulator and agency submissions from the case', () => {
  it('writes one submission per recipient agency for every jurisdiction whose regulator duty is owed, and none elsewhere', () => {
    const submissions = fill();
    const owed = obligations.jurisdictions.filter((j) => j.regulator.duty === 'required' || j.regulator.duty === 'possibly-required').map((j) => j.jurisdiction).sort();
    expect(owed).toEqual(expect.arrayContaining(['US-CA', 'US-TX', 'US-NY', 'US-MA', 'US-OR']));
    const regulators = submissions.filter((s) => s.party === 'regulator');
    expect([...new Set(regulators.map((s) => s.sections[0]!.jurisdiction))].sort()).toEqual(owed);
    expect(regulators.map((s) => s.name)).toEqual(expect.arrayContaining(['US-CA-ca-ag', 'US-TX-tx-ag', 'US-NY-ny-ag', 'US-NY-ny-dos', 'US-NY-ny-state-police', 'US-MA-ma-ag', 'US-MA-ma-ocabr', 'US-OR-regulator']));
    expect(regulators.some((s) => s.sections[0]!.jurisdiction === 'US-FL')).toBe(false);
  });

  it('writes one notice per nationwide consumer reporting agency listing every jurisdiction whose CRA threshold is met', () => {
    const cra = fill().filter((s) => s.party === 'consumer-reporting-agencies');
    const owed = obligations.jurisdictions.filter((j) => j.consumerReportingAgencies.duty === 'required' || j.consumerReportingAgencies.duty === 'possibly-required').map((j) => j.jurisdiction).sort();
    expect(owed).toContain('US-NY');
    expect(owed).not.toContain('US-TX');
    expect(cra.map((s) => s.name)).toEqual(['CRA-equifax', 'CRA-experian', 'CRA-transunion']);
    for (const notice of cra) expect(notice.sections.map((s) => s.jurisdiction)).toEqual(owed);
    expect(field(cra[0]!, 'residents-notified', 'US-NY').text).toBe('6000');
  });

  it('fills counts and elements from the analysis, by basis, and the Texas fields by their statutory item', () => {
    const tx = fill().find((s) => s.name === 'US-TX-tx-ag')!;
    expect(field(tx, 'residents-affected')).toMatchObject({ text: '300 (exact 300, derived 0)', citation: 'Tex. Bus. & Com. Code § 521.053(i)(2)' });
    expect(field(tx, 'residents-notified').text).toBe('300');
    expect(field(tx, 'discovery-date').text).toBe('2026-02-02');
    expect(field(tx, 'information-types').text).toBe('Name and Social Security number');
    const ca = fill().find((s) => s.name === 'US-CA-ca-ag')!;
    expect(field(ca, 'information-types').text).toContain('Social Security number');
    // Name + card number without its code is not personal information in California: those 40 residents add no element.
    expect(field(ca, 'information-types').text).not.toContain('Payment card number');
    const co = fill().find((s) => s.sections[0]!.jurisdiction === 'US-CO' && s.party === 'regulator')!;
    expect(co.sections[0]!.duty.status).toBe('possibly-required');
    expect(field(co, 'residents-affected').text).toBe('0 (exact 0, derived 0); up to 2000 more on inferred evidence (counsel must review)');
    expect(field(co, 'information-types').value).toBeNull();
  });

  it('leaves every field the case cannot fill to counsel, never guessed, and fills it once the facts say it', () => {
    const before = fill().find((s) => s.name === 'US-MA-ma-ocabr')!;
    for (const id of ['organization', 'reporter-name', 'nature', 'wisp', 'notice-date', 'reporter-type', 'responsible']) {
      expect(field(before, id), id).toMatchObject({ value: null, text: COUNSEL_TO_COMPLETE });
    }
    expect(field(before, 'credit-monitoring').from).toMatch(/the pack requires: Offer 18 months/);
    const after = fill(FACTS).find((s) => s.name === 'US-MA-ma-ocabr')!;
    expect(field(after, 'organization')).toMatchObject({ value: 'Acme <Outfitters> & Co.', from: 'case notice facts: organization name' });
    expect(field(after, 'nature').text).toBe(FACTS.whatHappened);
    expect(field(after, 'wisp').text).toBe('Yes');
    expect(field(after, 'residents-affected').text).toBe('5 (exact 5, derived 0)');
    for (const id of ['reporter-type', 'responsible']) expect(field(after, id).value, id).toBeNull();
  });

  it('cites the pack duty on generic fields and the form on an agency form, with the weakest source confidence', () => {
    const or = fill().find((s) => s.name === 'US-OR-regulator')!;
    const duty = obligations.jurisdictions.find((j) => j.jurisdiction === 'US-OR')!.regulator;
    expect(or.recipient.name).toBe(duty.recipients);
    for (const f of or.sections[0]!.fields) expect(f.citation).toBe(duty.citation);
    const ny = fill().find((s) => s.name === 'US-NY-ny-state-police')!;
    expect(field(ny, 'contact-name').confidence).toBe('medium');
    expect(field(ny, 'residents-affected').confidence).toBe('medium');
    expect(ny.sections[0]!.templateCopy).toEqual({ label: 'Copy of the template of the notice sent to affected persons', path: 'notices/US-NY/template.docx', citation: 'N.Y. Gen. Bus. Law § 899-aa(8)(a)' });
  });

  it('renders a readable page that escapes case text and a JSON document of the same fields', () => {
    const ma = fill(FACTS).find((s) => s.name === 'US-MA-ma-ag')!;
    const html = submissionHtml(ma, 'Case <1>');
    expect(html).toContain('Acme &lt;Outfitters&gt; &amp; Co.');
    expect(html).not.toContain('<Outfitters>');
    expect(html).toContain('Massachusetts Attorney General');
    const open = ma.sections[0]!.fields.filter((f) => f.value === null);
    expect(open.map((f) => f.id)).toEqual(['organization-address', 'reporter-title', 'reporter-contact', 'reporter-type', 'responsible', 'steps', 'credit-monitoring']);
    expect(html).toContain(`${open.length} fields are to be completed by counsel`);
    const json = JSON.parse(submissionJson(ma, 'Case <1>')) as FilledSubmission & { format: string };
    expect(json.format).toBe('breach-ledger/submission@1');
    expect(json.sections[0]!.fields.map((f) => f.text)).toEqual(ma.sections[0]!.fields.map((f) => f.text));
  });
});
