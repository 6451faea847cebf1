import { describe, expect, it } from 'vitest';
import { findPack } from '../../../shared/law/packs';
import type { NoticeParty, NoticePeriod, Remedy, RulePack } from '../../../shared/law/types';
import { packs } from './helpers';

// Each expectation restates the statute as written (threshold, deadline, amount), so an edit that breaks it fails.

function pack(code: string): RulePack {
  const loaded = findPack(packs(), code);
  if (!loaded) throw new Error(`no pack ${code}`);
  return loaded.pack;
}

function period(code: string, party: NoticeParty, date = '2026-02-02'): NoticePeriod {
  const duty = pack(code).notices.find((n) => n.party === party);
  const found = duty?.periods.find((p) => p.from <= date && (p.to === undefined || date <= p.to));
  if (!found) throw new Error(`${code}: no ${party} period on ${date}`);
  return found;
}

function remedy(code: string, id: string): Remedy {
  const found = pack(code).remedies.find((r) => r.id === id);
  if (!found) throw new Error(`${code}: no remedy ${id}`);
  return found;
}

function combinations(code: string): string[][][] {
  return pack(code).definitions[0]!.combinations.map((c) => c.requires.map((slot) => [...slot]));
}

/** True when some combination is satisfied by exactly these elements. */
function covers(code: string, ...elements: string[]): boolean {
  return combinations(code).some((slots) => slots.every((slot) => slot.some((e) => elements.includes(e))));
}

describe('regulator duties as the statutes write them', () => {
  it('Delaware: Attorney General when more than 500 residents, no later than the resident notice (tit. 6 § 12B-102(d))', () => {
    const p = period('US-DE', 'regulator');
    expect(p.threshold).toEqual({ kind: 'more-than', residents: 500 });
    expect(p.deadline).toEqual({ kind: 'no-later-than-individual-notice' });
    expect(period('US-DE', 'individuals').deadline).toMatchObject({ kind: 'days', days: 60 });
  });

  it('Maryland: Attorney General for any breach, before individuals (Com. Law § 14-3504(h)); 45 days to individuals', () => {
    expect(period('US-MD', 'regulator')).toMatchObject({ threshold: { kind: 'any' }, deadline: { kind: 'before-individual-notice' } });
    expect(period('US-MD', 'individuals').deadline).toMatchObject({ kind: 'days', days: 45, after: 'discovery' });
    expect(period('US-MD', 'consumer-reporting-agencies').threshold).toEqual({ kind: 'at-least', residents: 1000 });
  });

  it('Indiana: Attorney General for any breach and CRAs when more than 1,000, all within 45 days (IC 24-4.9-3-1, -3-3)', () => {
    expect(period('US-IN', 'regulator')).toMatchObject({ threshold: { kind: 'any' }, deadline: { kind: 'days', days: 45, after: 'discovery' } });
    expect(period('US-IN', 'consumer-reporting-agencies').deadline).toMatchObject({ kind: 'days', days: 45 });
    expect(period('US-IN', 'consumer-reporting-agencies').threshold).toEqual({ kind: 'more-than', residents: 1000 });
  });

  it('New Mexico: Attorney General and CRAs when more than 1,000, within 45 days (§ 57-12C-10)', () => {
    for (const party of ['regulator', 'consumer-reporting-agencies'] as const) {
      expect(period('US-NM', party)).toMatchObject({ threshold: { kind: 'more-than', residents: 1000 }, deadline: { kind: 'days', days: 45, dayType: 'calendar' } });
    }
  });

  it('Rhode Island: Attorney General and CRAs when more than 500 (§ 11-49.3-4(b)); 45 days to individuals', () => {
    expect(period('US-RI', 'regulator').threshold).toEqual({ kind: 'more-than', residents: 500 });
    expect(period('US-RI', 'consumer-reporting-agencies').threshold).toEqual({ kind: 'more-than', residents: 500 });
    expect(period('US-RI', 'individuals').deadline).toMatchObject({ kind: 'days', days: 45 });
  });

  it('South Dakota: Attorney General when more than 250, the statute sets no deadline; CRAs always (§§ 22-40-20, 22-40-24)', () => {
    expect(period('US-SD', 'regulator')).toMatchObject({ threshold: { kind: 'more-than', residents: 250 }, deadline: { kind: 'none' } });
    expect(period('US-SD', 'consumer-reporting-agencies').threshold).toEqual({ kind: 'any' });
    expect(period('US-SD', 'individuals').deadline).toMatchObject({ kind: 'days', days: 60 });
  });

  it('Arizona: Attorney General and the three CRAs when more than 1,000, within 45 days (§ 18-552(B))', () => {
    for (const party of ['regulator', 'consumer-reporting-agencies'] as const) {
      expect(period('US-AZ', party)).toMatchObject({ threshold: { kind: 'more-than', residents: 1000 }, deadline: { kind: 'days', days: 45 } });
    }
  });

  it('Ohio: no regulator duty; CRAs when more than 1,000 (§ 1349.19(G)); 45 days to individuals', () => {
    expect(period('US-OH', 'regulator').duty).toBe('none');
    expect(period('US-OH', 'consumer-reporting-agencies').threshold).toEqual({ kind: 'more-than', residents: 1000 });
    expect(period('US-OH', 'individuals').deadline).toMatchObject({ kind: 'days', days: 45 });
  });

  it('Pennsylvania: Attorney General when more than 500 only from Act 33 (2024-09-26); CRA threshold 1,000 then 500', () => {
    expect(period('US-PA', 'regulator', '2024-09-25').duty).toBe('none');
    expect(period('US-PA', 'regulator', '2024-09-26')).toMatchObject({ threshold: { kind: 'more-than', residents: 500 }, deadline: { kind: 'no-later-than-individual-notice' } });
    expect(period('US-PA', 'consumer-reporting-agencies', '2024-09-25').threshold).toEqual({ kind: 'at-least', residents: 1000 });
    expect(period('US-PA', 'consumer-reporting-agencies', '2024-09-26').threshold).toEqual({ kind: 'at-least', residents: 500 });
    expect(period('US-PA', 'individuals').deadline).toMatchObject({ kind: 'without-unreasonable-delay' });
  });

  it('District of Columbia: Attorney General when 50 or more residents, no later than the resident notice (§ 28-3852(b-1))', () => {
    expect(period('US-DC', 'regulator')).toMatchObject({ threshold: { kind: 'at-least', residents: 50 }, deadline: { kind: 'no-later-than-individual-notice' } });
    expect(period('US-DC', 'consumer-reporting-agencies').threshold).toEqual({ kind: 'more-than', residents: 1000 });
  });

  it('Georgia: CRAs when more than 10,000; no regulator duty (O.C.G.A. § 10-1-912(d))', () => {
    expect(period('US-GA', 'consumer-reporting-agencies').threshold).toEqual({ kind: 'more-than', residents: 10000 });
    expect(period('US-GA', 'regulator').duty).toBe('none');
  });
});

