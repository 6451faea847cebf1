import { LedgerError } from '../contract/errors';
import { ASSUMPTION_KEYS, ASSUMPTIONS, amountPercent, assumptionFor, CONDITION_VALUES, describeSetting, settingPrefix, type AssumptionSettings } from './assumptions';
import { federalHolidayCalendar, type HolidayCalendar } from './business-days';
import { applicability, applyingPacks, jurisdictionObligations } from './obligations';
import { add, ROUNDING_RULE } from './money';
import { findPack, packRefs, type PackSet } from './packs';
import { findDefinition, noticeDefinitionId } from './qualify';
import { computeRemedy, notApplicable, unknown, type Figures, type Scenario } from './remedies';
import { latePartyOf, lateness, violationGate, type Lateness, type TriggerFinding, type ViolationFacts } from './violations';
import { countQualifying, residentsByJurisdiction, scenarios, validateAssessmentInput, type UnassignedBucket } from './residents';
import { sensitivity, type SensitivityRow } from './sensitivity';
import { entryInForce } from './dates';
import { deriveFacts, withDerivedFacts, type DerivedFact } from './fact-tests';
import { leastConfidence } from './sources';
import {
  UNVERIFIED_NOTICE,
  type AssessmentInput,
  type BasisCounts,
  type Confidence,
  type ConsumerGroup,
  type FineRemedy,
  type IsoDate,
  type LoadedPack,
  type Money,
  type PackRef,
  type Remedy,
  type RemedyCondition,
  type RemedyKind,
} from './types';

export interface ExposureComponent {
  id: string;
  label: string;
  kind: RemedyKind;
  status: Figures['status'] | 'excluded';
  low: Money;
  stated: Money;
  high: Money;
  citation: string;
  formula: string;
  working: Figures['working'];
  inputs: Record<string, string | number>;
  reason: string | null;
  packVersion: string;
  confidence: Confidence;
  review?: typeof UNVERIFIED_NOTICE;
  /** The violations that trigger the remedy, each with its status under the stated facts and assumptions. */
  violations: TriggerFinding[];
}

export interface Totals {
  low: number;
  stated: number;
  high: number;
  /** False when any component is unknown: the totals are then sums of the known parts only. */
  complete: boolean;
  unknownComponents: string[];
}

export interface JurisdictionExposure {
  code: string;
  name: string;
  packVersion: string;
  packStatus: LoadedPack['pack']['status'];
  review?: typeof UNVERIFIED_NOTICE;
  residents: BasisCounts;
  qualifying: BasisCounts;
  /** Residents whose exposed data the pack cannot classify: whether they qualify is unknown. */
  undetermined: BasisCounts;
  components: ExposureComponent[];
  subtotal: Totals;
  unquantified: Array<{ citation: string; description: string }>;
}

export interface AssumptionValue {
  value: string;
  /** derived: decided from case figures by a pack's fact test (the description says how). */
  source: 'default' | 'set' | 'input' | 'derived';
  description: string;
}

export interface ExposureReport {
  rulePacks: PackRef[];
  holidayCalendar: { name: string; sha256: string };
  assumptions: Record<string, AssumptionValue>;
  rounding: string;
  jurisdictions: JurisdictionExposure[];
  unassigned: UnassignedBucket[];
  totals: Totals;
  sensitivity: SensitivityRow[];
}

/** Damages and penalty exposure (integer cents) per jurisdiction and component, with totals and sensitivity. */
export function assessExposure(
  packs: PackSet,
  input: AssessmentInput,
  settings: AssumptionSettings = {},
  calendar: HolidayCalendar = federalHolidayCalendar(),
): ExposureReport {
  const report = computeExposure(packs, input, settings, calendar);
  const tested = testedFacts(packs);
  return { ...report, sensitivity: sensitivity(report, settings, input, (changed) => computeExposure(packs, input, changed, calendar).totals, (key) => !FACT_KEYS.has(key) || tested.has(key)) };
}

const FACT_KEYS: ReadonlySet<string> = new Set(Object.keys(CONDITION_VALUES).filter((key) => !['cure', 'intent', 'reasonable-security'].includes(key)));

/** The case facts some pack actually tests: the others cannot move a total, so sensitivity skips them. */
function testedFacts(packs: PackSet): Set<string> {
  const keys = new Set<string>();
  for (const { pack } of packs.packs) {
    for (const condition of pack.appliesWhen ?? []) keys.add(condition.assumption);
    for (const remedy of pack.remedies) {
      for (const condition of remedy.conditions) keys.add(condition.assumption);
      if (remedy.kind !== 'unknown-amount') for (const entry of remedy.schedule) for (const condition of entry.conditions ?? []) keys.add(condition.assumption);
    }
  }
  return keys;
}

