import { createHash } from 'node:crypto';
import type { Db } from './db';

/**
 * Row seals: each custody entry records a digest of every row the store gained since the entry before it (the rows
 * its step wrote: an import's evidence-derived rows, an analysis's tables, a scope, a decision...). The digest is
 * built from an 8-byte fingerprint of each row, kept in `row_seals` by runs of consecutive rows; the custody entry
 * holds the SHA-256 of those fingerprints, so the chain protects them. `verify` re-reads the rows and names the
 * table and row that no longer match its fingerprint.
 *
 * Every table is append-only (the schema's triggers), so a row, once sealed, never legitimately changes. Not sealed,
 * each for a stated reason: `custody` (its own hash chain covers it), `row_seals` (its digests are in custody),
 * SQLite's own tables (`sqlite_sequence` and the like: bookkeeping of the next id, not evidence), any table without
 * the append-only trigger (its rows change by design) and a WITHOUT ROWID table without an `import_id` column (no
 * order to seal new rows by).
 */

/** Rows per `row_seals` entry: 8 bytes of fingerprint a row, so at most 32 KiB a seal row. */
const RUN_ROWS = 4096;

export type SealKey = 'rowid' | 'import_id';

export interface SealedTable {
  name: string;
  /** Rowid tables are sealed by rowid; WITHOUT ROWID tables by import, their rows in primary-key order. */
  key: SealKey;
  /** `ORDER BY` for a WITHOUT ROWID table's rows within one import. */
  order: string;
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

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables sealed, and the ones left out with the reason. */
export function sealableTables(db: Db): { sealed: SealedTable[]; excluded: ExcludedTable[] } {
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
    else if (name.startsWith('sqlite_')) excluded.push({ name, reason: "SQLite's own bookkeeping, not case data" });
    else if (!appendOnly.has(name)) excluded.push({ name, reason: 'not append-only: its rows change by design' });
    else if (/WITHOUT\s+ROWID/i.test(table.sql ?? '')) {
      const columns = db.pragma(`table_info(${quote(name)})`) as Array<{ name: string; pk: number }>;
      const keyColumns = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      if (!columns.some((c) => c.name === 'import_id')) excluded.push({ name, reason: 'a WITHOUT ROWID table with no import to seal its new rows by' });
      else sealed.push({ name, key: 'import_id', order: keyColumns.map(quote).join(', '), keyColumns });
    } else sealed.push({ name, key: 'rowid', order: 'rowid', keyColumns: [] });
  }
  return { sealed, excluded };
}

/**
 * Seals every row written since the last seal, under custody entry `seq` (call inside the transaction that appends
 * that entry). Returns what the entry records, per table; empty when nothing was written.
 */
export function sealNewRows(db: Db, seq: number): Record<string, TableSeal> {
  const insert = db.prepare('INSERT INTO row_seals (custody_seq, tbl, first_key, last_key, rows, fingerprints) VALUES (?, ?, ?, ?, ?, ?)');
  const sealedUpTo = db.prepare('SELECT max(last_key) FROM row_seals WHERE tbl = ?').pluck();
  const recorded: Record<string, TableSeal> = {};
  for (const table of sealableTables(db).sealed) {
    const from = (sealedUpTo.get(table.name) as number | null) ?? 0;
    const digest = createHash('sha256');
    let rows = 0;
    const write = (run: SealRun) => {
      insert.run(seq, table.name, run.first, run.last, run.rows, run.fingerprints);
      digest.update(runBytes(run));
      rows += run.rows;
    };
    if (table.key === 'rowid') {
      const builder = new RunBuilder(write);
      const statement = db.prepare(`SELECT rowid, * FROM ${quote(table.name)} WHERE rowid > ? ORDER BY rowid`).raw();
      for (const values of statement.iterate(from) as IterableIterator<unknown[]>) builder.add(values[0] as number, values);
      builder.end();
    } else {
      const imports = db.prepare(`SELECT DISTINCT import_id FROM ${quote(table.name)} WHERE import_id > ? ORDER BY import_id`).pluck().all(from) as number[];
      const statement = db.prepare(`SELECT * FROM ${quote(table.name)} WHERE import_id = ? ORDER BY ${table.order}`).raw();
      for (const importId of imports) {
        const fingerprints: Buffer[] = [];
        for (const values of statement.iterate(importId) as IterableIterator<unknown[]>) fingerprints.push(fingerprintRow(values));
        write({ first: importId, last: importId, rows: fingerprints.length, fingerprints: Buffer.concat(fingerprints) });
      }
    }
    if (rows > 0) recorded[table.name] = { rows, digest: digest.digest('hex') };
  }
  return recorded;
}

