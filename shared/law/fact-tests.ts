import type { AssumptionSettings } from './assumptions';
import { entryInForce } from './dates';
import { formatCents } from './money';
import type { FactProng, FactTest, IsoDate, LoadedPack } from './types';

export interface DerivedFact {
  value: 'yes' | 'no';
  reason: string;
}

/**
 * Applicability facts the user has not set, decided from the case figures (annual-revenue, consumers-processed,
 * selling-revenue-share) by each pack's fact tests, with the thresholds in force on `date`. A fact stays unset
 * (its default "unknown") while any prong that could make it "yes" is not known.
 */
export function deriveFacts(packs: { packs: readonly LoadedPack[] }, settings: AssumptionSettings, date: IsoDate): Record<string, DerivedFact> {
  const derived: Record<string, DerivedFact> = {};
  for (const { pack } of packs.packs) {
    for (const test of pack.factTests ?? []) {
      if (settings[test.fact] !== undefined || derived[test.fact]) continue;
      const result = decide(test, settings, date);
      if (result) derived[test.fact] = result;
    }
  }
  return derived;
}

/** The settings with each derived fact filled in (explicit settings always win). */
export function withDerivedFacts(settings: AssumptionSettings, derived: Record<string, DerivedFact>): AssumptionSettings {
  return { ...Object.fromEntries(Object.entries(derived).map(([key, fact]) => [key, fact.value])), ...settings };
}

function decide(test: FactTest, settings: AssumptionSettings, date: IsoDate): DerivedFact | null {
  const outcomes = test.anyOf.map((prong) => ({ prong, holds: holds(prong, settings, date) }));
  const met = outcomes.find((o) => o.holds?.result === true);
  if (met) return { value: 'yes', reason: `${met.prong.label}: ${met.holds!.text} [${test.citation}]` };
  if (outcomes.every((o) => o.holds?.result === false)) {
    return { value: 'no', reason: `No prong holds: ${outcomes.map((o) => `${o.prong.label}: ${o.holds!.text}`).join('; ')} [${test.citation}]` };
  }
  return null;
}

function holds(prong: FactProng, settings: AssumptionSettings, date: IsoDate): { result: boolean; text: string } | null {
  const raw = settings[prong.input];
  const threshold = entryInForce(prong.schedule, date);
  if (raw === undefined || !threshold) return null;
  const value = prong.input === 'annual-revenue' ? Number(raw) * 100 : Number(raw);
  const result = prong.compare === 'more-than' ? value > threshold.value : value >= threshold.value;
  const show = (n: number) => (prong.input === 'annual-revenue' ? formatCents(n) : prong.input === 'selling-revenue-share' ? `${n}%` : String(n));
  return { result, text: `${show(value)} is ${result ? '' : 'not '}${prong.compare === 'more-than' ? 'more than' : 'at least'} ${show(threshold.value)} (threshold in force on ${date})` };
}
