import type { ElementCode } from '../contract/elements';
import { assumptionFor, type AssumptionSettings } from './assumptions';
import { federalHolidayCalendar, type HolidayCalendar } from './business-days';
import { deriveFacts, withDerivedFacts } from './fact-tests';
import { entryInForce } from './dates';
import { dueFor, individualDue, noticePeriod, type DeadlineContext, type Due } from './deadlines';
import { packRefs, type PackSet } from './packs';
import { noticeDefinitionId } from './qualify';
import { basisCounts, countQualifying, residentsByJurisdiction, scenarios, validateAssessmentInput, type QualifiedCounts, type UnassignedBucket } from './residents';
import { leastConfidence } from './sources';
import {
  UNKNOWN_AMOUNT,
  UNVERIFIED_NOTICE,
  type AssessmentInput,
  type BasisCounts,
  type Confidence,
  type ConsumerGroup,
  type IsoDate,
  type LoadedPack,
  type NoticeContentRule,
  type NoticeParty,
  type PackRef,
  type RemedyCondition,
  type RulePack,
  type Threshold,
} from './types';

export type NoticeDecision = 'yes' | 'possibly' | 'no' | 'unknown';

export interface NoticeObligation {
  party: NoticeParty;
  duty: 'required' | 'possibly-required' | 'not-required' | 'none' | 'unknown' | 'deemed-met';
  recipients: string | null;
  threshold: { rule: string; status: 'met' | 'not-met' | 'uncertain' } | null;
  due: Due;
  citation: string;
  confidence: Confidence;
  reason: string;
  note?: string;
}

export interface IdentityProtectionObligation {
  status: 'required' | 'possibly-required' | 'not-triggered' | 'no-rule-in-pack';
  months: number | null;
  triggeredBy: ElementCode[];
  condition: string | null;
  citation: string | null;
  text: string;
}

export interface JurisdictionObligations {
  jurisdiction: string;
  name: string;
  packVersion: string;
  packStatus: LoadedPack['pack']['status'];
  review?: typeof UNVERIFIED_NOTICE;
  residents: BasisCounts;
  qualifying: BasisCounts;
  undetermined: BasisCounts;
  noticeRequired: NoticeDecision;
  why: string;
  matched: Array<{ combinationId: string; label: string; residentsUpperBound: number }>;
  individuals: NoticeObligation;
  regulator: NoticeObligation;
  consumerReportingAgencies: NoticeObligation;
  /** Only where the pack's law names a media notice (HIPAA). */
  media?: NoticeObligation;
  /** Federal and sectoral regimes apply only when the case facts say the company is covered. */
  applies: boolean;
  applicability: string;
  /** A federal or sectoral regime counting affected people of every jurisdiction (no mailing list of its own). */
  nationwide: boolean;
  identityProtection: IdentityProtectionObligation;
  /** The pack's notice-content rule in force on the discovery date (null only outside the pack's dates). */
  content: NoticeContentRule | null;
  notes: string[];
  earliestDue: IsoDate | null;
}

export interface ObligationsReport {
  discoveredDate: IsoDate;
  rulePacks: PackRef[];
  holidayCalendar: { name: string; sha256: string };
  jurisdictions: JurisdictionObligations[];
  /** Every federal and sectoral regime, whether the case facts make it apply, and why (only applying ones are in jurisdictions). */
  regimes: Array<{ jurisdiction: string; name: string; applies: boolean; reason: string }>;
  unassigned: UnassignedBucket[];
  inferred: { minimumOverall: number; upperBoundOverall: number; note: string };
}

/** Who must be notified, by when, for every jurisdiction with residents; sorted by earliest fixed deadline. */
export function assessObligations(
  packs: PackSet,
  input: AssessmentInput,
  settings: AssumptionSettings = {},
  calendar: HolidayCalendar = federalHolidayCalendar(),
): ObligationsReport {
  validateAssessmentInput(input);
  const facts = withDerivedFacts(settings, deriveFacts(packs, settings, input.incidentDate));
  const { assigned, unassigned } = residentsByJurisdiction(packs, input.groups);
  const jurisdictions = applyingPacks(assigned, facts)
    .map(({ loaded, groups }) => jurisdictionObligations(loaded, groups, input, calendar, facts))
    .sort((a, b) => compareDue(a.earliestDue, b.earliestDue) || (a.jurisdiction < b.jurisdiction ? -1 : 1));
  const upperBoundOverall = input.groups.filter((g) => g.basis === 'inferred').reduce((sum, g) => sum + g.count, 0);
  return {
    discoveredDate: input.discoveredDate,
    rulePacks: packRefs(packs),
    holidayCalendar: { name: calendar.name, sha256: calendar.sha256 },
    jurisdictions,
    regimes: packs.packs
      .filter(({ pack }) => pack.scope === 'nationwide')
      .map(({ pack }) => ({ jurisdiction: pack.jurisdiction, name: pack.name, ...applicability(pack, facts) })),
    unassigned,
    inferred: {
      minimumOverall: input.inferredMinimum,
      upperBoundOverall,
      note: 'Inferred consumers are known only as a bounded set: per-jurisdiction figures are upper bounds and the overall minimum is not attributable to any jurisdiction.',
    },
  };
}

