import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';

type Statement = Database.Statement<unknown[]>;

/**
 * Row seals: each custody entry seals every row the store gained since the entry before it (the rows its step
 * wrote: an import's evidence and derived rows, an analysis's tables, a scope, a decision...; rows a step writes
 * after its entry are sealed by the next one). A row is read as SQLite text (`quote()` of each column), so the seal
 * does not depend on how the writer bound its values. Seals go to `row_seals` by runs of consecutive rows: the
 * SHA-256 of the run and a CRC-32 of each row (which catches every single-bit change); the custody entry records the
 * SHA-256 of its runs, so the chain protects them. `verify` re-reads each run in SQLite and compares digests; on a
 * mismatch it names the table and the row whose CRC differs.
 *
 * Every table is append-only (the schema's triggers), so a sealed row never legitimately changes. Not sealed, each
 * for a stated reason: `custody` (its own hash chain covers it), `row_seals` (its digests are in custody), SQLite's
 * own tables (`sqlite_sequence`: the next id, checked against each table's last row instead), any table without the
 * append-only trigger (its rows change by design), and a WITHOUT ROWID table without an `import_id` column.
 */

/** Rows per seal run: 4 bytes of CRC a row, so at most 16 KiB a seal row. */
const RUN_ROWS = 4096;

export interface SealedTable {
  name: string;
  /** Rowid tables are sealed by rowid; WITHOUT ROWID tables by import, their rows in primary-key order. */
  key: 'rowid' | 'import_id';
  /** SQL giving one row's bytes as a BLOB: its rowid (rowid tables) and every column quoted, comma-separated, newline-ended. */
  text: string;
  /** `ORDER BY` within a run. */
  order: string;
  /** The columns of `order`, selected as sk0, sk1... so an aggregate can order by them. */
  orderColumns: string;
  /** The primary-key columns, to name a row of a WITHOUT ROWID table. */
  keyColumns: string[];
}

export interface ExcludedTable {
  name: string;
  reason: string;
}

/** What a custody entry records per table: the rows sealed with it and the SHA-256 of their seal runs. */
export interface TableSeal {
  rows: number;
  digest: string;
}

