/** How a consumer's state of residence is chosen from the addresses their records hold. */
export type ResidencyRule = 'most-recent' | 'all-states';
export const RESIDENCY_RULES: readonly ResidencyRule[] = ['most-recent', 'all-states'];

export const NON_US = 'non-US';
export const UNKNOWN = 'unknown';

export interface AddressCandidate {
  subjectId: number;
  kind: string;
  region: string | null;
  regionSource: string | null;
  country: string | null;
  /** When the record holding the address last changed (UTC ISO), if known. */
  updatedAt: string | null;
}

export interface Residency {
  /** The state (ISO 3166-2, e.g. `US-CA`), `non-US` or `unknown` the rule picked first. */
  primary: string;
  /** Every bucket the consumer counts in under the rule (one for most-recent; each state for all-states). */
  countedIn: string[];
  candidates: AddressCandidate[];
  rule: ResidencyRule;
  reason: string;
}

const KIND_ORDER = ['mailing', 'billing', 'default', 'shipping', 'other'];

export function bucketOf(candidate: AddressCandidate): string {
  if (candidate.region?.startsWith('US-')) return candidate.region;
  const country = candidate.country?.toUpperCase() ?? null;
  if (country && country !== 'US') return NON_US;
  return UNKNOWN;
}

/** Most recent record first, then mailing before billing before shipping, then record id: a total, stable order. */
function compareCandidates(a: AddressCandidate, b: AddressCandidate): number {
  if (a.updatedAt !== b.updatedAt) {
    if (a.updatedAt === null) return 1;
    if (b.updatedAt === null) return -1;
    return a.updatedAt < b.updatedAt ? 1 : -1;
  }
  const kindA = KIND_ORDER.indexOf(a.kind) === -1 ? KIND_ORDER.length : KIND_ORDER.indexOf(a.kind);
  const kindB = KIND_ORDER.indexOf(b.kind) === -1 ? KIND_ORDER.length : KIND_ORDER.indexOf(b.kind);
  if (kindA !== kindB) return kindA - kindB;
  return a.subjectId - b.subjectId;
}

export function decideResidency(candidates: readonly AddressCandidate[], rule: ResidencyRule): Residency {
  const sorted = [...candidates].sort(compareCandidates);
  const known = sorted.filter((c) => bucketOf(c) !== UNKNOWN);
  if (known.length === 0) return { primary: UNKNOWN, countedIn: [UNKNOWN], candidates: sorted, rule, reason: 'no address with a state or country' };
  const first = known[0]!;
  const primary = bucketOf(first);
  if (rule === 'most-recent') {
    return { primary, countedIn: [primary], candidates: sorted, rule, reason: `most recent address (${first.kind} on record ${first.subjectId}${first.updatedAt ? `, updated ${first.updatedAt}` : ''})` };
  }
  const states = [...new Set(known.map(bucketOf).filter((b) => b.startsWith('US-')))].sort();
  const countedIn = states.length > 0 ? states : [primary];
  return { primary, countedIn, candidates: sorted, rule, reason: `every state any record places the consumer in (${countedIn.join(', ')})` };
}
