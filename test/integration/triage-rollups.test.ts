import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistogramBucket, TriageEntry } from '../../shared/contract/api';
import { CURRENT_EVENT, currentEvent } from '../../shared/scope/current-events';
import { DIMENSION_SQL, EXPORT_TYPES_SQL, TRIAGE_DIMENSIONS } from '../../shared/scope/event-rollups';
import { buildTinyCase, type BuiltCase } from '../helpers/breach';

/**
 * Triage and the chart read per-day and per-hour rollups written at import time. These tests compare them with
 * the same figures computed straight from the events, on a generated breach plus overlapping daily and hourly
 * event-log files (duplicates) and a re-import (a superseded import), over windows with partial edges.
 */
let built: BuiltCase;
let root: string;
let db: Database.Database;

const FIXTURES = path.resolve('test/fixtures/salesforce');

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-triage-'));
  built = await buildTinyCase(root);
  const overlap = await built.engine.addEvidence({
    caseDir: built.caseDir,
    files: [path.join(FIXTURES, 'elf-API-daily.csv'), path.join(FIXTURES, 'elf-API-hourly.csv'), path.join(FIXTURES, 'elf-BulkApi.csv')],
    actor: 'test',
  });
  const first = overlap[0]!;
  if (first.status !== 'added') throw new Error(JSON.stringify(first));
  await built.engine.reimportEvidence({ caseDir: built.caseDir, evidenceId: first.evidence.id, actor: 'test' });
  db = new Database(path.join(built.caseDir, 'ledger.sqlite'), { readonly: true });
});

afterAll(() => {
  db?.close();
  built?.engine.close();
  rmSync(root, { recursive: true, force: true });
});

/** Triage as a plain scan of the events would give it. */
function triageFromEvents(window: { from: string; to: string } | null, limit: number): TriageEntry[] {
  const rows: TriageEntry[] = [];
  for (const dimension of TRIAGE_DIMENSIONS) {
    const column = DIMENSION_SQL[dimension];
    const result = db
      .prepare(
        `SELECT ${column} AS value, COUNT(*) AS events, COALESCE(SUM(e.rows_processed), 0) AS rowsProcessed,
           SUM(CASE WHEN ${EXPORT_TYPES_SQL} THEN 1 ELSE 0 END) AS exportsCount, MIN(e.ts) AS firstSeen, MAX(e.ts) AS lastSeen,
           COUNT(DISTINCT substr(e.ts, 1, 13)) AS hoursActive,
           (SELECT MIN(p.ts) FROM access_events p WHERE ${currentEvent('p')} AND ${column.replace(/e\./g, 'p.')} = ${column}) AS everFirst
         FROM access_events e WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to AND ${column} IS NOT NULL AND ${column} <> ''
         GROUP BY 1 ORDER BY rowsProcessed DESC, events DESC, value LIMIT @limit`,
      )
      .all({ from: window?.from ?? '0000', to: window?.to ?? '9999', limit }) as Array<Omit<TriageEntry, 'dimension' | 'bulkOrReportExports' | 'firstSeenInWindow'> & { exportsCount: number; everFirst: string }>;
    for (const r of result) {
      rows.push({
        dimension,
        value: r.value,
        events: r.events,
        rowsProcessed: r.rowsProcessed,
        bulkOrReportExports: r.exportsCount,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
        firstSeenInWindow: window ? r.everFirst >= window.from : null,
        hoursActive: r.hoursActive,
        names: dimension === 'app' ? appNamesFromEvents(r.value) : [],
      });
    }
  }
  return rows.sort((a, b) => b.rowsProcessed - a.rowsProcessed || b.events - a.events || a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value));
}

/** The names the app's events give it beside the id, read by parsing every one of its events' details. */
function appNamesFromEvents(app: string): string[] {
  const names = new Set<string>();
  for (const { details } of db.prepare(`SELECT e.details FROM access_events e WHERE ${CURRENT_EVENT} AND e.app = ?`).all(app) as Array<{ details: string | null }>) {
    const parsed = details ? (JSON.parse(details) as Record<string, unknown>) : {};
    const name = parsed.CONNECTED_APP_NAME ?? parsed.Application;
    if (typeof name === 'string' && name.trim() && name !== app) names.add(name.trim());
  }
  return [...names].sort();
}

function histogramFromEvents(bucket: 'hour' | 'day', window: { from: string; to: string } | null): HistogramBucket[] {
  const prefix = bucket === 'hour' ? 13 : 10;
  const rows = db
    .prepare(
      `SELECT substr(e.ts, 1, ${prefix}) AS slot, e.source_type AS type, COUNT(*) AS events, COALESCE(SUM(e.rows_processed), 0) AS rowsProcessed
       FROM access_events e WHERE ${CURRENT_EVENT} AND e.ts >= @from AND e.ts <= @to GROUP BY slot, type ORDER BY slot, type`,
    )
    .all({ from: window?.from ?? '0000', to: window?.to ?? '9999' }) as Array<{ slot: string; type: string; events: number; rowsProcessed: number }>;
  const buckets = new Map<string, HistogramBucket>();
  for (const r of rows) {
    const b = buckets.get(r.slot) ?? { start: `${r.slot}${bucket === 'hour' ? ':00:00.000Z' : 'T00:00:00.000Z'}`, events: 0, rowsProcessed: 0, byType: {} };
    b.events += r.events;
    b.rowsProcessed += r.rowsProcessed;
    b.byType[r.type] = r.events;
    buckets.set(r.slot, b);
  }
  return [...buckets.values()];
}

function windows(): Array<{ from: string; to: string } | null> {
  const a = built.scenario.attack.window;
  const start = Date.parse(a.start);
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    null,
    { from: a.start, to: a.end },
    { from: iso(start - 3 * 86_400_000 + 1234), to: iso(start + 2 * 86_400_000 - 777) },
    { from: iso(start), to: iso(start + 600_000) },
    { from: '2025-06-01T00:00:00.000Z', to: '2025-06-02T23:59:59.999Z' },
    { from: '2025-06-01T12:01:30.000Z', to: '2025-06-01T13:00:00.000Z' },
  ];
}

describe('triage and the chart from rollups', () => {
  it('have events to compare: duplicates between overlapping files, a superseded import', () => {
    expect(db.prepare('SELECT COUNT(*) FROM access_events WHERE duplicate_of IS NOT NULL').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare(`SELECT COUNT(*) FROM access_events e WHERE NOT (${CURRENT_EVENT})`).pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT COUNT(DISTINCT part) FROM event_day_values').pluck().get()).toBeGreaterThan(0);
  });

  it('give the triage table a scan of the events gives, with and without windows', async () => {
    for (const window of windows()) {
      const expected = triageFromEvents(window, 7);
      expect(expected.length, JSON.stringify(window)).toBeGreaterThan(0);
      const actual = await built.engine.triage({ caseDir: built.caseDir, from: window?.from ?? null, to: window?.to ?? null, limit: 7 });
      expect(actual, JSON.stringify(window)).toEqual(expected);
    }
  });

  it('give the chart a scan of the events gives, per hour and per day', async () => {
    for (const window of windows()) {
      for (const bucket of ['hour', 'day'] as const) {
        const expected = histogramFromEvents(bucket, window);
        expect(expected.length).toBeGreaterThan(0);
        const actual = await built.engine.eventHistogram({ caseDir: built.caseDir, bucket, from: window?.from ?? null, to: window?.to ?? null });
        expect(actual, `${bucket} ${JSON.stringify(window)}`).toEqual(expected);
      }
    }
  });
});