interface SealRun {
  first: number;
  last: number;
  rows: number;
  /** SHA-256 of the rows' bytes, in order. */
  digest: string;
  /** CRC-32 of each row's bytes, 4 bytes a row. */
  crcs: Buffer;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables sealed, and the ones left out with the reason; `sealedBefore` are treated as append-only (their rows were sealed). */
export function sealableTables(db: Db, sealedBefore: ReadonlySet<string> = new Set()): { sealed: SealedTable[]; excluded: ExcludedTable[] } {
  const objects = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name`).all() as Array<{
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }>;
  const appendOnly = new Set(objects.filter((o) => o.type === 'trigger' && o.name === `${o.tbl_name}_no_update`).map((o) => o.tbl_name));
  const sealed: SealedTable[] = [];
  const excluded: ExcludedTable[] = [];
  for (const table of objects.filter((o) => o.type === 'table')) {
    const name = table.name;
    if (name === 'custody') excluded.push({ name, reason: 'its own hash chain covers every entry' });
    else if (name === 'row_seals') excluded.push({ name, reason: 'its digests are recorded in the custody entries' });
    else if (name.startsWith('sqlite_')) excluded.push({ name, reason: "SQLite's own bookkeeping, checked against the tables instead" });
    else if (!appendOnly.has(name) && !sealedBefore.has(name)) excluded.push({ name, reason: 'not append-only: its rows change by design' });
    else {
      const columns = (db.pragma(`table_info(${quote(name)})`) as Array<{ name: string; pk: number; cid: number }>).sort((a, b) => a.cid - b.cid);
      const quoted = columns.map((c) => `quote(${quote(c.name)})`).join(', ');
      if (!/WITHOUT\s+ROWID/i.test(table.sql ?? '')) {
        sealed.push({ name, key: 'rowid', text: `CAST(concat_ws(',', rowid, ${quoted}) || char(10) AS BLOB)`, order: 'rowid', orderColumns: 'rowid AS sk0', keyColumns: [] });
      } else if (!columns.some((c) => c.name === 'import_id')) {
        excluded.push({ name, reason: 'a WITHOUT ROWID table with no import to seal its new rows by' });
      } else {
        const keyColumns = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
        sealed.push({
          name,
          key: 'import_id',
          text: `CAST(concat_ws(',', ${quoted}) || char(10) AS BLOB)`,
          order: keyColumns.map(quote).join(', '),
          orderColumns: keyColumns.map((c, i) => `${quote(c)} AS sk${i}`).join(', '),
          keyColumns,
        });
      }
    }
  }
  return { sealed, excluded };
}

/**
 * Seals every row written since the last seal, under custody entry `seq` (call inside the transaction that appends
 * that entry). Returns what the entry records, per table; empty when nothing was written.
 */
export function sealNewRows(db: Db, seq: number): Record<string, TableSeal> {
  const { tables, prepare } = sealingStatements(db);
  const insert = prepare('INSERT INTO row_seals (custody_seq, tbl, first_key, last_key, rows, digest, row_crcs) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const sealedUpTo = prepare('SELECT max(last_key) FROM row_seals WHERE tbl = ?').pluck();
  const recorded: Record<string, TableSeal> = {};
  for (const table of tables) {
    const from = (sealedUpTo.get(table.name) as number | null) ?? 0;
    // Written once the rows are read: a connection runs no statement while another iterates.
    const runs: SealRun[] = [];
    const write = (run: SealRun) => runs.push(run);
    if (table.key === 'rowid') {
      const rest = sealWindows(prepare, table, from, write);
      if (rest !== null) {
        const builder = new RunBuilder(write);
        const statement = prepare(`SELECT rowid, ${table.text} FROM ${quote(table.name)} WHERE rowid > ? ORDER BY rowid`).raw();
        for (const [rowid, bytes] of statement.iterate(rest) as IterableIterator<[number, Buffer]>) builder.add(rowid, bytes);
        builder.end();
      }
    } else {
      const imports = prepare(`SELECT DISTINCT import_id FROM ${quote(table.name)} WHERE import_id > ? ORDER BY import_id`).pluck().all(from) as number[];
      const statement = prepare(`SELECT ${table.text} FROM ${quote(table.name)} WHERE import_id = ? ORDER BY ${table.order}`).pluck();
      for (const importId of imports) {
        const builder = new RunBuilder(write, Number.MAX_SAFE_INTEGER);
        for (const bytes of statement.iterate(importId) as IterableIterator<Buffer>) builder.add(importId, bytes);
        builder.end();
      }
    }
    if (runs.length === 0) continue;
    const digest = createHash('sha256');
    for (const run of runs) {
      insert.run(seq, table.name, run.first, run.last, run.rows, run.digest, run.crcs);
      digest.update(runBytes(run));
    }
    recorded[table.name] = { rows: runs.reduce((sum, r) => sum + r.rows, 0), digest: digest.digest('hex') };
  }
  return recorded;
}

/**
 * The new rows of a rowid table as runs of RUN_ROWS consecutive rows, each run read in one statement as one value
 * with its rows' lengths and rowids: rows crossing into JavaScript one at a time cost several times SQLite's own
 * quoting. Stops at the first window that is not RUN_ROWS consecutive rowids in order (a gap, or a run too large
 * for one value) and returns the rowid after which the rest must be read row by row, where a gap starts a new run;
 * null when every row was sealed here.
 */
function sealWindows(prepare: (sql: string) => Statement, table: SealedTable, from: number, write: (run: SealRun) => void): number | null {
  const window = prepare(
    `SELECT count(*), min(k), max(k), group_concat(k), group_concat(length(r)), CAST(group_concat(r, '') AS BLOB) FROM (SELECT rowid AS k, ${table.text} AS r FROM ${quote(table.name)} WHERE rowid > ? ORDER BY rowid LIMIT ${RUN_ROWS})`,
  ).raw();
  let after = from;
  for (;;) {
    let found: [number, number | null, number | null, string | null, string | null, Buffer | null];
    try {
      found = window.get(after) as typeof found;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_TOOBIG') return after;
      throw error;
    }
    const [rows, first, last, keys, lengths, bytes] = found;
    if (rows === 0) return null;
    if (first === null || last === null || lengths === null || bytes === null || last - first + 1 !== rows || keys !== consecutive(first, rows)) return after;
    const crcs = Buffer.alloc(rows * 4);
    let offset = 0;
    for (const [index, length] of lengths.split(',').entries()) {
      const end = offset + Number(length);
      crcs.writeUInt32BE(crc32(bytes.subarray(offset, end)), index * 4);
      offset = end;
    }
    if (offset !== bytes.length) return after;
    write({ first, last, rows, digest: createHash('sha256').update(bytes).digest('hex'), crcs });
    if (rows < RUN_ROWS) return null;
    after = last;
  }
}

const consecutive = (first: number, rows: number) => Array.from({ length: rows }, (_, i) => first + i).join(',');

interface SealingStatements {
  schemaVersion: number;
  tables: SealedTable[];
  prepare: (sql: string) => Statement;
}

/**
 * Every step appends a custody entry, so sealing runs hundreds of times in a batch `add`: the sealed tables and the
 * prepared statements are kept per connection until the schema changes (SQLite's `schema_version` counts every change).
 */
const sealingCache = new WeakMap<Db, SealingStatements>();

function sealingStatements(db: Db): SealingStatements {
  const schemaVersion = db.pragma('schema_version', { simple: true }) as number;
  const cached = sealingCache.get(db);
  if (cached?.schemaVersion === schemaVersion) return cached;
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const fresh = { schemaVersion, tables: sealableTables(db).sealed, prepare };
  sealingCache.set(db, fresh);
  return fresh;
}

/** The bytes of a seal run that its custody entry's digest covers. */
function runBytes(run: SealRun): Buffer {
  return Buffer.concat([Buffer.from(`${run.first}\n${run.last}\n${run.rows}\n${run.digest}\n`), run.crcs]);
}

/** Collects rows into runs: for rowids, consecutive ones (a gap or RUN_ROWS rows start a new run); by import, one import. */
class RunBuilder {
  private first = 0;
  private last = 0;
  private rows = 0;
  private hash = createHash('sha256');
  private crcs: Buffer;

  constructor(
    private readonly emit: (run: SealRun) => void,
    private readonly maxRows = RUN_ROWS,
  ) {
    this.crcs = Buffer.alloc(Math.min(maxRows, RUN_ROWS) * 4);
  }

  add(key: number, bytes: Buffer): void {
    const consecutive = this.maxRows === RUN_ROWS ? key === this.last + 1 : key === this.last;
    if (this.rows > 0 && (!consecutive || this.rows === this.maxRows)) this.end();
    if (this.rows === 0) this.first = key;
    this.last = key;
    if (this.rows * 4 === this.crcs.length) this.crcs = Buffer.concat([this.crcs, Buffer.alloc(this.crcs.length)]);
    this.crcs.writeUInt32BE(crc32(bytes), this.rows * 4);
    this.hash.update(bytes);
    this.rows++;
  }

  end(): void {
    if (this.rows === 0) return;
    this.emit({ first: this.first, last: this.last, rows: this.rows, digest: this.hash.digest('hex'), crcs: Buffer.from(this.crcs.subarray(0, this.rows * 4)) });
    this.rows = 0;
    this.hash = createHash('sha256');
  }
}

interface SealRecord extends SealRun {
  id: number;
  seq: number;
  table: string;
}

export interface RowSealReport {
  /** One sentence per problem, naming the table and row. */
  problems: string[];
  /**
   * Rows written after the last custody entry: not a problem by themselves (a step may write a row after its entry,
   * e.g. one that records the entry's number); the next entry, such as verify's own, seals them.
   */
  notYetSealed: string[];
  rowsChecked: number;
  tablesChecked: number;
}

/** Problems named per table before the rest are counted in one line. */
const PROBLEMS_PER_TABLE = 20;

/** One trusted seal run to re-hash: its rows in scan order, as one value (`runDigestSql`). */
export interface RunDigestJob {
  sql: string;
  first: number;
  last: number;
}

/** What a run's rows hash to now: their count and the SHA-256 of their bytes. */
export interface RunDigest {
  rows: number;
  sha256: string;
}

/**
 * A check of every row seal in two halves: `jobs` (re-hashing every trusted run, nearly all of the work, and
 * independent of each other, so any connection may take any of them) and `finish`, which judges the runs by those
 * digests and names the rows of any that differ.
 */
export interface RowSealCheck {
  jobs: RunDigestJob[];
  finish(digests: ReadonlyArray<RunDigest>): RowSealReport;
}

/** Re-hashes runs on `db`, each job's SQL prepared there once. */
export function runDigester(db: Db): (job: RunDigestJob) => RunDigest {
  const statements = new Map<string, Statement>();
  return (job) => {
    let statement = statements.get(job.sql);
    if (!statement) statements.set(job.sql, (statement = db.prepare(job.sql).raw()));
    const [rows, bytes] = statement.get(job.first, job.last) as [number, Buffer | null];
    const digest = createHash('sha256');
    if (bytes !== null) digest.update(bytes);
    return { rows, sha256: digest.digest('hex') };
  };
}

/**
 * Checks every seal run against the digest its custody entry recorded, and its rows against the run (their digests
 * computed by `jobs`, on any connection: verify shares them with a second one), and looks for rows no seal covers;
 * each problem names the table and the row (rowid, or key of a WITHOUT ROWID table).
 */
export function planRowSealCheck(db: Db): RowSealCheck {
  const problems: string[] = [];
  const labels = new Map<number, string>();
  const recordedSeals = new Map<number, Record<string, TableSeal>>();
  const custodyRows = db.prepare(`SELECT seq, action, subject, details FROM custody WHERE details LIKE '%"rowSeals"%' ORDER BY seq`).all() as Array<{
    seq: number;
    action: string;
    subject: string;
    details: string;
  }>;
  for (const row of custodyRows) {
    const seals = parseSeals(row.details);
    if (!seals) continue;
    recordedSeals.set(row.seq, seals);
    labels.set(row.seq, `custody entry ${row.seq} (${row.action} ${row.subject})`);
  }
  const label = (seq: number) => labels.get(seq) ?? `custody entry ${seq}`;
  const records = (
    db.prepare('SELECT id, custody_seq, tbl, first_key, last_key, rows, digest, row_crcs FROM row_seals ORDER BY id').raw().all() as Array<
      [number, number, string, number, number, number, string, Buffer]
    >
  ).map(([id, seq, table, first, last, rows, digest, crcs]): SealRecord => ({ id, seq, table, first, last, rows, digest, crcs }));

  // The runs against their custody entries: a run that is not what its entry recorded does not judge rows.
  const groups = new Map<string, SealRecord[]>();
  for (const record of records) {
    const key = `${record.seq}\u0000${record.table}`;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  for (const [seq, seals] of recordedSeals) {
    for (const table of Object.keys(seals)) if (!groups.has(`${seq}\u0000${table}`)) problems.push(`table row_seals: the seals of ${table} recorded by ${label(seq)} are missing`);
  }
  const trusted = new Map<string, SealRecord[]>();
  const doubtful = new Map<string, SealRecord[]>();
  for (const group of groups.values()) {
    const { seq, table } = group[0]!;
    const recorded = recordedSeals.get(seq)?.[table];
    const digest = createHash('sha256');
    for (const record of group) digest.update(runBytes(record));
    const rows = group.reduce((sum, r) => sum + r.rows, 0);
    const holds = recorded !== undefined && recorded.digest === digest.digest('hex') && recorded.rows === rows;
    const span = `keys ${group[0]!.first}–${group[group.length - 1]!.last}`;
    if (!recorded) problems.push(`table row_seals: seals ${group[0]!.id}–${group[group.length - 1]!.id} (${table}, ${span}) name custody entry ${seq}, which records no such seal`);
    else if (!holds) problems.push(`table row_seals: the seals of ${table} (${span}) differ from what ${label(seq)} recorded`);
    const into = holds ? trusted : doubtful;
    into.set(table, [...(into.get(table) ?? []), ...group]);
  }

  // A table whose rows were sealed is checked even if its append-only triggers were dropped since.
  const everSealed = new Set(records.map((r) => r.table));
  const { sealed } = sealableTables(db, everSealed);
  const known = new Set(sealed.map((t) => t.name));
  for (const table of everSealed) if (!known.has(table)) problems.push(`table ${table}, whose rows the custody log sealed, is missing`);
  const jobs: RunDigestJob[] = [];
  for (const table of sealed) {
    const sql = runDigestSql(table);
    for (const run of trusted.get(table.name) ?? []) jobs.push({ sql, first: run.first, last: run.last });
  }
  return {
    jobs,
    finish(digests) {
      let rowsChecked = 0;
      let next = 0;
      const notYetSealed: string[] = [];
      for (const table of sealed) {
        const runs = trusted.get(table.name) ?? [];
        const found = checkTable(db, table, runs, doubtful.get(table.name) ?? [], label, digests.slice(next, (next += runs.length)));
        rowsChecked += found.rows;
        if (found.notYetSealed) notYetSealed.push(found.notYetSealed);
        problems.push(...found.problems.slice(0, PROBLEMS_PER_TABLE));
        if (found.problems.length > PROBLEMS_PER_TABLE) problems.push(`table ${table.name}: ${found.problems.length - PROBLEMS_PER_TABLE} more rows differ from their seals`);
      }
      problems.push(...sequenceProblems(db, new Set([...known, 'custody', 'row_seals'])));
      return { problems, notYetSealed, rowsChecked, tablesChecked: sealed.length };
    },
  };
}

const keyRange = (table: SealedTable) => (table.key === 'rowid' ? 'rowid BETWEEN ? AND ?' : 'import_id BETWEEN ? AND ?');

/**
 * A run's rows as one value, in scan order: the aggregate's ORDER BY sorts every run's bytes again, which took most
 * of verify's time. Quoting makes the concatenation parse back into one sequence of rows, so bytes that match the
 * sealed digest are the sealed rows whatever the order; only a run that does not match is read again in its sealed
 * order (`checkTable`) before it is called changed.
 */
function runDigestSql(table: SealedTable): string {
  return `SELECT count(*), CAST(group_concat(r, '') AS BLOB) FROM (SELECT ${table.text} AS r FROM ${quote(table.name)} WHERE ${keyRange(table)} ORDER BY ${table.order})`;
}

interface TableCheck {
  rows: number;
  problems: string[];
  notYetSealed: string | null;
}

/**
 * Each trusted run against its digest now (`found`, the fast path); a run that differs is hashed again in its sealed
 * order, and if that differs too, read row by row so its CRCs name the rows. Then the rows no run covers: those past
 * the last seal are not yet sealed, any other was added.
 */
function checkTable(db: Db, table: SealedTable, runs: SealRecord[], inDoubt: SealRecord[], label: (seq: number) => string, found: ReadonlyArray<RunDigest>): TableCheck {
  const problems: string[] = [];
  const name = quote(table.name);
  const sortKeys = table.orderColumns.split(', ').map((_, i) => `sk${i}`).join(', ');
  const inSealedOrder = `SELECT count(*), CAST(group_concat(r, '' ORDER BY ${sortKeys}) AS BLOB) FROM (SELECT ${table.text} AS r, ${table.orderColumns} FROM ${name} WHERE ${keyRange(table)})`;
  const matches = (now: RunDigest, run: SealRecord) => now.rows === run.rows && now.sha256 === run.digest;
  const digest = runDigester(db);
  for (const [index, run] of runs.entries()) {
    if (matches(found[index]!, run) || matches(digest({ sql: inSealedOrder, first: run.first, last: run.last }), run)) continue;
    problems.push(...runProblems(db, table, run, label(run.seq)));
  }
  const covered = [...runs, ...inDoubt];
  const sealedUpTo = covered.reduce((max, r) => Math.max(max, r.last), 0);
  const keyColumn = table.key === 'rowid' ? 'rowid' : 'import_id';
  const total = db.prepare(`SELECT count(*) FROM ${name} WHERE ${keyColumn} <= ?`).pluck().get(sealedUpTo) as number;
  const inRuns = covered.reduce((sum, r) => sum + r.rows, 0);
  if (total > inRuns || problems.length > 0) {
    const isCovered = (key: number) => covered.some((r) => r.first <= key && key <= r.last);
    const extra = new Map<number, number>();
    for (const key of db.prepare(`SELECT ${keyColumn} FROM ${name} WHERE ${keyColumn} <= ?`).pluck().iterate(sealedUpTo) as IterableIterator<number>) {
      if (!isCovered(key)) extra.set(key, (extra.get(key) ?? 0) + 1);
    }
    for (const [key, count] of extra) {
      problems.push(table.key === 'rowid' ? `table ${table.name}, row ${key}: not in any seal (added after its step was logged)` : `table ${table.name}: ${count} rows of import ${key} are not in any seal`);
    }
  }
  const after = db.prepare(`SELECT count(*), min(${keyColumn}), max(${keyColumn}) FROM ${name} WHERE ${keyColumn} > ?`).raw().get(sealedUpTo) as [number, number | null, number | null];
  const rows = total + after[0];
  const notYetSealed =
    after[0] > 0 ? `table ${table.name}: ${after[0]} rows (${keyColumn} ${after[1]}–${after[2]}) written after the last custody entry` : null;
  return { rows, problems, notYetSealed };
}

/** A run whose digest differs, row by row: which rows changed, which are gone, which were added. */
function runProblems(db: Db, table: SealedTable, run: SealRecord, sealedBy: string): string[] {
  const problems: string[] = [];
  const keyExpression = table.key === 'rowid' ? 'rowid' : table.keyColumns.map((c) => `quote(${quote(c)})`).join(` || ', ' || `);
  const rows = db.prepare(`SELECT ${keyExpression}, ${table.text} FROM ${quote(table.name)} WHERE ${keyRange(table)} ORDER BY ${table.order}`).raw().all(run.first, run.last) as Array<[number | string, Buffer]>;
  if (table.key === 'rowid') {
    const seen = new Set<number>();
    for (const [rowid, bytes] of rows) {
      const at = ((rowid as number) - run.first) * 4;
      seen.add(rowid as number);
      if (at >= run.rows * 4 || crc32(bytes) !== run.crcs.readUInt32BE(at)) problems.push(`table ${table.name}, row ${rowid}: changed since ${sealedBy} sealed it`);
    }
    const gone = run.rows - seen.size;
    if (gone > 0) problems.push(`table ${table.name}: ${gone} of rows ${run.first}–${run.last} sealed by ${sealedBy} are gone`);
  } else {
    const expected = new Map<number, number>();
    for (let i = 0; i < run.rows; i++) expected.set(run.crcs.readUInt32BE(i * 4), (expected.get(run.crcs.readUInt32BE(i * 4)) ?? 0) + 1);
    for (const [key, bytes] of rows) {
      const crc = crc32(bytes);
      const left = expected.get(crc) ?? 0;
      if (left > 0) expected.set(crc, left - 1);
      else problems.push(`table ${table.name}, row (${key}): changed or added since ${sealedBy} sealed import ${run.first}`);
    }
    if (rows.length < run.rows) problems.push(`table ${table.name}: ${run.rows - rows.length} rows of import ${run.first} sealed by ${sealedBy} are gone`);
  }
  // Same rows, same CRCs, different digest: a change the CRCs cannot place (or a damaged seal).
  if (problems.length === 0) problems.push(`table ${table.name}: rows ${run.first}–${run.last} differ from the digest ${sealedBy} sealed`);
  return problems;
}

/** Every append-only table's AUTOINCREMENT counter equals its last id: no row is ever deleted, and a rollback rolls the counter back too. */
function sequenceProblems(db: Db, appendOnly: ReadonlySet<string>): string[] {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get()) return [];
  const problems: string[] = [];
  const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  for (const { name, seq } of db.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{ name: string; seq: number }>) {
    if (!tables.has(name)) {
      problems.push(`table sqlite_sequence names a table "${name}" the store does not have`);
      continue;
    }
    if (!appendOnly.has(name)) continue;
    const last = (db.prepare(`SELECT max(rowid) FROM ${quote(name)}`).pluck().get() as number | null) ?? 0;
    if (last !== seq) problems.push(`table sqlite_sequence: the next-id counter of ${name} is ${seq}, but its last row is ${last}`);
  }
  return problems;
}

function parseSeals(details: string): Record<string, TableSeal> | null {
  try {
    const parsed = JSON.parse(details) as { rowSeals?: Record<string, TableSeal> };
    return parsed.rowSeals && typeof parsed.rowSeals === 'object' ? parsed.rowSeals : null;
  } catch {
    return null;
  }
}
