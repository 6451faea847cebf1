import type { ElementCode } from '../../../shared/contract/elements';
import { loadPacks, type PackSet } from '../../../shared/law/packs';
import type { AssessmentInput, ConsumerGroup } from '../../../shared/law/types';

let cached: PackSet | undefined;
export function packs(): PackSet {
  cached ??= loadPacks();
  return cached;
}

export function group(jurisdiction: string, basis: ConsumerGroup['basis'], count: number, ...elements: ElementCode[]): ConsumerGroup {
  return { jurisdiction, basis, count, elements };
}

export function input(groups: ConsumerGroup[], overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return { discoveredDate: '2026-02-02', incidentDate: '2025-06-01', inferredMinimum: 0, groups, ...overrides };
}
