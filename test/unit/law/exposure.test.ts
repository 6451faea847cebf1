import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAssumptions } from '../../../shared/law/assumptions';
import { assessExposure, type ExposureComponent, type ExposureReport } from '../../../shared/law/exposure';
import { parsePack } from '../../../shared/law/packs';
import type { LoadedPack } from '../../../shared/law/types';
import { join } from 'node:path';
import { DEFAULT_PACK_DIR } from '../../../shared/law/packs';
import type { AssessmentInput } from '../../../shared/law/types';
import { group, input, packs } from './helpers';
import { readJson } from '../../helpers/json';

function run(assessment: AssessmentInput, ...settings: string[]): ExposureReport {
  return assessExposure(packs(), assessment, parseAssumptions(settings));
}

function component(report: ExposureReport, code: string, id: string): ExposureComponent {
  return report.jurisdictions.find((j) => j.code === code)!.components.find((c) => c.id === id)!;
}

function figures(c: ExposureComponent) {
  return [c.low, c.stated, c.high];
}

/** The security-duty violation established: the stated scenario counts remedies that turn on it. */
const INSECURE = 'reasonable-security=not-maintained';

/** The California pack with one penalty of unknown amount triggered by late notice to individuals only. */
function unquantifiedPack(): LoadedPack {
  const json = readJson<{ sources: Array<{ id: string }>; remedies: unknown[] }>(join(DEFAULT_PACK_DIR, 'US-CA.json'));
  json.remedies = [{
    id: 'penalties', kind: 'unknown-amount', label: 'Penalty', citation: 'X § 1', sourceIds: [json.sources[0]!.id], conditions: [], definitionId: 'notice',
    description: 'Amount set by the court', triggers: [{ violation: 'late-notice-individuals', citation: 'X § 1' }],
  }];
  const loaded = parsePack(Buffer.from(JSON.stringify(json)), 'US-CA.json');
  if ('errors' in loaded) throw new Error(loaded.errors.join('; '));
  return loaded;
}

/** 10 exact, 20 derived, 30 inferred California consumers with name + SSN. */
function caCase(overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return input([group('US-CA', 'exact', 10, 'name', 'ssn'), group('US-CA', 'derived', 20, 'name', 'ssn'), group('US-CA', 'inferred', 30, 'name', 'ssn')], overrides);
}

