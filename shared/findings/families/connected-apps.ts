/** Connected apps authorised, and apps or clients first seen, shortly before or during the incident. */
import { currentEvent } from '../../scope/current-events';
import { eventRows, inWindow, text, whoOf, type EventRow, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

/** Matches the download's display text ("Installed connected app X") and the API record's action codes ("insertConnectedApplication"). */
const APP_AUTHORISATION = /connected ?app|oauth|remote ?access|installed package|approved/i;
const BULK_CLIENT = /data ?loader|dataloader|bulk|workbench|jitterbit|dataimporter/i;
/** How long the evidence must show an app or client absent before its first use counts as new. */
const BASELINE_MS = 86_400_000;
/** Earlier days on which the same source logged apps or clients, so that an app's absence from them means something. */
const BASELINE_DAYS = 3;

/** The app's name where a row gives one (ApiTotalUsage, ApiEvent, LoginEvent), else the logged id. */
function appLabel(rows: readonly EventRow[], app: string): string {
  for (const r of rows) {
    const named = text(r.details.CONNECTED_APP_NAME) || text(r.details.Application);
    if (named && !/^(n\/a|browser)$/i.test(named)) return named;
  }
  return app;
}

/**
 * No supported source names the OAuth scopes an app holds: the trail names the change, logins and API events name the
 * app. Scopes live in the app's definition (App Manager; Metadata API ConnectedApp oauthConfig/scopes).
 */
const SCOPES_NOTE: AssessmentNote = {
  check: 'connected apps: OAuth scopes',
  status: 'not-assessable',
  reason: 'No supported evidence format names the OAuth scopes a connected app holds (full, api, refresh_token…): the Setup Audit Trail records an app installed, created or its policies changed by name only, and LoginEvent, Login / API event log files, ApiEvent and Login History name the app, not its scopes. The scopes are in the app\'s definition (Setup > App Manager; Metadata API ConnectedApp oauthConfig), which is not imported evidence: check the scopes of each app named in the connected-app findings there.',
};

export function connectedAppFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  const notes: AssessmentNote[] = [SCOPES_NOTE];
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
    const display = text(row.details.Display);
    const action = display && row.operation && display !== row.operation ? `${display} [${row.operation}]` : display || (row.operation ?? '');
    if (!APP_AUTHORISATION.test(action) || /revoked|deleted|removed|uninstalled/i.test(action) || !near(row.ts)) continue;
    const who = whoOf(row) ?? 'an unnamed user';
    const delegate = typeof row.details.DelegateUser === 'string' && row.details.DelegateUser ? ` (delegate user ${String(row.details.DelegateUser)})` : '';
    findings.push(
      finding('apps.connected-app-authorised', action, {
        title: `Connected app change shortly before or during the incident: ${action}`,
        severity: inWindow(ctx, row.ts) ? 'high' : 'medium',
        facts: [fact(`${row.ts}: ${who}${delegate} — "${action}" (Setup Audit Trail, section ${text(row.details.Section) || 'unknown'}). Changes in Setup are made by a user with administrative permissions; the trail names the account used, not the person at the keyboard.`, [row.provenance])],
        remediation: 'Review the app: who approved it and why, its OAuth scopes and policies ("Admin approved users are pre-authorized", IP relaxation, refresh-token lifetime). Revoke its tokens if unexpected, and require admin pre-authorisation for connected apps.',
        limits: 'The Setup Audit Trail does not list OAuth scopes, and no supported evidence format does (see the OAuth scopes note). A change made long before the lead period is not reported.',
      }),
    );
  }

  const firstUses = ctx.db
    .prepare(
      `SELECT kind, name, MIN(ts) AS first FROM (
         SELECT 'app' AS kind, e.app AS name, e.ts FROM access_events e WHERE ${currentEvent('e')} AND e.app IS NOT NULL AND e.app <> ''
         UNION ALL SELECT 'client', e.client, e.ts FROM access_events e WHERE ${currentEvent('e')} AND e.client IS NOT NULL AND e.client <> '')
       GROUP BY kind, name ORDER BY first, kind, name`,
    )
    .all() as Array<{ kind: 'app' | 'client'; name: string; first: string }>;
  // The baseline starts with the first event that names any app or client: other sources (a Setup Audit Trail reaching
  // back months) say nothing about which apps were in use.
  const evidenceStart = firstUses[0]?.first ?? null;
  if (!evidenceStart) {
    notes.push({ check: 'connected apps: first-seen clients', status: 'not-assessable', reason: 'No event names a connected app or API client: first use of an app or bulk client cannot be shown.' });
    return { findings, notes };
  }
  const windowEnd = ctx.window.to;
  for (const { kind, name, first } of firstUses) {
    if (/^(n\/a|browser|unknown)$/i.test(name.trim()) || !near(first)) continue;
    // Something used from the first day of the evidence has no "before" to be new against.
    if (Date.parse(first) - Date.parse(evidenceStart) < BASELINE_MS) continue;
    const uses = eventRows(ctx.db, `e.${kind} = ? AND e.ts >= ? AND e.ts <= ?`, name, first, windowEnd);
    const row = uses[0]!;
    // ...and the source that first shows it must have logged other apps or clients on enough earlier days to show its absence.
    const coveredDays = ctx.db
      .prepare(`SELECT COUNT(DISTINCT substr(e.ts, 1, 10)) FROM access_events e WHERE ${currentEvent('e')} AND e.source_type = ? AND e.ts < ? AND (e.app IS NOT NULL OR e.client IS NOT NULL)`)
      .pluck()
      .get(row.sourceType, first.slice(0, 10)) as number;
    if (coveredDays < BASELINE_DAYS) {
      notes.push({ check: 'connected apps: first-seen clients', status: 'not-assessable', reason: `${kind} "${name}" first appears ${first} in ${row.sourceType}, which logged apps or clients on only ${coveredDays} earlier day(s): too little to show it was new.` });
      continue;
    }
    const label = kind === 'app' ? appLabel(uses, name) : name;
    const bulk = BULK_CLIENT.test(label);
    const users = [...new Set(uses.map((u) => whoOf(u) ?? 'an unnamed user'))].sort();
    const addresses = [...new Set(uses.map((u) => u.clientIp).filter((ip): ip is string => ip !== null && /\d/.test(ip)))].sort();
    findings.push(
      finding('apps.client-first-seen', `${kind} ${label}`, {
        title: `${bulk ? 'Bulk client' : kind === 'app' ? 'Connected app' : 'API client'} "${label}" first seen shortly before or during the incident`,
        severity: bulk || inWindow(ctx, first) ? 'high' : 'medium',
        facts: [
          fact(`First event through ${kind} "${label}" in the evidence: ${row.ts} (${row.sourceType}) by ${whoOf(row) ?? 'an unnamed user'} from ${row.clientIp ?? 'an unlogged address'}; events naming apps or clients begin ${evidenceStart}, so it was not used for the ${((Date.parse(first) - Date.parse(evidenceStart)) / 86_400_000).toFixed(1)} days before. A user's first OAuth use of an app is when that user authorised it, unless an admin pre-authorised it.`, [row.provenance]),
          fact(`${uses.length.toLocaleString('en-US')} event(s) through it up to the end of the window, by ${users.join(', ')}, from ${addresses.length > 0 ? addresses.join(', ') : 'no logged address'}.`, uses.map((u) => u.provenance)),
        ],
        remediation: bulk ? 'Restrict bulk clients (Data Loader and the like) to named administrators through connected-app policies and permission sets; alert on their first use.' : 'Confirm who approved the application; restrict connected apps to admin-approved users.',
        limits: 'First seen means first in the evidence supplied: an app used only before the earliest log file, or used rarely (weekly jobs), looks new. Nothing used on the first day of the evidence is reported, nor anything whose source logged apps on fewer than 3 earlier days.',
      }),
    );
  }
  return { findings, notes };
}
