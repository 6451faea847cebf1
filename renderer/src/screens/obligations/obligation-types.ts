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