export interface SealRun {
  first: number;
  last: number;
  rows: number;
  fingerprints: Buffer;
}

/** The bytes of a seal run that the custody digest covers. */
export function runBytes(run: SealRun): Buffer {
  return Buffer.concat([Buffer.from(`${run.first}\n${run.last}\n${run.rows}\n`), run.fingerprints]);
}

/** Collects rows into runs of consecutive rowids (a gap or RUN_ROWS rows start a new run). */
class RunBuilder {
  private first = 0;
  private last = 0;
  private buffer = Buffer.alloc(RUN_ROWS * 8);
  private rows = 0;

  constructor(private readonly emit: (run: SealRun) => void) {}

  add(rowid: number, values: readonly unknown[]): void {
    if (this.rows > 0 && (rowid !== this.last + 1 || this.rows === RUN_ROWS)) this.end();
    if (this.rows === 0) this.first = rowid;
    this.last = rowid;
    writeFingerprint(values, this.buffer, this.rows * 8);
    this.rows++;
  }

  end(): void {
    if (this.rows === 0) return;
    this.emit({ first: this.first, last: this.last, rows: this.rows, fingerprints: Buffer.from(this.buffer.subarray(0, this.rows * 8)) });
    this.rows = 0;
  }
}

export function fingerprintRow(values: readonly unknown[]): Buffer {
  const out = Buffer.alloc(8);
  writeFingerprint(values, out, 0);
  return out;
}

/**
 * Two 32-bit FNV-1a lanes (different odd multipliers) over each value's type tag, length and content, then a final
 * mix. Each step is a bijection of the state, so a change to one value of equal length always changes both lanes.
 * Integers and text hash alike (as their text), so an integer SQLite stores in a TEXT column reads back the same.
 */
function writeFingerprint(values: readonly unknown[], out: Buffer, at: number): void {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (const value of values) {
    if (value === null || value === undefined) {
      a = Math.imul(a ^ 0x100, 0x01000193);
      b = Math.imul(b ^ 0x100, 0x5bd1e995);
    } else if (value instanceof Uint8Array) {
      a = Math.imul(a ^ (0x200 + value.length), 0x01000193);
      b = Math.imul(b ^ (0x200 + value.length), 0x5bd1e995);
      for (let i = 0; i < value.length; i++) {
        a = Math.imul(a ^ value[i]!, 0x01000193);
        b = Math.imul(b ^ value[i]!, 0x5bd1e995);
      }
    } else {
      const text = typeof value === 'string' ? value : String(value);
      a = Math.imul(a ^ (0x300 + text.length), 0x01000193);
      b = Math.imul(b ^ (0x300 + text.length), 0x5bd1e995);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
      }
    }
  }
  out.writeUInt32BE(finalMix(a) >>> 0, at);
  out.writeUInt32BE(finalMix(b ^ a) >>> 0, at + 4);
}

function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

interface SealRecord {
  id: number;
  seq: number;
  table: string;
  first: number;
  last: number;
  rows: number;
  fingerprints: Buffer;
}