describe('CCPA § 1798.150 statutory damages', () => {
  it('incident on 2024-12-31 uses $100–$750', () => {
    const c = component(run(caCase({ incidentDate: '2024-12-31' }), INSECURE), 'US-CA', 'ccpa-statutory-damages');
    // low: no violation beyond the breach; stated 30 × $425 (midpoint); high 60 × $750
    expect(figures(c)).toEqual([0, 30 * 42500, 60 * 75000]);
    expect(c.inputs.amountTable).toBe('2020-01-01 to 2024-12-31');
  });

  it('incident on 2025-01-01 uses $107–$799', () => {
    const c = component(run(caCase({ incidentDate: '2025-01-01' }), INSECURE), 'US-CA', 'ccpa-statutory-damages');
    // low 0; stated 30 × $453; high 60 × $799
    expect(figures(c)).toEqual([0, 30 * 45300, 60 * 79900]);
    expect(c.citation).toContain('§ 1798.199.95(d)');
  });

  it('amount-date=discovery switches the table to the discovery date', () => {
    const c = component(run(caCase({ incidentDate: '2024-12-31', discoveredDate: '2025-02-01' }), 'amount-date=discovery'), 'US-CA', 'ccpa-statutory-damages');
    expect(c.high).toBe(60 * 79900);
  });

  it('multiplies by incidents and honours a chosen amount', () => {
    const twice = component(run(caCase(), 'incidents=2', INSECURE), 'US-CA', 'ccpa-statutory-damages');
    expect(figures(twice)).toEqual([0, 2 * 30 * 45300, 2 * 60 * 79900]);
    const max = component(run(caCase(), 'ca.amount=max', INSECURE), 'US-CA', 'ccpa-statutory-damages');
    expect(max.stated).toBe(30 * 79900);
    // 25 % of $107–$799: $107 + $173 = $280
    expect(component(run(caCase(), 'amount=25%', INSECURE), 'US-CA', 'ccpa-statutory-damages').stated).toBe(30 * 28000);
  });

  it('a cure or a reasonable-security finding removes statutory damages and says why', () => {
    const cured = component(run(caCase(), 'cure=true', INSECURE), 'US-CA', 'ccpa-statutory-damages');
    expect(cured.status).toBe('not-applicable');
    expect(figures(cured)).toEqual([0, 0, 0]);
    expect(cured.reason).toContain('§ 1798.150(b)');
    const secure = component(run(caCase(), 'ca.reasonable-security=maintained'), 'US-CA', 'ccpa-statutory-damages');
    expect(secure.status).toBe('not-applicable');
    expect(figures(secure)).toEqual([0, 0, 0]);
    expect(secure.reason).toContain('security-duty [Cal. Civ. Code § 1798.150(a)(1); § 1798.81.5; § 1798.100(e)]: ruled-out — reasonable-security=maintained');
  });

  it('zero-damages case: names, emails, phones and addresses give no § 1798.150 damages, and it says exactly that', () => {
    const report = run(input([group('US-CA', 'exact', 5000, 'name', 'email', 'phone', 'postal_address')]));
    const c = component(report, 'US-CA', 'ccpa-statutory-damages');
    expect(c.status).toBe('not-applicable');
    expect(figures(c)).toEqual([0, 0, 0]);
    expect(c.reason).toBe(
      "No California resident's exposed data qualifies under Cal. Civ. Code § 1798.150(a)(1), by reference to § 1798.81.5(d)(1)(A), so there is no CCPA private statutory damages. " +
        'Does not count as personal information under Cal. Civ. Code § 1798.150(a)(1), by reference to § 1798.81.5(d)(1)(A): exposed elements (email, name, phone, postal_address) match none of its combinations as in force on 2025-06-01',
    );
    expect(report.totals).toMatchObject({ low: 0, stated: 0, high: 0, complete: true });
  });

  it('amounts after the last published CPI table are unknown, not zero', () => {
    const report = run(caCase({ incidentDate: '2027-01-05', discoveredDate: '2027-02-01' }), INSECURE);
    const c = component(report, 'US-CA', 'ccpa-statutory-damages');
    expect(c.status).toBe('unknown');
    expect(c.stated).toBe('unknown — counsel must review');
    expect(c.reason).toMatch(/^unknown — CPI adjustment pending: the amount tables for CCPA private statutory damages .* end 2026-12-31/);
    expect(c.inputs.pendingAdjustment).toBe('cpi');
    expect(report.totals.complete).toBe(false);
    expect(report.totals.unknownComponents).toContain('US-CA/ccpa-statutory-damages');
  });
});

describe('California regulator fines: CPPA or AG, never both', () => {
  it('counts the CPPA fine by default and excludes the AG penalty', () => {
    const report = run(caCase(), INSECURE);
    const cppa = component(report, 'US-CA', 'cppa-fine');
    const ag = component(report, 'US-CA', 'ag-civil-penalty');
    // per-consumer violations: low 0; stated 30 × $1,331.50; high 60 × $2,663
    expect(figures(cppa)).toEqual([0, 30 * 133150, 60 * 266300]);
    expect(ag.status).toBe('excluded');
    expect(figures(ag)).toEqual([0, 0, 0]);
    expect(ag.reason).toContain('§ 1798.199.100');
  });

  it('ca.enforcer=ag swaps them; the jurisdiction total counts exactly one', () => {
    const report = run(caCase(), 'ca.enforcer=ag');
    expect(component(report, 'US-CA', 'cppa-fine').status).toBe('excluded');
    expect(component(report, 'US-CA', 'ag-civil-penalty').high).toBe(60 * 266300);
    const ca = report.jurisdictions.find((j) => j.code === 'US-CA')!;
    expect(ca.subtotal.high).toBe(60 * 79900 + 60 * 266300);
  });

  it('intentional violations use $7,988 (2025) and $7,500 (2024)', () => {
    expect(component(run(caCase(), 'intent=intentional'), 'US-CA', 'cppa-fine').high).toBe(60 * 798800);
    expect(component(run(caCase({ incidentDate: '2024-06-01' }), 'intent=intentional'), 'US-CA', 'cppa-fine').high).toBe(60 * 750000);
  });

  it('violation models: per incident, custom count', () => {
    expect(figures(component(run(caCase(), 'violations=per-incident', INSECURE), 'US-CA', 'cppa-fine'))).toEqual([0, 133150, 266300]);
    expect(figures(component(run(caCase(), 'violations=per-incident', 'incidents=3', INSECURE), 'US-CA', 'cppa-fine'))).toEqual([0, 3 * 133150, 3 * 266300]);
    expect(component(run(caCase(), 'ca.violations=7', INSECURE), 'US-CA', 'cppa-fine').stated).toBe(7 * 133150);
  });

  it('the CPPA fine did not exist before 2023; the AG penalty did', () => {
    const report = run(caCase({ incidentDate: '2022-06-01', discoveredDate: '2022-07-01' }), 'ca.enforcer=cppa');
    expect(component(report, 'US-CA', 'cppa-fine').status).toBe('not-applicable');
    const ag = component(run(caCase({ incidentDate: '2022-06-01', discoveredDate: '2022-07-01' }), 'ca.enforcer=ag'), 'US-CA', 'ag-civil-penalty');
    expect(ag.high).toBe(60 * 250000);
    expect(ag.citation).toBe('former Cal. Civ. Code § 1798.155(b)');
  });
});

