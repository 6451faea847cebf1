import { describe, expect, it } from 'vitest';
import type { ElementCode } from '../../../shared/contract/elements';
import { parseAssumptions } from '../../../shared/law/assumptions';
import { assessExposure, type ExposureComponent, type ExposureReport } from '../../../shared/law/exposure';
import { assessObligations } from '../../../shared/law/obligations';
import { findPack } from '../../../shared/law/packs';
import { qualify } from '../../../shared/law/qualify';
import type { AssessmentInput } from '../../../shared/law/types';
import { group, input, packs } from './helpers';

// Issue 17: each pack's combinations and amounts as the statute writes them. Dates: discovery 2026-02-02, incident 2025-06-01.

function status(code: string, ...elements: ElementCode[]): string {
  return qualify(findPack(packs(), code)!.pack, elements, '2026-02-02').status;
}

function run(assessment: AssessmentInput, ...settings: string[]): ExposureReport {
  return assessExposure(packs(), assessment, parseAssumptions(settings));
}

function component(report: ExposureReport, code: string, id: string): ExposureComponent {
  const found = report.jurisdictions.find((j) => j.code === code)?.components.find((c) => c.id === id);
  if (!found) throw new Error(`${code}/${id} not in the report`);
  return found;
}

const figures = (c: ExposureComponent) => [c.low, c.stated, c.high];

describe('Illinois: 815 ILCS 505/7(b)', () => {
  const il = (count: number, ...settings: string[]) => run(input([group('US-IL', 'exact', count, 'name', 'ssn')]), ...settings);

  it('without intent to defraud the penalty is at most $50,000 in total, however many residents', () => {
    for (const count of [1, 501, 100000]) {
      const report = il(count, 'reasonable-security=not-maintained', 'amount=max');
      expect(figures(component(report, 'US-IL', 'il-cfa-penalty'))).toEqual([0, 5000000, 5000000]);
      expect(component(report, 'US-IL', 'il-cfa-penalty-intent').status).toBe('not-applicable');
      expect(report.jurisdictions.find((j) => j.code === 'US-IL')!.subtotal.high).toBe(5000000);
    }
    expect(component(il(10, 'reasonable-security=not-maintained', 'incidents=3', 'violations=per-incident'), 'US-IL', 'il-cfa-penalty').high).toBe(5000000);
  });

  it('with intent to defraud: up to $50,000 per violation', () => {
    const report = il(3, 'reasonable-security=not-maintained', 'intent=intentional');
    expect(component(report, 'US-IL', 'il-cfa-penalty').status).toBe('not-applicable');
    expect(figures(component(report, 'US-IL', 'il-cfa-penalty-intent'))).toEqual([0, 3 * 2500000, 3 * 5000000]);
  });

  it('driver\'s licence or State ID only: other government ids do not trigger notice', () => {
    expect(status('US-IL', 'name', 'drivers_license')).toBe('qualifies');
    expect(status('US-IL', 'name', 'other_government_id')).toBe('does-not-qualify');
  });
});

describe('New York: GBL § 899-aa(1)', () => {
  it('an identifier other than a name (email, phone, username) with an SSN is private information', () => {
    expect(status('US-NY', 'email', 'ssn')).toBe('qualifies');
    expect(status('US-NY', 'phone', 'drivers_license')).toBe('qualifies');
    expect(status('US-NY', 'email', 'password')).toBe('qualifies');
    expect(status('US-NY', 'ssn')).toBe('does-not-qualify');
    const ny = assessObligations(packs(), input([group('US-NY', 'exact', 10, 'email', 'ssn')])).jurisdictions[0]!;
    expect([ny.jurisdiction, ny.noticeRequired]).toEqual(['US-NY', 'yes']);
  });
});

