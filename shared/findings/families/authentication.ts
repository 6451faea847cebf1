/** Logins without MFA, integration users from new addresses, failed-login bursts. */
import { countBy, eventRows, inWindow, integrationUsers, isApiLogin, loginFailed, loginSucceeded, LOGIN_WHERE, whoOf, type EventRow, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

const MFA_METHOD = /mfa|otp|totp|hwk|swk|sms|fido|webauthn|u2f|authenticator|push|\bkba\b/i;

/** How a login says whether MFA was used, or null when it does not say. */
function mfaEvidence(login: EventRow): { withoutMfa: boolean; basis: string } | null {
  const amr = login.details.AuthMethodReference ?? login.details.AUTHENTICATION_METHOD_REFERENCE;
  if (typeof amr === 'string' && amr.trim() !== '') {
    return MFA_METHOD.test(amr) ? { withoutMfa: false, basis: 'authentication method' } : { withoutMfa: true, basis: `authentication method "${amr}" names no second factor` };
  }
  const level = login.details.SessionLevel;
  if (typeof level === 'string' && level.trim() !== '') {
    return /high_assurance/i.test(level) ? { withoutMfa: false, basis: 'session level' } : { withoutMfa: true, basis: `session level ${level} (not High Assurance)` };
  }
  return null;
}

export function authenticationFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  const logins = eventRows(ctx.db, LOGIN_WHERE);
  if (logins.length === 0) {
    return { findings: [], notes: [{ check: 'authentication', status: 'not-assessable', reason: 'No login history, Login event log file or LoginEvent in the evidence: MFA, new addresses and failed-login bursts cannot be assessed.' }] };
  }
  const notes: AssessmentNote[] = [];
  const findings = [...withoutMfa(ctx, logins, notes), ...integrationNewAddresses(ctx, logins, notes), ...failedBursts(ctx, logins)];
  return { findings, notes };
}

function withoutMfa(ctx: FindingsContext, logins: EventRow[], notes: AssessmentNote[]): Finding[] {
  // An API or OAuth token login cannot present a second factor: only interactive logins are judged.
  const succeeded = logins.filter(loginSucceeded);
  const judged = succeeded.filter((login) => !isApiLogin(login)).map((login) => ({ login, mfa: mfaEvidence(login) }));
  const known = judged.filter((j) => j.mfa !== null);
  if (known.length === 0) {
    notes.push({ check: 'logins without MFA', status: 'not-assessable', reason: `No successful interactive (user-interface) login in the evidence records an authentication method or session level (LoginEvent SessionLevel, login history Authentication Method Reference)${succeeded.length > judged.length ? `; ${succeeded.length - judged.length} API/OAuth login(s) cannot present a second factor and are not judged` : ''}.` });
    return [];
  }
  const unknown = judged.length - known.length;
  if (unknown > 0) notes.push({ check: 'logins without MFA', status: 'not-assessable', reason: `${unknown} successful login(s) record neither authentication method nor session level; they are not counted either way.` });
  const byUser = new Map<string, typeof known>();
  for (const j of known) if (j.mfa!.withoutMfa) byUser.set(whoOf(j.login) ?? 'unnamed user', [...(byUser.get(whoOf(j.login) ?? 'unnamed user') ?? []), j]);
  return [...byUser].map(([user, rows]) => {
    const during = rows.filter((r) => inWindow(ctx, r.login.ts));
    return finding('auth.login-without-mfa', user, {
      title: `Logins without MFA by ${user}`,
      severity: during.length > 0 ? 'high' : 'medium',
      facts: [
        fact(`${rows.length} successful login(s) by ${user} without a second factor (${[...new Set(rows.map((r) => r.mfa!.basis))].join('; ')}), ${rows[0]!.login.ts} to ${rows.at(-1)!.login.ts}; ${during.length} inside the incident window.`, rows.map((r) => r.login.provenance)),
      ],
      remediation: 'Require MFA for every user interface login (and High Assurance sessions for sensitive operations); for API-only integration users, restrict logins to known addresses and use certificate-based OAuth flows.',
      limits: 'A Standard session level means the session did not reach High Assurance: an org that maps MFA to Standard would show MFA logins as Standard. API and OAuth logins cannot present a second factor and are not judged here (their controls are the integration-user findings).',
    });
  });
}