export function computeExposure(packs: PackSet, input: AssessmentInput, settings: AssumptionSettings, calendar: HolidayCalendar): Omit<ExposureReport, 'sensitivity'> {
  validateAssessmentInput(input);
  checkJurisdictionSettings(packs, settings);
  const derived = deriveFacts(packs, settings, input.incidentDate);
  const stated = withDerivedFacts(settings, derived);
  const { assigned, unassigned } = residentsByJurisdiction(packs, input.groups);
  const jurisdictions = applyingPacks(assigned, stated).map(({ loaded, groups }) => jurisdictionExposure(loaded, groups, input, stated, calendar));
  return {
    rulePacks: packRefs(packs),
    holidayCalendar: { name: calendar.name, sha256: calendar.sha256 },
    assumptions: listAssumptions(settings, input, assigned.map((a) => a.loaded), derived),
    rounding: ROUNDING_RULE,
    jurisdictions,
    unassigned,
    totals: sumTotals(jurisdictions.flatMap((j) => j.components.map((c) => ({ ...c, id: `${j.code}/${c.id}` })))),
  };
}

function jurisdictionExposure(loaded: LoadedPack, groups: readonly ConsumerGroup[], input: AssessmentInput, settings: AssumptionSettings, calendar: HolidayCalendar): JurisdictionExposure {
  const allGroups = input.groups;
  const { pack } = loaded;
  const code = pack.jurisdiction;
  const amountDate = assumptionFor(settings, 'amount-date', code) === 'discovery' ? input.discoveredDate : input.incidentDate;
  const noticeDate = assumptionFor(settings, 'notice-date', code) ?? input.plannedNoticeDate ?? 'on-time';
  const chosenEnforcers = enforcerChoices(pack.remedies, settings, code);
  const facts: ViolationFacts = { jurisdiction: code, settings, lateness: latenessOf(loaded, groups, input, calendar, settings, noticeDate) };
  const regime = applicability(pack, settings);
  const components = pack.remedies.map((remedy): ExposureComponent => {
    const gate = violationGate(remedy, facts);
    const figures = regime.applies
      ? remedyFigures(loaded, remedy, remedy.counts === 'all-affected' ? allGroups : groups, { amountDate, settings, chosenEnforcers, gate, lateness: facts.lateness[latePartyOf(remedy)] })
      : notApplicable(regime.reason, 'not computed', {});
    const { citation, ...rest } = figures;
    return {
      id: remedy.id,
      label: remedy.label,
      kind: remedy.kind,
      ...rest,
      citation: citation ?? remedy.citation,
      packVersion: pack.version,
      confidence: leastConfidence(pack, remedy.sourceIds),
      ...(pack.status === 'unverified' ? { review: UNVERIFIED_NOTICE } : {}),
      violations: gate.findings,
    };
  });
  const notice = countQualifying(pack, groups, input.discoveredDate, noticeDefinitionId(pack));
  return {
    code,
    name: pack.name,
    packVersion: pack.version,
    packStatus: pack.status,
    ...(pack.status === 'unverified' ? { review: UNVERIFIED_NOTICE } : {}),
    residents: notice.residents,
    qualifying: notice.qualifying,
    undetermined: notice.undetermined,
    components,
    subtotal: sumTotals(components),
    unquantified: pack.unquantifiedRemedies.map(({ citation, description }) => ({ citation, description })),
  };
}

/** Whether notice to each party is late on the notice date; with notice on time no deadline needs computing. */
function latenessOf(loaded: LoadedPack, groups: readonly ConsumerGroup[], input: AssessmentInput, calendar: HolidayCalendar, settings: AssumptionSettings, noticeDate: string): ViolationFacts['lateness'] {
  if (noticeDate === 'on-time') {
    const onTime = (party: keyof ViolationFacts['lateness']): Lateness => ({ kind: 'on-time', party, noticeDate, due: 'every deadline', text: 'notice-date=on-time: every notice is given by its deadline' });
    return { individuals: onTime('individuals'), regulator: onTime('regulator'), 'consumer-reporting-agencies': onTime('consumer-reporting-agencies') };
  }
  const obligations = jurisdictionObligations(loaded, groups, { ...input, plannedNoticeDate: noticeDate }, calendar, settings);
  return {
    individuals: lateness('individuals', obligations.individuals, noticeDate),
    regulator: lateness('regulator', obligations.regulator, noticeDate),
    'consumer-reporting-agencies': lateness('consumer-reporting-agencies', obligations.consumerReportingAgencies, noticeDate),
  };
}

