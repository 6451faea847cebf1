import { describe, expect, test } from 'vitest';
import { findPack, loadPacks } from '../../../shared/law/packs';
import { decideMethod, letterRules, parseNoticeFacts } from '../../../shared/notices';

const packs = loadPacks();
const methods = (jurisdiction: string) => letterRules(findPack(packs, jurisdiction)!.pack, '2025-07-15').methods;
const base = {
  company: { name: 'Larkspur Outdoor Supply, Inc.', address: ['100 Market Street'] },
  noticeDate: '2025-07-15',
  whatHappened: 'An unauthorized party exported customer records.',
  whatWeAreDoing: 'We revoked the credential.',
};

describe('the notice method in the facts, checked against each jurisdiction', () => {
  test('facts without a method mean written notice; a bad method is named', () => {
    expect(parseNoticeFacts(base, '2025-06-23').method).toEqual({ kind: 'written' });
    expect(parseNoticeFacts({ ...base, method: { kind: 'electronic', conditions: ['primary-communication', 'esign-consent'] } }, '2025-06-23').method).toEqual({
      kind: 'electronic',
      conditions: ['esign-consent', 'primary-communication'],
    });
    expect(() => parseNoticeFacts({ ...base, method: { kind: 'carrier-pigeon' } }, '2025-06-23')).toThrow(/method\.kind: one of written, electronic, substitute, got "carrier-pigeon"/);
    expect(() => parseNoticeFacts({ ...base, method: { kind: 'electronic', conditions: ['we-said-so'] } }, '2025-06-23')).toThrow(/method\.conditions/);
    expect(() => parseNoticeFacts({ ...base, method: { kind: 'substitute', writtenNoticeCostUsd: -5 } }, '2025-06-23')).toThrow(/method\.writtenNoticeCostUsd/);
  });

  test('written notice: the email templates are written only where the law allows electronic notice', () => {
    const ca = decideMethod({ kind: 'written' }, methods('US-CA'), 10);
    expect(ca).toMatchObject({ ok: true, decision: { method: 'written', emails: true } });
    // Wisconsin's statute names no electronic method.
    const wi = decideMethod({ kind: 'written' }, methods('US-WI'), 10);
    expect(wi).toMatchObject({ ok: true, decision: { method: 'written', emails: false } });
  });

  test('electronic notice needs one of the law’s conditions, named when missing', () => {
    const refused = decideMethod({ kind: 'electronic', conditions: [] }, methods('US-CA'), 10);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem).toMatch(/15 U\.S\.C\. § 7001.*Cal\. Civ\. Code § 1798\.82\(j\)\(2\)/);
    expect(decideMethod({ kind: 'electronic', conditions: ['esign-consent'] }, methods('US-CA'), 10)).toMatchObject({ ok: true, decision: { method: 'electronic', emails: true } });
    const wi = decideMethod({ kind: 'electronic', conditions: ['esign-consent'] }, methods('US-WI'), 10);
    expect(!wi.ok && wi.problem).toMatch(/electronic notice is not a method the law allows/);
  });

  test('substitute notice is refused below every threshold, naming each; any one threshold met opens it', () => {
    const refused = decideMethod({ kind: 'substitute', writtenNoticeCostUsd: 120_000, insufficientContact: false }, methods('US-CA'), 40_000);
    expect(refused.ok).toBe(false);
    const problem = refused.ok ? '' : refused.problem;
    expect(problem).toContain('exceed $250,000 (stated: $120,000)');
    expect(problem).toContain('more than 500,000 persons to notify (40,000 residents here)');
    expect(problem).toContain('insufficient contact information (stated: no)');
    expect(problem).toContain('Cal. Civ. Code § 1798.82(j)(3)');
    expect(decideMethod({ kind: 'substitute', writtenNoticeCostUsd: 260_000, insufficientContact: false }, methods('US-CA'), 40_000)).toMatchObject({ ok: true, decision: { method: 'substitute' } });
    expect(decideMethod({ kind: 'substitute', writtenNoticeCostUsd: null, insufficientContact: false }, methods('US-CA'), 500_001)).toMatchObject({ ok: true });
    expect(decideMethod({ kind: 'substitute', writtenNoticeCostUsd: null, insufficientContact: true }, methods('US-CA'), 10)).toMatchObject({ ok: true });
  });
});
