/**
 * Access outside a user's usual hours: each user's hours are learned from their own activity before the incident window,
 * read in the case's time zone, and only users with enough of that activity are judged.
 */
import { currentEvent } from '../../scope/current-events';
import { eventRows, usernamesById, whoOf, type EventRow, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

/** A user's hours are known only from activity on at least this many days before the window... */
export const MIN_BASELINE_DAYS = 5;
/** ...and at least this many events. */
export const MIN_BASELINE_EVENTS = 20;
/** An hour next to the usual span is not out of hours: a shift that runs a little late is not a signal. */
const MARGIN_HOURS = 1;
/**
 * Setup changes are not access, and their trail reaches back months further than the access logs: mixed in, they would
 * make an admin's sparse logins look unusual against six months of Setup work.
 */
const ACCESS = `e.source_type <> 'setup-audit-trail' AND (e.actor_id IS NOT NULL OR e.username IS NOT NULL)`;

interface Baseline {
  days: Set<string>;
  events: number;
  hours: Set<number>;
}

/**
 * The local calendar day and hour of a UTC timestamp in one IANA zone, remembered per UTC minute (every zone offset is
 * a whole number of minutes, so all events of one minute share their local hour).
 */
function localClock(timeZone: string): (ts: string) => { day: string; hour: number } {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  const seen = new Map<string, { day: string; hour: number }>();
  return (ts) => {
    const minute = ts.slice(0, 16);
    let local = seen.get(minute);
    if (!local) {
      const parts = Object.fromEntries(format.formatToParts(new Date(ts)).map((p) => [p.type, p.value]));
      local = { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
      seen.set(minute, local);
    }
    return local;
  };
}

/**
 * The shortest run of clock hours (possibly across midnight) holding every hour in `hours`: the complement of the
 * longest circular run of hours with no activity. Returns the first hour and the length of the run.
 */
export function usualSpan(hours: ReadonlySet<number>): { start: number; length: number } {
  let longestGap = 0;
  let gapEnd = 0;
  for (let start = 0; start < 24; start++) {
    if (hours.has(start) || hours.has((start + 23) % 24) === false) continue;
    let length = 0;
    while (length < 24 && !hours.has((start + length) % 24)) length++;
    if (length > longestGap) {
      longestGap = length;
      gapEnd = (start + length) % 24;
    }
  }
  return { start: gapEnd, length: 24 - longestGap };
}

function insideSpan(hour: number, span: { start: number; length: number }, margin: number): boolean {
  const offset = (hour - span.start + 24 + margin) % 24;
  return span.length + 2 * margin >= 24 || offset < span.length + 2 * margin;
}

const iso = (ts: string) => new Date(ts).toISOString();

const clockHour = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;

export function outOfHoursFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  if (!ctx.window) {
    return { findings: [], notes: [{ check: 'access outside usual hours', status: 'not-assessable', reason: 'The case has no incident window (scope) yet: usual hours are learned from the activity before it.' }] };
  }
  const window = ctx.window;
  const clock = localClock(ctx.timeZone);
  const names = usernamesById(ctx.db);
  const before = ctx.db
    .prepare(`SELECT e.ts, e.actor_id AS actorId, e.username FROM access_events e WHERE ${currentEvent('e')} AND e.ts < ? AND ${ACCESS}`)
    .iterate(iso(window.from)) as Iterable<{ ts: string; actorId: string | null; username: string | null }>;
  const baselines = new Map<string, Baseline>();
  for (const row of before) {
    const who = row.username?.toLowerCase() ?? (row.actorId ? (names.get(row.actorId) ?? row.actorId) : null);
    if (!who) continue;
    const { day, hour } = clock(row.ts);
    const b = baselines.get(who) ?? { days: new Set(), events: 0, hours: new Set() };
    b.days.add(day);
    b.events++;
    b.hours.add(hour);
    baselines.set(who, b);
  }
  // Stored times are canonical ISO strings; the window's are made so, so that text comparison is time comparison.
  const during = eventRows(ctx.db, `${ACCESS} AND e.ts >= ? AND e.ts <= ?`, iso(window.from), iso(window.to));
  const byUser = new Map<string, EventRow[]>();
  for (const e of during) {
    const who = whoOf(e);
    if (!who) continue;
    const list = byUser.get(who);
    if (list) list.push(e);
    else byUser.set(who, [e]);
  }
  const findings: Finding[] = [];
  const noBaseline: string[] = [];
  for (const [user, events] of [...byUser].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const baseline = baselines.get(user);
    if (!baseline || baseline.days.size < MIN_BASELINE_DAYS || baseline.events < MIN_BASELINE_EVENTS) {
      noBaseline.push(`${user} (${baseline?.events ?? 0} event(s) on ${baseline?.days.size ?? 0} day(s))`);
      continue;
    }
    const span = usualSpan(baseline.hours);
    if (span.length + 2 * MARGIN_HOURS >= 24) continue;
    const outside = events.filter((e) => !insideSpan(clock(e.ts).hour, span, MARGIN_HOURS));
    if (outside.length === 0) continue;
    const hoursTouched = new Set(outside.map((e) => e.ts.slice(0, 13))).size;
    const days = [...new Set(outside.map((e) => clock(e.ts).day))].sort();
    const rows = outside.reduce((sum, e) => sum + (e.rowsProcessed ?? 0), 0);
    const share = outside.length / events.length;
    const usual = `${clockHour(span.start)} to ${clockHour(span.start + span.length)}`;
    findings.push(
      finding('access.out-of-hours', user, {
        title: `${user} active outside their usual hours during the incident`,
        severity: rows >= ctx.options.largeRowCount ? 'high' : 'medium',
        facts: [
          fact(
            `Before ${window.from}, ${user} was active only from ${usual} (${ctx.timeZone}) on ${baseline.days.size} day(s), ${baseline.events.toLocaleString('en-US')} event(s). Inside the incident window, ${outside.length.toLocaleString('en-US')} of their ${events.length.toLocaleString('en-US')} event(s) (${(share * 100).toFixed(0)} %) fell more than ${MARGIN_HOURS} hour outside that span, on ${days.join(', ')}: ${(outside.length / hoursTouched).toFixed(1)} events per active hour over ${hoursTouched} clock hour(s), ${outside[0]!.ts} to ${outside.at(-1)!.ts}${rows > 0 ? `, ${rows.toLocaleString('en-US')} rows processed` : ''}.`,
            outside.map((e) => e.provenance),
          ),
        ],
        remediation: 'Ask the user whether they worked at those times; if not, treat the session as compromised. Restrict login hours on the profile where the work allows it and alert on activity outside them.',
        limits: `Usual hours are learned from this user's activity in the evidence before the window (at least ${MIN_BASELINE_DAYS} days and ${MIN_BASELINE_EVENTS} events), read in the case's time zone (${ctx.timeZone}); a user travelling, on call or working overtime looks the same. An hour at either edge of the span is not counted. Setup Audit Trail changes are not access and are left out on both sides. High when the rows processed out of hours reach the large-row count (${ctx.options.largeRowCount.toLocaleString('en-US')}).`,
      }),
    );
  }
  const notes: AssessmentNote[] = [];
  if (noBaseline.length > 0) {
    notes.push({
      check: 'access outside usual hours',
      status: 'not-assessable',
      reason: `${noBaseline.length} user(s) active in the window have too little activity before it (fewer than ${MIN_BASELINE_DAYS} days or ${MIN_BASELINE_EVENTS} events) to learn their usual hours: ${noBaseline.slice(0, 10).join(', ')}${noBaseline.length > 10 ? ', …' : ''}.`,
    });
  }
  return { findings, notes };
}
