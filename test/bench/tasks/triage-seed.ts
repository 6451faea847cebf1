/**
 * Seeds a case for the triage benchmark straight into access_events (in SQL, so it takes seconds): N web-server
 * log events over 30 days in visits of 40 requests from 20,000 client IPs with 400 user agents and a few users, apps and clients, as a
 * web-log import would store them, and their rollups as the import writes them (in SQL here, from the same
 * definitions). It is not an import: the import benchmarks measure that.
 */
import { DIMENSION_SQL, EXPORT_TYPES_SQL, TRIAGE_DIMENSIONS } from '../../../shared/scope/event-rollups';
import { createCase } from '../../../shared/store/case-folder';

const [caseDir, eventsText] = process.argv.slice(2);
const events = Number(eventsText);
const handle = await createCase({ dir: caseDir!, name: 'triage bench', investigator: 'bench', discovered: '2025-06-20' });
const seconds = (30 * 86_400) / events;
handle.db.exec(`
BEGIN;
INSERT INTO evidence (id, sha256, sha1, md5, size, original_name, original_path, source, acquired_at, acquired_by, time_zone, format, format_forced)
  VALUES (1, '${'1'.repeat(64)}', '', '', 0, 'seeded-access.log', 'seeded', 'benchmark seed', '2025-06-20T00:00:00.000Z', 'bench', 'UTC', 'web-access-log', 1);
INSERT INTO imports (id, evidence_id, format, parser_version, encoding, encoding_guessed, options, rows_read, rows_imported, rows_rejected, rows_duplicate, warnings, started_at, finished_at)
  VALUES (1, 1, 'web-access-log', 'seed', 'utf-8', 0, '{}', ${events}, ${events}, 0, 0, '[]', '', '');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${events})
INSERT INTO access_events (id, evidence_id, import_id, record_no, byte_offset, byte_length, source_type, ts, actor_id, username, session_key, login_key,
  client_ip, source_ip, user_agent, app, client, operation, object_type, query, rows_processed, status, request_id, uri, records_partial, dedup_key, dedup_hash, details)
SELECT i, 1, 1, i, i * 180, 180,
  CASE WHEN i % 997 = 0 THEN 'weblog:report-export' ELSE 'weblog:access' END,
  strftime('%Y-%m-%dT%H:%M:%fZ', '2025-06-01', '+' || (i * ${seconds}) || ' seconds'),
  NULL, CASE WHEN i % 7 = 0 THEN 'user' || (i % 300) || '@corp.example' END, NULL, NULL,
  '198.51.' || ((i / 40 * 7919) % 20000 / 200) || '.' || ((i / 40 * 7919) % 200), NULL,
  'Mozilla/5.0 (agent ' || ((i / 40) % 400) || ')', CASE WHEN i % 11 = 0 THEN 'Portal' || (i % 5) END, NULL, 'GET', NULL, NULL,
  CASE WHEN i % 997 = 0 THEN 5000 END, '200', NULL, '/records/' || (i % 5000), 0, 'k' || i, i, NULL
FROM n;
${TRIAGE_DIMENSIONS.map(
  (d) => `INSERT INTO event_day_values
SELECT '${d}', ${DIMENSION_SQL[d]} AS v, substr(e.ts, 1, 10), e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0),
  SUM(CASE WHEN ${EXPORT_TYPES_SQL} THEN 1 ELSE 0 END), MIN(e.ts), MAX(e.ts), SUM(DISTINCT 1 << CAST(substr(e.ts, 12, 2) AS INTEGER))
FROM access_events e WHERE e.duplicate_of IS NULL AND v IS NOT NULL AND v <> '' GROUP BY 2, 3, 4;`,
).join('\n')}
INSERT INTO event_hour_types
SELECT substr(e.ts, 1, 13), e.source_type, e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0) FROM access_events e GROUP BY 1, 2, 3;
COMMIT;`);
handle.close();