export function jurisdictionObligations(
  loaded: LoadedPack,
  groups: readonly ConsumerGroup[],
  input: AssessmentInput,
  calendar: HolidayCalendar,
  settings: AssumptionSettings = {},
): JurisdictionObligations {
  const { pack } = loaded;
  const date = input.discoveredDate;
  const counts = countQualifying(pack, groups, date, noticeDefinitionId(pack));
  const regime = applicability(pack, settings);
  const decision = regime.applies ? noticeDecision(counts) : { decision: 'no' as const, why: regime.reason };
  const context: DeadlineContext = { discoveredDate: date, calendar, individualNoticeDate: input.plannedNoticeDate };
  const individualDate = individualDue(pack, context);
  const obligation = (party: NoticeParty): NoticeObligation => {
    const duty = pack.notices.find((notice) => notice.party === party)!;
    const partyCounts = duty.definitionId === noticeDefinitionId(pack) ? counts : countQualifying(pack, groups, date, duty.definitionId);
    const partyDecision = regime.applies ? noticeDecision(partyCounts) : decision;
    return deemedMet(noticeObligation(loaded, party, partyCounts, partyDecision, context, individualDate), pack, party, date, settings);
  };
  const individuals = obligation('individuals');
  const regulator = obligation('regulator');
  const consumerReportingAgencies = obligation('consumer-reporting-agencies');
  const media = pack.notices.some((notice) => notice.party === 'media') ? obligation('media') : undefined;
  return {
    jurisdiction: pack.jurisdiction,
    name: pack.name,
    packVersion: pack.version,
    packStatus: pack.status,
    ...(pack.status === 'unverified' ? { review: UNVERIFIED_NOTICE } : {}),
    residents: counts.residents,
    qualifying: counts.qualifying,
    undetermined: counts.undetermined,
    noticeRequired: decision.decision,
    why: decision.why,
    matched: matchedCombinations(counts),
    individuals,
    regulator,
    consumerReportingAgencies,
    ...(media ? { media } : {}),
    applies: regime.applies,
    applicability: regime.reason,
    nationwide: pack.scope === 'nationwide',
    identityProtection: identityProtection(loaded, counts, date),
    content: entryInForce(pack.noticeContent, date) ?? null,
    notes: pack.notes,
    earliestDue: earliestDue([individuals, regulator, consumerReportingAgencies, ...(media ? [media] : [])]),
  };
}

/** State packs, plus the federal and sectoral regimes whose coverage facts hold. */
export function applyingPacks<T extends { loaded: LoadedPack }>(assigned: readonly T[], settings: AssumptionSettings): T[] {
  return assigned.filter(({ loaded }) => loaded.pack.scope !== 'nationwide' || applicability(loaded.pack, settings).applies);
}

/** Whether a pack's regime reaches the company under the case facts (state packs always do). */
export function applicability(pack: RulePack, settings: AssumptionSettings): { applies: boolean; reason: string } {
  const failed = (pack.appliesWhen ?? []).find((condition) => !conditionHolds(condition, settings, pack.jurisdiction));
  if (failed) {
    const value = assumptionFor(settings, failed.assumption, pack.jurisdiction);
    return { applies: false, reason: `${pack.name} does not apply: ${failed.reason}${failed.citation ? ` [${failed.citation}]` : ''} (${failed.assumption}=${value})` };
  }
  return { applies: true, reason: pack.appliesWhen?.length ? `${pack.name} applies: ${pack.appliesWhen.map((c) => `${c.assumption}=${assumptionFor(settings, c.assumption, pack.jurisdiction)}`).join(', ')}` : `${pack.name} law applies to its residents` };
}

export function conditionHolds(condition: RemedyCondition, settings: AssumptionSettings, jurisdiction: string): boolean {
  return condition.appliesWhen.includes(assumptionFor(settings, condition.assumption, jurisdiction) ?? '');
}

