/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * A released migration is never edited: later changes are new entries at the end.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

const appendOnly = (table: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: rows cannot be changed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: rows cannot be deleted'); END;`;

/** Columns every normalized row carries to walk back to its evidence bytes. */
const PROVENANCE = `
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  import_id INTEGER NOT NULL,
  entry TEXT,
  record_no INTEGER NOT NULL,
  line_no INTEGER,
  byte_offset INTEGER NOT NULL,
  byte_length INTEGER NOT NULL`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'case, evidence, custody, imports, rejects, access events, subject records',
    sql: `
CREATE TABLE case_info (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
${appendOnly('case_info')}

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL UNIQUE,
  sha1 TEXT NOT NULL,
  md5 TEXT NOT NULL,
  size INTEGER NOT NULL,
  original_name TEXT NOT NULL,
  original_path TEXT NOT NULL,
  source TEXT,
  acquired_at TEXT NOT NULL,
  acquired_by TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  format TEXT NOT NULL,
  format_forced INTEGER NOT NULL
) STRICT;
${appendOnly('evidence')}

CREATE TABLE custody (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  os_user TEXT NOT NULL,
  host TEXT NOT NULL,
  app_version TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  entry_hash TEXT NOT NULL
) STRICT;
${appendOnly('custody')}

CREATE TABLE imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  format TEXT NOT NULL,
  parser_version TEXT NOT NULL,
  encoding TEXT NOT NULL,
  encoding_guessed INTEGER NOT NULL,
  options TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  rows_duplicate INTEGER NOT NULL,
  warnings TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
) STRICT;
${appendOnly('imports')}
CREATE INDEX imports_evidence ON imports(evidence_id, id);

CREATE TABLE archive_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  import_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  sha1 TEXT NOT NULL,
  md5 TEXT NOT NULL
) STRICT;
${appendOnly('archive_entries')}

CREATE TABLE rejects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  import_id INTEGER NOT NULL,
  entry TEXT,
  record_no INTEGER,
  line_no INTEGER,
  byte_offset INTEGER NOT NULL,
  byte_length INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw BLOB NOT NULL,
  raw_truncated INTEGER NOT NULL
) STRICT;
${appendOnly('rejects')}
CREATE INDEX rejects_import ON rejects(import_id);

CREATE TABLE access_events (
  id INTEGER PRIMARY KEY,
  ${PROVENANCE},
  source_type TEXT NOT NULL,
  ts TEXT NOT NULL,
  actor_id TEXT,
  username TEXT,
  session_key TEXT,
  login_key TEXT,
  client_ip TEXT,
  source_ip TEXT,
  user_agent TEXT,
  app TEXT,
  client TEXT,
  operation TEXT,
  object_type TEXT,
  query TEXT,
  rows_processed INTEGER,
  status TEXT,
  request_id TEXT,
  uri TEXT,
  records_partial INTEGER NOT NULL,
  dedup_key TEXT NOT NULL,
  dedup_hash INTEGER NOT NULL,
  duplicate_of INTEGER,
  details TEXT
) STRICT;
${appendOnly('access_events')}
CREATE INDEX access_events_ts ON access_events(ts);
CREATE INDEX access_events_dedup ON access_events(dedup_hash);

CREATE TABLE event_records (
  event_id INTEGER NOT NULL,
  record_id TEXT NOT NULL
) STRICT;
${appendOnly('event_records')}
CREATE INDEX event_records_event ON event_records(event_id);
CREATE INDEX event_records_record ON event_records(record_id);

CREATE TABLE subject_records (
  id INTEGER PRIMARY KEY,
  ${PROVENANCE},
  system TEXT NOT NULL,
  object_type TEXT NOT NULL,
  source_id TEXT,
  fields TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  full_name TEXT,
  email TEXT,
  email_key TEXT,
  phone TEXT,
  birth_date TEXT,
  updated_at TEXT
) STRICT;
${appendOnly('subject_records')}
CREATE INDEX subject_records_source ON subject_records(source_id);

CREATE TABLE subject_addresses (
  subject_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  street TEXT,
  city TEXT,
  region TEXT,
  region_source TEXT,
  postal_code TEXT,
  country TEXT
) STRICT;
${appendOnly('subject_addresses')}
CREATE INDEX subject_addresses_subject ON subject_addresses(subject_id);

CREATE TABLE subject_links (
  subject_id INTEGER NOT NULL,
  link_type TEXT NOT NULL,
  target_id TEXT NOT NULL
) STRICT;
${appendOnly('subject_links')}
CREATE INDEX subject_links_subject ON subject_links(subject_id);
CREATE INDEX subject_links_target ON subject_links(target_id);

-- The rows of the newest import of each evidence file: re-imports supersede, never delete.
CREATE VIEW current_imports AS
  SELECT i.* FROM imports i
  WHERE i.id = (SELECT MAX(j.id) FROM imports j WHERE j.evidence_id = i.evidence_id);
`,
  },
  {
    version: 2,
    description: 'incident scopes, investigator decisions and reconstruction analyses',
    sql: `
CREATE TABLE scopes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  definition TEXT NOT NULL,
  sha256 TEXT NOT NULL
) STRICT;
${appendOnly('scopes')}

-- Merges, splits and field classifications the investigator decided; they survive re-runs.
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL
) STRICT;
${appendOnly('decisions')}

-- Rule packs the investigator added to this case (files in rules/<sha256>.json); newer versions supersede bundled ones.
CREATE TABLE rule_packs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  added_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  jurisdiction TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL
) STRICT;
${appendOnly('rule_packs')}

CREATE TABLE analyses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope_id INTEGER NOT NULL REFERENCES scopes(id),
  options TEXT NOT NULL,
  inputs TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  output_digest TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  summary TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
) STRICT;
${appendOnly('analyses')}

CREATE TABLE analysis_events (
  analysis_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  reason TEXT NOT NULL
) STRICT;
${appendOnly('analysis_events')}
CREATE INDEX analysis_events_key ON analysis_events(analysis_id, event_id);

CREATE TABLE analysis_event_notes (
  analysis_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL
) STRICT;
${appendOnly('analysis_event_notes')}
CREATE INDEX analysis_event_notes_key ON analysis_event_notes(analysis_id, event_id);

CREATE TABLE analysis_hits (
  analysis_id INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  consumer_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('exact', 'derived', 'inferred')),
  fields TEXT NOT NULL
) STRICT;
${appendOnly('analysis_hits')}
CREATE INDEX analysis_hits_consumer ON analysis_hits(analysis_id, consumer_id);

CREATE TABLE analysis_consumers (
  analysis_id INTEGER NOT NULL,
  consumer_id INTEGER NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('exact', 'derived', 'inferred')),
  region TEXT NOT NULL,
  regions TEXT NOT NULL,
  elements TEXT NOT NULL,
  full_name TEXT,
  email TEXT,
  phone TEXT,
  records INTEGER NOT NULL,
  PRIMARY KEY (analysis_id, consumer_id)
) STRICT;
${appendOnly('analysis_consumers')}
CREATE INDEX analysis_consumers_region ON analysis_consumers(analysis_id, region);
CREATE INDEX analysis_consumers_basis ON analysis_consumers(analysis_id, basis);

CREATE TABLE analysis_consumer_records (
  analysis_id INTEGER NOT NULL,
  consumer_id INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  reason TEXT NOT NULL
) STRICT;
${appendOnly('analysis_consumer_records')}
CREATE INDEX analysis_consumer_records_key ON analysis_consumer_records(analysis_id, consumer_id);

CREATE TABLE analysis_consumer_elements (
  analysis_id INTEGER NOT NULL,
  consumer_id INTEGER NOT NULL,
  element TEXT NOT NULL,
  basis TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  event_id INTEGER NOT NULL
) STRICT;
${appendOnly('analysis_consumer_elements')}
CREATE INDEX analysis_consumer_elements_key ON analysis_consumer_elements(analysis_id, consumer_id);

CREATE TABLE analysis_review (
  analysis_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  subject_ids TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
${appendOnly('analysis_review')}
`,
  },
  {
    version: 3,
    description: 'one event index on (ts, dedup_hash) for time ranges and the duplicate probe; an index of duplicates',
    sql: `
-- Logs arrive roughly in time order, so a ts-led index grows at its end during a bulk import where an index
-- on the hash alone was written all over; a duplicate is the same event, so it has the same timestamp.
DROP INDEX access_events_ts;
DROP INDEX access_events_dedup;
CREATE INDEX access_events_ts_dedup ON access_events(ts, dedup_hash);
CREATE INDEX access_events_duplicate ON access_events(duplicate_of) WHERE duplicate_of IS NOT NULL;
`,
  },
  {
    version: 4,
    description: 'records an analysis reached that are not consumers: the workforce, and non-persons with the reason',
    sql: `
CREATE TABLE analysis_populations (
  analysis_id INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  population TEXT NOT NULL CHECK (population IN ('workforce', 'non-person')),
  kind TEXT NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('exact', 'derived', 'inferred')),
  event_id INTEGER NOT NULL,
  reason TEXT NOT NULL
) STRICT;
${appendOnly('analysis_populations')}
CREATE INDEX analysis_populations_key ON analysis_populations(analysis_id, population);
`,
  },
  {
    version: 5,
    description: 'per-day and per-hour rollups of each import\'s events for triage and the events-over-time chart, filled for existing imports',
    sql: `
CREATE TABLE event_day_values (
  dimension TEXT NOT NULL,
  value TEXT NOT NULL,
  day TEXT NOT NULL,
  import_id INTEGER NOT NULL,
  part INTEGER NOT NULL,
  events INTEGER NOT NULL,
  rows_processed INTEGER NOT NULL,
  exports INTEGER NOT NULL,
  first_ts TEXT NOT NULL,
  last_ts TEXT NOT NULL,
  hours_mask INTEGER NOT NULL,
  PRIMARY KEY (dimension, value, day, import_id, part)
) STRICT, WITHOUT ROWID;
${appendOnly('event_day_values')}
CREATE TABLE event_hour_types (
  hour TEXT NOT NULL,
  source_type TEXT NOT NULL,
  import_id INTEGER NOT NULL,
  part INTEGER NOT NULL,
  events INTEGER NOT NULL,
  rows_processed INTEGER NOT NULL,
  PRIMARY KEY (hour, source_type, import_id, part)
) STRICT, WITHOUT ROWID;
${appendOnly('event_hour_types')}
INSERT INTO event_day_values
SELECT 'ip', COALESCE(NULLIF(e.source_ip, ''), e.client_ip) AS v, substr(e.ts, 1, 10), e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0),
  SUM(CASE WHEN e.source_type LIKE '%Bulk%' OR e.source_type LIKE '%Report%' THEN 1 ELSE 0 END), MIN(e.ts), MAX(e.ts),
  SUM(DISTINCT 1 << CAST(substr(e.ts, 12, 2) AS INTEGER))
FROM access_events e WHERE e.duplicate_of IS NULL AND v IS NOT NULL AND v <> '' GROUP BY 2, 3, 4;
INSERT INTO event_day_values
SELECT 'user', COALESCE(e.username, e.actor_id) AS v, substr(e.ts, 1, 10), e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0),
  SUM(CASE WHEN e.source_type LIKE '%Bulk%' OR e.source_type LIKE '%Report%' THEN 1 ELSE 0 END), MIN(e.ts), MAX(e.ts),
  SUM(DISTINCT 1 << CAST(substr(e.ts, 12, 2) AS INTEGER))
FROM access_events e WHERE e.duplicate_of IS NULL AND v IS NOT NULL AND v <> '' GROUP BY 2, 3, 4;
INSERT INTO event_day_values
SELECT 'app', e.app AS v, substr(e.ts, 1, 10), e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0),
  SUM(CASE WHEN e.source_type LIKE '%Bulk%' OR e.source_type LIKE '%Report%' THEN 1 ELSE 0 END), MIN(e.ts), MAX(e.ts),
  SUM(DISTINCT 1 << CAST(substr(e.ts, 12, 2) AS INTEGER))
FROM access_events e WHERE e.duplicate_of IS NULL AND v IS NOT NULL AND v <> '' GROUP BY 2, 3, 4;
INSERT INTO event_day_values
SELECT 'client', e.client AS v, substr(e.ts, 1, 10), e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0),
  SUM(CASE WHEN e.source_type LIKE '%Bulk%' OR e.source_type LIKE '%Report%' THEN 1 ELSE 0 END), MIN(e.ts), MAX(e.ts),
  SUM(DISTINCT 1 << CAST(substr(e.ts, 12, 2) AS INTEGER))
FROM access_events e WHERE e.duplicate_of IS NULL AND v IS NOT NULL AND v <> '' GROUP BY 2, 3, 4;
INSERT INTO event_day_values
SELECT 'agent', e.user_agent AS v, substr(e.ts, 1, 10), e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0),
  SUM(CASE WHEN e.source_type LIKE '%Bulk%' OR e.source_type LIKE '%Report%' THEN 1 ELSE 0 END), MIN(e.ts), MAX(e.ts),
  SUM(DISTINCT 1 << CAST(substr(e.ts, 12, 2) AS INTEGER))
FROM access_events e WHERE e.duplicate_of IS NULL AND v IS NOT NULL AND v <> '' GROUP BY 2, 3, 4;
INSERT INTO event_hour_types
SELECT substr(e.ts, 1, 13), e.source_type, e.import_id, 0, COUNT(*), COALESCE(SUM(e.rows_processed), 0)
FROM access_events e WHERE e.duplicate_of IS NULL GROUP BY 1, 2, 3;
`,
  },
  {
    version: 6,
    description: 'examiner notes and tags on events and consumers, each edit a new version logged in custody',
    sql: `
CREATE TABLE annotations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'consumer')),
  target_id INTEGER NOT NULL,
  analysis_id INTEGER,
  version INTEGER NOT NULL,
  note TEXT NOT NULL,
  tags TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  custody_seq INTEGER NOT NULL,
  UNIQUE (target_kind, target_id, version)
) STRICT;
${appendOnly('annotations')}
`,
  },
  {
    version: 7,
    description: 'row seals: digests of the rows each custody entry sealed, in runs, recorded in that entry',
    sql: `
CREATE TABLE row_seals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  custody_seq INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  first_key INTEGER NOT NULL,
  last_key INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  digest TEXT NOT NULL,
  row_crcs BLOB NOT NULL
) STRICT;
${appendOnly('row_seals')}
CREATE INDEX row_seals_table ON row_seals(tbl, last_key);
-- The rollups are sealed and checked by import: without these, each would scan the whole table.
CREATE INDEX event_day_values_import ON event_day_values(import_id);
CREATE INDEX event_hour_types_import ON event_hour_types(import_id);
`,
  },
  {
    version: 8,
    description: "counsel's notice facts and edited notice templates, each a new version logged in custody (the latest wins)",
    sql: `
CREATE TABLE notice_facts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  facts TEXT NOT NULL,
  sha256 TEXT NOT NULL
) STRICT;
${appendOnly('notice_facts')}
CREATE TABLE notice_templates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  jurisdiction TEXT NOT NULL,
  template TEXT NOT NULL,
  sha256 TEXT NOT NULL
) STRICT;
${appendOnly('notice_templates')}
CREATE INDEX notice_templates_jurisdiction ON notice_templates(jurisdiction, id);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
