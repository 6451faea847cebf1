/**
 * Seeds a case for the reconstruct benchmark straight into the normalized tables (in SQL, so it takes
 * seconds): N Contact records with addresses and M access events, a slice of them from an attacker IP
 * that name records, run SOQL queries, and two bulk extracts that bound every Contact (inferred). It is not an import: the import benchmarks
 * measure that. The rows carry a placeholder evidence file registered like any other.
 */
import { createCase } from '../../../shared/store/case-folder';
import { appendCustody } from '../../../shared/store/custody';

const [caseDir, subjectsText, eventsText] = process.argv.slice(2);
const subjects = Number(subjectsText);
const events = Number(eventsText);
const handle = await createCase({ dir: caseDir!, name: 'reconstruct bench', investigator: 'bench', discovered: '2025-06-20' });
const db = handle.db;
const STATES = "json_array('CA','TX','NY','FL','IL','PA','OH','GA','NC','MI','NJ','VA','WA','AZ','MA')";
db.exec(`
BEGIN;
INSERT INTO evidence (id, sha256, sha1, md5, size, original_name, original_path, source, acquired_at, acquired_by, time_zone, format, format_forced)
  VALUES (1, '${'1'.repeat(64)}', '', '', 0, 'seeded-contacts.csv', 'seeded', 'benchmark seed', '2025-06-20T00:00:00.000Z', 'bench', 'UTC', 'salesforce-data-export', 1),
         (2, '${'2'.repeat(64)}', '', '', 0, 'seeded-events.csv', 'seeded', 'benchmark seed', '2025-06-20T00:00:00.000Z', 'bench', 'UTC', 'salesforce-elf', 1);
INSERT INTO imports (id, evidence_id, format, parser_version, encoding, encoding_guessed, options, rows_read, rows_imported, rows_rejected, rows_duplicate, warnings, started_at, finished_at)
  VALUES (1, 1, 'salesforce-data-export', 'seed', 'utf-8', 0, '{}', ${subjects}, ${subjects}, 0, 0, '[]', '', ''),
         (2, 2, 'salesforce-elf', 'seed', 'utf-8', 0, '{}', ${events}, ${events}, 0, 0, '[]', '', '');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${subjects})
INSERT INTO subject_records (id, evidence_id, import_id, record_no, byte_offset, byte_length, system, object_type, source_id, fields,
  first_name, last_name, full_name, email, email_key, phone, birth_date, updated_at)
SELECT i, 1, 1, i, i * 200, 200, 'salesforce', 'Contact', printf('003%012dAAA', i),
  json_object('Id', printf('003%012dAAA', i), 'FirstName', 'First' || (i % 997), 'LastName', 'Last' || (i % 1009),
    'Email', 'person' || i || '@example.com', 'Phone', printf('+1415555%04d', i % 10000),
    'MailingState', json_extract(${STATES}, '$[' || (i % 15) || ']'), 'MailingPostalCode', printf('%05d', 10000 + i % 80000),
    'Birthdate', printf('19%02d-0%d-1%d', 50 + i % 50, 1 + i % 9, i % 10), 'SSN__c', CASE WHEN i % 10 = 0 THEN printf('%03d-45-%04d', 100 + i % 600, 1000 + i % 9000) ELSE '' END,
    'CreatedDate', '2024-01-02T03:04:05.000Z'),
  'First' || (i % 997), 'Last' || (i % 1009), 'First' || (i % 997) || ' Last' || (i % 1009), 'person' || i || '@example.com', 'person' || i || '@example.com',
  printf('+1415555%04d', i % 10000), printf('19%02d-0%d-1%d', 50 + i % 50, 1 + i % 9, i % 10), '2025-01-01T00:00:00.000Z'
FROM n;
INSERT INTO subject_addresses (subject_id, kind, street, city, region, region_source, postal_code, country)
SELECT id, 'mailing', '1 Main St', 'City', 'US-' || json_extract(fields, '$.MailingState'), 'abbreviation', json_extract(fields, '$.MailingPostalCode'), 'US' FROM subject_records;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${events})
INSERT INTO access_events (id, evidence_id, import_id, record_no, byte_offset, byte_length, source_type, ts, actor_id, username, session_key, login_key,
  client_ip, source_ip, user_agent, app, client, operation, object_type, query, rows_processed, status, request_id, uri, records_partial, dedup_key, dedup_hash, details)
SELECT i, 2, 2, i, i * 250, 250,
  CASE WHEN i % 2500000 = 0 THEN 'elf:BulkApi2' WHEN i % 5000 = 0 THEN 'rtem:ApiEvent' ELSE 'elf:API' END,
  strftime('%Y-%m-%dT%H:%M:%fZ', '2025-06-01', '+' || (i * 0.5) || ' seconds'),
  '0055j00000AT6I1AAL', 'user' || (i % 50) || '@corp.example',
  CASE WHEN i % 1000 = 0 THEN 'ATK-S' || (i / 100000) ELSE 'S' || (i / 1000) END, CASE WHEN i % 1000 = 0 THEN 'ATK-L' || (i / 500000) ELSE 'L' || (i / 5000) END,
  CASE WHEN i % 1000 = 0 THEN '203.0.113.77' ELSE '198.51.100.' || (i % 200) END, NULL, 'DataLoader', NULL, 'DataLoaderPartnerUI/', 'query', 'Contact',
  CASE WHEN i % 50000 = 0 AND i % 2500000 <> 0 THEN 'SELECT Id, FirstName, LastName, Email, MailingState, SSN__c FROM Contact WHERE MailingState = ''CA'' AND Birthdate < 1960-01-01' END,
  CASE WHEN i % 2500000 = 0 THEN 50000 ELSE i % 200 END, '', 'R' || i, NULL, 0, 'k' || i, i, NULL
FROM n;
WITH RECURSIVE r(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM r WHERE k < 19)
INSERT INTO event_records (event_id, record_id)
SELECT e.id, printf('003%012dAAA', 1 + ((e.id * 7 + r.k * 131) % ${subjects})) FROM access_events e, r WHERE e.source_type = 'rtem:ApiEvent';
COMMIT;`);
// An import seals its rows when it logs its parse; the seeded rows are sealed here, so the timed reconstruction pays
// only for its own rows, as it does after real imports.
appendCustody(handle.db, { actor: 'bench', action: 'parse', subject: 'seeded tables', details: { subjects, events } });
handle.close();