/** A state duty deemed met by compliance with a federal regime (a state clause deeming HIPAA or GLBA notice sufficient). */
function deemedMet(obligation: NoticeObligation, pack: RulePack, party: NoticeParty, date: IsoDate, settings: AssumptionSettings): NoticeObligation {
  if (obligation.duty !== 'required' && obligation.duty !== 'possibly-required') return obligation;
  const period = noticePeriod(pack, party, date);
  const clause = period?.deemedCompliance?.find((condition) => conditionHolds(condition, settings, pack.jurisdiction));
  if (!clause) return obligation;
  return {
    ...obligation,
    duty: 'deemed-met',
    reason: `${clause.reason}${clause.citation ? ` [${clause.citation}]` : ''} (${clause.assumption}=${assumptionFor(settings, clause.assumption, pack.jurisdiction)}); the federal notice itself is still owed`,
  };
}

/** Whether individual notice is owed, from the qualifying residents by basis. */
export function noticeDecision(counts: QualifiedCounts): { decision: NoticeDecision; why: string } {
  const qualifying = scenarios(counts.qualifying);
  const undetermined = scenarios(counts.undetermined);
  if (qualifying.stated > 0) {
    return { decision: 'yes', why: `${qualifying.stated} resident(s) on exact or derived evidence have personal information exposed: ${distinctReasons(counts, 'qualifies')}` };
  }
  if (qualifying.high > 0) {
    return { decision: 'possibly', why: `Only inferred consumers qualify (upper bound ${qualifying.high}): ${distinctReasons(counts, 'qualifies')}` };
  }
  if (undetermined.high > 0) return { decision: 'unknown', why: distinctReasons(counts, 'unknown') };
  if (counts.groups.length === 0 || scenarios(counts.residents).high === 0) return { decision: 'no', why: 'No residents of this jurisdiction are affected' };
  return { decision: 'no', why: distinctReasons(counts, 'does-not-qualify') };
}

function noticeObligation(
  loaded: LoadedPack,
  party: NoticeParty,
  counts: QualifiedCounts,
  decision: { decision: NoticeDecision; why: string },
  context: DeadlineContext,
  individualDate: Due,
): NoticeObligation {
  const { pack } = loaded;
  const period = noticePeriod(pack, party, context.discoveredDate);
  if (!period) {
    return {
      party, duty: 'unknown', recipients: null, threshold: null, due: { kind: 'open', text: UNKNOWN_AMOUNT }, citation: pack.name, confidence: 'low',
      reason: `The ${pack.jurisdiction} rule pack covers ${pack.effectiveFrom} onward, not ${context.discoveredDate} — counsel must review`,
    };
  }
  const base = { party, citation: period.citation, confidence: leastConfidence(pack, period.sourceIds), ...(period.note ? { note: period.note } : {}) };
  if (period.duty === 'none') {
    return { ...base, duty: 'none', recipients: null, threshold: null, due: { kind: 'open', text: 'no duty' }, reason: `No such notice duty under ${period.citation}` };
  }
  if (period.duty === 'unknown') {
    return { ...base, duty: 'unknown', recipients: null, threshold: null, due: { kind: 'open', text: UNKNOWN_AMOUNT }, reason: `Whether ${party} must be notified is not known from the pack — counsel must review` };
  }
  const threshold = thresholdStatus(period.threshold!, counts);
  const due = party === 'individuals' ? individualDate : dueFor(period.deadline!, context, individualDate);
  const common = { ...base, recipients: period.recipients!, threshold, due };
  if (decision.decision === 'no') return { ...common, duty: 'not-required', reason: decision.why };
  if (decision.decision === 'unknown') return { ...common, duty: 'unknown', reason: decision.why };
  if (threshold.status === 'not-met') return { ...common, duty: 'not-required', reason: `Threshold not met: ${threshold.rule}` };
  if (decision.decision === 'possibly' || threshold.status === 'uncertain') {
    return { ...common, duty: 'possibly-required', reason: `${decision.why}; threshold ${threshold.rule} is ${threshold.status}` };
  }
  return { ...common, duty: 'required', reason: `${decision.why}; threshold ${threshold.rule} is met` };
}

