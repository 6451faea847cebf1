import type { Db } from './db';

export interface EvidenceRecord {
  id: number;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  originalName: string;
  originalPath: string;
  source: string | null;
  acquiredAt: string;
  acquiredBy: string;
  timeZone: string;
  format: string;
  formatForced: boolean;
}

export interface ImportRecord {
  id: number;
  evidenceId: number;
  format: string;
  parserVersion: string;
  encoding: string;
  encodingGuessed: boolean;
  options: Record<string, unknown>;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  rowsDuplicate: number;
  warnings: string[];
  startedAt: string;
  finishedAt: string;
}

export interface EvidenceWithImport extends EvidenceRecord {
  /** The newest import of this file; null when it was never parsed (format `unparsed` or an interrupted parse). */
  latestImport: ImportRecord | null;
  /** Why the file has no import (no parser recognised it, or its parse failed); null once it is imported. */
  notImported: string | null;
}

/** The custody `parse` outcome of a file kept as evidence but not imported. */
export const NOT_IMPORTED = 'not imported';
const UNRECOGNISED = 'No parser recognised the file; import it again with its format chosen.';
const KEPT_UNPARSED = 'Acquired without parsing (format: unparsed); import it again with its format chosen.';

interface EvidenceRow {
  id: number;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  original_name: string;
  original_path: string;
  source: string | null;
  acquired_at: string;
  acquired_by: string;
  time_zone: string;
  format: string;
  format_forced: number;
}

interface ImportRow {
  id: number;
  evidence_id: number;
  format: string;
  parser_version: string;
  encoding: string;
  encoding_guessed: number;
  options: string;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  rows_duplicate: number;
  warnings: string;
  started_at: string;
  finished_at: string;
}

export function insertEvidence(db: Db, record: Omit<EvidenceRecord, 'id'>): EvidenceRecord {
  const result = db
    .prepare(
      `INSERT INTO evidence (sha256, sha1, md5, size, original_name, original_path, source, acquired_at, acquired_by, time_zone, format, format_forced)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      record.sha256,
      record.sha1,
      record.md5,
      record.size,
      record.originalName,
      record.originalPath,
      record.source,
      record.acquiredAt,
      record.acquiredBy,
      record.timeZone,
      record.format,
      record.formatForced ? 1 : 0,
    );
  return { ...record, id: Number(result.lastInsertRowid) };
}

export function findEvidenceBySha256(db: Db, sha256: string): EvidenceRecord | null {
  const row = db.prepare('SELECT * FROM evidence WHERE sha256 = ?').get(sha256) as EvidenceRow | undefined;
  return row ? evidenceFromRow(row) : null;
}

export function getEvidence(db: Db, id: number): EvidenceRecord | null {
  const row = db.prepare('SELECT * FROM evidence WHERE id = ?').get(id) as EvidenceRow | undefined;
  return row ? evidenceFromRow(row) : null;
}

export function listEvidence(db: Db): EvidenceWithImport[] {
  return withImports(db, db.prepare('SELECT * FROM evidence ORDER BY id').all() as EvidenceRow[], db.prepare('SELECT * FROM current_imports').all() as ImportRow[]);
}

/** One evidence file with its newest import (what `add` reports per file, without re-reading every file's). */
export function getEvidenceWithImport(db: Db, id: number): EvidenceWithImport | null {
  const rows = db.prepare('SELECT * FROM evidence WHERE id = ?').all(id) as EvidenceRow[];
  // current_imports for one file: its newest import.
  const newest = db.prepare('SELECT * FROM imports WHERE evidence_id = ? ORDER BY id DESC LIMIT 1').all(id) as ImportRow[];
  return withImports(db, rows, newest)[0] ?? null;
}

function withImports(db: Db, rows: EvidenceRow[], imports: ImportRow[]): EvidenceWithImport[] {
  const byEvidence = new Map(imports.map((row) => [row.evidence_id, importFromRow(row)]));
  // The custody log is searched only when a file has no import to show (it grows with every step).
  const failures = rows.every((row) => byEvidence.has(row.id))
    ? []
    : (db
        .prepare(
          `SELECT json_extract(details, '$.evidenceId') AS evidence_id, json_extract(details, '$.reason') AS reason FROM custody
       WHERE action = 'parse' AND json_extract(details, '$.outcome') = ? ORDER BY seq`,
        )
        .all(NOT_IMPORTED) as Array<{ evidence_id: number; reason: string }>);
  const failureOf = new Map(failures.map((f) => [f.evidence_id, f.reason]));
  return rows.map((row) => {
    const latestImport = byEvidence.get(row.id) ?? null;
    const notImported = latestImport ? null : (failureOf.get(row.id) ?? (row.format !== 'unparsed' ? 'The import did not finish.' : row.format_forced === 1 ? KEPT_UNPARSED : UNRECOGNISED));
    return { ...evidenceFromRow(row), latestImport, notImported };
  });
}

export function listImports(db: Db, evidenceId: number): ImportRecord[] {
  return (db.prepare('SELECT * FROM imports WHERE evidence_id = ? ORDER BY id').all(evidenceId) as ImportRow[]).map(importFromRow);
}

function evidenceFromRow(row: EvidenceRow): EvidenceRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    sha1: row.sha1,
    md5: row.md5,
    size: row.size,
    originalName: row.original_name,
    originalPath: row.original_path,
    source: row.source,
    acquiredAt: row.acquired_at,
    acquiredBy: row.acquired_by,
    timeZone: row.time_zone,
    format: row.format,
    formatForced: row.format_forced === 1,
  };
}

export function importFromRow(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    evidenceId: row.evidence_id,
    format: row.format,
    parserVersion: row.parser_version,
    encoding: row.encoding,
    encodingGuessed: row.encoding_guessed === 1,
    options: JSON.parse(row.options) as Record<string, unknown>,
    rowsRead: row.rows_read,
    rowsImported: row.rows_imported,
    rowsRejected: row.rows_rejected,
    rowsDuplicate: row.rows_duplicate,
    warnings: JSON.parse(row.warnings) as string[],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
