/**
 * A table as the examiner filtered it, written as CSV into `<case>/exports/csv/` and logged in custody with the
 * file's SHA-256, size, row count and the filter. Every text cell goes through the formula-injection rule
 * (shared/export/csv.ts); raw bytes of rejected rows are escaped, never written as they were read.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { CsvExportRequest, CsvExportView } from '../contract/api';
import { LedgerError } from '../contract/errors';
import { isElementCode } from '../contract/elements';
import { latestAnalysis } from '../assess/assessment-input';
import { csvRecord } from '../export/csv';
import { mapRows, noteRows } from '../export/notes-csv';
import { sha256File } from '../export/file-digest';
import { openSnapshotReader } from '../export/store-reader';
import { TextFile } from '../export/text-file';
import { CURRENT_EVENT } from '../scope/current-events';
import { normalizeWindow } from '../scope/definition';
import { EXPORTS_DIR, type CaseHandle } from '../store/case-folder';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { currentAnnotations } from './annotations';
import { consumerFilter, toConsumerView, type ConsumerRow } from './consumers-view';
import { escapeBytes } from './rejects-view';

export const CSV_EXPORTS_DIR = 'csv';

type Row = ReadonlyArray<string | number | null>;
interface TableRows {
  header: readonly string[];
  /** The filter as logged in custody and shown with the file. */
  filter: Record<string, unknown>;
  rows: Iterable<Row>;
  suffix: string;
}

export async function exportCsv(handle: CaseHandle, request: CsvExportRequest, actor: string, now = new Date()): Promise<CsvExportView> {
  const reader = openSnapshotReader(handle);
  let file: string | null = null;
  try {
    const table = tableRows(handle, reader.db, request);
    const dir = path.join(handle.dir, EXPORTS_DIR, CSV_EXPORTS_DIR);
    await fsp.mkdir(dir, { recursive: true });
    file = freeName(dir, `${now.toISOString().replace(/:/g, '-')}-${table.suffix}`);
    const out = new TextFile(file, handle.vaultKey?.files ?? null);
    let rows = 0;
    try {
      await out.write(csvRecord(table.header));
      for (const row of table.rows) {
        await out.write(csvRecord(row));
        rows++;
      }
    } finally {
      await out.close();
    }
    const { sha256, size } = await sha256File(file);
    const relativePath = path.relative(handle.dir, file).split(path.sep).join('/');
    const entry = appendCustody(
      handle.db,
      { actor, action: 'csv-export', subject: relativePath, details: { table: request.table, filter: table.filter, rows, sha256, size, encrypted: handle.vaultKey !== null } },
      now,
    );
    return { table: request.table, path: file, relativePath, rows, size, sha256, custodySeq: entry.seq };
  } catch (error) {
    if (file) await fsp.rm(file, { force: true });
    throw error;
  } finally {
    reader.close();
  }
}