describe('late-notice penalties', () => {
  it('Texas: up to $100 per individual per day, capped at $250,000 per breach', () => {
    // deadline 2026-02-02 + 60 = 2026-04-03; notice 2026-04-15 → 12 days late
    const capped = component(run(input([group('US-TX', 'exact', 300, 'name', 'ssn')], { plannedNoticeDate: '2026-04-15' })), 'US-TX', 'tx-late-notice');
    expect(capped.inputs.daysLate).toBe(12);
    expect(figures(capped)).toEqual([0, 5000 * 300 * 12, 25000000]);
    expect(capped.violations.find((v) => v.violation === 'late-notice-individuals')).toMatchObject({ status: 'established' });
    const small = component(run(input([group('US-TX', 'exact', 10, 'name', 'ssn')], { plannedNoticeDate: '2026-04-08' })), 'US-TX', 'tx-late-notice');
    expect(small.high).toBe(10000 * 10 * 5);
  });

  it('notice on time or not given a date: no late-notice penalty, and it says so', () => {
    const onTime = component(run(input([group('US-TX', 'exact', 10, 'name', 'ssn')], { plannedNoticeDate: '2026-04-03' })), 'US-TX', 'tx-late-notice');
    expect(onTime.status).toBe('not-applicable');
    expect(onTime.reason).toContain('notice on 2026-04-03 is within the deadline 2026-04-03');
    const noDate = component(run(input([group('US-TX', 'exact', 10, 'name', 'ssn')])), 'US-TX', 'tx-late-notice');
    expect(noDate.reason).toContain('notice-date=on-time');
  });

  it('Florida: $1,000 a day for 30 days, then $50,000 per 30-day period or part, at most $500,000', () => {
    const fl = (notice: string) => component(run(input([group('US-FL', 'exact', 1, 'name', 'ssn')], { plannedNoticeDate: notice })), 'US-FL', 'fl-late-notice');
    // deadline 2026-03-04
    expect(fl('2026-03-14').high).toBe(10 * 100000); // 10 days
    expect(figures(fl('2026-04-18'))).toEqual([0, 8000000, 8000000]); // 45 days: $30,000 + $50,000; low has no late notice
    expect(fl('2026-08-31').high).toBe(28000000); // 180 days: $30,000 + 5 × $50,000
    expect(figures(fl('2026-09-20'))).toEqual([0, 39000000, 50000000]); // 200 days: $280,000 … $500,000
  });

  it('New York: knowing or reckless only; greater of $5,000 or $20 per notice capped at $250,000', () => {
    const ny = (count: number, ...settings: string[]) =>
      component(run(input([group('US-NY', 'exact', count, 'name', 'ssn')], { plannedNoticeDate: '2026-03-10' }), ...settings), 'US-NY', 'ny-late-notice');
    expect(ny(1000).status).toBe('not-applicable');
    expect(figures(ny(100, 'intent=intentional'))).toEqual([0, 500000, 500000]);
    expect(figures(ny(1000, 'intent=intentional'))).toEqual([0, 1250000, 2000000]);
    expect(ny(20000, 'intent=intentional').high).toBe(25000000);
  });

  it('Maine: up to $500 per violation, at most $2,500 per day', () => {
    // deadline 2026-03-04; notice 2026-03-08 → 4 days late
    const me = (count: number) => component(run(input([group('US-ME', 'exact', count, 'name', 'ssn')], { plannedNoticeDate: '2026-03-08' })), 'US-ME', 'me-late-notice');
    expect(me(3).high).toBe(3 * 50000 * 4);
    expect(me(10).high).toBe(250000 * 4);
  });

  it('a rule without fixed days cannot say whether notice is late: unknown', () => {
    // New York before 2024-12-21: "without unreasonable delay", no day count
    const report = run(input([group('US-NY', 'exact', 50, 'name', 'ssn')], { incidentDate: '2024-05-01', discoveredDate: '2024-06-01', plannedNoticeDate: '2024-12-01' }), 'intent=intentional');
    const ny = component(report, 'US-NY', 'ny-late-notice');
    expect(ny.status).toBe('unknown');
    expect(figures(ny)).toEqual(['unknown — counsel must review', 'unknown — counsel must review', 'unknown — counsel must review']);
    expect(ny.reason).toContain('whether notice on 2024-12-01 is late is for counsel');
  });
});

