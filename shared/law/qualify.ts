import type { ElementCode } from '../contract/elements';
import { inRange } from './dates';
import type { Combination, IsoDate, PiDefinition, RulePack } from './types';

export type QualificationStatus = 'qualifies' | 'does-not-qualify' | 'unknown';

export interface MatchedCombination {
  id: string;
  label: string;
  /** The exposed elements that satisfied the combination's slots. */
  elements: ElementCode[];
}

export interface Qualification {
  status: QualificationStatus;
  jurisdiction: string;
  definitionId: string;
  citation: string;
  matched: MatchedCombination[];
  reason: string;
}

/**
 * Does a set of elements exposed in clear count as personal information under one of a pack's
 * definitions, as in force on `date`? Defaults to the definition that triggers individual notice.
 */
export function qualify(pack: RulePack, elements: readonly ElementCode[], date: IsoDate, definitionId = noticeDefinitionId(pack)): Qualification {
  const definition = findDefinition(pack, definitionId);
  const exposed = [...new Set(elements)].sort();
  const base = { jurisdiction: pack.jurisdiction, definitionId, citation: definition.citation };
  const listed = exposed.length > 0 ? exposed.join(', ') : 'none';
  if (date < pack.effectiveFrom) {
    return { ...base, status: 'unknown', matched: [], reason: `The ${pack.jurisdiction} rule pack covers ${pack.effectiveFrom} onward, not ${date} — counsel must review` };
  }
  const matched = definition.combinations
    .filter((combination) => inRange(date, combination))
    .map((combination) => match(combination, exposed))
    .filter((result): result is MatchedCombination => result !== null);
  if (matched.length > 0) {
    const why = matched.map((m) => `${m.label} (${m.elements.join(' + ')})`).join('; ');
    return { ...base, status: 'qualifies', matched, reason: `Counts as personal information under ${definition.citation}: ${why}` };
  }
  if (!definition.complete) {
    return {
      ...base,
      status: 'unknown',
      matched,
      reason: `Exposed elements (${listed}) match none of the combinations the pack lists for ${definition.citation}, but the pack lists only part of the definition — counsel must review`,
    };
  }
  return {
    ...base,
    status: 'does-not-qualify',
    matched,
    reason: `Does not count as personal information under ${definition.citation}: exposed elements (${listed}) match none of its combinations as in force on ${date}`,
  };
}

export function noticeDefinitionId(pack: RulePack): string {
  const duty = pack.notices.find((notice) => notice.party === 'individuals');
  if (!duty) throw new Error(`${pack.jurisdiction} pack has no individual notice duty`);
  return duty.definitionId;
}

export function findDefinition(pack: RulePack, definitionId: string): PiDefinition {
  const definition = pack.definitions.find((d) => d.id === definitionId);
  if (!definition) throw new Error(`${pack.jurisdiction} pack has no definition "${definitionId}"`);
  return definition;
}

function match(combination: Combination, exposed: readonly ElementCode[]): MatchedCombination | null {
  const used: ElementCode[] = [];
  for (const slot of combination.requires) {
    const hits = slot.filter((code) => exposed.includes(code));
    if (hits.length === 0) return null;
    used.push(...hits);
  }
  return { id: combination.id, label: combination.label, elements: [...new Set(used)].sort() };
}
