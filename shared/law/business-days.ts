import { readFileSync } from 'node:fs';
import { LedgerError } from '../contract/errors';
import { sha256Hex } from '../util/hash';
import { Checker, join } from './checker';
import { addDays, weekday, ymd } from './dates';
import { CONFIDENCES, type Confidence, type IsoDate } from './types';

type HolidayRule =
  | { kind: 'fixed'; month: number; day: number }
  | { kind: 'nth-weekday'; month: number; weekday: number; n: number }
  | { kind: 'last-weekday'; month: number; weekday: number };

export interface HolidayCalendar {
  name: string;
  citation: string;
  url: string;
  confidence: Confidence;
  note: string;
  /** Days to shift a holiday that falls on Saturday / Sunday. */
  observance: { saturday: number; sunday: number };
  holidays: Array<{ name: string; rule: HolidayRule; fromYear?: number }>;
  sha256: string;
}

const CALENDAR_URL = new URL('./calendar/us-federal-holidays.json', import.meta.url);
const SATURDAY = 6;
const SUNDAY = 0;

let cached: HolidayCalendar | undefined;

export function federalHolidayCalendar(): HolidayCalendar {
  cached ??= parseHolidayCalendar(readFileSync(CALENDAR_URL), 'us-federal-holidays.json');
  return cached;
}

export function parseHolidayCalendar(bytes: Buffer, fileName: string): HolidayCalendar {
  const check = new Checker(fileName);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', `${fileName} is not valid JSON: ${(error as Error).message}.`);
  }
  if (check.object(value, '', ['schema', 'name', 'citation', 'url', 'confidence', 'note', 'observance', 'holidays'])) {
    for (const key of ['name', 'citation', 'url', 'note']) check.string(value[key], key);
    check.oneOf(value.confidence, 'confidence', CONFIDENCES);
    if (check.object(value.observance, 'observance', ['saturday', 'sunday'])) {
      check.integer(value.observance.saturday, 'observance.saturday', -1, 1);
      check.integer(value.observance.sunday, 'observance.sunday', -1, 1);
    }
    if (check.array(value.holidays, 'holidays', true)) value.holidays.forEach((holiday, i) => checkHoliday(check, holiday, `holidays[${i}]`));
  }
  if (check.errors.length > 0) throw new LedgerError('INVALID_INPUT', `Holiday calendar is invalid: ${check.errors.join('; ')}.`, { errors: check.errors });
  const sha256 = sha256Hex(bytes);
  return { ...(value as Omit<HolidayCalendar, 'sha256'>), sha256 };
}

function checkHoliday(check: Checker, holiday: unknown, path: string): void {
  if (!check.object(holiday, path, ['name', 'rule'], ['fromYear'])) return;
  check.string(holiday.name, join(path, 'name'));
  if (holiday.fromYear !== undefined) check.integer(holiday.fromYear, join(path, 'fromYear'), 1800, 9999);
  const rule = holiday.rule as Record<string, unknown>;
  const rpath = join(path, 'rule');
  if (typeof rule !== 'object' || rule === null || !check.oneOf(rule.kind, join(rpath, 'kind'), ['fixed', 'nth-weekday', 'last-weekday'] as const)) return;
  const fields = rule.kind === 'fixed' ? ['kind', 'month', 'day'] : rule.kind === 'nth-weekday' ? ['kind', 'month', 'weekday', 'n'] : ['kind', 'month', 'weekday'];
  if (!check.object(rule, rpath, fields)) return;
  check.integer(rule.month, join(rpath, 'month'), 1, 12);
  if (rule.day !== undefined) check.integer(rule.day, join(rpath, 'day'), 1, 31);
  if (rule.weekday !== undefined) check.integer(rule.weekday, join(rpath, 'weekday'), 0, 6);
  if (rule.n !== undefined) check.integer(rule.n, join(rpath, 'n'), 1, 5);
}

const observedByYear = new Map<string, ReadonlySet<IsoDate>>();

/** Observed holiday dates whose statutory date falls in `year` (an observed date may fall in the year before). */
export function observedHolidays(calendar: HolidayCalendar, year: number): ReadonlySet<IsoDate> {
  const key = `${calendar.sha256}:${year}`;
  let dates = observedByYear.get(key);
  if (!dates) {
    dates = new Set(
      calendar.holidays
        .filter((holiday) => holiday.fromYear === undefined || year >= holiday.fromYear)
        .map((holiday) => observe(calendar, holidayDate(holiday.rule, year))),
    );
    observedByYear.set(key, dates);
  }
  return dates;
}

export function isBusinessDay(calendar: HolidayCalendar, date: IsoDate): boolean {
  const day = weekday(date);
  if (day === SATURDAY || day === SUNDAY) return false;
  const year = Number(date.slice(0, 4));
  return !observedHolidays(calendar, year).has(date) && !observedHolidays(calendar, year + 1).has(date);
}

/** The `count`-th business day after `start` (the start day itself is not counted). */
export function addBusinessDays(calendar: HolidayCalendar, start: IsoDate, count: number): IsoDate {
  let date = start;
  let remaining = count;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isBusinessDay(calendar, date)) remaining--;
  }
  return date;
}

function holidayDate(rule: HolidayRule, year: number): IsoDate {
  switch (rule.kind) {
    case 'fixed':
      return ymd(year, rule.month, rule.day);
    case 'nth-weekday': {
      const first = ymd(year, rule.month, 1);
      const offset = (rule.weekday - weekday(first) + 7) % 7;
      return addDays(first, offset + (rule.n - 1) * 7);
    }
    case 'last-weekday': {
      const last = addDays(ymd(rule.month === 12 ? year + 1 : year, rule.month === 12 ? 1 : rule.month + 1, 1), -1);
      return addDays(last, -((weekday(last) - rule.weekday + 7) % 7));
    }
  }
}

function observe(calendar: HolidayCalendar, date: IsoDate): IsoDate {
  const day = weekday(date);
  if (day === SATURDAY) return addDays(date, calendar.observance.saturday);
  if (day === SUNDAY) return addDays(date, calendar.observance.sunday);
  return date;
}
