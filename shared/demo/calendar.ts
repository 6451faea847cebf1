/** The fixed timeline every generated breach shares (no wall clock anywhere), and the date formats of each source. */

const DAY_MS = 86_400_000;

export const TIMELINE = {
  /** CRM records are created from here… */
  dataStart: Date.UTC(2019, 0, 7),
  /** …up to here; nothing in the CRM changes after `lastModifiedEnd`, so the export equals the attack-time data. */
  dataEnd: Date.UTC(2025, 4, 31),
  lastModifiedEnd: Date.UTC(2025, 5, 15),
  /**
   * No record is created in this window, so a `LAST_N_DAYS:n` boundary placed inside it selects the same records
   * whatever the org time zone and whichever reading of "n days" an evaluator uses.
   */
  creationGap: { start: Date.UTC(2024, 5, 11), end: Date.UTC(2024, 5, 21) },
  appAuthorized: Date.UTC(2025, 5, 16, 13, 52, 7, 412),
  attackStart: Date.UTC(2025, 5, 16, 14, 3, 41, 88),
  attackEnd: Date.UTC(2025, 5, 17, 2, 41, 19, 530),
  /** Logs run to the end of the day before discovery; the Data Export is taken at discovery. */
  logEnd: Date.UTC(2025, 5, 23),
  discovery: Date.UTC(2025, 5, 23, 16, 20),
} as const;

export { DAY_MS };

/** Maps a uniform position in [0, 1) onto the creation period, skipping the creation gap. */
export function creationTime(position: number): number {
  const gap = TIMELINE.creationGap.end - TIMELINE.creationGap.start;
  const span = TIMELINE.dataEnd - TIMELINE.dataStart - gap;
  const t = TIMELINE.dataStart + Math.floor(position * span);
  return t >= TIMELINE.creationGap.start ? t + gap : t;
}

/** Moves a time that landed in the creation gap to the gap's end. */
export function outsideGap(t: number): number {
  const { start, end } = TIMELINE.creationGap;
  return t >= start && t < end ? end + (t - start) : t;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function isoTime(t: number): string {
  return new Date(t).toISOString();
}

export function isoDay(t: number): string {
  return isoTime(t).slice(0, 10);
}

/** ELF `TIMESTAMP`: `yyyyMMddHHmmss.SSS` in GMT. */
export function elfTimestamp(t: number): string {
  const d = new Date(t);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** Data Export datetime: `YYYY-MM-DD HH:MM:SS` GMT, no milliseconds. */
export function exportDateTime(t: number): string {
  return isoTime(t).slice(0, 19).replace('T', ' ');
}

/** Data Export date field: the date at midnight. */
export function exportDate(day: string): string {
  return `${day} 00:00:00`;
}

/** RTEM REST datetime: `2023-03-21T10:04:39.747+0000`. */
export function rtemDateTime(t: number): string {
  return isoTime(t).replace('Z', '+0000');
}

function usPacificIsDaylight(t: number): boolean {
  const year = new Date(t).getUTCFullYear();
  const nthSunday = (month: number, n: number): number => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (n - 1) * 7;
  };
  const start = Date.UTC(year, 2, nthSunday(2, 2), 10);
  const end = Date.UTC(year, 10, nthSunday(10, 1), 9);
  return t >= start && t < end;
}

/** Setup Audit Trail download date for an en-US user in America/Los_Angeles: `6/16/2025, 6:52:07 AM PDT`. */
export function auditTrailDate(t: number): string {
  const daylight = usPacificIsDaylight(t);
  const d = new Date(t - (daylight ? 7 : 8) * 3_600_000);
  const hour24 = d.getUTCHours();
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return (
    `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ` +
    `${hour12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hour24 < 12 ? 'AM' : 'PM'} ${daylight ? 'PDT' : 'PST'}`
  );
}
