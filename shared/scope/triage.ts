import type { TriageEntry } from '../contract/api';
import { LedgerError } from '../contract/errors';
import type { ProgressListener } from '../contract/progress';
import type { Db } from '../store/db';
import { CURRENT_EVENT } from './current-events';
import { APP_NAME_SQL, MAY_NAME_APP_SQL } from './app-names';
import { DIMENSION_SQL, EXPORT_TYPES_SQL, hoursIn, splitWindow, TRIAGE_DIMENSIONS, type TriageDimension } from './event-rollups';

export type TriageRow = TriageEntry;

const CURRENT_ROLLUP = 'r.import_id IN (SELECT id FROM current_imports)';

/**
 * Per IP, user, connected app, client and user agent: activity in the window, sorted by rows processed. Whole
 * days come from the per-day rollups; only the partial days at the window's edges are read from the events.
 */
export async function triage(
  db: Db,
  window: { from?: string | null; to?: string | null },
  limit: number,
  onProgress: ProgressListener,
  signal?: AbortSignal,
): Promise<TriageRow[]> {
  const bounded = window.from && window.to ? { from: window.from, to: window.to } : null;
  const { wholeFrom, wholeTo } = bounded ? splitWindow(bounded, 'day') : { wholeFrom: '0000', wholeTo: '9999' };
  const edges = { from: bounded?.from ?? '0000', to: bounded?.to ?? '9999', wholeFrom, wholeTo };
  const rows: TriageRow[] = [];
  for (const [step, dimension] of TRIAGE_DIMENSIONS.entries()) {
    onProgress({ phase: 'triage', label: dimension, done: step, total: TRIAGE_DIMENSIONS.length, unit: 'steps' });
    // Lets a cancel request arrive between dimensions.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new LedgerError('CANCELLED', 'Triage cancelled.');
    const column = DIMENSION_SQL[dimension];
    const edgeEvents = (range: string) =>
      `SELECT ${column} AS value, 1 AS events, COALESCE(e.rows_processed, 0) AS rows, CASE WHEN ${EXPORT_TYPES_SQL} THEN 1 ELSE 0 END AS exports,
         e.ts AS first, e.ts AS last
       FROM access_events e WHERE ${CURRENT_EVENT} AND ${range} AND ${column} IS NOT NULL AND ${column} <> ''`;
    const top = db
      .prepare(
        `WITH parts AS (
           SELECT r.value AS value, SUM(r.events) AS events, SUM(r.rows_processed) AS rows, SUM(r.exports) AS exports, MIN(r.first_ts) AS first,
             MAX(r.last_ts) AS last
           FROM event_day_values r WHERE r.dimension = @dimension AND r.day >= @wholeFrom AND r.day < @wholeTo AND ${CURRENT_ROLLUP} GROUP BY r.value
           UNION ALL ${edgeEvents('e.ts >= @from AND e.ts < @wholeFrom')}
           UNION ALL ${edgeEvents('e.ts >= @wholeTo AND e.ts <= @to')}
         )
         SELECT value, SUM(events) AS events, SUM(rows) AS rowsProcessed, SUM(exports) AS exportsCount, MIN(first) AS firstSeen, MAX(last) AS lastSeen
         FROM parts GROUP BY value ORDER BY rowsProcessed DESC, events DESC, value LIMIT @limit`,
      )
      .all({ dimension, limit, ...edges }) as Array<{ value: string; events: number; rowsProcessed: number; exportsCount: number; firstSeen: string; lastSeen: string }>;
    const hours = hoursActive(db, dimension, top.map((r) => r.value), edges);
    const names = dimension === 'app' ? appNames(db, top.map((r) => r.value)) : new Map<string, string[]>();
    const everFirst = db.prepare(`SELECT MIN(r.first_ts) FROM event_day_values r WHERE r.dimension = ? AND r.value = ? AND ${CURRENT_ROLLUP}`).pluck();
    for (const r of top) {
      rows.push({
        dimension,
        value: r.value,
        events: r.events,
        rowsProcessed: r.rowsProcessed,
        bulkOrReportExports: r.exportsCount,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        firstSeenInWindow: bounded ? (everFirst.get(dimension, r.value) as string) >= bounded.from : null,
        hoursActive: hours.get(r.value) ?? 0,
        names: names.get(r.value) ?? [],
      });
    }
  }
  return rows.sort((a, b) => b.rowsProcessed - a.rowsProcessed || b.events - a.events || a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value));
}

