import { ASSUMPTION_KEYS, ASSUMPTIONS, type AssumptionSettings } from './assumptions';
import type { AssessmentInput } from './types';

export interface SensitivityRow {
  key: string;
  current: string;
  outcomes: Array<{ value: string; stated: number; delta: number }>;
  /** Largest minus smallest stated total across the outcomes (the bar length of a tornado chart). */
  swing: number;
}

/**
 * How far each case-wide assumption moves the stated-scenario total (known components only).
 * Per-state overrides stay fixed while the case-wide value varies.
 */
export function sensitivity(
  report: { assumptions: Record<string, { value: string }>; totals: { stated: number } },
  settings: AssumptionSettings,
  input: AssessmentInput,
  statedWith: (settings: AssumptionSettings) => { stated: number },
  relevant: (key: string) => boolean = () => true,
): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  for (const key of ASSUMPTION_KEYS) {
    const spec = ASSUMPTIONS[key];
    if (!spec.global || spec.alternatives.length === 0 || !relevant(key)) continue;
    const current = report.assumptions[key]!.value;
    const alternatives = key === 'incidents' ? ['1', String(Number(current) + 1)] : spec.alternatives;
    const values = [...new Set([current, ...alternatives])];
    if (key === 'notice-date' && input.plannedNoticeDate === undefined && settings[key] === undefined) continue;
    const outcomes = values.map((value) => {
      const stated = value === current ? report.totals.stated : statedWith({ ...settings, [key]: value }).stated;
      return { value, stated, delta: stated - report.totals.stated };
    });
    const totals = outcomes.map((o) => o.stated);
    rows.push({ key, current, outcomes, swing: Math.max(...totals) - Math.min(...totals) });
  }
  return rows.sort((a, b) => b.swing - a.swing || (a.key < b.key ? -1 : 1));
}
