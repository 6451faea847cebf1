/**
 * Deletions that remove the record of what happened: event log files, bulk jobs, reports and debug logs deleted through
 * the API, and Setup changes that delete, disable or shorten logging and history.
 */
import { currentEvent } from '../../scope/current-events';
import { eventRows, text, whoOf, type EventRow, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

/** What an API deletion removed, by the object or REST resource it names; ordinary record deletes are not listed. */
const DELETED_TARGETS: ReadonlyArray<{ kind: string; object: RegExp; uri: RegExp }> = [
  { kind: 'event log file', object: /^EventLogFile$/i, uri: /\/sobjects\/EventLogFile\//i },
  { kind: 'bulk job', object: /^(AsyncApiJob|BulkJob)$/i, uri: /\/jobs\/(ingest|query)\/[A-Za-z0-9]{15,18}\b/i },
  { kind: 'report or dashboard', object: /^(Report|Dashboard)$/i, uri: /\/analytics\/(reports|dashboards)\/[A-Za-z0-9]{15,18}\b|\/sobjects\/(Report|Dashboard)\//i },
  { kind: 'debug log', object: /^ApexLog$/i, uri: /\/sobjects\/ApexLog\//i },
];
const DELETE_OPERATION = /^(delete|hard_?delete)$/i;

/** Setup changes about logging or history... */
const LOGGING_SUBJECT = /event monitoring|event log|event manager|transaction security|threat detection|field history|field audit trail|history tracking|login forensics|debug log|audit trail|real-time event|streaming event/i;
/** ...that delete, switch off or shorten it. */
const HIDING_CHANGE = /delet|disabl|turned off|deactivat|remov|purg|retention|stopp/i;

function deletedTarget(event: EventRow): string | null {
  if (!DELETE_OPERATION.test((event.operation ?? '').trim())) return null;
  const object = event.objectType ?? '';
  const uri = event.uri ?? '';
  return DELETED_TARGETS.find((t) => t.object.test(object) || t.uri.test(uri))?.kind ?? null;
}

export function deletedHistoryFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  const notes: AssessmentNote[] = [];
  const withOperations = eventRows(ctx.db, `e.operation IS NOT NULL AND lower(e.operation) IN ('delete', 'hard_delete', 'harddelete')`);
  // The logs that record API calls with their HTTP or SOAP method, deletes included (ApiEvent logs queries only).
  const apiLogged = ctx.db.prepare(`SELECT 1 FROM access_events e WHERE ${currentEvent('e')} AND e.source_type IN ('elf:RestApi', 'elf:API', 'elf:ApiTotalUsage') LIMIT 1`).get() !== undefined;
  const audit = eventRows(ctx.db, `e.source_type = 'setup-audit-trail'`);
  if (!apiLogged && audit.length === 0) {
    notes.push({ check: 'deleted logs, jobs or history', status: 'not-assessable', reason: 'No API log with operations (RestApi / API event log files, ApiTotalUsage) and no Setup Audit Trail in the evidence: deleted event log files, bulk jobs or reports, and logging switched off, cannot be seen.' });
    return { findings: [], notes };
  }
  const after = (ts: string) => ctx.window !== null && Date.parse(ts) >= Date.parse(ctx.window.from);
  const findings: Finding[] = [];

  const byKind = new Map<string, EventRow[]>();
  for (const event of withOperations) {
    const kind = deletedTarget(event);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), event]);
  }
  for (const [kind, rows] of [...byKind].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const users = [...new Set(rows.map((r) => whoOf(r) ?? 'an unnamed user'))].sort();
    findings.push(
      finding('audit.history-deleted', `api ${kind}`, {
        title: `${rows.length} ${kind}(s) deleted through the API by ${users.join(', ')}`,
        severity: rows.some((r) => after(r.ts)) ? 'high' : 'medium',
        facts: rows.map((r) => fact(`${r.ts}${after(r.ts) ? ' (on or after the start of the incident window)' : ''}: ${whoOf(r) ?? 'an unnamed user'} deleted a ${kind} (${r.sourceType}: ${r.operation} ${r.uri ?? r.objectType ?? ''}${text(r.details.STATUS_CODE) || r.status ? `, status ${text(r.details.STATUS_CODE) || r.status}` : ''}) from ${r.clientIp ?? 'an unlogged address'}.`, [r.provenance])),
        remediation: 'Find out who deleted them and why; recover what can be recovered (Salesforce support, your own log archive). Limit the "Delete Event Monitoring Records" permission and API deletes of jobs and reports, and keep an archive of logs outside the org.',
        limits: 'A logged delete shows the thing existed and a delete was requested (see its status), not what it held; deletions can also be routine clean-up or privacy requests. A delete logged only in a file that was itself deleted is not seen. Ordinary record deletes are not listed.',
      }),
    );
  }

  for (const row of audit) {
    const display = text(row.details.Display);
    const change = display && row.operation && display !== row.operation ? `${display} [${row.operation}]` : display || (row.operation ?? '');
    if (!LOGGING_SUBJECT.test(change) || !HIDING_CHANGE.test(change)) continue;
    const delegate = typeof row.details.DelegateUser === 'string' && row.details.DelegateUser ? ` (delegate user ${String(row.details.DelegateUser)})` : '';
    findings.push(
      finding('audit.history-deleted', `setup ${change}`, {
        title: `Logging or history deleted, switched off or shortened in Setup: ${change}`,
        severity: after(row.ts) ? 'high' : 'medium',
        facts: [fact(`${row.ts}: ${whoOf(row) ?? 'an unnamed user'}${delegate} — "${change}" (Setup Audit Trail, section ${text(row.details.Section) || 'unknown'}).`, [row.provenance])],
        remediation: 'Confirm who made the change and why; restore logging and retention, and keep a copy of logs and the Setup Audit Trail outside the org.',
        limits: 'Read from the change\'s wording (a change to event monitoring, event logs, field history, audit trail or debug logs that deletes, disables, removes or shortens them); a change worded otherwise is not seen. The trail names the account used, not the person at the keyboard.',
      }),
    );
  }
  if (!apiLogged) notes.push({ check: 'deleted logs, jobs or history', status: 'not-assessable', reason: 'No API log with operations (RestApi / API event log files, ApiTotalUsage): event log files, bulk jobs or reports deleted through the API cannot be seen.' });
  if (audit.length === 0) notes.push({ check: 'deleted logs, jobs or history', status: 'not-assessable', reason: 'No Setup Audit Trail: logging or history switched off or shortened in Setup cannot be seen.' });
  return { findings, notes };
}
