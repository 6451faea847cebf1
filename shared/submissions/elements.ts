import type { ElementCode } from '../contract/elements';
import type { PackSet } from '../law/packs';
import { qualify } from '../law/qualify';
import { residentsByJurisdiction } from '../law/residents';
import type { AssessmentInput } from '../law/types';

/**
 * Per jurisdiction (federal regimes included), the elements of its qualifying residents on exact or derived
 * evidence, sorted: what a submission says was exposed. Inferred groups are upper bounds and name no element.
 */
export function qualifyingElements(packs: PackSet, input: AssessmentInput): Map<string, ElementCode[]> {
  const result = new Map<string, ElementCode[]>();
  for (const { loaded, groups } of residentsByJurisdiction(packs, input.groups).assigned) {
    const found = new Set<ElementCode>();
    for (const group of groups) {
      if (group.basis === 'inferred') continue;
      if (qualify(loaded.pack, group.elements, input.discoveredDate).status === 'qualifies') for (const code of group.elements) found.add(code);
    }
    result.set(loaded.pack.jurisdiction, [...found].sort());
  }
  return result;
}
