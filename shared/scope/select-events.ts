import type { Db } from '../store/db';
import type { ScopeDefinition } from './definition';
import { CURRENT_EVENT } from './current-events';
import { parseIpOrCidr, rangeContains, type IpRange } from './ip';
import { APP_NAME_SQL, MAY_NAME_APP_SQL } from './app-names';

/** This connection's scoped events: (event_id, reason), filled by `collectScopedEvents`. */
export const SCOPED_EVENTS = 'temp.scoped_events';

/**
 * Events in the window that match an indicator, then events in the window that share a login key or session key
 * with one of them (the reason names the first match it shares a key with). The work stays in SQL, written to a
 * temporary table of this connection, so a scope of millions of events costs no JavaScript memory.
 * Returns how many events the scope selects.
 */
export function collectScopedEvents(db: Db, scope: ScopeDefinition): number {
  const list = (values: readonly string[]) => JSON.stringify(values);
  const window = { from: scope.from, to: scope.to };
  collectIpMatches(db, scope.ips.map((ip) => parseIpOrCidr(ip)!), window);
  collectAppsNamed(db, scope.apps);
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS scoped_events (event_id INTEGER PRIMARY KEY, reason TEXT NOT NULL);
    DELETE FROM ${SCOPED_EVENTS};
    CREATE TEMP TABLE IF NOT EXISTS scoped_keys (kind TEXT NOT NULL, key TEXT NOT NULL, first INTEGER NOT NULL, PRIMARY KEY (kind, key));
    DELETE FROM temp.scoped_keys;`);
  db.prepare(
    `INSERT INTO ${SCOPED_EVENTS} (event_id, reason)
     SELECT eventId, reason FROM (SELECT e.id AS eventId, COALESCE(
       (SELECT 'ip ' || m.range || ' (client ' || e.client_ip || ')' FROM temp.ip_matches m WHERE m.ip = e.client_ip),
       (SELECT 'ip ' || m.range || ' (source ' || e.source_ip || ')' FROM temp.ip_matches m WHERE m.ip = e.source_ip),
       CASE WHEN e.actor_id IN (SELECT value FROM json_each(@users)) THEN 'user ' || e.actor_id END,
       CASE WHEN lower(e.username) IN (SELECT value FROM json_each(@users)) THEN 'user ' || lower(e.username) END,
       CASE WHEN e.session_key IN (SELECT value FROM json_each(@sessions)) THEN 'session ' || e.session_key END,
       CASE WHEN e.login_key IN (SELECT value FROM json_each(@loginKeys)) THEN 'login key ' || e.login_key END,
       CASE WHEN e.app IN (SELECT value FROM json_each(@apps)) OR lower(e.app) IN (SELECT value FROM json_each(@apps)) THEN 'app ' || e.app END,
       (SELECT 'app ' || n.name || ' (' || e.app || ')' FROM temp.apps_named n WHERE n.app = e.app),
       CASE WHEN lower(e.client) IN (SELECT value FROM json_each(@clients)) THEN 'client ' || e.client END,
       (SELECT 'agent ' || a.value FROM json_each(@agents) a WHERE instr(lower(e.user_agent), a.value) > 0 ORDER BY a.value LIMIT 1)
     ) AS reason
     FROM access_events e
     WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to) WHERE reason IS NOT NULL`,
  ).run({
    users: list(scope.users),
    sessions: list(scope.sessions),
    loginKeys: list(scope.loginKeys),
    apps: list(scope.apps),
    clients: list(scope.clients),
    agents: list(scope.agents),
    ...window,
  });
  // The keys of the direct matches only: a pulled-in event does not pull in others.
  db.exec(`INSERT INTO temp.scoped_keys (kind, key, first)
    SELECT 'login', e.login_key, MIN(e.id) FROM ${SCOPED_EVENTS} s JOIN access_events e ON e.id = s.event_id WHERE e.login_key IS NOT NULL GROUP BY e.login_key
    UNION ALL
    SELECT 'session', e.session_key, MIN(e.id) FROM ${SCOPED_EVENTS} s JOIN access_events e ON e.id = s.event_id WHERE e.session_key IS NOT NULL GROUP BY e.session_key;`);
  for (const [kind, column, label] of [
    ['login', 'login_key', 'login key'],
    ['session', 'session_key', 'session key'],
  ] as const) {
    db.prepare(
      `INSERT OR IGNORE INTO ${SCOPED_EVENTS} (event_id, reason)
       SELECT e.id, 'shares ${label} ' || k.key || ' with event ' || k.first
       FROM temp.scoped_keys k JOIN access_events e ON e.${column} = k.key
       WHERE k.kind = '${kind}' AND ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to`,
    ).run(window);
  }
  return db.prepare(`SELECT COUNT(*) FROM ${SCOPED_EVENTS}`).pluck().get() as number;
}

/**
 * Fills `temp.apps_named` with every app value (an id) whose events give it a name an app indicator spells (in any
 * case), so "Data Loader" selects the events of its id just as triage shows that name beside that id, including
 * the events of that id that carry no name. A name is never widened the other way: an id does not pull in other ids
 * or name-only events that happen to share its name.
 */
function collectAppsNamed(db: Db, apps: readonly string[]): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS apps_named (app TEXT PRIMARY KEY, name TEXT NOT NULL); DELETE FROM temp.apps_named;`);
  if (apps.length === 0) return;
  db.prepare(
    `INSERT INTO temp.apps_named (app, name)
     SELECT app, MIN(name) FROM (
       SELECT e.app AS app, trim(${APP_NAME_SQL('e')}) AS name FROM access_events e
       WHERE ${CURRENT_EVENT} AND e.app IS NOT NULL AND ${MAY_NAME_APP_SQL('e')}
     ) WHERE lower(name) IN (SELECT value FROM json_each(@apps)) AND name <> app GROUP BY app`,
  ).run({ apps: JSON.stringify(apps) });
}

/**
 * Fills `temp.ip_matches` with every distinct address in the window that an IP indicator covers, so the event
 * scan joins a small table instead of calling JavaScript for each of millions of rows.
 */
function collectIpMatches(db: Db, ranges: readonly IpRange[], window: { from: string; to: string }): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS ip_matches (ip TEXT PRIMARY KEY, range TEXT NOT NULL); DELETE FROM temp.ip_matches;`);
  if (ranges.length === 0) return;
  const addresses = db
    .prepare(
      `SELECT e.client_ip FROM access_events e WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to AND e.client_ip IS NOT NULL
       UNION SELECT e.source_ip FROM access_events e WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to AND e.source_ip IS NOT NULL`,
    )
    .pluck()
    .all(window) as string[];
  const insert = db.prepare('INSERT INTO temp.ip_matches (ip, range) VALUES (?, ?)');
  for (const address of addresses) {
    const range = ranges.find((r) => rangeContains(r, address));
    if (range) insert.run(address, range.text);
  }
}
