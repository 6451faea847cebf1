import { assumptionFor, violationKey, violationSetting, type AssumptionSettings } from './assumptions';
import { daysBetween, isIsoDate } from './dates';
import type { NoticeObligation } from './obligations';
import type { IsoDate, NoticeParty, Remedy, Trigger, ViolationKind } from './types';

/**
 * established: the stated facts make it a violation (a notice date past the deadline, reasonable-security=not-maintained);
 * assumed: counsel assumes it (violation.<kind>=assumed); not-assumed: the facts neither establish nor exclude it;
 * ruled-out: the facts or counsel exclude it.
 */
export type ViolationStatus = 'established' | 'assumed' | 'not-assumed' | 'ruled-out';

export interface TriggerFinding extends Trigger {
  status: ViolationStatus;
  why: string;
}

type LateParty = Exclude<NoticeParty, 'media'>;

/** Whether notice to one party is late on the stated notice date. */
export type Lateness =
  | { kind: 'late'; party: LateParty; noticeDate: IsoDate; due: IsoDate; days: number }
  | { kind: 'on-time'; party: LateParty; noticeDate: string; due: string; text: string }
  | { kind: 'open'; party: LateParty; noticeDate: string; text: string }
  | { kind: 'no-duty'; party: LateParty; noticeDate: string; text: string };

const LATE_PARTY: Readonly<Partial<Record<ViolationKind, LateParty>>> = {
  'late-notice-individuals': 'individuals',
  'late-notice-regulator': 'regulator',
  'late-notice-cra': 'consumer-reporting-agencies',
};

/** What a remedy is taken to need when its pack does not name the violation yet: any notice failure. */
function defaultTriggers(remedy: Remedy): Trigger[] {
  const kinds: ViolationKind[] = ['late-notice-individuals', 'late-notice-regulator', 'late-notice-cra', 'notice-content'];
  return kinds.map((violation) => ({ violation, citation: remedy.citation, note: 'violation not named in the pack — counsel must review' }));
}

export function triggersOf(remedy: Remedy): Trigger[] {
  return remedy.triggers ?? defaultTriggers(remedy);
}

/** The notice party whose clock a late-notice penalty follows: its first late-notice trigger, else individuals. */
export function latePartyOf(remedy: Remedy): LateParty {
  for (const trigger of triggersOf(remedy)) {
    const party = LATE_PARTY[trigger.violation];
    if (party) return party;
  }
  return 'individuals';
}

export function lateness(party: LateParty, obligation: NoticeObligation, noticeDate: string): Lateness {
  const due = obligation.due.kind === 'date' ? obligation.due.date : obligation.due.text;
  if (obligation.duty === 'deemed-met') return { kind: 'no-duty', party, noticeDate, text: `the ${party} duty is deemed met: ${obligation.reason}` };
  if (obligation.duty === 'none' || obligation.duty === 'not-required') {
    return { kind: 'no-duty', party, noticeDate, text: `no duty to notify ${party}: ${obligation.reason}` };
  }
  if (noticeDate === 'on-time' || !isIsoDate(noticeDate)) {
    return { kind: 'on-time', party, noticeDate, due, text: 'notice-date=on-time: every notice is given by its deadline' };
  }
  if (obligation.duty === 'unknown' || obligation.due.kind !== 'date') {
    return { kind: 'open', party, noticeDate, text: obligation.due.kind === 'date' ? `${obligation.reason}` : obligation.due.text };
  }
  const days = daysBetween(obligation.due.date, noticeDate);
  return days > 0
    ? { kind: 'late', party, noticeDate, due: obligation.due.date, days }
    : { kind: 'on-time', party, noticeDate, due: obligation.due.date, text: `notice on ${noticeDate} is within the deadline ${obligation.due.date}` };
}

export interface ViolationFacts {
  jurisdiction: string;
  settings: AssumptionSettings;
  lateness: Readonly<Record<LateParty, Lateness>>;
}

/** Status of one violation in one jurisdiction: counsel's explicit setting first, then the facts. */
export function findViolation(kind: ViolationKind, facts: ViolationFacts): { status: ViolationStatus; why: string } {
  const explicit = violationSetting(facts.settings, kind, facts.jurisdiction);
  if (explicit === 'assumed') return { status: 'assumed', why: `assumed by counsel (${violationKey(kind)}=assumed)` };
  if (explicit === 'ruled-out') return { status: 'ruled-out', why: `ruled out by counsel (${violationKey(kind)}=ruled-out)` };
  const party = LATE_PARTY[kind];
  if (party) {
    const late = facts.lateness[party];
    switch (late.kind) {
      case 'late':
        return { status: 'established', why: `notice to ${party} on ${late.noticeDate} is ${late.days} day(s) after the deadline ${late.due}` };
      case 'open':
        return { status: 'not-assumed', why: `whether notice to ${party} on ${late.noticeDate} is late is for counsel (${late.text}); set ${violationKey(kind)}=assumed to count it` };
      default:
        return { status: 'ruled-out', why: late.text };
    }
  }
  switch (kind) {
    case 'security-duty': {
      const security = assumptionFor(facts.settings, 'reasonable-security', facts.jurisdiction);
      if (security === 'not-maintained') return { status: 'established', why: 'reasonable-security=not-maintained' };
      if (security === 'maintained') return { status: 'ruled-out', why: 'reasonable-security=maintained' };
      return { status: 'not-assumed', why: 'reasonable security is not stated (reasonable-security=unknown)' };
    }
    case 'notice-content': {
      const noticeDate = facts.lateness.individuals.noticeDate;
      if (noticeDate === 'on-time') return { status: 'ruled-out', why: 'notice-date=on-time: notices are given on time and in the required form' };
      return { status: 'not-assumed', why: `defective notice content is not assumed (set ${violationKey(kind)}=assumed)` };
    }
    default:
      return { status: 'not-assumed', why: `not assumed (set ${violationKey(kind)}=assumed)` };
  }
}

export interface ViolationGate {
  /** The violation holds in the stated scenario (established or assumed). */
  stated: boolean;
  /** The facts allow the violation (not ruled out): counted in the high scenario. */
  high: boolean;
  findings: TriggerFinding[];
  summary: string;
}

export function violationGate(remedy: Remedy, facts: ViolationFacts): ViolationGate {
  const findings = triggersOf(remedy).map((trigger) => ({ ...trigger, ...findViolation(trigger.violation, facts) }));
  const stated = findings.some((f) => f.status === 'established' || f.status === 'assumed');
  const high = findings.some((f) => f.status !== 'ruled-out');
  const summary = findings.map((f) => `${f.violation} [${f.citation}]: ${f.status} — ${f.why}`).join('; ');
  return { stated, high, findings, summary };
}