/** Met on the lower bound (exact + derived), not met even at the upper bound, else uncertain. */
export function thresholdStatus(threshold: Threshold, counts: QualifiedCounts): { rule: string; status: 'met' | 'not-met' | 'uncertain' } {
  if (threshold.kind !== 'any' && threshold.perJurisdiction) return perJurisdictionThreshold(threshold, counts);
  const lower = scenarios(counts.qualifying).stated;
  const upper = scenarios(counts.qualifying).high + scenarios(counts.undetermined).high;
  const passes = (n: number): boolean =>
    threshold.kind === 'any' ? n > 0 : threshold.kind === 'more-than' ? n > threshold.residents : n >= threshold.residents;
  const rule =
    threshold.kind === 'any'
      ? 'any qualifying resident'
      : `${threshold.kind === 'more-than' ? 'more than' : 'at least'} ${threshold.residents} qualifying residents (lower bound ${lower}, upper bound ${upper})`;
  return { rule, status: passes(lower) ? 'met' : passes(upper) ? 'uncertain' : 'not-met' };
}

/** "More than 500 residents of a State" (HIPAA media notice): met when any one jurisdiction meets it. */
function perJurisdictionThreshold(threshold: Extract<Threshold, { residents: number }>, counts: QualifiedCounts): { rule: string; status: 'met' | 'not-met' | 'uncertain' } {
  const codes = [...new Set(counts.groups.map((g) => g.jurisdiction))].sort();
  const results = codes.map((code) => {
    const own = { ...counts, groups: counts.groups.filter((g) => g.jurisdiction === code) };
    const sub = thresholdStatus({ kind: threshold.kind, residents: threshold.residents }, {
      ...own,
      qualifying: basisCounts(own.groups.filter((g) => g.qualification.status === 'qualifies')),
      undetermined: basisCounts(own.groups.filter((g) => g.qualification.status === 'unknown')),
    });
    return { code, status: sub.status };
  });
  const status = results.some((r) => r.status === 'met') ? 'met' : results.some((r) => r.status === 'uncertain') ? 'uncertain' : 'not-met';
  const met = results.filter((r) => r.status !== 'not-met').map((r) => `${r.code} ${r.status}`);
  return { rule: `${threshold.kind === 'more-than' ? 'more than' : 'at least'} ${threshold.residents} qualifying residents of one jurisdiction (${met.length > 0 ? met.join(', ') : 'no jurisdiction reaches it'})`, status };
}

function identityProtection(loaded: LoadedPack, counts: QualifiedCounts, date: IsoDate): IdentityProtectionObligation {
  const { pack } = loaded;
  const rule = entryInForce(pack.identityProtection, date);
  if (!rule) {
    const text = pack.status === 'unverified' ? `No identity-protection rule in this pack (${UNVERIFIED_NOTICE})` : 'No identity-protection offer required by this pack';
    return { status: 'no-rule-in-pack', months: null, triggeredBy: [], condition: null, citation: null, text };
  }
  const triggering = counts.groups.filter(
    (group) => group.qualification.status === 'qualifies' && group.elements.some((code) => rule.whenExposed.includes(code)),
  );
  const triggeredBy = [...new Set(triggering.flatMap((g) => g.elements.filter((code) => rule.whenExposed.includes(code))))].sort();
  const onEvidence = triggering.some((g) => g.basis !== 'inferred');
  const status = triggering.length === 0 ? 'not-triggered' : onEvidence ? 'required' : 'possibly-required';
  const text =
    status === 'not-triggered'
      ? `Not triggered: none of ${rule.whenExposed.join(', ')} exposed for qualifying residents`
      : `Offer ${rule.months} months of identity-theft protection (${triggeredBy.join(', ')} exposed)${rule.condition ? `; ${rule.condition}` : ''}`;
  return { status, months: rule.months, triggeredBy, condition: rule.condition ?? null, citation: rule.citation, text };
}

function matchedCombinations(counts: QualifiedCounts): JurisdictionObligations['matched'] {
  const totals = new Map<string, { combinationId: string; label: string; residentsUpperBound: number }>();
  for (const group of counts.groups) {
    for (const match of group.qualification.matched) {
      const entry = totals.get(match.id) ?? { combinationId: match.id, label: match.label, residentsUpperBound: 0 };
      entry.residentsUpperBound += group.count;
      totals.set(match.id, entry);
    }
  }
  return [...totals.values()].sort((a, b) => (a.combinationId < b.combinationId ? -1 : 1));
}

function distinctReasons(counts: QualifiedCounts, status: string): string {
  return [...new Set(counts.groups.filter((g) => g.qualification.status === status).map((g) => g.qualification.reason))].sort().join(' | ');
}

function earliestDue(obligations: NoticeObligation[]): IsoDate | null {
  const dates = obligations
    .filter((o) => o.duty === 'required' || o.duty === 'possibly-required')
    .flatMap((o) => (o.due.kind === 'date' ? [o.due.date] : []))
    .sort();
  return dates[0] ?? null;
}

function compareDue(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
