import { describe, expect, it } from 'vitest';
import { topStates } from '../../../renderer/src/analysis/consumer-summary';
import { addIndicator, draftFromScope, emptyDraft, hasIndicator, indicatorCount, kindOfDimension, removeIndicator, scopeRequest } from '../../../renderer/src/analysis/scope-draft';
import { assumptionArgs, compactDollars } from '../../../renderer/src/screens/exposure/exposure-types';
import { datedDuties, daysBetween, type JurisdictionObligations } from '../../../renderer/src/screens/obligations/obligation-types';
import type { ScopeView } from '../../../shared/contract/api';

describe('scope draft', () => {
  it('adds trimmed indicators once, removes them, and counts across kinds', () => {
    let draft = addIndicator(emptyDraft(), 'ips', ' 203.0.113.77 ');
    draft = addIndicator(draft, 'ips', '203.0.113.77');
    draft = addIndicator(draft, kindOfDimension('app'), 'My Ticket Portal');
    draft = addIndicator(draft, 'users', '   ');
    expect(draft.indicators.ips).toEqual(['203.0.113.77']);
    expect(hasIndicator(draft, 'apps', 'My Ticket Portal')).toBe(true);
    expect(indicatorCount(draft)).toBe(2);
    expect(indicatorCount(removeIndicator(draft, 'ips', '203.0.113.77'))).toBe(1);
  });

  it('round-trips a saved version into the contract request', () => {
    const definition = { from: '2025-06-16T14:00:00.000Z', to: '2025-06-17T03:00:00.000Z', ips: ['192.0.2.0/24'], users: [], sessions: ['s1'], loginKeys: [], apps: [], clients: [], agents: [] };
    const scope: ScopeView = { version: 3, createdAt: '', actor: 'a', sha256: 'x', definition, matchingEvents: 9 };
    expect(scopeRequest('/case', { ...draftFromScope(scope), from: ` ${definition.from} ` })).toEqual({ caseDir: '/case', ...definition });
  });
});

describe('analysis display helpers', () => {
  it('ranks states by consumers, then by code', () => {
    expect(topStates({ 'US-TX': 4, 'US-CA': 9, 'US-AL': 4, unknown: 1 }, 3)).toEqual([
      ['US-CA', 9],
      ['US-AL', 4],
      ['US-TX', 4],
    ]);
  });

  it('lists owed duties with fixed dates, earliest first, and counts days from discovery', () => {
    const duty = (due: { kind: 'date'; date: string; text: string } | { kind: 'open'; text: string }, owed = true) => ({ duty: owed ? 'required' : 'not-required', due }) as JurisdictionObligations['individuals'];
    const j = (code: string, individuals: JurisdictionObligations['individuals'], regulator: JurisdictionObligations['individuals']) =>
      ({ jurisdiction: code, individuals, regulator, consumerReportingAgencies: duty({ kind: 'open', text: 'unknown' }) }) as JurisdictionObligations;
    const duties = datedDuties([
      j('US-TX', duty({ kind: 'date', date: '2025-08-22', text: '' }), duty({ kind: 'date', date: '2025-07-01', text: '' }, false)),
      j('US-CO', duty({ kind: 'date', date: '2025-07-23', text: '' }), duty({ kind: 'open', text: 'without delay' })),
    ]);
    expect(duties.map((d) => `${d.date} ${d.jurisdiction} ${d.party}`)).toEqual(['2025-07-23 US-CO Individuals', '2025-08-22 US-TX Individuals']);
    expect(daysBetween('2025-06-23', '2025-07-23')).toBe(30);
  });

  it('sends assumptions as sorted key=value strings and labels axes compactly', () => {
    expect(assumptionArgs({ incidents: '2', amount: 'max', 'ca.enforcer': 'ag' })).toEqual(['amount=max', 'ca.enforcer=ag', 'incidents=2']);
    expect(compactDollars(-6_000_000)).toBe('-$60k');
    expect(compactDollars(123_456_789)).toBe('$1.2M');
    expect(compactDollars(4_200)).toBe('$42');
  });
});
