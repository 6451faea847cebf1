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
  // Each indicator the scope sets is a test and the reason it gives, in order of precedence; indicators left empty
  // cost the scan of millions of events nothing, and an event's reason is written only once a test selected it.
  const tests = directTests(db, scope);
  if (tests.length > 0) {
    db.prepare(
      `INSERT INTO ${SCOPED_EVENTS} (event_id, reason)
       SELECT e.id, CASE ${tests.map((t) => `WHEN ${t.when} THEN ${t.reason}`).join(' ')} END
       FROM access_events e
       WHERE (${tests.map((t) => t.when).join(' OR ')}) AND ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to`,
    ).run({
      users: list(scope.users),
      sessions: list(scope.sessions),
      loginKeys: list(scope.loginKeys),
      apps: list(scope.apps),
      clients: list(scope.clients),
      agents: list(scope.agents),
      ...window,
    });
  }
  // The keys of the direct matches only: a pulled-in event does not pull in others.
  db.exec(`INSERT INTO temp.scoped_keys (kind, key, first)
    SELECT 'login', e.login_key, MIN(e.id) FROM ${SCOPED_EVENTS} s JOIN access_events e ON e.id = s.event_id WHERE e.login_key IS NOT NULL GROUP BY e.login_key
    UNION ALL
    SELECT 'session', e.session_key, MIN(e.id) FROM ${SCOPED_EVENTS} s JOIN access_events e ON e.id = s.event_id WHERE e.session_key IS NOT NULL GROUP BY e.session_key;`);
  // One pass over the window for both keys; an event sharing both is pulled in by its login key.
  if ((db.prepare('SELECT COUNT(*) FROM temp.scoped_keys').pluck().get() as number) > 0) {
    db.prepare(
      `INSERT OR IGNORE INTO ${SCOPED_EVENTS} (event_id, reason)
       SELECT e.id, COALESCE(
         (SELECT 'shares login key ' || k.key || ' with event ' || k.first FROM temp.scoped_keys k WHERE k.kind = 'login' AND k.key = e.login_key),
         (SELECT 'shares session key ' || k.key || ' with event ' || k.first FROM temp.scoped_keys k WHERE k.kind = 'session' AND k.key = e.session_key))
       FROM access_events e
       WHERE (e.login_key IN (SELECT key FROM temp.scoped_keys WHERE kind = 'login') OR e.session_key IN (SELECT key FROM temp.scoped_keys WHERE kind = 'session'))
         AND ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to`,
    ).run(window);
  }
  return db.prepare(`SELECT COUNT(*) FROM ${SCOPED_EVENTS}`).pluck().get() as number;
}

interface DirectTest {
  /** SQL true when an event (`e`) matches the indicator. */
  when: string;
  /** SQL text of the reason it was selected. */
  reason: string;
}

/** The tests of the indicators the scope sets (after `temp.ip_matches` and `temp.apps_named` are filled). */
function directTests(db: Db, scope: ScopeDefinition): DirectTest[] {
  const filled = (table: string) => (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number) > 0;
  const tests: DirectTest[] = [];
  if (filled('temp.ip_matches')) {
    tests.push(
      { when: 'e.client_ip IN (SELECT ip FROM temp.ip_matches)', reason: `(SELECT 'ip ' || m.range || ' (client ' || e.client_ip || ')' FROM temp.ip_matches m WHERE m.ip = e.client_ip)` },
      { when: 'e.source_ip IN (SELECT ip FROM temp.ip_matches)', reason: `(SELECT 'ip ' || m.range || ' (source ' || e.source_ip || ')' FROM temp.ip_matches m WHERE m.ip = e.source_ip)` },
    );
  }
  if (scope.users.length > 0) {
    tests.push(
      { when: 'e.actor_id IN (SELECT value FROM json_each(@users))', reason: `'user ' || e.actor_id` },
      { when: 'lower(e.username) IN (SELECT value FROM json_each(@users))', reason: `'user ' || lower(e.username)` },
    );
  }
  if (scope.sessions.length > 0) tests.push({ when: 'e.session_key IN (SELECT value FROM json_each(@sessions))', reason: `'session ' || e.session_key` });
  if (scope.loginKeys.length > 0) tests.push({ when: 'e.login_key IN (SELECT value FROM json_each(@loginKeys))', reason: `'login key ' || e.login_key` });
  if (scope.apps.length > 0) {
    tests.push({ when: '(e.app IN (SELECT value FROM json_each(@apps)) OR lower(e.app) IN (SELECT value FROM json_each(@apps)))', reason: `'app ' || e.app` });
  }
  if (filled('temp.apps_named')) {
    tests.push({ when: 'e.app IN (SELECT app FROM temp.apps_named)', reason: `(SELECT 'app ' || n.name || ' (' || e.app || ')' FROM temp.apps_named n WHERE n.app = e.app)` });
  }
  if (scope.clients.length > 0) tests.push({ when: 'lower(e.client) IN (SELECT value FROM json_each(@clients))', reason: `'client ' || e.client` });
  if (scope.agents.length > 0) {
    const agent = 'FROM json_each(@agents) a WHERE instr(lower(e.user_agent), a.value) > 0';
    tests.push({ when: `EXISTS (SELECT 1 ${agent})`, reason: `(SELECT 'agent ' || a.value ${agent} ORDER BY a.value LIMIT 1)` });
  }
  return tests;
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
  // One pass over the window: its distinct (client, source) pairs are few beside its events.
  const pairs = db
    .prepare(`SELECT DISTINCT e.client_ip, e.source_ip FROM access_events e WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to`)
    .raw()
    .all(window) as Array<[string | null, string | null]>;
  const addresses = new Set(pairs.flat().filter((ip): ip is string => ip !== null));
  const insert = db.prepare('INSERT INTO temp.ip_matches (ip, range) VALUES (?, ?)');
  for (const address of addresses) {
    const range = ranges.find((r) => rangeContains(r, address));
    if (range) insert.run(address, range.text);
  }
}
