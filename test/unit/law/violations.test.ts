import { describe, expect, it } from 'vitest';
import { parseAssumptions } from '../../../shared/law/assumptions';
import { assessExposure, type ExposureComponent } from '../../../shared/law/exposure';
import type { AssessmentInput } from '../../../shared/law/types';
import { group, input, packs } from './helpers';

// The violation model: low = no violation beyond the breach; stated = established or assumed violations; high = every
// violation the facts allow. Oregon's penalty (ORS 646A.624) is triggered by notice failures and by the ORS 646A.622 security duty.

function oregon(assessment: AssessmentInput, ...settings: string[]): ExposureComponent {
  const report = assessExposure(packs(), assessment, parseAssumptions(settings));
  return report.jurisdictions.find((j) => j.code === 'US-OR')!.components.find((c) => c.id === 'or-penalty')!;
}

const ten = (overrides: Partial<AssessmentInput> = {}) => input([group('US-OR', 'exact', 10, 'name', 'ssn')], overrides);
const figures = (c: ExposureComponent) => [c.low, c.stated, c.high];
const statusOf = (c: ExposureComponent, violation: string) => c.violations.find((v) => v.violation === violation)!.status;

describe('violation keys', () => {
  it('parses violation.<kind> case-wide and per state, and refuses unknown kinds and values', () => {
    expect(parseAssumptions(['violation.notice-content=assumed', 'or.violation.security-duty=ruled-out'])).toEqual({
      'or.violation.security-duty': 'ruled-out',
      'violation.notice-content': 'assumed',
    });
    expect(() => parseAssumptions(['violation.jaywalking=assumed'])).toThrow(/unknown assumption "violation.jaywalking"/);
    expect(() => parseAssumptions(['violation.security-duty=maybe'])).toThrow(/must be one of assumed, ruled-out/);
  });
});

describe('scenarios as counsel uses them', () => {
  it('facts neither establishing nor excluding a violation: only the high scenario counts it', () => {
    const c = oregon(ten(), 'reasonable-security=unknown');
    expect(figures(c)).toEqual([0, 0, 10 * 100000]);
    expect(statusOf(c, 'security-duty')).toBe('not-assumed');
    expect(statusOf(c, 'late-notice-individuals')).toBe('ruled-out');
  });

  it('an established violation is counted in stated and high, never in low', () => {
    const c = oregon(ten(), 'reasonable-security=not-maintained');
    expect(figures(c)).toEqual([0, 10 * 50000, 10 * 100000]);
    expect(statusOf(c, 'security-duty')).toBe('established');
  });

  it('a notice date past the 45-day deadline establishes late notice to individuals', () => {
    // deadline 2026-02-02 + 45 days = 2026-03-19
    const late = oregon(ten({ plannedNoticeDate: '2026-03-20' }), 'reasonable-security=maintained');
    expect(statusOf(late, 'late-notice-individuals')).toBe('established');
    expect(late.stated).toBe(10 * 50000);
    const onTime = oregon(ten({ plannedNoticeDate: '2026-03-19' }), 'reasonable-security=maintained');
    expect(statusOf(onTime, 'late-notice-individuals')).toBe('ruled-out');
    expect(statusOf(onTime, 'notice-content')).toBe('not-assumed');
    expect(figures(onTime)).toEqual([0, 0, 10 * 100000]);
  });

  it('counsel may assume or rule out a violation, per state over case-wide', () => {
    expect(oregon(ten(), 'reasonable-security=maintained', 'violation.notice-content=assumed').stated).toBe(10 * 50000);
    expect(figures(oregon(ten(), 'violation.security-duty=assumed', 'or.violation.security-duty=ruled-out'))).toEqual([0, 0, 0]);
  });
});