describe('penalty amounts as the statutes write them', () => {
  it('South Dakota: up to $10,000 per day per violation (§ 22-40-25)', () => {
    expect(remedy('US-SD', 'sd-per-day-penalty')).toMatchObject({ kind: 'late-notice-per-day', schedule: [{ standard: { minCents: 0, maxCents: 1_000_000 } }] });
  });

  it("Ohio: $1,000/day to day 60, $5,000/day to day 90, $10,000/day after, only when intentional or reckless (§ 1349.192)", () => {
    const r = remedy('US-OH', 'oh-tiered-penalty');
    expect(r.kind).toBe('late-notice-tiered');
    if (r.kind !== 'late-notice-tiered') return;
    expect(r.schedule[0]!.tiers).toEqual([
      { throughDay: 60, perDayCents: 100_000 },
      { throughDay: 90, perDayCents: 500_000 },
      { throughDay: 3650, perDayCents: 1_000_000 },
    ]);
    expect(r.schedule[0]!.beyondLastTierMaxCents).toBe(60 * 100_000 + 30 * 500_000 + 3560 * 1_000_000);
    expect(r.conditions).toEqual([expect.objectContaining({ assumption: 'intent', appliesWhen: ['intentional'] })]);
  });

  it('Indiana: up to $150,000 per deceptive act, a related series of breaches being one act (IC 24-4.9-4-2)', () => {
    expect(remedy('US-IN', 'in-deceptive-act-penalty')).toMatchObject({ countedPer: 'incident', schedule: [{ standard: { minCents: 0, maxCents: 15_000_000 } }] });
  });

  it('New Mexico: greater of $25,000 or $10 per failed notification up to $150,000, knowing or reckless (§ 57-12C-11(C))', () => {
    expect(remedy('US-NM', 'nm-failed-notice-penalty')).toMatchObject({
      kind: 'late-notice-greater-of',
      conditions: [{ assumption: 'intent', appliesWhen: ['intentional'] }],
      schedule: [{ floorCents: 2_500_000, perNoticeCents: 1000, perNoticeCapCents: 15_000_000 }],
    });
  });

  it('Rhode Island: $100 per record reckless, $200 per record knowing and wilful (§ 11-49.3-5)', () => {
    expect(remedy('US-RI', 'ri-per-record-penalty')).toMatchObject({ schedule: [{ standard: { maxCents: 10_000 }, intentional: { maxCents: 20_000 } }] });
  });

  it('Arizona: $10,000 per affected individual, at most $500,000 per breach (§ 18-552(L))', () => {
    expect(remedy('US-AZ', 'az-civil-penalty')).toMatchObject({ schedule: [{ standard: { maxCents: 1_000_000 }, capPerIncidentCents: 50_000_000 }] });
  });

  it('Maryland: up to $10,000 per violation under the Consumer Protection Act (§ 13-410)', () => {
    expect(remedy('US-MD', 'md-mcpa-penalty')).toMatchObject({ schedule: [{ standard: { maxCents: 1_000_000 } }] });
  });

  it('Michigan: $250 per failure to notify, at most $750,000 per breach, knowing only (MCL 445.72(13))', () => {
    expect(remedy('US-MI', 'mi-failure-to-notify-fine')).toMatchObject({ conditions: [{ appliesWhen: ['intentional'] }], schedule: [{ standard: { maxCents: 25_000 }, capPerIncidentCents: 75_000_000 }] });
  });

  it('Pennsylvania: up to $1,000 per violation under the UTPCPL, only for wilful use (73 P.S. § 201-8(b))', () => {
    expect(remedy('US-PA', 'pa-utpcpl-penalty')).toMatchObject({ conditions: [{ assumption: 'intent', appliesWhen: ['intentional'] }], schedule: [{ standard: { maxCents: 100_000 } }] });
  });

  it('District of Columbia: $5,000 per violation (§ 28-3909(b)) and $1,500 CPPA statutory damages per violation (§ 28-3905(k))', () => {
    expect(remedy('US-DC', 'dc-cppa-ag-penalty')).toMatchObject({ schedule: [{ standard: { maxCents: 500_000 } }] });
    expect(remedy('US-DC', 'dc-cppa-statutory-damages')).toMatchObject({ kind: 'per-consumer-damages', schedule: [{ standard: { minCents: 150_000, maxCents: 150_000 } }] });
  });

  it('Mississippi: up to $10,000 per violation, knowing and wilful only (§ 75-24-19(1)(b))', () => {
    expect(remedy('US-MS', 'ms-cpa-penalty')).toMatchObject({ conditions: [{ appliesWhen: ['intentional'] }], schedule: [{ standard: { maxCents: 1_000_000 } }] });
  });

  it('Delaware fixes no civil-penalty amount: only an Attorney General action for relief and direct damages (§ 12B-104)', () => {
    expect(pack('US-DE').remedies).toEqual([]);
    expect(pack('US-DE').unquantifiedRemedies.map((u) => u.citation)).toContain('Del. Code Ann. tit. 6, § 12B-104(a)');
  });
});