function freeName(dir: string, stem: string): string {
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${stem}${n === 1 ? '' : `-${n}`}.csv`);
    if (!existsSync(file)) return file;
  }
}

function tableRows(handle: CaseHandle, db: Db, request: CsvExportRequest): TableRows {
  switch (request.table) {
    case 'events':
      return eventRows(db, request);
    case 'consumers':
      return consumerRows(handle, db, request);
    case 'rejects':
      return rejectRows(db, request);
    case 'notes':
      return { ...noteRows(db), filter: {}, suffix: 'examiner-notes' };
    default:
      throw new LedgerError('BAD_USAGE', `Unknown table "${String((request as { table: unknown }).table)}"; export events, consumers, rejects or notes.`);
  }
}

function eventRows(db: Db, request: Extract<CsvExportRequest, { table: 'events' }>): TableRows {
  if (Boolean(request.from) !== Boolean(request.to)) throw new LedgerError('BAD_USAGE', 'Give both ends of the window, or neither.');
  const window = request.from && request.to ? normalizeWindow(request.from, request.to) : null;
  const conditions = [CURRENT_EVENT];
  if (request.type) conditions.push('(e.source_type = @type OR e.source_type LIKE @typeSuffix)');
  if (window) conditions.push('e.ts >= @from AND e.ts <= @to');
  const notes = currentAnnotations(db, 'event');
  const statement = db.prepare(
    `SELECT e.id, e.ts, e.source_type, e.actor_id, e.username, e.client_ip, e.source_ip, e.app, e.client, e.user_agent, e.operation,
       e.object_type, e.query, e.rows_processed, e.uri, e.status, e.evidence_id, ev.sha256, e.entry, e.record_no, e.line_no, e.byte_offset
     FROM access_events e JOIN evidence ev ON ev.id = e.evidence_id WHERE ${conditions.join(' AND ')} ORDER BY e.ts, e.id`,
  );
  const params = { type: request.type ?? null, typeSuffix: `%:${request.type ?? ''}`, from: window?.from ?? null, to: window?.to ?? null };
  return {
    header: ['event_id', 'ts_utc', 'source_type', 'user_id', 'username', 'client_ip', 'source_ip', 'app', 'client', 'user_agent', 'operation', 'object_type', 'query', 'rows_processed', 'uri', 'status', 'evidence_id', 'evidence_sha256', 'entry', 'record_no', 'line_no', 'byte_offset', 'note', 'tags', 'note_version'],
    filter: { type: request.type ?? null, from: window?.from ?? null, to: window?.to ?? null },
    suffix: 'events',
    rows: mapRows(statement.raw().iterate(params) as Iterable<Array<string | number | null>>, (r) => {
      const note = notes.get(r[0] as number);
      return [...r, note?.note ?? null, note ? note.tags.join('; ') : null, note?.version ?? null];
    }),
  };
}

function consumerRows(handle: CaseHandle, db: Db, request: Extract<CsvExportRequest, { table: 'consumers' }>): TableRows {
  if (request.basis && !['exact', 'derived', 'inferred'].includes(request.basis)) throw new LedgerError('BAD_USAGE', `The basis must be exact, derived or inferred, not "${request.basis}".`);
  if (request.element && !isElementCode(request.element)) throw new LedgerError('BAD_USAGE', `Unknown element "${String(request.element)}".`);
  const analysis = latestAnalysis(handle, request.analysisId ?? null);
  const { where, params } = consumerFilter(analysis.id, request);
  const notes = currentAnnotations(db, 'consumer');
  const statement = db.prepare(`SELECT c.* FROM analysis_consumers c WHERE ${where} ORDER BY c.consumer_id`);
  return {
    header: ['consumer_id', 'name', 'email', 'phone', 'state', 'counted_in', 'basis', 'elements', 'records', 'analysis_id', 'note', 'tags', 'note_version'],
    filter: { analysisId: analysis.id, state: request.state ?? null, basis: request.basis ?? null, element: request.element ?? null, search: request.search ?? null },
    suffix: 'consumers',
    rows: mapRows(statement.iterate(params) as Iterable<ConsumerRow>, (row) => {
      const c = toConsumerView(row);
      const note = notes.get(c.id);
      return [c.id, c.name, c.email, c.phone, c.state, c.countedIn.join(' '), c.basis, c.elements.map((e) => `${e.element}:${e.basis}`).join('; '), c.records, analysis.id, note?.note ?? null, note ? note.tags.join('; ') : null, note?.version ?? null];
    }),
  };
}

function rejectRows(db: Db, request: Extract<CsvExportRequest, { table: 'rejects' }>): TableRows {
  if (!Number.isInteger(request.evidenceId)) throw new LedgerError('BAD_USAGE', 'Name the evidence by its numeric id.');
  const evidence = db.prepare('SELECT id, original_name, sha256 FROM evidence WHERE id = ?').get(request.evidenceId) as { id: number; original_name: string; sha256: string } | undefined;
  if (!evidence) throw new LedgerError('NOT_FOUND', `No evidence with id ${request.evidenceId}.`);
  const importId = request.importId ?? (db.prepare('SELECT max(id) FROM imports WHERE evidence_id = ?').pluck().get(evidence.id) as number | null);
  if (importId === null) throw new LedgerError('NOT_FOUND', `${evidence.original_name} has not been imported, so it has no rejected rows.`);
  const like = request.reason ? `%${request.reason.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const statement = db.prepare(
    `SELECT id, import_id, entry, record_no, line_no, byte_offset, byte_length, reason, raw, raw_truncated FROM rejects
     WHERE import_id = ? AND evidence_id = ?${like ? " AND lower(reason) LIKE ? ESCAPE '\\'" : ''} ORDER BY id`,
  );
  type RejectRow = { id: number; import_id: number; entry: string | null; record_no: number | null; line_no: number | null; byte_offset: number; byte_length: number; reason: string; raw: Buffer; raw_truncated: number };
  const params: unknown[] = like ? [importId, evidence.id, like] : [importId, evidence.id];
  return {
    header: ['reject_id', 'evidence_id', 'evidence_name', 'evidence_sha256', 'import_id', 'entry', 'record_no', 'line_no', 'byte_offset', 'byte_length', 'reason', 'raw_escaped', 'raw_truncated'],
    filter: { evidenceId: evidence.id, importId, reason: request.reason ?? null },
    suffix: `rejects-evidence-${evidence.id}`,
    rows: mapRows(statement.iterate(...params) as Iterable<RejectRow>, (r) => [
      r.id, evidence.id, evidence.original_name, evidence.sha256, r.import_id, r.entry, r.record_no, r.line_no, r.byte_offset, r.byte_length, r.reason, escapeBytes(r.raw), r.raw_truncated === 1 ? 'yes' : 'no',
    ]),
  };
}

