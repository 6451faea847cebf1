import { BASES, isElementCode, type ElementCode } from '../contract/elements';
import { LedgerError } from '../contract/errors';
import { isIsoDate } from './dates';
import { findPack, type PackSet } from './packs';
import { qualify, type Qualification } from './qualify';
import type { AssessmentInput, BasisCounts, ConsumerGroup, IsoDate, LoadedPack, RulePack, ScenarioCounts } from './types';

export interface QualifiedGroup {
  jurisdiction: string;
  basis: ConsumerGroup['basis'];
  elements: ElementCode[];
  count: number;
  qualification: Qualification;
}

export interface QualifiedCounts {
  residents: BasisCounts;
  qualifying: BasisCounts;
  /** Residents whose elements the pack cannot decide (incomplete, unverified definitions). */
  undetermined: BasisCounts;
  groups: QualifiedGroup[];
}

export interface UnassignedBucket {
  jurisdiction: string;
  residents: BasisCounts;
  reason: string;
}

export interface ResidentsByJurisdiction {
  assigned: Array<{ loaded: LoadedPack; groups: ConsumerGroup[] }>;
  unassigned: UnassignedBucket[];
}

/** Rejects malformed input with one message listing every problem. */
export function validateAssessmentInput(input: AssessmentInput): void {
  const errors: string[] = [];
  if (!isIsoDate(input.discoveredDate)) errors.push(`discoveredDate must be a date YYYY-MM-DD, got ${JSON.stringify(input.discoveredDate)}`);
  if (!isIsoDate(input.incidentDate)) errors.push(`incidentDate must be a date YYYY-MM-DD, got ${JSON.stringify(input.incidentDate)}`);
  if (input.plannedNoticeDate !== undefined && !isIsoDate(input.plannedNoticeDate)) {
    errors.push(`plannedNoticeDate must be a date YYYY-MM-DD, got ${JSON.stringify(input.plannedNoticeDate)}`);
  }
  if (!Number.isSafeInteger(input.inferredMinimum) || input.inferredMinimum < 0) errors.push('inferredMinimum must be a whole number of at least 0');
  input.groups.forEach((group, i) => {
    if (typeof group.jurisdiction !== 'string' || group.jurisdiction === '') errors.push(`groups[${i}].jurisdiction must be a non-empty string`);
    if (!BASES.includes(group.basis)) errors.push(`groups[${i}].basis must be exact, derived or inferred, got ${JSON.stringify(group.basis)}`);
    if (!Number.isSafeInteger(group.count) || group.count < 0) errors.push(`groups[${i}].count must be a whole number of at least 0`);
    group.elements.forEach((code, j) => {
      if (!isElementCode(code)) errors.push(`groups[${i}].elements[${j}] is not an element code: ${JSON.stringify(code)}`);
    });
  });
  if (errors.length > 0) throw new LedgerError('INVALID_INPUT', `Assessment input is invalid: ${errors.join('; ')}.`, { errors });
}

/** Splits groups by jurisdiction; anything without a rule pack is reported, never assigned to a state. */
export function residentsByJurisdiction(packs: PackSet, groups: ReadonlyArray<ConsumerGroup>): ResidentsByJurisdiction {
  const byCode = new Map<string, ConsumerGroup[]>();
  for (const group of groups) byCode.set(group.jurisdiction, [...(byCode.get(group.jurisdiction) ?? []), group]);
  const assigned: ResidentsByJurisdiction['assigned'] = [];
  const unassigned: UnassignedBucket[] = [];
  for (const code of [...byCode.keys()].sort()) {
    const members = byCode.get(code)!;
    const loaded = findPack(packs, code);
    if (loaded && loaded.pack.scope !== 'nationwide') {
      assigned.push({ loaded, groups: members });
    } else {
      const reason = /^US-[A-Z]{2}$/.test(code)
        ? `No rule pack for ${code}; these consumers are not assessed — counsel must review`
        : `Not a US jurisdiction with a rule pack (${code}); reported separately and never assigned to a state`;
      unassigned.push({ jurisdiction: code, residents: basisCounts(members), reason });
    }
  }
  if (groups.length > 0) {
    for (const loaded of packs.packs.filter((p) => p.pack.scope === 'nationwide')) assigned.push({ loaded, groups: [...groups] });
  }
  return { assigned, unassigned };
}

/** Residents and qualifying residents of one jurisdiction under one definition, as in force on `date`. */
export function countQualifying(pack: RulePack, groups: readonly ConsumerGroup[], date: IsoDate, definitionId: string): QualifiedCounts {
  const qualified = groups.map((group) => ({
    jurisdiction: group.jurisdiction,
    basis: group.basis,
    elements: [...new Set(group.elements)].sort(),
    count: group.count,
    qualification: qualify(pack, group.elements, date, definitionId),
  }));
  return {
    residents: basisCounts(qualified),
    qualifying: basisCounts(qualified.filter((g) => g.qualification.status === 'qualifies')),
    undetermined: basisCounts(qualified.filter((g) => g.qualification.status === 'unknown')),
    groups: qualified,
  };
}

export function basisCounts(groups: ReadonlyArray<{ basis: ConsumerGroup['basis']; count: number }>): BasisCounts {
  const counts: BasisCounts = { exact: 0, derived: 0, inferredUpperBound: 0 };
  for (const group of groups) {
    if (group.basis === 'exact') counts.exact += group.count;
    else if (group.basis === 'derived') counts.derived += group.count;
    else counts.inferredUpperBound += group.count;
  }
  return counts;
}

/** low = exact; stated = exact + derived; high = exact + derived + inferred upper bound. */
export function scenarios(counts: BasisCounts): ScenarioCounts {
  const stated = counts.exact + counts.derived;
  return { low: counts.exact, stated, high: stated + counts.inferredUpperBound };
}