function integrationNewAddresses(ctx: FindingsContext, logins: EventRow[], notes: AssessmentNote[]): Finding[] {
  if (!ctx.window) {
    notes.push({ check: 'integration users from new addresses', status: 'not-assessable', reason: 'The case has no incident window (scope) yet.' });
    return [];
  }
  const window = ctx.window;
  const users = integrationUsers(logins, logins.map((l) => whoOf(l)).filter((w): w is string => w !== null));
  const before = logins.filter((l) => Date.parse(l.ts) < Date.parse(window.from));
  if (before.length === 0) {
    notes.push({ check: 'integration users from new addresses', status: 'not-assessable', reason: 'No login in the evidence before the incident window: there is no baseline of known addresses.' });
    return [];
  }
  const out: Finding[] = [];
  const unknownBaseline: string[] = [];
  for (const user of [...users].sort()) {
    const known = new Set(before.filter((l) => whoOf(l) === user && l.clientIp && /\d/.test(l.clientIp)).map((l) => l.clientIp!));
    // With no address logged for this user before the window, nothing can be called new.
    if (known.size === 0) {
      unknownBaseline.push(user);
      continue;
    }
    const fresh = logins.filter((l) => whoOf(l) === user && inWindow(ctx, l.ts) && l.clientIp && !known.has(l.clientIp) && /\d/.test(l.clientIp));
    if (fresh.length === 0) continue;
    const byAddress = countBy(fresh, (l) => l.clientIp!);
    const facts = [...byAddress.keys()].sort().map((address) => {
      const rows = fresh.filter((l) => l.clientIp === address);
      const range = ctx.rangeOf(address);
      const listed = range ? ` — in the listed ${range.kind === 'tor-exit' ? 'Tor exit' : 'hosting'} range ${range.cidr} (${range.label}; ${range.source})` : '';
      return fact(`${rows.length} login(s) by integration user ${user} from ${address}, never seen for this user before ${window.from} (${known.size} address(es) known before)${listed}; first ${rows[0]!.ts}, ${rows.filter(loginSucceeded).length} successful.`, rows.map((r) => r.provenance));
    });
    const listed = [...byAddress.keys()].some((a) => ctx.rangeOf(a) !== null);
    out.push(
      finding('auth.integration-user-new-address', user, {
        title: `Integration user ${user} logged in from address(es) never seen before the incident`,
        severity: listed || fresh.some(loginSucceeded) ? 'high' : 'medium',
        facts,
        remediation: 'Restrict integration users to the integration\'s own addresses (profile login IP ranges, connected-app IP restrictions) and alert on logins from anywhere else.',
        limits: `"Never seen" is relative to the logins in the evidence before the window; the hosting/Tor list is offline and small (version in the report), so an address outside it may still be hosting or Tor.`,
      }),
    );
  }
  if (unknownBaseline.length > 0) {
    notes.push({ check: 'integration users from new addresses', status: 'not-assessable', reason: `No login with an address before the incident window for ${unknownBaseline.join(', ')}: there is no baseline to call an address new.` });
  }
  return out;
}

function failedBursts(ctx: FindingsContext, logins: EventRow[]): Finding[] {
  const failed = logins.filter(loginFailed);
  const windowMs = ctx.options.burstWindowMinutes * 60_000;
  const out: Finding[] = [];
  const groups: Array<['address' | 'user', (l: EventRow) => string | null]> = [
    ['address', (l) => (l.clientIp && /\d/.test(l.clientIp) ? l.clientIp : null)],
    ['user', (l) => whoOf(l)],
  ];
  for (const [kind, keyOf] of groups) {
    const byKey = new Map<string, EventRow[]>();
    for (const l of failed) {
      const key = keyOf(l);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), l]);
    }
    for (const [key, rows] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const burst = densestBurst(rows, windowMs);
      if (burst.length < ctx.options.burstMinFailures) continue;
      const minutes = Math.max(1, (Date.parse(burst.at(-1)!.ts) - Date.parse(burst[0]!.ts)) / 60_000);
      const users = new Set(burst.map((l) => whoOf(l)).filter(Boolean)).size;
      const addresses = new Set(burst.map((l) => l.clientIp).filter(Boolean)).size;
      const shape = kind === 'address' ? (users > 1 ? `against ${users} different users (spraying)` : 'against one user (guessing)') : addresses > 1 ? `from ${addresses} addresses (distributed)` : 'from one address';
      out.push(
        finding('auth.failed-login-burst', `${kind} ${key}`, {
          title: `Failed-login burst ${kind === 'address' ? 'from' : 'against'} ${key}`,
          severity: 'high',
          facts: [fact(`${burst.length} failed logins ${kind === 'address' ? `from ${key}` : `for ${key}`} ${shape} between ${burst[0]!.ts} and ${burst.at(-1)!.ts}: ${(burst.length / minutes).toFixed(1)} per minute. ${rows.length} failed in all for this ${kind}.`, burst.map((l) => l.provenance))],
          remediation: 'Enforce lockout after a few failures, rate-limit logins per address, require MFA, and alert on failure bursts; check whether any attempt from the same source then succeeded.',
          limits: `A burst is at least ${ctx.options.burstMinFailures} failures within ${ctx.options.burstWindowMinutes} minutes (configurable). Failures Salesforce blocked before logging are not in the evidence.`,
        }),
      );
    }
  }
  return out;
}

/** The largest run of rows (sorted by time) that fits within `span` milliseconds. */
function densestBurst(rows: EventRow[], span: number): EventRow[] {
  let best: EventRow[] = [];
  let start = 0;
  for (let end = 0; end < rows.length; end++) {
    while (Date.parse(rows[end]!.ts) - Date.parse(rows[start]!.ts) > span) start++;
    if (end - start + 1 > best.length) best = rows.slice(start, end + 1);
  }
  return best;
}
