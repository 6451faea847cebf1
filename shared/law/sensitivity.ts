import { ASSUMPTION_KEYS, ASSUMPTIONS, type AssumptionSettings } from './assumptions';
import type { AssessmentInput } from './types';

export interface SensitivityRow {
  key: string;
  current: string;
  outcomes: Array<{ value: string; expected: number; delta: number }>;
  /** Largest minus smallest expected total across the outcomes (the bar length of a tornado chart). */
  swing: number;
}

/**
 * How far each case-wide assumption moves the expected total (known components only).
 * Per-state overrides stay fixed while the case-wide value varies.
 */
export function sensitivity(
  report: { assumptions: Record<string, { value: string }>; totals: { expected: number } },
  settings: AssumptionSettings,
  input: AssessmentInput,
  expectedWith: (settings: AssumptionSettings) => { expected: number },
): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  for (const key of ASSUMPTION_KEYS) {
    const spec = ASSUMPTIONS[key];
    if (!spec.global || spec.alternatives.length === 0) continue;
    const current = report.assumptions[key]!.value;
    const alternatives = key === 'incidents' ? ['1', String(Number(current) + 1)] : spec.alternatives;
    const values = [...new Set([current, ...alternatives])];
    if (key === 'notice-date' && input.plannedNoticeDate === undefined && settings[key] === undefined) continue;
    const outcomes = values.map((value) => {
      const expected = value === current ? report.totals.expected : expectedWith({ ...settings, [key]: value }).expected;
      return { value, expected, delta: expected - report.totals.expected };
    });
    const totals = outcomes.map((o) => o.expected);
    rows.push({ key, current, outcomes, swing: Math.max(...totals) - Math.min(...totals) });
  }
  return rows.sort((a, b) => b.swing - a.swing || (a.key < b.key ? -1 : 1));
}