describe('Maine: 10 M.R.S. § 1347(6)', () => {
  it('name + SSN, licence or State ID, account number, or a password, PIN or access code; not biometrics; credentials need the name', () => {
    expect(status('US-ME', 'name', 'ssn')).toBe('qualifies');
    expect(status('US-ME', 'name', 'drivers_license')).toBe('qualifies');
    expect(status('US-ME', 'name', 'financial_account')).toBe('qualifies');
    expect(status('US-ME', 'name', 'password')).toBe('qualifies');
    expect(status('US-ME', 'name', 'security_code')).toBe('qualifies');
    expect(status('US-ME', 'name', 'biometric')).toBe('does-not-qualify');
    expect(status('US-ME', 'email', 'password')).toBe('does-not-qualify');
    expect(status('US-ME', 'name', 'other_government_id')).toBe('does-not-qualify');
  });
});

describe('Vermont: 9 V.S.A. § 2430 as amended by Act 89 (2020)', () => {
  it('with a name: TIN, passport, military or other government id, genetic data, health records, health insurance number', () => {
    for (const element of ['tax_id', 'passport', 'other_government_id', 'genetic', 'medical', 'health_insurance', 'biometric', 'ssn', 'drivers_license'] as ElementCode[]) {
      expect([element, status('US-VT', 'name', element)]).toEqual([element, 'qualifies']);
      expect([element, status('US-VT', element)]).toEqual([element, 'does-not-qualify']);
    }
    expect(status('US-VT', 'email', 'password')).toBe('qualifies');
  });
});

describe('Puerto Rico: 10 L.P.R.A. §§ 4051, 4055', () => {
  it('user names and passwords count only with the name', () => {
    expect(status('US-PR', 'name', 'username', 'password')).toBe('qualifies');
    expect(status('US-PR', 'username', 'password')).not.toBe('qualifies');
  });

  it('DACO fines of $500 to $5,000 per violation, when a notice duty is missed', () => {
    const pr = (...settings: string[]) => component(run(input([group('US-PR', 'exact', 4, 'name', 'ssn')]), ...settings), 'US-PR', 'pr-daco-fine');
    expect(figures(pr())).toEqual([0, 0, 0]);
    expect(figures(pr('violation.late-notice-regulator=assumed'))).toEqual([0, 4 * 275000, 4 * 500000]);
  });
});

describe('New Jersey: N.J.S.A. 56:8-161', () => {
  it('credentials count only "linked with" the name; licence or State ID only', () => {
    expect(status('US-NJ', 'name', 'email', 'password')).toBe('qualifies');
    expect(status('US-NJ', 'email', 'password')).toBe('does-not-qualify');
    expect(status('US-NJ', 'name', 'other_government_id')).toBe('does-not-qualify');
  });
});

describe('Massachusetts: M.G.L. c. 93H § 1', () => {
  it('driver\'s licence or state-issued ID only', () => {
    expect(status('US-MA', 'name', 'drivers_license')).toBe('qualifies');
    expect(status('US-MA', 'name', 'other_government_id')).toBe('does-not-qualify');
  });
});

describe('Texas: Tex. Bus. & Com. Code §§ 521.002, 521.151', () => {
  it('health information needs information that identifies the person, not a name', () => {
    expect(status('US-TX', 'email', 'medical')).toBe('qualifies');
    expect(status('US-TX', 'phone', 'health_insurance')).toBe('qualifies');
    expect(status('US-TX', 'medical')).toBe('does-not-qualify');
  });

  it('the (a-1) per-day penalty counts everyone owed notice under § 521.053(b), resident anywhere; $100 a day, $250,000 cap', () => {
    const groups = [group('US-TX', 'exact', 2, 'name', 'ssn'), group('US-OK', 'exact', 3, 'name', 'ssn'), group('US-CA', 'exact', 5, 'name', 'email')];
    // deadline 2026-02-02 + 60 days = 2026-04-03; notice 2026-04-08 → 5 days late; 5 people owed notice (CA's name + email is not sensitive personal information)
    const tx = component(run(input(groups, { plannedNoticeDate: '2026-04-08' })), 'US-TX', 'tx-late-notice');
    expect(tx.inputs.qualifyingStated).toBe(5);
    expect(tx.high).toBe(10000 * 5 * 5);
  });

  it('the § 521.151(a) penalty of $2,000 to $50,000 per violation needs a violation', () => {
    const tx = (...settings: string[]) => component(run(input([group('US-TX', 'exact', 2, 'name', 'ssn')]), ...settings), 'US-TX', 'tx-civil-penalty');
    expect(figures(tx('reasonable-security=maintained'))).toEqual([0, 0, 0]);
    expect(figures(tx('reasonable-security=not-maintained'))).toEqual([0, 2 * 2600000, 2 * 5000000]);
  });
});

