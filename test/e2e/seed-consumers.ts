/**
 * Seeds a real case store with a large analysis directly in SQL (recursive CTE), so the consumer table can
 * be exercised at a million rows in seconds. The rows are synthetic: no evidence stands behind them.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';

/** States the seeded consumers are spread over, round robin. */
export const SEEDED_STATES = ['US-CA', 'US-TX', 'US-NY', 'US-FL', 'US-IL', 'US-PA', 'US-OH', 'US-GA'] as const;
const LONG_NAME_EVERY = 1000;

export function seedConsumers(caseDir: string, count: number): void {
  const db = new Database(path.join(caseDir, 'ledger.sqlite'));
  try {
    db.pragma('synchronous = OFF');
    const now = new Date().toISOString();
    const definition = JSON.stringify({ from: '2025-06-16T00:00:00.000Z', to: '2025-06-17T00:00:00.000Z', ips: ['203.0.113.77'], users: [], sessions: [], loginKeys: [], apps: [], clients: [], agents: [] });
    const states = SEEDED_STATES.map((s) => s.slice(3)).join('');
    db.transaction(() => {
      db.prepare("INSERT INTO scopes (created_at, actor, definition, sha256) VALUES (?, 'seed', ?, 'seeded')").run(now, definition);
      const scopeId = db.prepare('SELECT MAX(id) FROM scopes').pluck().get() as number;
      // Analyses are append-only, so the summary names its own id up front.
      const nextAnalysis = (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM analyses').pluck().get() as number);
      const summary = JSON.stringify({ ...seededSummary(count), analysis: nextAnalysis, scopeId });
      db.prepare(
        `INSERT INTO analyses (scope_id, options, inputs, input_digest, output_digest, engine_version, summary, started_at, finished_at)
         VALUES (?, '{"residency":"most-recent"}', '{}', 'seeded', 'seeded', 'seeded', ?, ?, ?)`,
      ).run(scopeId, summary, now, now);
      const analysisId = db.prepare('SELECT MAX(id) FROM analyses').pluck().get() as number;
      if (analysisId !== nextAnalysis) throw new Error(`Seeded analysis ${analysisId}, expected ${nextAnalysis}`);
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count),
         c AS (SELECT i, 'US-' || substr(@states, (i % ${SEEDED_STATES.length}) * 2 + 1, 2) AS region,
                      CASE i % 10 WHEN 0 THEN 'exact' WHEN 1 THEN 'derived' WHEN 2 THEN 'derived' ELSE 'inferred' END AS basis FROM n)
         INSERT INTO analysis_consumers (analysis_id, consumer_id, basis, region, regions, elements, full_name, email, phone, records)
         SELECT @analysis, i, basis, region,
                json_object('countedIn', json_array(region), 'reason', 'seeded for the scale test', 'candidates', json_array()),
                CASE WHEN i % 7 = 0 THEN json_object('email', basis, 'name', basis, 'ssn', basis) ELSE json_object('email', basis, 'name', basis) END,
                CASE WHEN i % ${LONG_NAME_EVERY} = 0 THEN 'Maximiliana Alexandrovna Wolfeschlegelsteinhausenbergerdorff-Oyelaran ' || i ELSE 'Consumer ' || i END,
                'consumer' || i || '@example.test', '+1555' || printf('%07d', i), 1 + i % 4
         FROM c`,
      ).run({ count, states, analysis: analysisId });
    })();
  } finally {
    db.close();
  }
}

/** The stored summary the engine would have written for the seeded rows (same round robin as the SQL below). */
export function seededSummary(count: number) {
  const byBasis = { exact: 0, derived: 0, inferred: 0 };
  const byState: Record<string, number> = {};
  for (let i = 1; i <= count; i++) {
    const tenth = i % 10;
    byBasis[tenth === 0 ? 'exact' : tenth <= 2 ? 'derived' : 'inferred']++;
    const state = SEEDED_STATES[i % SEEDED_STATES.length]!;
    byState[state] = (byState[state] ?? 0) + 1;
  }
  return {
    seeded: true,
    analysis: 0,
    digest: 'seeded',
    inputDigest: 'seeded',
    scopeId: 0,
    residencyRule: 'most-recent',
    events: 0,
    total: count,
    byBasis,
    byState,
    byElement: { email: count, name: count, ssn: Math.floor(count / 7) },
    inferredMinimum: 0,
    review: 0,
    notes: {},
  };
}
