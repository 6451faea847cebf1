/** Days with no log for a source that otherwise logs daily, and the event types that are absent altogether. */
import { currentEvent } from '../../scope/current-events';
import type { FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

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
  return { findings, notes };
}

function dayRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function neighbour(day: string, offset: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}