describe('California', () => {
  const ca = (count: number, ...settings: string[]) => run(input([group('US-CA', 'exact', count, 'name', 'ssn')]), ...settings);

  it('CPPA and AG fines need a CCPA violation: the security duty of § 1798.100(e)', () => {
    const secure = ca(10, 'reasonable-security=maintained');
    for (const id of ['cppa-fine', 'ccpa-statutory-damages']) expect(figures(component(secure, 'US-CA', id))).toEqual([0, 0, 0]);
    expect(component(secure, 'US-CA', 'cppa-fine').violations).toEqual([
      expect.objectContaining({ violation: 'security-duty', citation: 'Cal. Civ. Code § 1798.100(e)', status: 'ruled-out' }),
    ]);
    expect(figures(component(ca(10, 'reasonable-security=not-maintained'), 'US-CA', 'cppa-fine'))).toEqual([0, 10 * 133150, 10 * 266300]);
  });

  it('only a CCPA "business" owes § 1798.150 damages and CPPA fines; the GLBA exemption does not reach § 1798.150', () => {
    const notBusiness = ca(10, 'reasonable-security=not-maintained', 'ccpa-business=no');
    for (const id of ['cppa-fine', 'ccpa-statutory-damages']) {
      const c = component(notBusiness, 'US-CA', id);
      expect(figures(c)).toEqual([0, 0, 0]);
      expect(c.reason).toContain('§ 1798.140(d)');
    }
    const bank = ca(10, 'reasonable-security=not-maintained', 'glba-covered=yes');
    expect(component(bank, 'US-CA', 'cppa-fine').reason).toContain('§ 1798.145(e)');
    expect(component(bank, 'US-CA', 'cppa-fine').stated).toBe(0);
    expect(component(bank, 'US-CA', 'ccpa-statutory-damages').stated).toBe(10 * 45300);
  });

  it('the AG penalty of 2020–2022 applied only after the 30-day cure period', () => {
    const early = (cure: string) =>
      component(run(input([group('US-CA', 'exact', 4, 'name', 'ssn')], { incidentDate: '2022-06-01', discoveredDate: '2022-07-01' }), 'ca.enforcer=ag', 'reasonable-security=not-maintained', `cure=${cure}`), 'US-CA', 'ag-civil-penalty');
    expect(figures(early('false'))).toEqual([0, 4 * 125000, 4 * 250000]);
    expect(figures(early('true'))).toEqual([0, 0, 0]);
    expect(early('true').reason).toContain('former Cal. Civ. Code § 1798.155(b)');
  });

  it('before SB 446 the Attorney General copy had no statutory deadline: "none", not "unknown"', () => {
    const ag = assessObligations(packs(), input([group('US-CA', 'exact', 501, 'name', 'ssn')], { discoveredDate: '2025-06-02' })).jurisdictions[0]!.regulator;
    expect(ag.due).toEqual({ kind: 'open', text: expect.stringMatching(/^no statutory deadline: before SB 446/) as unknown });
  });
});

describe('violations that are not established', () => {
  it('Colorado, Washington and Texas: a breach alone, with on-time notice and reasonable security, is no violation', () => {
    const report = run(input([group('US-CO', 'exact', 100, 'name', 'ssn'), group('US-WA', 'exact', 100, 'name', 'ssn'), group('US-TX', 'exact', 100, 'name', 'ssn')]), 'reasonable-security=maintained');
    for (const j of report.jurisdictions) for (const c of j.components) expect([j.code, c.id, ...figures(c)]).toEqual([j.code, c.id, 0, 0, 0]);
  });

  it('unknown security: counted only in the high scenario, and it says so', () => {
    const co = component(run(input([group('US-CO', 'exact', 10, 'name', 'ssn')])), 'US-CO', 'co-ccpa-penalty');
    expect(figures(co)).toEqual([0, 0, 10 * 2000000]);
    expect(co.reason).toMatch(/^Counted only in the high scenario/);
  });
});

