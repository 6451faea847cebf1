import { entryInForce } from './dates';
import type { Lateness } from './violations';
import { add, amountAt, formatCents, multiply } from './money';
import {
  UNKNOWN_AMOUNT,
  type AmountRange,
  type ConsumerDamagesRemedy,
  type FineRemedy,
  type GreaterOfRemedy,
  type IsoDate,
  type Money,
  type PerDayRemedy,
  type Remedy,
  type ScenarioCounts,
  type Tier,
  type TieredRemedy,
} from './types';

/**
 * low: no violation beyond the breach; stated: the stated facts and assumptions; high: every violation the facts
 * allow. Within a scenario whose violation holds, counts and amounts follow SCENARIO_RULE.
 */
export type Scenario = 'low' | 'stated' | 'high';
const SCENARIOS: readonly Scenario[] = ['low', 'stated', 'high'];

/** Everything a calculator needs, already resolved from input, packs and assumptions. */
export interface RemedyInputs {
  /** Consumers whose exposed elements qualify under the remedy's definition, per scenario. */
  qualifying: ScenarioCounts;
  amountDate: IsoDate;
  /** Percent of each statutory range used in the stated scenario. */
  percent: number;
  amountChoice: string;
  incidents: number;
  intent: string;
  violations: string;
  /** Whether notice to the party a late-notice penalty follows is late, and by how many days. */
  lateness: Lateness;
}

export interface Figures {
  status: 'computed' | 'not-applicable' | 'unknown';
  low: Money;
  stated: Money;
  high: Money;
  formula: string;
  /** The arithmetic of each scenario, with amounts. */
  working: Record<Scenario, string> | null;
  inputs: Record<string, string | number>;
  reason: string | null;
  /** Citation of the amount table used, when it differs from the remedy's. */
  citation?: string;
}

const SCENARIO_RULE = 'where the violation holds — low: exact-basis consumers at the minimum amount; stated: exact + derived at the chosen amount; high: all bases incl. inferred upper bounds at the maximum amount';

export function computeRemedy(remedy: Remedy, x: RemedyInputs): Figures {
  switch (remedy.kind) {
    case 'per-consumer-damages':
      return consumerDamages(remedy, x);
    case 'per-violation-fine':
      return fine(remedy, x);
    case 'late-notice-per-day':
      return lateNotice(remedy, x, (entry, count, which, days) => perDay(remedy, entry, count, which, days, x));
    case 'late-notice-tiered':
      return lateNotice(remedy, x, (entry, count, which, days) => tiered(entry, count, which, days, x));
    case 'late-notice-greater-of':
      return lateNotice(remedy, x, (entry, count, which) => greaterOf(entry, count, which, x));
    case 'unknown-amount':
      return unknown(remedy.description, {});
  }
}

/** The reason shown when a scheduled adjustment's figures are not yet in the pack (distinct from a missing fact). */
export const CPI_PENDING = 'unknown — CPI adjustment pending';

export function unknown(reason: string, inputs: Record<string, string | number>): Figures {
  return { status: 'unknown', low: UNKNOWN_AMOUNT, stated: UNKNOWN_AMOUNT, high: UNKNOWN_AMOUNT, formula: UNKNOWN_AMOUNT, working: null, inputs, reason };
}

export function notApplicable(reason: string, formula: string, inputs: Record<string, string | number>): Figures {
  return { status: 'not-applicable', low: 0, stated: 0, high: 0, formula, working: null, inputs, reason };
}

function consumerDamages(remedy: ConsumerDamagesRemedy, x: RemedyInputs): Figures {
  const formula = `qualifying consumers × statutory amount per consumer per incident × incidents (${SCENARIO_RULE})`;
  const entry = entryInForce(remedy.schedule, x.amountDate);
  if (!entry) return notInForce(remedy, x, formula);
  const { range, variant } = rangeFor(entry, x.intent);
  return scenarioFigures(formula, entry.citation, tableInputs(entry, range, variant, x), (which) => {
    const count = x.qualifying[which];
    const amount = pick(range, which, x.percent);
    const total = multiply(count, amount, x.incidents);
    return [total, `${count} consumers × ${formatCents(amount)} × ${x.incidents} incident(s) = ${formatCents(total)}`];
  });
}

