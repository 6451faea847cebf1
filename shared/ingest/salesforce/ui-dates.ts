/**
 * Dates as the Salesforce UI prints them in CSV downloads: `9/10/2026, 4:21:14 AM PDT`, `10/09/2026 04:21 BST`.
 * Day/month order is decided per file: dates with a part above 12 prove it; otherwise `options.locale` decides;
 * otherwise the documented default is month/day (en-US, Salesforce's default locale) and a warning says so.
 * Zone labels are abbreviations (Java short names), offsets, or IANA names. An abbreviation with several meanings
 * (CST, IST, BST, AST, GST) takes the meaning `options.timeZone` has at that date; without it the documented
 * default (the first meaning listed below) is used and a warning says so. Dates without a zone use
 * `options.timeZone`, else UTC with a warning.
 */
import { fractionToMs, isoDateTimeToUtc, isoFromMs, offsetMinutes, utcMsFromParts, zonedWallTimeToUtcMs } from '../../util/time';

export type DayMonthOrder = 'MDY' | 'DMY';

/** Minutes east of UTC; the first entry is the default meaning. */
const ZONE_ABBREVIATIONS: Readonly<Record<string, readonly number[]>> = {
  UTC: [0], UT: [0], GMT: [0], Z: [0], WET: [0], WEST: [60], CET: [60], CEST: [120], MET: [60], MEST: [120],
  EET: [120], EEST: [180], MSK: [180], SAST: [120], PKT: [300], SGT: [480], HKT: [480], JST: [540], KST: [540],
  AEST: [600], AEDT: [660], ACST: [570], ACDT: [630], AWST: [480], NZST: [720], NZDT: [780],
  EST: [-300], EDT: [-240], CDT: [-300], MST: [-420], MDT: [-360], PST: [-480], PDT: [-420], AKST: [-540],
  AKDT: [-480], HST: [-600], HDT: [-540], NST: [-210], NDT: [-150], ADT: [-180], BRT: [-180], ART: [-180],
  CST: [-360, 480, -300], IST: [330, 60, 120], BST: [60, 360], AST: [-240, 180], GST: [240, -120],
};

const UI_DATE =
  /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,](\d{1,3}))?\s*([AaPp]\.?\s?[Mm]\.?)?\s*(.*)$/;

function orderForLocale(locale: string): DayMonthOrder | null {
  try {
    const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(
      new Date(Date.UTC(2020, 10, 22)),
    );
    const month = parts.findIndex((p) => p.type === 'month');
    const day = parts.findIndex((p) => p.type === 'day');
    return month < day ? 'MDY' : 'DMY';
  } catch {
    return null;
  }
}

export interface UiDateOptions {
  locale?: string;
  timeZone?: string;
}

export class UiDateResolver {
  readonly order: DayMonthOrder;
  private readonly notes = new Set<string>();