interface RemedyContext {
  amountDate: IsoDate;
  settings: AssumptionSettings;
  chosenEnforcers: ReadonlyMap<string, string>;
  gate: ReturnType<typeof violationGate>;
  lateness: Lateness;
}

function remedyFigures(loaded: LoadedPack, remedy: Remedy, groups: readonly ConsumerGroup[], c: RemedyContext): Figures | (Omit<Figures, 'status'> & { status: 'excluded' }) {
  const { pack } = loaded;
  const code = pack.jurisdiction;
  if (c.amountDate < pack.effectiveFrom) {
    return unknown(`The ${code} rule pack covers ${pack.effectiveFrom} onward, not ${c.amountDate}`, { amountDate: c.amountDate });
  }
  const table = remedy.kind === 'unknown-amount' ? undefined : entryInForce<{ from: IsoDate; to?: IsoDate; conditions?: RemedyCondition[] }>(remedy.schedule, c.amountDate);
  for (const condition of [...remedy.conditions, ...(table?.conditions ?? [])]) {
    const current = assumptionFor(c.settings, condition.assumption, code)!;
    if (!condition.appliesWhen.includes(current)) {
      return notApplicable(`${condition.reason}${condition.citation ? ` [${condition.citation}]` : ''} (assumption ${condition.assumption}=${current})`, 'not computed', { [condition.assumption]: current });
    }
  }
  if (!c.gate.high) {
    return notApplicable(`A breach alone is not a violation, and no violation that triggers ${remedy.label} is established, assumed or allowed by the facts: ${c.gate.summary}`, 'not computed', {});
  }
  if (remedy.kind === 'per-violation-fine' && remedy.exclusiveGroup) {
    const chosen = c.chosenEnforcers.get(remedy.exclusiveGroup)!;
    if (chosen !== remedy.enforcer.id) {
      return {
        ...notApplicable(
          `Not added: the same violation cannot be fined by both enforcers (${remedy.note ?? remedy.citation}); counted under enforcer ${chosen} (assumption ${settingPrefix(code)}.enforcer=${chosen})`,
          'not computed',
          { enforcer: chosen },
        ),
        status: 'excluded',
      };
    }
  }
  const counts = countQualifying(pack, groups, c.amountDate, remedy.definitionId);
  const qualifying = scenarios(counts.qualifying);
  const undetermined = scenarios(counts.undetermined).high;
  if (qualifying.high === 0) {
    if (undetermined > 0) {
      return unknown(`Whether the exposed data of ${undetermined} resident(s) qualifies is not known from the pack`, { undetermined });
    }
    const definition = findDefinition(pack, remedy.definitionId);
    const reasons = [...new Set(counts.groups.map((g) => g.qualification.reason))].sort().join(' | ');
    return notApplicable(`No ${pack.name} resident's exposed data qualifies under ${definition.citation}, so there is no ${remedy.label}. ${reasons}`, 'not computed', {
      residents: scenarios(counts.residents).high,
      qualifying: 0,
    });
  }
  const choice = assumptionFor(c.settings, 'amount', code)!;
  const figures = gateScenarios(
    computeRemedy(remedy, {
      qualifying,
      amountDate: c.amountDate,
      percent: amountPercent(choice)!,
      amountChoice: choice,
      incidents: Number(assumptionFor(c.settings, 'incidents', code)),
      intent: assumptionFor(c.settings, 'intent', code)!,
      violations: assumptionFor(c.settings, 'violations', code)!,
      lateness: c.lateness,
    }),
    c.gate,
  );
  if (undetermined > 0 && figures.status === 'computed') {
    return { ...figures, reason: [figures.reason, `${undetermined} further resident(s) could not be classified by the pack and are not counted — counsel must review`].filter(Boolean).join('; ') };
  }
  return figures;
}

/** Low never has a violation beyond the breach; stated counts only an established or assumed one. */
function gateScenarios(figures: Figures, gate: ReturnType<typeof violationGate>): Figures {
  if (figures.status !== 'computed') return figures;
  const zeroed: Scenario[] = gate.stated ? ['low'] : ['low', 'stated'];
  const working = { ...figures.working! };
  const out: Figures = { ...figures };
  for (const which of zeroed) {
    out[which] = 0;
    working[which] = which === 'low' ? 'no violation beyond the breach in the low scenario: 0' : 'no triggering violation is established or assumed: 0';
  }
  const named = (statuses: string[]) =>
    gate.findings.filter((f) => statuses.includes(f.status)).map((f) => `${f.violation} [${f.citation}] ${f.status} (${f.why})`).join('; ');
  const why = gate.stated
    ? `Counted in the stated and high scenarios: ${named(['established', 'assumed'])}`
    : `Counted only in the high scenario: the facts allow ${named(['not-assumed'])}, but nothing establishes it`;
  return { ...out, working, reason: why };
}