interface SealingEntry {
  label: string;
  seals: Record<string, TableSeal>;
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

/**
 * Recomputes every sealed row's fingerprint against its seal, every seal against the digest its custody entry
 * recorded, and looks for rows no seal covers; each problem names the table and the row (rowid or key).
 */
export function checkRowSeals(db: Db): RowSealReport {
  const problems: string[] = [];
  const entries = new Map<number, SealingEntry>();
  const custodyRows = db.prepare(`SELECT seq, action, subject, details FROM custody WHERE details LIKE '%"rowSeals"%' ORDER BY seq`).all() as Array<{
    seq: number;
    action: string;
    subject: string;
    details: string;
  }>;
  for (const row of custodyRows) {
    const seals = parseSeals(row.details);
    if (seals) entries.set(row.seq, { label: `custody entry ${row.seq} (${row.action} ${row.subject})`, seals });
  }
  const records = (
    db.prepare('SELECT id, custody_seq, tbl, first_key, last_key, rows, fingerprints FROM row_seals ORDER BY id').raw().all() as Array<
      [number, number, string, number, number, number, Buffer]
    >
  ).map(([id, seq, table, first, last, rows, fingerprints]): SealRecord => ({ id, seq, table, first, last, rows, fingerprints }));

  // The seals against their custody entries: a seal that is not what its entry recorded is not used to judge rows.
  const trusted = new Map<string, SealRecord[]>();
  const untrusted = new Map<string, SealRecord[]>();
  const groups = new Map<string, SealRecord[]>();
  for (const record of records) {
    const key = `${record.seq}\u0000${record.table}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  for (const [seq, entry] of entries) {
    for (const table of Object.keys(entry.seals)) if (!groups.has(`${seq}\u0000${table}`)) problems.push(`table row_seals: the seals of ${table} recorded by ${entry.label} are missing`);
  }
  for (const group of groups.values()) {
    const { seq, table } = group[0]!;
    const entry = entries.get(seq);
    const recorded = entry?.seals[table];
    const digest = createHash('sha256');
    for (const record of group) digest.update(runBytes(record));
    const rows = group.reduce((sum, r) => sum + r.rows, 0);
    const holds = entry !== undefined && recorded !== undefined && recorded.digest === digest.digest('hex') && recorded.rows === rows;
    if (!entry || !recorded) problems.push(`table row_seals: seals ${group[0]!.id}–${group[group.length - 1]!.id} of ${table} name custody entry ${seq}, which records no such seal`);
    else if (!holds) problems.push(`table row_seals: the seals of ${table} (keys ${group[0]!.first}–${group[group.length - 1]!.last}) differ from what ${entry.label} recorded`);
    const into = holds ? trusted : untrusted;
    into.set(table, [...(into.get(table) ?? []), ...group]);
  }

  const { sealed } = sealableTables(db);
  const known = new Set(sealed.map((t) => t.name));
  for (const table of new Set(records.map((r) => r.table))) if (!known.has(table)) problems.push(`table ${table}, sealed by the custody log, is missing or no longer append-only`);
  let rowsChecked = 0;
  const notYetSealed: string[] = [];
  for (const table of sealed) {
    const runs = (trusted.get(table.name) ?? []).sort((x, y) => x.first - y.first || x.id - y.id);
    const sealedUpTo = records.filter((r) => r.table === table.name).reduce((max, r) => Math.max(max, r.last), 0);
    // Rows under a seal that failed its custody check are reported there, not row by row.
    const doubtful = untrusted.get(table.name) ?? [];
    const inDoubt = (key: number) => doubtful.some((r) => r.first <= key && key <= r.last);
    const found = table.key === 'rowid' ? checkRowidTable(db, table, runs, sealedUpTo, entries, inDoubt) : checkImportTable(db, table, runs, sealedUpTo, entries, inDoubt);
    rowsChecked += found.rows;
    if (found.notYetSealed) notYetSealed.push(found.notYetSealed);
    problems.push(...found.problems.slice(0, PROBLEMS_PER_TABLE));
    if (found.problems.length > PROBLEMS_PER_TABLE) problems.push(`table ${table.name}: ${found.problems.length - PROBLEMS_PER_TABLE} more rows differ from their seals`);
  }
  problems.push(...sequenceProblems(db, new Set([...known, 'custody', 'row_seals'])));
  return { problems, notYetSealed, rowsChecked, tablesChecked: sealed.length };
}

type InDoubt = (key: number) => boolean;

interface TableCheck {
  rows: number;
  problems: string[];
  notYetSealed: string | null;
}

function checkRowidTable(
  db: Db,
  table: SealedTable,
  runs: SealRecord[],
  sealedUpTo: number,
  entries: Map<number, SealingEntry>,
  inDoubt: InDoubt,
): TableCheck {
  const problems: string[] = [];
  const fingerprint = Buffer.alloc(8);
  let run = 0;
  let seen = 0;
  let rows = 0;
  const unsealed = { first: 0, last: 0, rows: 0 };
  const label = (r: SealRecord) => entries.get(r.seq)?.label ?? `custody entry ${r.seq}`;
  const closeRun = (r: SealRecord) => {
    if (seen < r.rows) problems.push(`table ${table.name}: ${r.rows - seen} of rows ${r.first}–${r.last} sealed by ${label(r)} are gone`);
  };
  const statement = db.prepare(`SELECT rowid, * FROM ${quote(table.name)} ORDER BY rowid`).raw();
  for (const values of statement.iterate() as IterableIterator<unknown[]>) {
    rows++;
    const rowid = values[0] as number;
    while (run < runs.length && runs[run]!.last < rowid) {
      closeRun(runs[run]!);
      run++;
      seen = 0;
    }
    const current = runs[run];
    if (current && current.first <= rowid) {
      seen++;
      writeFingerprint(values, fingerprint, 0);
      const at = (rowid - current.first) * 8;
      if (!fingerprint.equals(current.fingerprints.subarray(at, at + 8))) problems.push(`table ${table.name}, row ${rowid}: changed since ${label(current)} sealed it`);
    } else if (rowid > sealedUpTo) {
      if (unsealed.rows++ === 0) unsealed.first = rowid;
      unsealed.last = rowid;
    } else if (!inDoubt(rowid)) {
      problems.push(`table ${table.name}, row ${rowid}: not in any seal (added after its step was logged)`);
    }
  }
  for (; run < runs.length; run++, seen = 0) closeRun(runs[run]!);
  const notYetSealed = unsealed.rows > 0 ? `table ${table.name}: ${unsealed.rows} rows (${unsealed.first}–${unsealed.last}) written after the last custody entry` : null;
  return { rows, problems, notYetSealed };
}

function checkImportTable(
  db: Db,
  table: SealedTable,
  runs: SealRecord[],
  sealedUpTo: number,
  entries: Map<number, SealingEntry>,
  inDoubt: InDoubt,
): TableCheck {
  const problems: string[] = [];
  let notYetSealed: string | null = null;
  const columns = (db.pragma(`table_info(${quote(table.name)})`) as Array<{ name: string; cid: number }>).sort((a, b) => a.cid - b.cid).map((c) => c.name);
  const importAt = columns.indexOf('import_id');
  const keyAt = table.keyColumns.map((c) => columns.indexOf(c));
  const byImport = new Map(runs.map((r) => [r.first, r]));
  let rows = 0;
  let currentImport: number | null = null;
  let found: Array<{ fingerprint: string; key: string }> = [];
  const finish = () => {
    if (currentImport === null) return;
    const run = byImport.get(currentImport);
    byImport.delete(currentImport);
    if (!run) {
      if (currentImport > sealedUpTo) notYetSealed = `table ${table.name}: ${found.length} rows of import ${currentImport} written after the last custody entry`;
      else if (!inDoubt(currentImport)) problems.push(`table ${table.name}: ${found.length} rows of import ${currentImport} are not in any seal`);
      return;
    }
    const expected = new Map<string, number>();
    for (let i = 0; i < run.rows; i++) {
      const f = run.fingerprints.toString('hex', i * 8, i * 8 + 8);
      expected.set(f, (expected.get(f) ?? 0) + 1);
    }
    const label = entries.get(run.seq)?.label ?? `custody entry ${run.seq}`;
    for (const row of found) {
      const left = expected.get(row.fingerprint) ?? 0;
      if (left > 0) expected.set(row.fingerprint, left - 1);
      else problems.push(`table ${table.name}, row (${row.key}): changed or added since ${label} sealed import ${currentImport}`);
    }
    if (found.length < run.rows) problems.push(`table ${table.name}: ${run.rows - found.length} rows of import ${currentImport} sealed by ${label} are gone`);
  };
  const statement = db.prepare(`SELECT * FROM ${quote(table.name)} ORDER BY import_id, ${table.order}`).raw();
  const fingerprint = Buffer.alloc(8);
  for (const values of statement.iterate() as IterableIterator<unknown[]>) {
    rows++;
    const importId = values[importAt] as number;
    if (importId !== currentImport) {
      finish();
      currentImport = importId;
      found = [];
    }
    writeFingerprint(values, fingerprint, 0);
    found.push({ fingerprint: fingerprint.toString('hex'), key: keyAt.map((i) => String(values[i])).join(', ') });
  }
  finish();
  for (const run of byImport.values()) problems.push(`table ${table.name}: the ${run.rows} rows of import ${run.first} sealed by ${entries.get(run.seq)?.label ?? `custody entry ${run.seq}`} are gone`);
  return { rows, problems, notYetSealed };
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
