import { describe, expect, it } from 'vitest';
import { assessObligations } from '../../../shared/law/obligations';
import { group, input, packs } from './helpers';

function only(code: string, report: ReturnType<typeof assessObligations>) {
  return report.jurisdictions.find((j) => j.jurisdiction === code)!;
}

describe('California notice rule switch (SB 446)', () => {
  it('discovered 2025-12-31: no fixed day count', () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'exact', 10, 'name', 'ssn')], { discoveredDate: '2025-12-31' })));
    expect(ca.individuals.duty).toBe('required');
    expect(ca.individuals.due).toEqual({ kind: 'open', text: 'In the most expedient time possible and without unreasonable delay (no fixed number of days)' });
    expect(ca.earliestDue).toBeNull();
  });

  it('discovered 2026-01-01: 30 calendar days', () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'exact', 10, 'name', 'ssn')], { discoveredDate: '2026-01-01' })));
    expect(ca.individuals.due).toMatchObject({ kind: 'date', date: '2026-01-31' });
    expect(ca.individuals.citation).toContain('SB 446');
  });
});

describe('regulator thresholds', () => {
  it('California AG: more than 500, 15 days after the planned consumer notice', () => {
    const report = assessObligations(packs(), input([group('US-CA', 'exact', 501, 'name', 'ssn')], { plannedNoticeDate: '2026-02-20' }));
    const ca = only('US-CA', report);
    expect(ca.regulator.duty).toBe('required');
    expect(ca.regulator.due).toMatchObject({ kind: 'date', date: '2026-03-07' });
  });

  it('California AG: without a planned date, counts from the consumer deadline', () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'exact', 501, 'name', 'ssn')])));
    // discovery 2026-02-02 + 30 = 2026-03-04; + 15 = 2026-03-19
    expect(ca.regulator.due).toMatchObject({ kind: 'date', date: '2026-03-19' });
  });

  it('exactly 500 is not "more than 500"', () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'exact', 500, 'name', 'ssn')])));
    expect(ca.regulator.duty).toBe('not-required');
    expect(ca.regulator.threshold?.status).toBe('not-met');
  });

  it('a threshold reachable only with inferred consumers is uncertain', () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'exact', 400, 'name', 'ssn'), group('US-CA', 'inferred', 200, 'name', 'ssn')])));
    expect(ca.regulator.duty).toBe('possibly-required');
    expect(ca.regulator.threshold?.status).toBe('uncertain');
  });

  it('Texas AG: at least 250 residents, 30 days from discovery', () => {
    const tx = only('US-TX', assessObligations(packs(), input([group('US-TX', 'derived', 250, 'name', 'drivers_license')])));
    expect(tx.regulator.duty).toBe('required');
    expect(tx.regulator.due).toMatchObject({ kind: 'date', date: '2026-03-04' });
    expect(tx.individuals.due).toMatchObject({ kind: 'date', date: '2026-04-03' });
    const small = only('US-TX', assessObligations(packs(), input([group('US-TX', 'derived', 249, 'name', 'drivers_license')])));
    expect(small.regulator.duty).toBe('not-required');
  });

  it('Vermont AG preliminary notice: 14 business days', () => {
    const vt = only('US-VT', assessObligations(packs(), input([group('US-VT', 'exact', 3, 'name', 'ssn')], { discoveredDate: '2025-06-30' })));
    expect(vt.regulator.due).toMatchObject({ kind: 'date', date: '2025-07-21' });
  });

  it('New Jersey State Police before the individual notice', () => {
    const nj = only('US-NJ', assessObligations(packs(), input([group('US-NJ', 'exact', 3, 'name', 'ssn')], { plannedNoticeDate: '2026-02-10' })));
    expect(nj.regulator.due).toEqual({ kind: 'date', date: '2026-02-10', text: 'before notice to individuals (notice date 2026-02-10)' });
  });

  it('California has no consumer reporting agency duty; Texas over 10,000', () => {
    const report = assessObligations(packs(), input([group('US-CA', 'exact', 20000, 'name', 'ssn'), group('US-TX', 'exact', 10001, 'name', 'ssn')]));
    expect(only('US-CA', report).consumerReportingAgencies.duty).toBe('none');
    expect(only('US-TX', report).consumerReportingAgencies.duty).toBe('required');
    expect(only('US-TX', report).consumerReportingAgencies.due.text).toContain('unknown — counsel must review');
  });
});