describe('other fines and caps', () => {
  it('New Jersey: first offense up to $10,000, each later one up to $20,000, wilful only', () => {
    const nj = (...settings: string[]) => component(run(input([group('US-NJ', 'exact', 3, 'name', 'ssn')]), ...settings), 'US-NJ', 'nj-cfa-penalty');
    expect(nj().status).toBe('not-applicable');
    expect(nj('intent=intentional').status).toBe('not-applicable'); // wilful, but notice on time: no violation
    expect(nj('intent=intentional', 'violation.late-notice-individuals=assumed').high).toBe(1000000 + 2 * 2000000);
  });

  it('Oregon: $1,000 per violation capped at $500,000 per occurrence', () => {
    const or = component(run(input([group('US-OR', 'exact', 1000, 'name', 'ssn')]), INSECURE), 'US-OR', 'or-penalty');
    expect(or.high).toBe(50000000);
    expect(or.stated).toBe(50000000); // 1000 × $500 = $500,000 reaches the cap
    expect(component(run(input([group('US-OR', 'exact', 100, 'name', 'ssn')])), 'US-OR', 'or-penalty').high).toBe(100 * 100000);
  });

  it('Virginia: up to $150,000 per breach whatever the count', () => {
    const va = (...settings: string[]) => component(run(input([group('US-VA', 'exact', 9000, 'name', 'ssn')]), 'va.violation.late-notice-regulator=assumed', ...settings), 'US-VA', 'va-ag-penalty');
    expect(figures(va())).toEqual([0, 7500000, 15000000]);
    expect(va('incidents=2').high).toBe(30000000);
  });

  it('Illinois BIPA: $1,000 per person, $5,000 if intentional or reckless', () => {
    const bipa = (...settings: string[]) => component(run(input([group('US-IL', 'exact', 3, 'biometric')]), ...settings), 'US-IL', 'bipa-damages');
    expect(figures(bipa())).toEqual([0, 0, 300000]); // an unlawful disclosure is possible but not assumed
    expect(figures(bipa('violation.unlawful-disclosure=assumed'))).toEqual([0, 300000, 300000]);
    expect(figures(bipa('violation.unlawful-disclosure=assumed', 'intent=intentional'))).toEqual([0, 1500000, 1500000]);
  });
});

