/** Shapes of the obligations report, taken from the contract (the renderer never imports the law engine). */
import type { ObligationsResult } from '../../../../shared/contract/api';

export type JurisdictionObligations = ObligationsResult['jurisdictions'][number];
export type NoticeObligation = JurisdictionObligations['individuals'];
export type BasisCounts = JurisdictionObligations['residents'];

export const PARTIES = [
  { key: 'individuals', label: 'Individuals' },
  { key: 'regulator', label: 'Regulator' },
  { key: 'consumerReportingAgencies', label: 'Credit agencies' },
] as const;

export interface DatedDuty {
  date: string;
  jurisdiction: string;
  party: string;
  duty: NoticeObligation['duty'];
}

/** Every duty with a fixed due date that is (or may be) owed, earliest first. */
export function datedDuties(jurisdictions: readonly JurisdictionObligations[]): DatedDuty[] {
  return jurisdictions
    .flatMap((j) =>
      PARTIES.flatMap(({ key, label }) => {
        const o = j[key];
        const owed = o.duty === 'required' || o.duty === 'possibly-required';
        return o.due.kind === 'date' && owed ? [{ date: o.due.date, jurisdiction: j.jurisdiction, party: label, duty: o.duty }] : [];
      }),
    )
    .sort((a, b) => a.date.localeCompare(b.date) || a.jurisdiction.localeCompare(b.jurisdiction));
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** Today's calendar date where the case is (deadlines are calendar dates in the case's time zone). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** "12 d left", "due today", "overdue by 3 d". */
export function daysLeftText(today: string, due: string): string {
  const days = daysBetween(today, due);
  if (days === 0) return 'due today';
  return days > 0 ? `${days} d left` : `overdue by ${-days} d`;
}

/** The engine joins the reasons behind a decision with " | " and "; ": one list item each. */
export function whyItems(why: string): string[] {
  return why
    .split(/ \| |; /)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A duty that is not owed has no deadline to show, whatever the pack says about its timing. */
export function isOwed(duty: NoticeObligation['duty']): boolean {
  return duty === 'required' || duty === 'possibly-required' || duty === 'unknown';
}