/**
 * The names events give each connected app beside the value the scope matches (the 18-character id, or the name a
 * source gives alone): CONNECTED_APP_NAME in event log files, Application in real-time events. Only events carrying
 * one of `apps` are read, and only those whose details name an app are parsed.
 */
export function appNames(db: Db, apps: readonly string[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  if (apps.length === 0) return names;
  const rows = db
    .prepare(
      `SELECT app, name FROM (
         SELECT e.app AS app, ${APP_NAME_SQL('e')} AS name
         FROM access_events e
         WHERE e.app IN (SELECT value FROM json_each(@apps)) AND ${CURRENT_EVENT} AND ${MAY_NAME_APP_SQL('e')}
       ) WHERE name IS NOT NULL AND trim(name) <> '' AND name <> app GROUP BY app, name ORDER BY app, name`,
    )
    .all({ apps: JSON.stringify(apps) }) as Array<{ app: string; name: string }>;
  for (const r of rows) names.set(r.app, [...(names.get(r.app) ?? []), r.name.trim()]);
  return names;
}

/** Distinct UTC hours with events, per value: the hour masks of whole days (or-ed across imports) plus the edges' hours. */
function hoursActive(
  db: Db,
  dimension: TriageDimension,
  values: readonly string[],
  edges: { from: string; to: string; wholeFrom: string; wholeTo: string },
): Map<string, number> {
  const hours = new Map<string, number>();
  if (values.length === 0) return hours;
  const column = DIMENSION_SQL[dimension];
  const masks = db
    .prepare(
      `SELECT r.value AS value, r.day AS day, r.hours_mask AS mask FROM event_day_values r
       WHERE r.dimension = @dimension AND r.value IN (SELECT value FROM json_each(@values)) AND r.day >= @wholeFrom AND r.day < @wholeTo AND ${CURRENT_ROLLUP}`,
    )
    .all({ dimension, values: JSON.stringify(values), wholeFrom: edges.wholeFrom, wholeTo: edges.wholeTo }) as Array<{ value: string; day: string; mask: number }>;
  const days = new Map<string, number>();
  for (const m of masks) days.set(`${m.value}\u0000${m.day}`, (days.get(`${m.value}\u0000${m.day}`) ?? 0) | m.mask);
  for (const [key, mask] of days) {
    const value = key.slice(0, key.indexOf('\u0000'));
    hours.set(value, (hours.get(value) ?? 0) + hoursIn(mask));
  }
  const edgeHour = (range: string) =>
    `SELECT ${column} AS value, substr(e.ts, 1, 13) AS hour FROM access_events e
     WHERE ${CURRENT_EVENT} AND ${range} AND ${column} IN (SELECT value FROM json_each(@values))`;
  const edgeHours = db
    .prepare(
      `SELECT value, COUNT(DISTINCT hour) AS hours FROM (
         ${edgeHour('e.ts >= @from AND e.ts < @wholeFrom')} UNION ALL ${edgeHour('e.ts >= @wholeTo AND e.ts <= @to')}
       ) GROUP BY value`,
    )
    .all({ ...edges, values: JSON.stringify(values) }) as Array<{ value: string; hours: number }>;
  for (const e of edgeHours) hours.set(e.value, (hours.get(e.value) ?? 0) + e.hours);
  return hours;
}