describe('what notice requires', () => {
  it('identity protection: CA 12 months for SSN, MA 18, CT 24 for a taxpayer ID; none for email', () => {
    const report = assessObligations(packs(), input([
      group('US-CA', 'exact', 5, 'name', 'ssn'),
      group('US-MA', 'exact', 5, 'name', 'ssn'),
      group('US-CT', 'exact', 5, 'name', 'tax_id'),
      group('US-NY', 'exact', 5, 'email', 'password'),
    ]));
    expect(only('US-CA', report).identityProtection).toMatchObject({ status: 'required', months: 12, triggeredBy: ['ssn'] });
    expect(only('US-MA', report).identityProtection).toMatchObject({ status: 'required', months: 18 });
    expect(only('US-CT', report).identityProtection).toMatchObject({ status: 'required', months: 24, triggeredBy: ['tax_id'] });
    expect(only('US-NY', report).identityProtection.status).toBe('no-rule-in-pack');
  });

  it("California's notice title and headings", () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'exact', 5, 'name', 'ssn')])));
    const required = ca.content?.required;
    if (required?.rule !== 'stated') throw new Error(`California content rule is ${required?.rule}`);
    expect(required.title?.text).toBe('Notice of Data Breach');
    expect(required.headings?.texts).toEqual(['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information']);
  });

  it('no notice for a CRM leak of names, emails, phones and addresses, and it says why', () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'exact', 1000, 'name', 'email', 'phone', 'postal_address')])));
    expect(ca.noticeRequired).toBe('no');
    expect(ca.individuals.duty).toBe('not-required');
    expect(ca.why).toContain('match none of its combinations');
    expect(ca.qualifying).toEqual({ exact: 0, derived: 0, inferredUpperBound: 0 });
  });

  it('only inferred consumers: notice possibly required', () => {
    const ca = only('US-CA', assessObligations(packs(), input([group('US-CA', 'inferred', 40, 'name', 'ssn')])));
    expect(ca.noticeRequired).toBe('possibly');
    expect(ca.individuals.duty).toBe('possibly-required');
  });

  it('unverified jurisdictions say so', () => {
    const ne = only('US-NE', assessObligations(packs(), input([group('US-NE', 'exact', 5, 'name', 'ssn')])));
    expect(ne.review).toBe('unverified — counsel must review');
    expect(ne.consumerReportingAgencies.duty).toBe('unknown');
  });
});

describe('ordering and buckets', () => {
  it('sorts jurisdictions by earliest fixed deadline, undated last', () => {
    const report = assessObligations(packs(), input([
      group('US-MA', 'exact', 5, 'name', 'ssn'), // no fixed deadline
      group('US-OR', 'exact', 5, 'name', 'ssn'), // 45 days
      group('US-PR', 'exact', 5, 'name', 'ssn'), // DACO 10 days
      group('US-TX', 'exact', 300, 'name', 'ssn'), // AG 30 days
    ]));
    expect(report.jurisdictions.map((j) => [j.jurisdiction, j.earliestDue])).toEqual([
      ['US-PR', '2026-02-12'],
      ['US-TX', '2026-03-04'],
      ['US-OR', '2026-03-19'],
      ['US-MA', null],
    ]);
  });

  it('reports non-US and unknown buckets without assigning them to a state', () => {
    const report = assessObligations(packs(), input([group('UNKNOWN', 'exact', 7, 'name', 'ssn'), group('CA-ON', 'inferred', 3, 'name', 'ssn'), group('US-CA', 'exact', 1, 'name', 'ssn')], { inferredMinimum: 2 }));
    expect(report.jurisdictions.map((j) => j.jurisdiction)).toEqual(['US-CA']);
    expect(report.unassigned.map((u) => [u.jurisdiction, u.residents])).toEqual([
      ['CA-ON', { exact: 0, derived: 0, inferredUpperBound: 3 }],
      ['UNKNOWN', { exact: 7, derived: 0, inferredUpperBound: 0 }],
    ]);
    expect(report.inferred).toMatchObject({ minimumOverall: 2, upperBoundOverall: 3 });
  });

  it('rejects malformed input with every problem listed', () => {
    expect(() => assessObligations(packs(), input([group('US-CA', 'exact', -1, 'name')], { discoveredDate: '2026-13-01' }))).toThrow(
      /discoveredDate must be a date YYYY-MM-DD.*groups\[0\]\.count must be a whole number/,
    );
  });
});
