import { describe, expect, it } from 'vitest';
import { parseAssumptions } from '../../../shared/law/assumptions';
import { assessExposure } from '../../../shared/law/exposure';
import { assessObligations, type JurisdictionObligations } from '../../../shared/law/obligations';
import type { ConsumerGroup } from '../../../shared/law/types';
import { group, input, packs } from './helpers';

// Federal and sectoral regimes apply only when the case facts say the company is covered. Discovery: Monday 2026-02-02.

function regime(code: string, groups: ConsumerGroup[], ...settings: string[]): JurisdictionObligations | undefined {
  return assessObligations(packs(), input(groups), parseAssumptions(settings)).jurisdictions.find((j) => j.jurisdiction === code);
}

const named = (state: string, count: number) => group(state, 'exact', count, 'name', 'email', 'ssn');

describe('coverage is a case fact', () => {
  it('no regime applies until its fact says so, and the report lists why', () => {
    const report = assessObligations(packs(), input([named('US-CA', 10)]));
    expect(report.jurisdictions.map((j) => j.jurisdiction)).toEqual(['US-CA']);
    expect(report.regimes.map((r) => [r.jurisdiction, r.applies])).toEqual([
      ['US-FED-FTC-SAFEGUARDS', false], ['US-FED-GLBA', false], ['US-FED-HIPAA', false], ['US-FED-SEC-8K', false], ['US-SECTOR-NYDFS-500', false], ['US-SECTOR-PCI-CARD-BRANDS', false],
    ]);
    expect(report.regimes.find((r) => r.jurisdiction === 'US-FED-HIPAA')!.reason).toContain('(hipaa-covered=unknown)');
    expect(assessObligations(packs(), input([named('US-CA', 10)]), parseAssumptions(['hipaa-covered=no'])).regimes.find((r) => r.jurisdiction === 'US-FED-HIPAA')!.applies).toBe(false);
  });
});

describe('FTC Safeguards Rule, 16 CFR 314.4(j)', () => {
  it('at least 500 consumers nationwide: the FTC within 30 days after discovery; nobody else', () => {
    const ftc = regime('US-FED-FTC-SAFEGUARDS', [named('US-CA', 300), named('US-TX', 200)], 'ftc-safeguards-covered=yes')!;
    expect(ftc.regulator).toMatchObject({ duty: 'required', recipients: expect.stringContaining('Federal Trade Commission') as unknown, due: { kind: 'date', date: '2026-03-04' }, confidence: 'high' });
    expect(ftc.individuals.duty).toBe('none');
    expect(regime('US-FED-FTC-SAFEGUARDS', [named('US-CA', 499)], 'ftc-safeguards-covered=yes')!.regulator.duty).toBe('not-required');
  });
});

describe('SEC Form 8-K Item 1.05', () => {
  it('four business days, counted here from discovery as the earliest materiality determination', () => {
    const sec = regime('US-FED-SEC-8K', [named('US-NY', 3)], 'sec-registrant=yes')!;
    expect(sec.regulator.due).toMatchObject({ kind: 'date', date: '2026-02-06' });
    expect(sec.regulator.note).toContain('run from the materiality determination');
  });
});

describe('NYDFS 23 NYCRR 500.17', () => {
  it('72 hours to the superintendent; the last whole day surely within them', () => {
    const dfs = regime('US-SECTOR-NYDFS-500', [named('US-NJ', 1)], 'nydfs-covered=yes')!;
    expect(dfs.regulator).toMatchObject({ duty: 'required', due: { kind: 'date', date: '2026-02-04' } });
    expect(dfs.regulator.due.text).toContain('72 hours');
  });
});

describe('HIPAA breach notification, 45 CFR 164.404–410', () => {
  const phi = (state: string, count: number) => group(state, 'exact', count, 'name', 'medical');

  it('individuals within 60 days; media only when more than 500 residents of one state; HHS contemporaneously from 500', () => {
    const big = regime('US-FED-HIPAA', [phi('US-CA', 501), phi('US-TX', 10)], 'hipaa-covered=yes')!;
    expect(big.individuals.due).toMatchObject({ kind: 'date', date: '2026-04-03' });
    expect(big.media).toMatchObject({ duty: 'required', due: { kind: 'date', date: '2026-04-03' } });
    expect(big.media!.threshold!.rule).toContain('US-CA met');
    expect(big.regulator.duty).toBe('required');

    const spread = regime('US-FED-HIPAA', [phi('US-CA', 300), phi('US-TX', 300)], 'hipaa-covered=yes')!;
    expect(spread.media!.duty).toBe('not-required');
    expect(spread.regulator.duty).toBe('required');

    const small = regime('US-FED-HIPAA', [phi('US-CA', 20)], 'hipaa-covered=yes')!;
    expect(small.regulator.duty).toBe('not-required');
    expect(small.regulator.note).toContain('within 60 days after the end of the calendar year');
  });

  it('its civil money penalty is unknown, never zero, once a violation is assumed; zero with its reason while none is', () => {
    const at = (...settings: string[]) =>
      assessExposure(packs(), input([phi('US-CA', 5)]), parseAssumptions(['hipaa-covered=yes', ...settings])).jurisdictions.find((j) => j.code === 'US-FED-HIPAA')!.components[0]!;
    expect([at('reasonable-security=maintained').stated, at('reasonable-security=maintained').reason]).toEqual([0, expect.stringContaining('ruled-out')]);
    expect(at('reasonable-security=not-maintained').stated).toBe('unknown — counsel must review');
  });
});

describe('GLBA interagency guidance', () => {
  it('sensitive customer information: name, address or phone with an account number, SSN, licence, card or password', () => {
    const glba = regime('US-FED-GLBA', [group('US-OH', 'exact', 4, 'phone', 'financial_account')], 'glba-covered=yes')!;
    expect(glba.noticeRequired).toBe('yes');
    expect(glba.regulator.due.text).toContain('As soon as possible');
    expect(regime('US-FED-GLBA', [group('US-OH', 'exact', 4, 'name', 'email')], 'glba-covered=yes')!.noticeRequired).toBe('no');
  });
});

describe('card brands / PCI', () => {
  it('a contractual duty with no statutory deadline or figure, and it says so', () => {
    const pci = regime('US-SECTOR-PCI-CARD-BRANDS', [group('US-FL', 'exact', 2, 'name', 'card_number')], 'card-data=yes')!;
    expect(pci.regulator.recipients).toContain('CONTRACTUAL');
    expect(pci.regulator.due.text).toMatch(/^no statutory deadline/);
    const exposure = assessExposure(packs(), input([group('US-FL', 'exact', 2, 'name', 'card_number')]), parseAssumptions(['card-data=yes']));
    const card = exposure.jurisdictions.find((j) => j.code === 'US-SECTOR-PCI-CARD-BRANDS')!;
    expect(card.components).toEqual([]);
    expect(card.unquantified[0]!.description).toContain('no statutory figure');
  });
});