describe('unknowns, totals, integers, determinism', () => {
  it('a remedy the pack cannot quantify is unknown, never zero, once its violation is assumed', () => {
    const packSet = { packs: [unquantifiedPack()] };
    const at = (...settings: string[]) => assessExposure(packSet, input([group('US-CA', 'exact', 5, 'name', 'ssn')]), parseAssumptions(settings));
    const ruledOut = at().jurisdictions[0]!.components[0]!;
    expect(figures(ruledOut)).toEqual([0, 0, 0]);
    expect(ruledOut.reason).toContain('late-notice-individuals [X § 1]: ruled-out');
    const assumed = at('violation.late-notice-individuals=assumed');
    expect(figures(assumed.jurisdictions[0]!.components[0]!)).toEqual(['unknown — counsel must review', 'unknown — counsel must review', 'unknown — counsel must review']);
    expect(assumed.totals).toEqual({ low: 0, stated: 0, high: 0, complete: false, unknownComponents: ['US-CA/penalties'] });
  });

  it('totals are exact sums of the components', () => {
    const report = run(input([group('US-CA', 'exact', 2, 'name', 'ssn'), group('US-VA', 'exact', 1, 'name', 'ssn')]), INSECURE, 'va.violation.late-notice-individuals=assumed');
    // CA: damages 0 / 2 × $453 / 2 × $799; CPPA 0 / 2 × $1,331.50 / 2 × $2,663; VA 0 / $75,000 / $150,000
    expect(report.totals).toEqual({
      low: 0,
      stated: 2 * 45300 + 2 * 133150 + 7500000,
      high: 2 * 79900 + 2 * 266300 + 15000000,
      complete: true,
      unknownComponents: [],
    });
  });

  it('every amount is an integer number of cents', () => {
    const report = run(caCase(), 'amount=33%', INSECURE);
    for (const j of report.jurisdictions) {
      for (const c of j.components) for (const v of figures(c)) if (typeof v === 'number') expect(Number.isInteger(v)).toBe(true);
    }
    // 33 % of $0–$2,663 = $878.79 exactly; of $107–$799: $107 + $228.36 = $335.36
    expect(component(report, 'US-CA', 'cppa-fine').stated).toBe(30 * 87879);
    expect(component(report, 'US-CA', 'ccpa-statutory-damages').stated).toBe(30 * 33536);
  });

  it('lists every assumption with its current value', () => {
    const report = run(caCase({ plannedNoticeDate: '2026-03-01' }), 'ca.amount=max', 'residency=billing-address-first');
    expect(Object.keys(report.assumptions)).toEqual([
      'amount', 'amount-date', 'ca.amount', 'ca.enforcer', 'card-data', 'ccpa-business', 'cure', 'ftc-safeguards-covered', 'glba-covered', 'hipaa-covered', 'incidents', 'intent',
      'notice-date', 'nydfs-covered', 'reasonable-security', 'residency', 'sec-registrant', 'security-program', 'violations',
    ]);
    expect(report.assumptions['notice-date']).toMatchObject({ value: '2026-03-01', source: 'input' });
    expect(report.assumptions['residency']).toMatchObject({ value: 'billing-address-first', source: 'set' });
    expect(report.assumptions['ca.enforcer']).toMatchObject({ value: 'cppa', source: 'default' });
  });

  it('sensitivity: each assumption\'s outcomes are the stated totals of re-runs', () => {
    const report = run(caCase(), INSECURE);
    const amount = report.sensitivity.find((row) => row.key === 'amount')!;
    const min = run(caCase(), 'amount=min', INSECURE).totals.stated;
    const max = run(caCase(), 'amount=max', INSECURE).totals.stated;
    expect(amount.outcomes).toEqual([
      { value: 'mid', stated: report.totals.stated, delta: 0 },
      { value: 'min', stated: min, delta: min - report.totals.stated },
      { value: 'max', stated: max, delta: max - report.totals.stated },
    ]);
    expect(amount.swing).toBe(max - min);
    const swings = report.sensitivity.map((row) => row.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    expect(report.sensitivity.find((row) => row.key === 'cure')!.outcomes[1]).toEqual({ value: 'true', stated: 30 * 133150, delta: -30 * 45300 });
  });

  it('same input gives the same output and digest, whatever the group order', () => {
    const groups = [group('US-CA', 'exact', 10, 'name', 'ssn'), group('US-TX', 'derived', 300, 'name', 'ssn'), group('US-AL', 'exact', 2, 'name'), group('GB', 'exact', 1, 'email')];
    const a = run(input(groups, { plannedNoticeDate: '2026-05-01' }), 'ca.amount=max');
    const b = run(input([...groups].reverse(), { plannedNoticeDate: '2026-05-01' }), 'ca.amount=max');
    expect(b).toEqual(a);
    const digest = (r: ExposureReport) => createHash('sha256').update(JSON.stringify(r)).digest('hex');
    expect(digest(b)).toBe(digest(a));
    expect(a.rulePacks).toHaveLength(60);
  });

  it('rejects settings for jurisdictions or enforcers the packs do not have', () => {
    expect(() => run(caCase(), 'zz.amount=max')).toThrow(/zz.amount: there is no rule pack for US-ZZ/);
    expect(() => run(caCase(), 'ca.enforcer=ftc')).toThrow(/ca.enforcer=ftc: US-CA enforcers are cppa, ag/);
    expect(() => run(caCase(), 'tx.enforcer=ag')).toThrow(/US-TX has no alternative enforcers/);
  });
});
