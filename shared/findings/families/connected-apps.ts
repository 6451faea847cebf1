/** Connected apps authorised, and apps or clients first seen, shortly before or during the incident. */
import { eventRows, inWindow, LOGIN_WHERE, text, whoOf, type EventRow, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

const APP_AUTHORISATION = /connected app|oauth|remote access|installed package|approved/i;
const BULK_CLIENT = /data ?loader|dataloader|bulk|workbench|jitterbit|dataimporter/i;

export function connectedAppFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  const notes: AssessmentNote[] = [];
  if (!ctx.window) {
    notes.push({ check: 'connected apps', status: 'not-assessable', reason: 'The case has no incident window (scope) yet, so "shortly before or during the incident" cannot be judged.' });
    return { findings: [], notes };
  }
  const findings: Finding[] = [];
  const leadStart = new Date(Date.parse(ctx.window.from) - ctx.options.leadDays * 86_400_000).toISOString();
  const near = (ts: string) => inWindow(ctx, ts) || (Date.parse(ts) >= Date.parse(leadStart) && Date.parse(ts) <= Date.parse(ctx.window!.to));

  const audit = eventRows(ctx.db, `e.source_type = 'setup-audit-trail'`);
  if (audit.length === 0) notes.push({ check: 'connected apps: Setup Audit Trail', status: 'not-assessable', reason: 'No Setup Audit Trail in the evidence: who installed or authorised an app cannot be shown from configuration changes.' });
  for (const row of audit) {
    const action = row.operation ?? '';
    if (!APP_AUTHORISATION.test(action) || /revoked|deleted|removed|uninstalled/i.test(action) || !near(row.ts)) continue;
    const who = whoOf(row) ?? 'an unnamed user';
    const delegate = typeof row.details.DelegateUser === 'string' && row.details.DelegateUser ? ` (delegate user ${String(row.details.DelegateUser)})` : '';
    findings.push(
      finding('apps.connected-app-authorised', action, {
        title: `Connected app change shortly before or during the incident: ${action}`,
        severity: inWindow(ctx, row.ts) ? 'high' : 'medium',
        facts: [fact(`${row.ts}: ${who}${delegate} — "${action}" (Setup Audit Trail, section ${text(row.details.Section) || 'unknown'}). Changes in Setup are made by a user with administrative permissions; the trail names the account used, not the person at the keyboard.`, [row.provenance])],
        remediation: 'Review the app: who approved it and why, its OAuth scopes and policies ("Admin approved users are pre-authorized", IP relaxation, refresh-token lifetime). Revoke its tokens if unexpected, and require admin pre-authorisation for connected apps.',
        limits: 'The Setup Audit Trail does not list OAuth scopes; scopes are only shown where another file names them. A change made long before the lead period is not reported.',
      }),
    );
  }

  const logins = eventRows(ctx.db, `${LOGIN_WHERE} AND (e.app IS NOT NULL OR e.client IS NOT NULL)`);
  if (logins.length === 0) {
    notes.push({ check: 'connected apps: first-seen clients', status: 'not-assessable', reason: 'No login rows naming an application or client: first use of an app or bulk client cannot be shown.' });
    return { findings, notes };
  }
  const first = new Map<string, EventRow>();
  for (const login of logins) {
    const name = (login.app ?? login.client)!;
    if (/^(n\/a|browser|unknown)$/i.test(name.trim())) continue;
    if (!first.has(name)) first.set(name, login);
  }
  const evidenceStart = logins[0]!.ts;
  for (const [name, row] of first) {
    if (!near(row.ts) || row.ts === evidenceStart) continue;
    const uses = logins.filter((l) => (l.app ?? l.client) === name && near(l.ts));
    const bulk = BULK_CLIENT.test(name);
    findings.push(
      finding('apps.client-first-seen', name, {
        title: `${bulk ? 'Bulk client' : 'Application'} "${name}" first seen shortly before or during the incident`,
        severity: bulk ? 'high' : 'medium',
        facts: [
          fact(`First login through "${name}" in the evidence: ${row.ts} by ${whoOf(row) ?? 'an unnamed user'} from ${row.clientIp ?? 'an unlogged address'} (status ${row.status ?? 'not logged'}); logins in the evidence begin ${evidenceStart}. A user's first OAuth login through an app is when that user authorised it, unless an admin pre-authorised it.`, [row.provenance]),
          fact(`${uses.length} login(s) through it from the lead period to the end of the window.`, uses.map((u) => u.provenance)),
        ],
        remediation: bulk ? 'Restrict bulk clients (Data Loader and the like) to named administrators through connected-app policies and permission sets; alert on their first use.' : 'Confirm who approved the application; restrict connected apps to admin-approved users.',
        limits: 'First seen means first in the evidence supplied: an app used before the earliest log file looks new. Logs in the evidence begin at the time stated.',
      }),
    );
  }
  return { findings, notes };
}
