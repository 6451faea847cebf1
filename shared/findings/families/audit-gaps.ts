/** Days with no log for a source that otherwise logs daily, and the event types that are absent altogether. */
import { currentEvent } from '../../scope/current-events';
import type { FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding, RowProvenance } from '../types';

const MIN_DAYS = 7;
/** A source "logs daily" when it has events on at least this share of the days between its first and last. */
const DAILY_SHARE = 0.8;
/** ...and a silent day is a gap when the source logged on at least this share of the days of its kind (weekday or weekend). */
const SAME_KIND_SHARE = 0.9;

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const EXPECTED: ReadonlyArray<[string, string[], string]> = [
  ['logins', ['login-history', 'elf:Login', 'rtem:LoginEvent'], 'who logged in, from where, and how'],
  ['API access', ['elf:API', 'elf:RestApi', 'rtem:ApiEvent'], 'API calls and the queries they ran'],
  ['bulk jobs', ['elf:BulkApi', 'elf:BulkApi2', 'elf:BulkApiRequest', 'rtem:BulkApiResultEvent'], 'bulk extraction'],
  ['report exports', ['elf:ReportExport', 'rtem:ReportEvent'], 'report exports'],
  ['Setup Audit Trail', ['setup-audit-trail'], 'configuration changes, connected apps'],
];

export function auditGapFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  const rows = ctx.db
    .prepare(`SELECT e.source_type AS type, substr(e.ts, 1, 10) AS day, COUNT(*) AS n FROM access_events e WHERE ${currentEvent('e')} GROUP BY 1, 2 ORDER BY 1, 2`)
    .all() as Array<{ type: string; day: string; n: number }>;
  const days = new Map<string, string[]>();
  const perDay = new Map<string, number[]>();
  for (const r of rows) {
    days.set(r.type, [...(days.get(r.type) ?? []), r.day]);
    perDay.set(r.type, [...(perDay.get(r.type) ?? []), r.n]);
  }
  const notes: AssessmentNote[] = EXPECTED.filter(([, types]) => !types.some((t) => days.has(t))).map(([label, types, what]) => ({
    check: `audit log: ${label}`,
    status: 'not-assessable' as const,
    reason: `No ${types.join(' / ')} events in the evidence: ${what} cannot be shown. Either the logs were not collected, event monitoring (Shield / Event Monitoring) was not enabled, or their retention had expired (event log files are kept 1 day without Shield, 30 days with it).`,
  }));
  const findings: Finding[] = [];
  for (const [type, seen] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const all = dayRange(seen[0]!, seen.at(-1)!);
    if (all.length < MIN_DAYS || seen.length / all.length < DAILY_SHARE) continue;
    const present = new Set(seen);
    // Weekdays and weekend days are judged apart: a source that people drive is often silent on a weekend, and a silent
    // day is a gap only when the source logged on nearly every other day of the same kind.
    const coverage = (weekend: boolean) => {
      const days = all.filter((d) => isWeekend(d) === weekend);
      return { logged: days.filter((d) => present.has(d)).length, of: days.length };
    };
    const missing = all.filter((d) => {
      if (present.has(d)) return false;
      const { logged, of } = coverage(isWeekend(d));
      return logged / of >= SAME_KIND_SHARE;
    });
    if (missing.length === 0) continue;
    const weekdays = coverage(false);
    const weekends = coverage(true);
    const around = ctx.db
      .prepare(
        `SELECT e.evidence_id AS evidenceId, ev.original_name AS file, ev.sha256, e.entry, e.record_no AS record, e.line_no AS line, MAX(e.ts) AS last FROM access_events e JOIN evidence ev ON ev.id = e.evidence_id
         WHERE ${currentEvent('e')} AND e.source_type = ? AND substr(e.ts, 1, 10) IN (${missing.flatMap((d) => [neighbour(d, -1), neighbour(d, 1)]).map(() => '?').join(', ')})
         GROUP BY substr(e.ts, 1, 10) ORDER BY last`,
      )
      .all(type, ...missing.flatMap((d) => [neighbour(d, -1), neighbour(d, 1)])) as Array<{ evidenceId: number; file: string; sha256: string; entry: string | null; record: number; line: number | null; last: string }>;
    findings.push(
      finding('audit.log-gap', type, {
        title: `No ${type} events on ${missing.length} day(s) of an otherwise daily log`,
        severity: missing.some((d) => ctx.window && d >= ctx.window.from.slice(0, 10) && d <= ctx.window.to.slice(0, 10)) ? 'high' : 'medium',
        facts: [fact(`${type} has events on ${seen.length} of the ${all.length} days from ${seen[0]} to ${seen.at(-1)}; none on ${missing.join(', ')} (UTC), while it logged on ${weekdays.logged} of ${weekdays.of} weekdays and ${weekends.logged} of ${weekends.of} weekend days. On the days it logged: ${Math.min(...perDay.get(type)!)} to ${Math.max(...perDay.get(type)!)} events a day. Rows shown are the last events of the days bordering the gap.`, around.map(({ last: _last, ...row }) => row))],
        remediation: 'Find out whether the files for those days exist (download them before retention expires) or whether logging stopped; monitor log delivery so a silent day raises an alert.',
        limits: `A day without events may be a quiet day for a small org or a missing file in the collection, not a logging failure; days are UTC. A silent day is reported only when the source logged on at least ${SAME_KIND_SHARE * 100} % of the other weekdays (or weekend days, for a weekend day).`,
      }),
    );
  }
  findings.push(...hourlyGapFindings(ctx, days));
  return { findings, notes };
}