/** Chosen enforcer per exclusive group: the jurisdiction's setting, else the first listed in the pack. */
function enforcerChoices(remedies: readonly Remedy[], settings: AssumptionSettings, code: string): Map<string, string> {
  const choices = new Map<string, string>();
  const setting = settings[`${settingPrefix(code)}.enforcer`];
  const fines = remedies.filter((r): r is FineRemedy => r.kind === 'per-violation-fine' && r.exclusiveGroup !== undefined);
  for (const group of [...new Set(fines.map((f) => f.exclusiveGroup!))]) {
    const members = fines.filter((f) => f.exclusiveGroup === group);
    if (setting !== undefined && !members.some((m) => m.enforcer.id === setting)) {
      throw new LedgerError('BAD_USAGE', `${settingPrefix(code)}.enforcer=${setting}: ${code} enforcers are ${members.map((m) => m.enforcer.id).join(', ')}.`);
    }
    choices.set(group, setting ?? members[0]!.enforcer.id);
  }
  if (setting !== undefined && choices.size === 0) {
    throw new LedgerError('BAD_USAGE', `${settingPrefix(code)}.enforcer=${setting}: ${code} has no alternative enforcers to choose between.`);
  }
  return choices;
}

function checkJurisdictionSettings(packs: PackSet, settings: AssumptionSettings): void {
  for (const key of Object.keys(settings)) {
    const prefix = /^([a-z]{2})\./.exec(key)?.[1];
    if (!prefix) continue;
    const loaded = findPack(packs, `US-${prefix.toUpperCase()}`);
    if (!loaded) throw new LedgerError('BAD_USAGE', `${key}: there is no rule pack for US-${prefix.toUpperCase()}.`);
    if (key.endsWith('.enforcer')) enforcerChoices(loaded.pack.remedies, settings, loaded.pack.jurisdiction);
  }
}

function listAssumptions(settings: AssumptionSettings, input: AssessmentInput, assessed: readonly LoadedPack[], derived: Record<string, DerivedFact>): Record<string, AssumptionValue> {
  const list: Record<string, AssumptionValue> = {};
  for (const key of ASSUMPTION_KEYS) {
    const spec = ASSUMPTIONS[key];
    if (!spec.global) continue;
    if (settings[key] !== undefined) list[key] = { value: settings[key], source: 'set', description: spec.description };
    else if (derived[key]) list[key] = { value: derived[key].value, source: 'derived', description: `${spec.description}. Derived: ${derived[key].reason}` };
    else if (spec.defaultValue === null && key !== 'notice-date') continue;
    else if (key === 'notice-date' && input.plannedNoticeDate) list[key] = { value: input.plannedNoticeDate, source: 'input', description: spec.description };
    else list[key] = { value: spec.defaultValue ?? 'on-time', source: 'default', description: spec.description };
  }
  for (const { pack } of assessed) {
    const choices = enforcerChoices(pack.remedies, settings, pack.jurisdiction);
    const key = `${settingPrefix(pack.jurisdiction)}.enforcer`;
    for (const enforcer of choices.values()) {
      list[key] = { value: enforcer, source: settings[key] ? 'set' : 'default', description: ASSUMPTIONS.enforcer.description };
    }
  }
  for (const [key, setting] of Object.entries(settings)) {
    const name = /^[a-z]{2}\./.test(key) ? key.slice(3) : key;
    if (!(key in list)) list[key] = { value: setting, source: 'set', description: describeSetting(name) };
  }
  return Object.fromEntries(Object.entries(list).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function sumTotals(components: ReadonlyArray<{ id: string } & Record<Scenario, Money>>): Totals {
  const totals: Totals = { low: 0, stated: 0, high: 0, complete: true, unknownComponents: [] };
  for (const component of components) {
    if (typeof component.low !== 'number' || typeof component.stated !== 'number' || typeof component.high !== 'number') {
      totals.complete = false;
      totals.unknownComponents.push(component.id);
      continue;
    }
    totals.low = add(totals.low, component.low);
    totals.stated = add(totals.stated, component.stated);
    totals.high = add(totals.high, component.high);
  }
  return totals;
}
