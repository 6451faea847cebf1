import { describe, expect, it } from 'vitest';
import { addBusinessDays, federalHolidayCalendar, isBusinessDay, observedHolidays } from '../../../shared/law/business-days';

const calendar = federalHolidayCalendar();

describe('US federal holidays (from data)', () => {
  it('lists the observed 2025 holidays', () => {
    expect([...observedHolidays(calendar, 2025)].sort()).toEqual([
      '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04',
      '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
    ]);
  });

  it('moves Saturday holidays to Friday and Sunday holidays to Monday', () => {
    const h2027 = observedHolidays(calendar, 2027);
    expect(h2027.has('2027-07-05')).toBe(true); // July 4, 2027 is a Sunday
    expect(h2027.has('2027-12-24')).toBe(true); // Christmas 2027 is a Saturday
    expect(isBusinessDay(calendar, '2027-12-31')).toBe(false); // New Year's Day 2028 is a Saturday
  });

  it('applies Juneteenth only from 2021', () => {
    expect(isBusinessDay(calendar, '2020-06-19')).toBe(true);
    expect(isBusinessDay(calendar, '2023-06-19')).toBe(false);
  });
});

describe('business-day arithmetic', () => {
  it('skips weekends and the Independence Day holiday: 14 business days from Mon 2025-06-30', () => {
    expect(addBusinessDays(calendar, '2025-06-30', 14)).toBe('2025-07-21');
  });

  it('skips Thanksgiving', () => {
    expect(addBusinessDays(calendar, '2025-11-24', 3)).toBe('2025-11-28');
  });

  it('does not count the start day, even when it is a weekend', () => {
    expect(addBusinessDays(calendar, '2025-03-08', 1)).toBe('2025-03-10');
    expect(addBusinessDays(calendar, '2025-03-10', 0)).toBe('2025-03-10');
  });
});