describe('duties deemed met by federal compliance', () => {
  it('Connecticut: a GLBA institution notifying under its regulator\'s procedure is deemed to comply (§ 36a-701b(f))', () => {
    const ct = (...settings: string[]) => assessObligations(packs(), input([group('US-CT', 'exact', 3, 'name', 'ssn')]), parseAssumptions(settings)).jurisdictions[0]!;
    expect(ct().individuals.duty).toBe('required');
    const bank = ct('glba-covered=yes').individuals;
    expect(bank.duty).toBe('deemed-met');
    expect(bank.reason).toContain('Conn. Gen. Stat. § 36a-701b(f)');
  });
});

describe('California: is the company a CCPA "business"? (§ 1798.140(d), thresholds as data)', () => {
  const damages = (incidentDate: string, ...settings: string[]) => {
    const report = run(input([group('US-CA', 'exact', 10, 'name', 'ssn')], { incidentDate }), 'reasonable-security=not-maintained', ...settings);
    return { c: component(report, 'US-CA', 'ccpa-statutory-damages'), fact: report.assumptions['ccpa-business']! };
  };

  it('revenue above $26,625,000 from 2025 (above $25,000,000 before) makes it a business', () => {
    const above = damages('2025-06-01', 'annual-revenue=26625001');
    expect(above.fact).toMatchObject({ value: 'yes', source: 'derived' });
    expect(above.fact.description).toContain('$26,625,001.00 is more than $26,625,000.00');
    expect(above.c.stated).toBe(10 * 45300);
    // $26,000,000 is above the $25,000,000 of 2024 but not the 2025 figure: with the other prongs unknown, the fact stays unknown
    expect(damages('2024-06-01', 'annual-revenue=26000000').fact).toMatchObject({ value: 'yes', source: 'derived' });
    expect(damages('2025-06-01', 'annual-revenue=26000000').fact).toMatchObject({ value: 'unknown', source: 'default' });
  });

  it('no prong met: not a business, so no § 1798.150 damages, with the reason', () => {
    const small = damages('2025-06-01', 'annual-revenue=1000000', 'consumers-processed=99999', 'selling-revenue-share=10');
    expect(small.fact).toMatchObject({ value: 'no', source: 'derived' });
    expect(figures(small.c)).toEqual([0, 0, 0]);
    expect(small.c.reason).toContain('Applies only to a CCPA "business"');
    // 50,000 consumers sufficed before the CPRA (2020–2022)
    expect(damages('2022-06-01', 'consumers-processed=60000').fact).toMatchObject({ value: 'yes', source: 'derived' });
  });

  it('an explicit ccpa-business setting wins over the figures', () => {
    expect(damages('2025-06-01', 'annual-revenue=1', 'ccpa-business=yes').fact).toMatchObject({ value: 'yes', source: 'set' });
  });
});

describe('data-security duties as violations', () => {
  it('New York SHIELD Act (GBL § 899-bb): up to $5,000 per violation, only when the security duty fails', () => {
    const ny = (...settings: string[]) => component(run(input([group('US-NY', 'exact', 4, 'name', 'ssn')]), ...settings), 'US-NY', 'ny-shield-security-penalty');
    expect(figures(ny('reasonable-security=maintained'))).toEqual([0, 0, 0]);
    expect(figures(ny('reasonable-security=not-maintained'))).toEqual([0, 4 * 250000, 4 * 500000]);
  });

  it('Florida § 501.171(2) through FDUTPA: wilful only, up to $10,000 per violation', () => {
    const fl = (...settings: string[]) => component(run(input([group('US-FL', 'exact', 2, 'name', 'ssn')]), 'reasonable-security=not-maintained', ...settings), 'US-FL', 'fl-fdutpa-penalty');
    expect(fl().status).toBe('not-applicable');
    expect(figures(fl('intent=intentional'))).toEqual([0, 2 * 500000, 2 * 1000000]);
  });
});