function fine(remedy: FineRemedy, x: RemedyInputs): Figures {
  const model =
    remedy.countedPer === 'incident' ? 'per-incident (fixed by the statute)' : remedy.countedPer === 'defendant' ? 'one amount in total (fixed by the statute)' : x.violations;
  const formula = `violations × amount per violation${remedy.schedule.some((e) => e.first) ? ' (first violation at its own range)' : ''}, capped per incident where the statute caps it; violation model: ${model} (${SCENARIO_RULE})`;
  const entry = entryInForce(remedy.schedule, x.amountDate);
  if (!entry) return notInForce(remedy, x, formula);
  const { range, variant } = rangeFor(entry, x.intent);
  const inputs = { ...tableInputs(entry, range, variant, x), violationModel: model };
  return scenarioFigures(formula, entry.citation, inputs, (which) => {
    const count = x.qualifying[which];
    const violations =
      count === 0 ? 0
      : remedy.countedPer === 'defendant' ? 1
      : remedy.countedPer === 'incident' || x.violations === 'per-incident' ? x.incidents
      : x.violations === 'per-consumer' ? count
      : Number(x.violations);
    const amount = pick(range, which, x.percent);
    const first = entry.first ? pick(entry.first, which, x.percent) : amount;
    let total = violations === 0 ? 0 : add(first, multiply(violations - 1, amount));
    let working = entry.first
      ? `${formatCents(first)} (first) + ${violations - 1} × ${formatCents(amount)} = ${formatCents(total)}`
      : `${violations} violation(s) × ${formatCents(amount)} = ${formatCents(total)}`;
    if (entry.capPerIncidentCents !== undefined) {
      const cap = multiply(entry.capPerIncidentCents, x.incidents);
      if (total > cap) {
        total = cap;
        working += `, capped at ${formatCents(entry.capPerIncidentCents)} × ${x.incidents} incident(s) = ${formatCents(cap)}`;
      }
    }
    return [total, working];
  });
}

type LateRemedy = PerDayRemedy | TieredRemedy | GreaterOfRemedy;
type LateEntry<R extends LateRemedy> = R['schedule'][number];

function lateNotice<R extends LateRemedy>(
  remedy: R,
  x: RemedyInputs,
  compute: (entry: LateEntry<R>, count: number, which: Scenario, daysLate: number) => [number, string],
): Figures {
  const formula = lateFormula(remedy);
  const late = x.lateness;
  const base = { party: late.party, noticeDate: late.noticeDate, deadline: late.kind === 'late' || late.kind === 'on-time' ? late.due : late.text };
  if (late.kind === 'open') return unknown(`The ${late.party} notice rule sets no fixed date (${late.text}); whether notice on ${late.noticeDate} is late is for counsel`, base);
  if (late.kind !== 'late') {
    return unknown(`Late notice to ${late.party} is assumed, but the notice date does not make it late (${late.text}); set notice-date=YYYY-MM-DD to count the days late`, base);
  }
  const daysLate = late.days;
  const entry = entryInForce(remedy.schedule as Array<LateEntry<R>>, x.amountDate);
  if (!entry) return notInForce(remedy, x, formula);
  const inputs = {
    ...base,
    daysLate,
    amountTable: tableName(entry),
    amountDate: x.amountDate,
    amountChoice: x.amountChoice,
    qualifyingLow: x.qualifying.low,
    qualifyingStated: x.qualifying.stated,
    qualifyingHigh: x.qualifying.high,
  };
  return scenarioFigures(formula, entry.citation, inputs, (which) => compute(entry, x.qualifying[which], which, daysLate));
}

function lateFormula(remedy: LateRemedy): string {
  switch (remedy.kind) {
    case 'late-notice-per-day':
      return remedy.unit === 'individual'
        ? 'days late × min(amount per individual per day × individuals owed notice, daily cap if any), then capped per breach if the statute caps it; days late counted from the individual notice deadline to the notice date; one breach'
        : 'days late × amount per day, capped per breach if the statute caps it; one breach';
    case 'late-notice-tiered':
      return 'tiered schedule by days late (per-day amounts, then per-period amounts, each part period counted in full); beyond the last tier, low keeps the amount accrued at the last tier and high is the statutory maximum; per breach';
    case 'late-notice-greater-of':
      return 'greater of the floor amount or the amount per failed notice × individuals owed notice (that branch capped); low: the floor; high: the larger branch; per breach';
  }
}

function perDay(remedy: PerDayRemedy, entry: PerDayRemedy['schedule'][number], count: number, which: Scenario, days: number, x: RemedyInputs): [number, string] {
  if (count === 0) return [0, 'no qualifying individuals in this scenario'];
  const units = remedy.unit === 'individual' ? count : 1;
  const rate = pick(entry.standard, which, x.percent);
  let daily = multiply(rate, units);
  let working = `${formatCents(rate)} × ${units} ${remedy.unit === 'individual' ? 'individual(s)' : 'breach'}`;
  if (entry.dailyCapCents !== undefined && daily > entry.dailyCapCents) {
    daily = entry.dailyCapCents;
    working += ` capped at ${formatCents(daily)} per day`;
  }
  let total = multiply(daily, days);
  working += ` × ${days} day(s) = ${formatCents(total)}`;
  if (entry.capCents !== undefined && total > entry.capCents) {
    total = entry.capCents;
    working += `, capped at ${formatCents(total)}`;
  }
  return [total, working];
}