  /** Decides the day/month order from every date text of the file. */
  constructor(texts: readonly string[], private readonly options: UiDateOptions) {
    let monthFirst = 0;
    let dayFirst = 0;
    let ambiguous = 0;
    for (const text of texts) {
      const m = UI_DATE.exec(text.trim());
      if (!m || m[1]!.length === 4) continue;
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 12 && b <= 12) dayFirst++;
      else if (b > 12 && a <= 12) monthFirst++;
      else ambiguous++;
    }
    const fromLocale = options.locale ? orderForLocale(options.locale) : null;
    if (dayFirst > 0 && monthFirst > 0) {
      this.order = fromLocale ?? 'MDY';
      this.notes.add(`Dates in this file disagree on day/month order; read as ${describe(this.order)}, and dates that do not fit are rejected.`);
    } else if (dayFirst > 0 || monthFirst > 0) {
      this.order = dayFirst > 0 ? 'DMY' : 'MDY';
      if (fromLocale && fromLocale !== this.order) {
        this.notes.add(`Locale ${options.locale} says ${describe(fromLocale)}, but the dates prove ${describe(this.order)}; the dates win.`);
      }
    } else if (fromLocale) {
      this.order = fromLocale;
      if (ambiguous > 0) {
        this.notes.add(`${ambiguous} date(s) in this file could be month/day or day/month; read as ${describe(fromLocale)} by locale ${options.locale}.`);
      }
    } else {
      this.order = 'MDY';
      if (ambiguous > 0) {
        this.notes.add('Dates could be month/day or day/month and no locale was given; read as month/day (en-US, the documented default). Re-import with a locale if the exporting user used another.');
      }
    }
  }

  /** Warnings collected so far (each once). */
  warnings(): string[] {
    return [...this.notes];
  }

  /** UTC ISO time, or the reason the text is not a date. */
  parse(text: string): { iso: string } | { error: string } {
    const trimmed = text.trim();
    const iso = isoDateTimeToUtc(trimmed);
    if (iso) return { iso };
    const m = UI_DATE.exec(trimmed);
    if (!m) return { error: `"${text}" is not a date and time` };
    const [yearText, month, day] = m[1]!.length === 4 ? [m[1], m[2], m[3]] : this.order === 'MDY' ? [m[3], m[1], m[2]] : [m[3], m[2], m[1]];
    let year = yearText;
    if (year!.length === 2) year = `20${year}`;
    let hour = Number(m[4]);
    const meridiem = m[8]?.replace(/[.\s]/g, '').toUpperCase();
    if (meridiem && (hour < 1 || hour > 12)) return { error: `"${text}" has an hour that does not fit AM/PM` };
    if (meridiem === 'AM' && hour === 12) hour = 0;
    if (meridiem === 'PM' && hour !== 12) hour += 12;
    const wall = utcMsFromParts({
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour,
      minute: Number(m[5]),
      second: Number(m[6] ?? 0),
      millisecond: fractionToMs(m[7]),
    });
    if (wall === null) return { error: `"${text}" is not a valid ${describe(this.order)} date` };
    const offset = this.offsetFor(m[9]!.trim(), wall);
    if (typeof offset === 'string') return { error: offset };
    return { iso: isoFromMs(wall - offset * 60_000) };
  }

  /** Minutes east of UTC for the zone label at this wall time, or an error message. */
  private offsetFor(label: string, wall: number): number | string {
    const zone = this.options.timeZone;
    const zoneOffset = (): number => Math.round((wall - zonedWallTimeToUtcMs(wall, zone!)) / 60_000);
    if (label === '') {
      if (zone) return zoneOffset();
      this.notes.add('Some dates carry no time zone and no time zone was given; they are read as UTC.');
      return 0;
    }
    const upper = label.toUpperCase();
    const numeric = /^(?:GMT|UTC)?\s*([+-]\d{1,2}(?::?\d{2})?)$/.exec(upper);
    if (numeric) return offsetMinutes(numeric[1]!) ?? `zone offset "${label}" is malformed`;
    const meanings = ZONE_ABBREVIATIONS[upper];
    if (meanings && meanings.length === 1) return meanings[0]!;
    if (meanings) {
      if (zone) {
        const inZone = zoneOffset();
        if (meanings.includes(inZone)) return inZone;
      }
      this.notes.add(
        `The zone label ${upper} has several meanings; read as UTC${formatOffset(meanings[0]!)} (the documented default)` +
          (zone ? ` because ${zone} does not use it` : ' because no time zone was given') + '.',
      );
      return meanings[0]!;
    }
    if (label.includes('/')) {
      try {
        return Math.round((wall - zonedWallTimeToUtcMs(wall, label)) / 60_000);
      } catch {
        return `unknown time zone "${label}"`;
      }
    }
    if (zone) {
      this.notes.add(`The zone label ${label} is unknown; those dates are read in ${zone}.`);
      return zoneOffset();
    }
    return `unknown time zone label "${label}"; give the time zone to import these dates`;
  }
}

function describe(order: DayMonthOrder): string {
  return order === 'MDY' ? 'month/day' : 'day/month';
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
