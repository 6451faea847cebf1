/** Time parsing for log sources: every result is UTC ISO 8601 with milliseconds, or null when unparseable. */

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** UTC milliseconds for wall-clock parts, or null when a part is out of range (e.g. 31 February). */
export function utcMsFromParts(p: DateTimeParts): number | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return null;
  const ms = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== p.year || check.getUTCDate() !== p.day) return null;
  return ms;
}

export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds from 0–9 fraction digits (extra digits truncated, so `.13` is 130 ms). */
export function fractionToMs(fraction: string | undefined): number {
  if (!fraction) return 0;
  return Number(fraction.slice(0, 3).padEnd(3, '0'));
}

function isValidDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return utcMsFromParts({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0, millisecond: 0 }) !== null;
}

/** UTC milliseconds for a match whose groups 1–7 are year, month, day, hour, minute, second (optional) and fraction. */
function utcMsFromMatch(m: RegExpExecArray): number | null {
  return utcMsFromParts({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    millisecond: fractionToMs(m[7]),
  });
}

const ELF_TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?$/;

/** EventLogFile `TIMESTAMP`: `yyyyMMddHHmmss` in GMT with 0–3 fraction digits. */
export function elfTimestampToIso(text: string): string | null {
  const m = ELF_TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const ms = utcMsFromMatch(m);
  return ms === null ? null : isoFromMs(ms);
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

const CANONICAL_UTC = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
let lastValidDay = '';

/** ISO 8601 with an explicit zone (`Z`, `+0000`, `+00:00`), as Salesforce APIs write it. */
export function isoDateTimeToUtc(text: string): string | null {
  // Fast path for text already in the output form (ELF TIMESTAMP_DERIVED); log rows share their day.
  const canonical = CANONICAL_UTC.exec(text);
  if (canonical && (canonical[1] === lastValidDay || isValidDay(canonical[1]!))) {
    lastValidDay = canonical[1]!;
    return text;
  }
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return null;
  const ms = utcMsFromMatch(m);
  if (ms === null) return null;
  const offset = offsetMinutes(m[8] ?? 'Z');
  return offset === null ? null : isoFromMs(ms - offset * 60_000);
}

/** Minutes east of UTC for `Z`, `+05`, `+0530`, `-05:30`; null when malformed. */
export function offsetMinutes(text: string): number | null {
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 18 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset in minutes at a UTC instant. Throws RangeError for an unknown zone. */
export function zoneOffsetAt(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** UTC milliseconds for a wall-clock time in an IANA zone (a skipped or repeated hour takes the earlier offset). */
export function zonedWallTimeToUtcMs(wallUtcMs: number, timeZone: string): number {
  const first = zoneOffsetAt(timeZone, wallUtcMs);
  const guess = wallUtcMs - first * 60_000;
  const second = zoneOffsetAt(timeZone, guess);
  return second === first ? guess : wallUtcMs - Math.max(first, second) * 60_000;
}
