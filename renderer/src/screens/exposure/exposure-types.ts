/** Shapes of the exposure report, taken from the contract (the renderer never imports the law engine). */
import type { ExposureResult } from '../../../../shared/contract/api';

export type JurisdictionExposure = ExposureResult['jurisdictions'][number];
export type ExposureComponent = JurisdictionExposure['components'][number];
export type Money = ExposureComponent['stated'];
export type SensitivityRow = ExposureResult['sensitivity'][number];
export type Scenario = 'low' | 'stated' | 'high';
export const SCENARIOS: readonly Scenario[] = ['low', 'stated', 'high'];

/** Assumption settings as the contract takes them: `key=value`, in a stable order. */
export function assumptionArgs(settings: Readonly<Record<string, string>>): string[] {
  return Object.keys(settings)
    .sort()
    .map((key) => `${key}=${settings[key]}`);
}

export function isKnown(value: Money): value is number {
  return typeof value === 'number';
}

/** Axis labels: $1.2M, $35k, $420. */
export function compactDollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const dollars = Math.abs(cents) / 100;
  if (dollars >= 1e6) return `${sign}$${(dollars / 1e6).toFixed(1)}M`;
  if (dollars >= 1e3) return `${sign}$${(dollars / 1e3).toFixed(0)}k`;
  return `${sign}$${dollars.toFixed(0)}`;
}