function tiered(entry: TieredRemedy['schedule'][number], count: number, which: Scenario, days: number, x: RemedyInputs): [number, string] {
  if (count === 0) return [0, 'no qualifying individuals in this scenario'];
  const lastDay = entry.tiers[entry.tiers.length - 1]!.throughDay;
  const accrued = accrue(entry.tiers, Math.min(days, lastDay));
  if (days <= lastDay) return [accrued.total, `${accrued.working} = ${formatCents(accrued.total)} for ${days} day(s) late`];
  const range = { minCents: Math.min(accrued.total, entry.beyondLastTierMaxCents), maxCents: entry.beyondLastTierMaxCents };
  const amount = pick(range, which, x.percent);
  return [amount, `${days} days late is beyond day ${lastDay}: between ${formatCents(range.minCents)} accrued and the ${formatCents(range.maxCents)} maximum → ${formatCents(amount)}`];
}

function accrue(tiers: readonly Tier[], days: number): { total: number; working: string } {
  let total = 0;
  const parts: string[] = [];
  let previous = 0;
  for (const tier of tiers) {
    const inTier = Math.min(days, tier.throughDay) - previous;
    if (inTier <= 0) break;
    if ('perDayCents' in tier) {
      total = add(total, multiply(inTier, tier.perDayCents));
      parts.push(`${inTier} day(s) × ${formatCents(tier.perDayCents)}`);
    } else {
      const periods = Math.ceil(inTier / tier.periodDays);
      total = add(total, multiply(periods, tier.perPeriodCents));
      parts.push(`${periods} period(s) of ${tier.periodDays} days × ${formatCents(tier.perPeriodCents)}`);
    }
    previous = tier.throughDay;
  }
  return { total, working: parts.join(' + ') };
}

function greaterOf(entry: GreaterOfRemedy['schedule'][number], count: number, which: Scenario, x: RemedyInputs): [number, string] {
  if (count === 0) return [0, 'no qualifying individuals in this scenario'];
  const perNotice = Math.min(multiply(entry.perNoticeCents, count), entry.perNoticeCapCents);
  const range = { minCents: entry.floorCents, maxCents: Math.max(entry.floorCents, perNotice) };
  const amount = pick(range, which, x.percent);
  return [amount, `greater of ${formatCents(entry.floorCents)} or min(${count} × ${formatCents(entry.perNoticeCents)}, ${formatCents(entry.perNoticeCapCents)}) = up to ${formatCents(range.maxCents)} → ${formatCents(amount)}`];
}

function scenarioFigures(formula: string, citation: string | undefined, inputs: Record<string, string | number>, compute: (which: Scenario) => [number, string]): Figures {
  const results = Object.fromEntries(SCENARIOS.map((which) => [which, compute(which)])) as Record<Scenario, [number, string]>;
  return {
    status: 'computed',
    low: results.low[0],
    stated: results.stated[0],
    high: results.high[0],
    formula,
    working: { low: results.low[1], stated: results.stated[1], high: results.high[1] },
    inputs,
    reason: null,
    ...(citation ? { citation } : {}),
  };
}

function pick(range: AmountRange, which: Scenario, percent: number): number {
  return which === 'low' ? range.minCents : which === 'high' ? range.maxCents : amountAt(range, percent);
}

function rangeFor(entry: { standard: AmountRange; intentional?: AmountRange }, intent: string): { range: AmountRange; variant: string } {
  return intent === 'intentional' && entry.intentional ? { range: entry.intentional, variant: 'intentional' } : { range: entry.standard, variant: 'standard' };
}

function tableInputs(entry: { from: IsoDate; to?: IsoDate }, range: AmountRange, variant: string, x: RemedyInputs): Record<string, string | number> {
  return {
    amountTable: tableName(entry),
    amountDate: x.amountDate,
    variant,
    minCents: range.minCents,
    maxCents: range.maxCents,
    amountChoice: x.amountChoice,
    statedAmountCents: amountAt(range, x.percent),
    incidents: x.incidents,
    qualifyingLow: x.qualifying.low,
    qualifyingStated: x.qualifying.stated,
    qualifyingHigh: x.qualifying.high,
  };
}

function tableName(entry: { from: IsoDate; to?: IsoDate }): string {
  return `${entry.from} to ${entry.to ?? 'open'}`;
}

/** Before the first table the remedy did not exist yet; after the last one the amounts are not in the pack. */
function notInForce(remedy: Exclude<Remedy, { kind: 'unknown-amount' }>, x: RemedyInputs, formula: string): Figures {
  const last = remedy.schedule[remedy.schedule.length - 1]!;
  if (last.to !== undefined && x.amountDate > last.to && remedy.adjustment) {
    return unknown(`${CPI_PENDING}: the amount tables for ${remedy.label} (${remedy.citation}) end ${last.to}; ${remedy.adjustment.text} (${remedy.adjustment.citation}). Add the adjusted table to the rule pack.`, {
      amountDate: x.amountDate,
      pendingAdjustment: remedy.adjustment.kind,
    });
  }
  if (last.to !== undefined && x.amountDate > last.to) {
    return unknown(`The amount tables for ${remedy.label} (${remedy.citation}) end ${last.to}; amounts in force on ${x.amountDate} are not in the pack`, { amountDate: x.amountDate });
  }
  return notApplicable(`${remedy.label} (${remedy.citation}) was not in force on ${x.amountDate}`, formula, { amountDate: x.amountDate });
}
