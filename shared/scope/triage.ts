import type { TriageEntry } from '../contract/api';
import type { Db } from '../store/db';
import { CURRENT_EVENT, currentEvent } from './current-events';

export type TriageDimension = TriageEntry['dimension'];
export const TRIAGE_DIMENSIONS: readonly TriageDimension[] = ['ip', 'user', 'app', 'client', 'agent'];

export type TriageRow = TriageEntry;

const COLUMN: Record<TriageDimension, string> = {
  ip: "COALESCE(NULLIF(e.source_ip, ''), e.client_ip)",
  user: 'COALESCE(e.username, e.actor_id)',
  app: 'e.app',
  client: 'e.client',
  agent: 'e.user_agent',
};

const EXPORT_TYPES = "(e.source_type LIKE '%Bulk%' OR e.source_type LIKE '%Report%')";

/** Per IP, user, connected app, client and user agent: activity in the window, sorted by rows processed. */
export function triage(db: Db, window: { from?: string | null; to?: string | null }, limit = 50): TriageRow[] {
  const from = window.from ?? '0000';
  const to = window.to ?? '9999';
  const rows: TriageRow[] = [];
  for (const dimension of TRIAGE_DIMENSIONS) {
    const column = COLUMN[dimension];
    const result = db
      .prepare(
        `SELECT ${column} AS value, COUNT(*) AS events, COALESCE(SUM(e.rows_processed), 0) AS rowsProcessed,
           SUM(CASE WHEN ${EXPORT_TYPES} THEN 1 ELSE 0 END) AS exportsCount,
           MIN(e.ts) AS firstSeen, MAX(e.ts) AS lastSeen, COUNT(DISTINCT substr(e.ts, 1, 13)) AS hoursActive,
           (SELECT MIN(p.ts) FROM access_events p WHERE ${currentEvent('p')}
              AND ${column.replace(/e\./g, 'p.')} = ${column}) AS everFirst
         FROM access_events e
         WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to AND ${column} IS NOT NULL AND ${column} <> ''
         GROUP BY 1 ORDER BY rowsProcessed DESC, events DESC, value LIMIT @limit`,
      )
      .all({ from, to, limit }) as Array<{
      value: string;
      events: number;
      rowsProcessed: number;
      exportsCount: number;
      firstSeen: string;
      lastSeen: string;
      hoursActive: number;
      everFirst: string;
    }>;
    for (const r of result) {
      rows.push({
        dimension,
        value: r.value,
        events: r.events,
        rowsProcessed: r.rowsProcessed,
        bulkOrReportExports: r.exportsCount,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        firstSeenInWindow: window.from ? r.everFirst >= window.from : null,
        hoursActive: r.hoursActive,
      });
    }
  }
  return rows.sort((a, b) => b.rowsProcessed - a.rowsProcessed || b.events - a.events || a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value));
}
