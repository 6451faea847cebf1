import { fractionToMs, offsetMinutes, zonedWallTimeToUtcMs } from '../util/time';
import { clean } from './text';

const ISO_DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const SLASH_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:$|[T ])/;

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** YYYY-MM-DD, or null for a day that does not exist. Years 0–99 are refused: `Date.UTC` would take them as 19xx. */
function validDate(year: number, month: number, day: number): string | null {
  if (year < 100 || month < 1 || month > 12 || day < 1) return null;
  if (day > (month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number))) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * YYYY-MM-DD from an ISO date (optionally with a time, as Data Export writes `1980-05-17 00:00:00`) or a
 * slash date. Slash dates are month-first unless the locale is not `en-US` or the first number cannot be a month.
 */
export function normalizeDate(raw: string | null | undefined, locale?: string): string | null {
  const value = clean(raw);
  if (value === null) return null;
  const iso = ISO_DATE_PREFIX.exec(value);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const slash = SLASH_DATE.exec(value);
  if (!slash) return null;
  const [a, b, year] = [Number(slash[1]), Number(slash[2]), Number(slash[3])];
  const dayFirst = (locale !== undefined && locale !== 'en-US') || a > 12;
  return dayFirst ? validDate(year, b, a) : validDate(year, a, b);
}

/** True for a slash date whose day and month could be swapped (`5/6/2010`): both numbers are 12 or less and differ. */
export function isAmbiguousSlashDate(raw: string | null | undefined): boolean {
  const m = SLASH_DATE.exec(clean(raw) ?? '');
  return m !== null && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2];
}

/** A timestamp already in the output form (Data Loader and API extracts): no conversion to do. */
const CANONICAL_UTC = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i;

/**
 * UTC ISO 8601 with milliseconds from the timestamp shapes exports use: `2023-02-07 20:44:05` (Data Export, GMT),
 * `2023-02-07T20:44:05.000Z` (Data Loader), `2026-05-01 10:00:00 +0200` (Shopify). A timestamp without an offset
 * is wall time in `timeZone`, UTC by default: Data Export and Magento write GMT.
 */
export function normalizeTimestamp(raw: string | null | undefined, timeZone?: string): string | null {
  const value = clean(raw);
  if (value === null) return null;
  const canonical = CANONICAL_UTC.exec(value);
  if (canonical) return validDate(Number(canonical[1]), Number(canonical[2]), Number(canonical[3])) === null ? null : value;
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (date === null) return null;
  const [hh, mm, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 60) return null;
  const ms = fractionToMs(m[7]);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hh, mm, ss, ms);
  const zone = m[8]?.toUpperCase();
  if (!zone) return new Date(timeZone ? zonedWallTimeToUtcMs(wall, timeZone) : wall).toISOString();
  const offset = zone === 'UTC' || zone === 'GMT' ? 0 : offsetMinutes(zone);
  return offset === null ? null : new Date(wall - offset * 60_000).toISOString();
}