/** Hours are judged only over at least this many hours of a source's span... */
const MIN_HOURS = 48;
/** ...when the source has events in at least this share of them (it "logs every hour")... */
const HOURLY_SHARE = 0.9;
/**
 * ...and a silent hour is a gap only when the hours around it averaged at least this many events: at that rate an hour
 * with none happens by chance less than once in a thousand hours (Poisson, e^-7 ≈ 0.0009).
 */
const MIN_HOURLY_RATE = 7;
/** Hours either side of a silent run whose counts give the rate it is judged against. */
const NEIGHBOUR_HOURS = 3;

const HOUR_MS = 3_600_000;

/**
 * Hours (UTC) with no event of a type that logs every hour, inside days on which it did log (a whole silent day is the
 * day-gap finding's). Consecutive silent hours form one run; each run is judged against the rate of the hours around it.
 */
function hourlyGapFindings(ctx: FindingsContext, daysByType: ReadonlyMap<string, string[]>): Finding[] {
  const rows = ctx.db
    .prepare(`SELECT e.source_type AS type, substr(e.ts, 1, 13) AS hour, COUNT(*) AS n FROM access_events e WHERE ${currentEvent('e')} GROUP BY 1, 2 ORDER BY 1, 2`)
    .all() as Array<{ type: string; hour: string; n: number }>;
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) counts.set(r.type, (counts.get(r.type) ?? new Map<string, number>()).set(r.hour, r.n));
  const findings: Finding[] = [];
  for (const [type, perHour] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const hours = hourRange([...perHour.keys()][0]!, [...perHour.keys()].at(-1)!);
    if (hours.length < MIN_HOURS || perHour.size / hours.length < HOURLY_SHARE) continue;
    const loggedDays = new Set(daysByType.get(type) ?? []);
    const runs: Array<{ from: number; to: number; rate: number }> = [];
    for (let i = 0; i < hours.length; i++) {
      if (perHour.has(hours[i]!) || !loggedDays.has(hours[i]!.slice(0, 10))) continue;
      let end = i;
      while (end + 1 < hours.length && !perHour.has(hours[end + 1]!) && loggedDays.has(hours[end + 1]!.slice(0, 10))) end++;
      const around = [...hours.slice(Math.max(0, i - NEIGHBOUR_HOURS), i), ...hours.slice(end + 1, end + 1 + NEIGHBOUR_HOURS)].map((h) => perHour.get(h) ?? 0);
      const rate = around.reduce((a, b) => a + b, 0) / Math.max(1, around.length);
      if (rate >= MIN_HOURLY_RATE) runs.push({ from: i, to: end, rate });
      i = end;
    }
    if (runs.length === 0) continue;
    const silent = runs.reduce((n, r) => n + r.to - r.from + 1, 0);
    const facts = runs.map((run) => {
      const start = `${hours[run.from]!}:00:00Z`;
      const end = `${hours[run.to]!}:59:59Z`;
      const bordering = ctx.db
        .prepare(
          `SELECT * FROM (SELECT e.evidence_id AS evidenceId, ev.original_name AS file, ev.sha256, e.entry, e.record_no AS record, e.line_no AS line FROM access_events e JOIN evidence ev ON ev.id = e.evidence_id
             WHERE ${currentEvent('e')} AND e.source_type = ? AND e.ts < ? ORDER BY e.ts DESC, ev.sha256, e.record_no LIMIT 1)
           UNION ALL SELECT * FROM (SELECT e.evidence_id, ev.original_name, ev.sha256, e.entry, e.record_no, e.line_no FROM access_events e JOIN evidence ev ON ev.id = e.evidence_id
             WHERE ${currentEvent('e')} AND e.source_type = ? AND e.ts > ? ORDER BY e.ts, ev.sha256, e.record_no LIMIT 1)`,
        )
        .all(type, `${hours[run.from]!}:00:00.000Z`, type, `${hours[run.to]!}:59:59.999Z`) as RowProvenance[];
      return fact(`No ${type} event from ${start} to ${end} (${run.to - run.from + 1} hour(s)), while the ${NEIGHBOUR_HOURS} hours either side averaged ${run.rate.toFixed(1)} events an hour. Rows shown are the last event before and the first after.`, bordering);
    });
    findings.push(
      finding('audit.hourly-log-gap', type, {
        title: `No ${type} events for ${silent} hour(s) of a log that otherwise has events every hour`,
        severity: runs.some((r) => ctx.window && Date.parse(`${hours[r.to]!}:59:59.999Z`) >= Date.parse(ctx.window.from) && Date.parse(`${hours[r.from]!}:00:00.000Z`) <= Date.parse(ctx.window.to)) ? 'high' : 'medium',
        facts: facts.map((f, n) => (n === 0 ? { ...f, text: `${type} has events in ${perHour.size} of the ${hours.length} hours (UTC) from ${hours[0]}:00Z to ${hours.at(-1)}:59Z. ${f.text}` } : f)),
        remediation: 'Find out whether the hourly files for those hours exist (download them before retention expires) or whether logging or the collection stopped; alert when an hourly log is late.',
        limits: `Judged only for a source with events in at least ${HOURLY_SHARE * 100} % of at least ${MIN_HOURS} hours, and only for a silent run whose neighbouring hours averaged at least ${MIN_HOURLY_RATE} events an hour (a quieter source can be silent for an hour by chance). Hours are UTC. A day with no event at all is the day-gap finding.`,
      }),
    );
  }
  return findings;
}

function hourRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}:00:00Z`); t <= Date.parse(`${last}:00:00Z`); t += HOUR_MS) out.push(new Date(t).toISOString().slice(0, 13));
  return out;
}

function dayRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function neighbour(day: string, offset: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}
