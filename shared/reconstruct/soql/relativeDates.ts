/**
 * Resolves SOQL relative date literals to half-open UTC ranges [start, end) around the event's own timestamp.
 * Salesforce resolves them in the querying user's time zone and locale; the logs do not carry those, so we use UTC
 * and a Sunday week start (the en_US locale).
 */
import type { RelativeDateName, RelativeDateNameWithN } from './ast';

export interface UtcRange {
  /** Inclusive, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  readonly start: string;
  /** Exclusive, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  readonly end: string;
}

const DAY_MS = 86_400_000;

export function resolveRelativeDate(name: RelativeDateName, eventTime: Date): UtcRange {
  const today = startOfUtcDay(eventTime);
  const year = eventTime.getUTCFullYear();
  const month = eventTime.getUTCMonth();
  const weekStart = today - eventTime.getUTCDay() * DAY_MS;
  switch (name) {
    case 'TODAY':
      return days(today, 0, 1);
    case 'YESTERDAY':
      return days(today, -1, 0);
    case 'TOMORROW':
      return days(today, 1, 2);
    case 'LAST_WEEK':
      return days(weekStart, -7, 0);
    case 'THIS_WEEK':
      return days(weekStart, 0, 7);
    case 'NEXT_WEEK':
      return days(weekStart, 7, 14);
    case 'LAST_MONTH':
      return range(Date.UTC(year, month - 1, 1), Date.UTC(year, month, 1));
    case 'THIS_MONTH':
      return range(Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1));
    case 'NEXT_MONTH':
      return range(Date.UTC(year, month + 1, 1), Date.UTC(year, month + 2, 1));
    case 'LAST_90_DAYS':
      return resolveRelativeDateN('LAST_N_DAYS', 90, eventTime);
    case 'NEXT_90_DAYS':
      return resolveRelativeDateN('NEXT_N_DAYS', 90, eventTime);
    case 'LAST_YEAR':
      return range(Date.UTC(year - 1, 0, 1), Date.UTC(year, 0, 1));
    case 'THIS_YEAR':
      return range(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1));
    case 'NEXT_YEAR':
      return range(Date.UTC(year + 1, 0, 1), Date.UTC(year + 2, 0, 1));
  }
}

/** LAST_N_DAYS:n includes today (n + 1 days: LAST_N_DAYS:1 is yesterday and today); NEXT_N_DAYS:n starts tomorrow. */
export function resolveRelativeDateN(name: RelativeDateNameWithN, n: number, eventTime: Date): UtcRange {
  const today = startOfUtcDay(eventTime);
  return name === 'LAST_N_DAYS' ? days(today, -n, 1) : days(today, 1, n + 1);
}

/** The whole UTC day of a `YYYY-MM-DD` date literal. */
export function dayRange(date: string): UtcRange {
  const start = Date.parse(`${date}T00:00:00.000Z`);
  return range(start, start + DAY_MS);
}

function startOfUtcDay(time: Date): number {
  return Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
}

function days(base: number, fromDays: number, toDays: number): UtcRange {
  return range(base + fromDays * DAY_MS, base + toDays * DAY_MS);
}

function range(startMs: number, endMs: number): UtcRange {
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
}
