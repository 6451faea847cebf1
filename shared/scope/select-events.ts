import type { Db } from '../store/db';
import type { ScopeDefinition } from './definition';
import { CURRENT_EVENT } from './current-events';
import { parseIpOrCidr, rangeContains, type IpRange } from './ip';

export interface MatchedEvent {
  eventId: number;
  /** Why the event is in scope, e.g. `ip 203.0.113.7/32`, `shares login key K with event 12`. */
  reason: string;
}

/**
 * Events in the window that match an indicator, then events in the window that share a login key or
 * session key with one of them. Ordered by event id; each event once, with its first reason.
 */
export function selectScopedEvents(db: Db, scope: ScopeDefinition): MatchedEvent[] {
  const ranges = scope.ips.map((ip) => parseIpOrCidr(ip)!);
  // Logs repeat a few thousand addresses millions of times: decide each distinct address once.
  const rangeOf = new Map<string, IpRange | null>();
  const matchingRange = (address: string): IpRange | null => {
    let range = rangeOf.get(address);
    if (range === undefined) {
      range = ranges.find((r) => rangeContains(r, address)) ?? null;
      rangeOf.set(address, range);
    }
    return range;
  };
  db.function('bl_ip_indicator', { deterministic: true }, (client: unknown, source: unknown) => {
    const byClient = typeof client === 'string' ? matchingRange(client) : null;
    if (byClient) return `ip ${byClient.text} (client ${client as string})`;
    const bySource = typeof source === 'string' ? matchingRange(source) : null;
    return bySource ? `ip ${bySource.text} (source ${source as string})` : null;
  });
  const list = (values: readonly string[]) => JSON.stringify(values);
  const rows = db
    .prepare(
      `SELECT eventId, reason FROM (SELECT e.id AS eventId, COALESCE(
         CASE WHEN @hasIps THEN bl_ip_indicator(e.client_ip, e.source_ip) END,
         CASE WHEN e.actor_id IN (SELECT value FROM json_each(@users)) THEN 'user ' || e.actor_id END,
         CASE WHEN lower(e.username) IN (SELECT value FROM json_each(@users)) THEN 'user ' || lower(e.username) END,
         CASE WHEN e.session_key IN (SELECT value FROM json_each(@sessions)) THEN 'session ' || e.session_key END,
         CASE WHEN e.login_key IN (SELECT value FROM json_each(@loginKeys)) THEN 'login key ' || e.login_key END,
         CASE WHEN e.app IN (SELECT value FROM json_each(@apps)) OR lower(e.app) IN (SELECT value FROM json_each(@apps)) THEN 'app ' || e.app END,
         CASE WHEN lower(e.client) IN (SELECT value FROM json_each(@clients)) THEN 'client ' || e.client END,
         (SELECT 'agent ' || a.value FROM json_each(@agents) a WHERE instr(lower(e.user_agent), a.value) > 0 ORDER BY a.value LIMIT 1)
       ) AS reason
       FROM access_events e
       WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to) WHERE reason IS NOT NULL`,
    )
    .all({
      hasIps: ranges.length > 0 ? 1 : 0,
      users: list(scope.users),
      sessions: list(scope.sessions),
      loginKeys: list(scope.loginKeys),
      apps: list(scope.apps),
      clients: list(scope.clients),
      agents: list(scope.agents),
      from: scope.from,
      to: scope.to,
    }) as Array<{ eventId: number; reason: string }>;

  const matched = new Map<number, string>(rows.map((row) => [row.eventId, row.reason]));
  const loginKeys = new Map<string, number>();
  const sessionKeys = new Map<string, number>();
  const keyOf = db.prepare('SELECT login_key, session_key FROM access_events WHERE id = ?');
  for (const eventId of [...matched.keys()].sort((a, b) => a - b)) {
    const keys = keyOf.get(eventId) as { login_key: string | null; session_key: string | null };
    if (keys.login_key && !loginKeys.has(keys.login_key)) loginKeys.set(keys.login_key, eventId);
    if (keys.session_key && !sessionKeys.has(keys.session_key)) sessionKeys.set(keys.session_key, eventId);
  }
  if (loginKeys.size > 0 || sessionKeys.size > 0) {
    const related = db
      .prepare(
        `SELECT e.id AS eventId, e.login_key AS loginKey, e.session_key AS sessionKey FROM access_events e
         WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to
           AND (e.login_key IN (SELECT value FROM json_each(@loginKeys)) OR e.session_key IN (SELECT value FROM json_each(@sessionKeys)))`,
      )
      .all({ from: scope.from, to: scope.to, loginKeys: list([...loginKeys.keys()]), sessionKeys: list([...sessionKeys.keys()]) }) as Array<{
      eventId: number;
      loginKey: string | null;
      sessionKey: string | null;
    }>;
    for (const r of related) {
      if (matched.has(r.eventId)) continue;
      if (r.loginKey && loginKeys.has(r.loginKey)) matched.set(r.eventId, `shares login key ${r.loginKey} with event ${loginKeys.get(r.loginKey)}`);
      else if (r.sessionKey && sessionKeys.has(r.sessionKey)) matched.set(r.eventId, `shares session key ${r.sessionKey} with event ${sessionKeys.get(r.sessionKey)}`);
    }
  }
  return [...matched.entries()].sort((a, b) => a[0] - b[0]).map(([eventId, reason]) => ({ eventId, reason }));
}