describe('personal-information combinations as written', () => {
  it('Indiana: a Social Security number alone, and a credit card number with a name without its code', () => {
    expect(covers('US-IN', 'ssn')).toBe(true);
    expect(covers('US-IN', 'name', 'card_number')).toBe(true);
    expect(covers('US-IN', 'email', 'password')).toBe(false);
  });

  it('Delaware: credentials count only with the name; Maryland and Arizona credentials need no name', () => {
    expect(covers('US-DE', 'email', 'password')).toBe(false);
    expect(covers('US-DE', 'name', 'email', 'password')).toBe(true);
    expect(covers('US-MD', 'email', 'password')).toBe(true);
    expect(covers('US-AZ', 'username', 'security_qa')).toBe(true);
  });

  it('District of Columbia: a phone number or address stands in for the name; a card number needs no code', () => {
    expect(covers('US-DC', 'phone', 'card_number')).toBe(true);
    expect(covers('US-DC', 'postal_address', 'ssn')).toBe(true);
    expect(covers('US-DC', 'email', 'phone', 'postal_address')).toBe(false);
  });

  it('South Dakota: credentials and an account number with its code need no name', () => {
    expect(covers('US-SD', 'email', 'password')).toBe(true);
    expect(covers('US-SD', 'financial_account', 'security_code')).toBe(true);
    expect(covers('US-SD', 'financial_account')).toBe(false);
  });

  it('Ohio and Michigan keep the three-element core: name + email + SSN counts, name + medical does not', () => {
    for (const code of ['US-OH', 'US-MI']) {
      expect(covers(code, 'name', 'email', 'ssn')).toBe(true);
      expect(covers(code, 'name', 'medical')).toBe(false);
    }
  });

  it('a plain name + email leak triggers no notice in any researched pack', () => {
    for (const code of ['US-AZ', 'US-DE', 'US-GA', 'US-IN', 'US-MD', 'US-MI', 'US-NC', 'US-NM', 'US-OH', 'US-PA', 'US-RI', 'US-SD']) {
      expect(covers(code, 'name', 'email', 'phone', 'postal_address'), code).toBe(false);
    }
  });
});

describe('packs researched for issue 17', () => {
  const codes = packs().packs.map((p) => p.pack).filter((p) => p.status === 'researched' && p.lastReviewed >= '2026-12-02' && p.version !== '1.0.0');

  it('name the violation behind every quantified remedy and cite a source with a confidence for every fact', () => {
    expect(codes.length).toBeGreaterThanOrEqual(11);
    for (const p of codes) {
      for (const r of p.remedies) expect(r.triggers?.length ?? 0, `${p.jurisdiction} ${r.id}`).toBeGreaterThan(0);
      for (const s of p.sources) expect(['high', 'medium-high', 'medium', 'low-medium', 'low'], `${p.jurisdiction} ${s.id}`).toContain(s.confidence);
    }
  });

  it('leave no notice duty "unknown" for individuals in a researched state pack', () => {
    for (const p of codes.filter((pack) => pack.scope !== 'nationwide')) {
      const individuals = p.notices.find((n) => n.party === 'individuals')!;
      for (const period of individuals.periods) expect(period.duty, p.jurisdiction).toBe('required');
    }
  });
});
