import { LedgerError } from '../contract/errors';
import type { ProgressListener } from '../contract/progress';
import type { CaseHandle } from '../store/case-folder';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { DeferredIndexes } from '../store/deferred-indexes';
import { cancelledError, inBulkTransaction } from '../store/transaction';
import { getEvidence, type EvidenceRecord, type ImportRecord } from '../store/evidence';
import { openVaultFile } from '../store/vault';
import { parseAsDelivered } from './parse-delivered';
import type { AccessEventRow, ArchiveEntryInfo, ParseOptions, RejectRow, RowSink, SubjectRecordRow } from './parser';
import { addressColumns, EVENT_DEDUP_HASH, EVENT_DEDUP_KEY, EVENT_TS, eventColumns, linkColumns, subjectColumns, type AddressColumns, type EventColumns, type LinkColumns, type SubjectColumns } from './store-columns';
import { parserFor } from './registry';
import { ParseThread } from './worker-parse';
import { EventRollupWriter } from '../scope/event-rollups';
import { SeenKeys } from './seen-keys';

const MAX_REJECT_RAW = 64 * 1024;
/** A bulk import appends, so a small page cache serves it as well as a large one, with less memory. */
const IMPORT_CACHE_KIB = 16 * 1024;
/** From this size a file is parsed on a worker thread beside the inserts; below it, starting the thread costs more. */
const WORKER_PARSE_BYTES = 16 * 1024 * 1024;

export interface ImportRequest {
  evidenceId: number;
  actor: string;
  /** Overrides the format recorded at acquisition (a re-import with another parser). */
  format?: string;
  options?: ParseOptions;
  /** Where the parser runs: by default on a worker thread for files of `WORKER_PARSE_BYTES` and more. */
  parseOn?: 'worker' | 'this-thread';
  /** A parsing thread already started (`add` starts it while acquiring): used if the file is parsed on a worker. */
  parseThread?: ParseThread;
}

/** Whether a file of `size` bytes is parsed on a worker thread by default. */
export function parsedOnWorker(size: number): boolean {
  return size >= WORKER_PARSE_BYTES;
}

/**
 * Re-parses an acquired evidence file from the vault into the normalized tables (a new import that
 * supersedes earlier ones). It lands completely, with its `imports` row and custody entry, or not at all.
 */
export async function importEvidence(
  handle: CaseHandle,
  request: ImportRequest,
  onProgress: ProgressListener,
  signal: AbortSignal = new AbortController().signal,
): Promise<ImportRecord> {
  const evidence = getEvidence(handle.db, request.evidenceId);
  if (!evidence) throw new LedgerError('NOT_FOUND', `No evidence with id ${request.evidenceId} in this case.`);
  return inBulkTransaction(handle.db, signal, () => importWithinTransaction(handle, evidence, request, onProgress, signal));
}

/** The body of an import; the caller owns the transaction. */
export async function importWithinTransaction(
  handle: CaseHandle,
  evidence: EvidenceRecord,
  request: ImportRequest,
  onProgress: ProgressListener,
  signal: AbortSignal,
): Promise<ImportRecord> {
  const db = handle.db;
  const importId = nextImportId(db);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return await parseInto(handle, evidence, request, importId, onProgress, signal);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

async function parseInto(
  handle: CaseHandle,
  evidence: EvidenceRecord,
  request: ImportRequest,
  importId: number,
  onProgress: ProgressListener,
  signal: AbortSignal,
): Promise<ImportRecord> {
  const parser = parserFor(request.format ?? evidence.format);
  const options = request.options ?? {};
  const db = handle.db;
  const startedAt = new Date().toISOString();
  const sink = new StoreSink(db, evidence.id, importId, (bytes, rows) =>
    onProgress({ phase: 'parse', label: evidence.originalName, done: bytes, total: evidence.size, unit: 'bytes', rows }),
  );
  const forced = request.format !== undefined;
  const onWorker = (request.parseOn ?? (parsedOnWorker(evidence.size) ? 'worker' : 'this-thread')) === 'worker';
  if (!onWorker) request.parseThread?.dispose();
  const result = onWorker
    ? await (request.parseThread ?? new ParseThread()).parse(
        { caseDir: handle.dir, sha256: evidence.sha256, fileName: evidence.originalName, size: evidence.size, format: parser.format, forced, options },
        sink,
        signal,
      )
    : await parseAsDelivered(
        parser,
        {
          fileName: evidence.originalName,
          size: evidence.size,
          open: (range) => openVaultFile(handle.dir, evidence.sha256, range),
          options,
          signal,
        },
        sink,
        forced,
      );
  if (signal.aborted) throw cancelledError();
  sink.rollups.flush();
  sink.indexes.rebuild((done, total) => onProgress({ phase: 'index', label: evidence.originalName, done, total, unit: 'steps' }));
  const record: ImportRecord = {
    id: importId,
    evidenceId: evidence.id,
    format: parser.format,
    parserVersion: parser.version,
    encoding: result.encoding,
    encodingGuessed: result.encodingGuessed,
    options: { ...options },
    rowsRead: sink.counts.imported + sink.counts.rejected,
    rowsImported: sink.counts.imported,
    rowsRejected: sink.counts.rejected,
    rowsDuplicate: sink.counts.duplicate,
    warnings: sink.warnings,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
  insertImport(db, record);
  appendCustody(db, {
    actor: request.actor,
    action: 'parse',
    subject: `evidence ${evidence.id} (${evidence.originalName})`,
    details: {
      importId,
      sha256: evidence.sha256,
      parser: parser.format,
      parserVersion: parser.version,
      options,
      encoding: record.encoding,
      rowsRead: record.rowsRead,
      rowsImported: record.rowsImported,
      rowsRejected: record.rowsRejected,
      rowsDuplicate: record.rowsDuplicate,
      archiveEntries: sink.archiveEntries,
    },
  });
  onProgress({ phase: 'parse', label: evidence.originalName, done: evidence.size, total: evidence.size, unit: 'bytes', rows: record.rowsRead });
  return record;
}

function nextImportId(db: Db): number {
  const row = db.prepare(
    `SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'imports'), 0), COALESCE((SELECT MAX(id) FROM imports), 0)) + 1 AS next`,
  ).get() as { next: number };
  return row.next;
}

function insertImport(db: Db, r: ImportRecord): void {
  db.prepare(
    `INSERT INTO imports (id, evidence_id, format, parser_version, encoding, encoding_guessed, options, rows_read, rows_imported,
       rows_rejected, rows_duplicate, warnings, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.evidenceId,
    r.format,
    r.parserVersion,
    r.encoding,
    r.encodingGuessed ? 1 : 0,
    JSON.stringify(r.options),
    r.rowsRead,
    r.rowsImported,
    r.rowsRejected,
    r.rowsDuplicate,
    JSON.stringify(r.warnings),
    r.startedAt,
    r.finishedAt,
  );
}

/** Writes parser output straight into the store with prepared statements, inside the import's transaction. */
export class StoreSink implements RowSink {
  readonly counts = { imported: 0, rejected: 0, duplicate: 0 };
  readonly warnings: string[] = [];
  readonly archiveEntries: ArchiveEntryInfo[] = [];
  readonly indexes: DeferredIndexes;
  readonly rollups: EventRollupWriter;
  private readonly insertEvent;
  private readonly insertEventRecord;
  private readonly findDuplicate;
  private readonly insertSubject;
  private readonly insertAddress;
  private readonly insertLink;
  private readonly insertReject;
  private readonly insertEntry;
  private readonly seen = new SeenKeys();
  private nextEventId: number;
  private nextSubjectId: number;
  private lastProgress = 0;

  constructor(
    db: Db,
    private readonly evidenceId: number,
    private readonly importId: number,
    private readonly report: (bytes: number, rows: number) => void,
  ) {
    const otherCurrentImports = (db.prepare('SELECT id FROM current_imports WHERE evidence_id <> ?').pluck().all(evidenceId) as number[]).join(',');
    this.insertEvent = db.prepare(
      `INSERT INTO access_events (id, evidence_id, import_id, entry, record_no, line_no, byte_offset, byte_length, source_type, ts,
         actor_id, username, session_key, login_key, client_ip, source_ip, user_agent, app, client, operation, object_type, query,
         rows_processed, status, request_id, uri, records_partial, dedup_key, dedup_hash, details, duplicate_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertEventRecord = db.prepare('INSERT INTO event_records (event_id, record_id) VALUES (?, ?)');
    this.findDuplicate = db
      .prepare(
        `SELECT id FROM access_events WHERE ts = ? AND dedup_hash = ? AND dedup_key = ? AND duplicate_of IS NULL
           AND (import_id = ? OR import_id IN (${otherCurrentImports || 'NULL'})) LIMIT 1`,
      )
      .pluck();
    this.insertSubject = db.prepare(
      `INSERT INTO subject_records (id, evidence_id, import_id, entry, record_no, line_no, byte_offset, byte_length, system, object_type,
         source_id, fields, first_name, last_name, full_name, email, email_key, phone, birth_date, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAddress = db.prepare(
      'INSERT INTO subject_addresses (subject_id, kind, street, city, region, region_source, postal_code, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertLink = db.prepare('INSERT INTO subject_links (subject_id, link_type, target_id) VALUES (?, ?, ?)');
    this.insertReject = db.prepare(
      `INSERT INTO rejects (evidence_id, import_id, entry, record_no, line_no, byte_offset, byte_length, reason, raw, raw_truncated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertEntry = db.prepare(
      'INSERT INTO archive_entries (evidence_id, import_id, name, size, sha256, sha1, md5) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const existing = db.prepare(`SELECT dedup_hash FROM access_events WHERE duplicate_of IS NULL AND import_id IN (${otherCurrentImports || 'NULL'})`).pluck();
    for (const hash of existing.iterate() as IterableIterator<number>) this.seen.add(hash);
    this.nextEventId = ((db.prepare('SELECT MAX(id) FROM access_events').pluck().get() as number | null) ?? 0) + 1;
    this.nextSubjectId = ((db.prepare('SELECT MAX(id) FROM subject_records').pluck().get() as number | null) ?? 0) + 1;
    this.rollups = new EventRollupWriter(db, importId);
    this.indexes = new DeferredIndexes(db, ['event_records', 'subject_records', 'subject_addresses', 'subject_links']);
  }

  event(row: AccessEventRow): void {
    this.storeEvent(eventColumns(row), row.recordIds);
  }

  /** Stores an event from its columns (`eventColumns`, which a parsing thread may have built). */
  storeEvent(c: EventColumns, recordIds: readonly string[]): void {
    const id = this.nextEventId++;
    const ts = c[EVENT_TS];
    const hash = c[EVENT_DEDUP_HASH];
    const duplicateOf = this.seen.mayHave(hash) ? ((this.findDuplicate.get(ts, hash, c[EVENT_DEDUP_KEY], this.importId) as number | undefined) ?? null) : null;
    if (duplicateOf === null) {
      this.seen.add(hash);
      this.rollups.add({
        sourceType: c[5],
        ts,
        actorId: c[7],
        username: c[8],
        clientIp: c[11],
        sourceIp: c[12],
        userAgent: c[13],
        app: c[14],
        client: c[15],
        rowsProcessed: c[19],
      });
    }
    this.insertEvent.run(id, this.evidenceId, this.importId, ...c, duplicateOf);
    for (const recordId of recordIds) this.insertEventRecord.run(id, recordId);
    if (recordIds.length) this.indexes.added('event_records', recordIds.length);
    this.counts.imported++;
    if (duplicateOf !== null) this.counts.duplicate++;
  }

  subject(row: SubjectRecordRow): void {
    this.storeSubject(subjectColumns(row), row.addresses.map(addressColumns), row.links.map(linkColumns));
  }

  /** Stores a subject record from its columns (`subjectColumns` and the rest, which a parsing thread may have built). */
  storeSubject(c: SubjectColumns, addresses: readonly AddressColumns[], links: readonly LinkColumns[]): void {
    const id = this.nextSubjectId++;
    this.insertSubject.run(id, this.evidenceId, this.importId, ...c);
    this.indexes.added('subject_records', 1);
    for (const a of addresses) this.insertAddress.run(id, ...a);
    if (addresses.length) this.indexes.added('subject_addresses', addresses.length);
    for (const link of links) this.insertLink.run(id, ...link);
    if (links.length) this.indexes.added('subject_links', links.length);
    this.counts.imported++;
  }

  reject(row: RejectRow): void {
    const truncated = row.raw.length > MAX_REJECT_RAW;
    this.insertReject.run(
      this.evidenceId,
      this.importId,
      row.entry,
      row.recordNo,
      row.lineNo,
      row.byteOffset,
      row.byteLength,
      row.reason,
      truncated ? row.raw.subarray(0, MAX_REJECT_RAW) : row.raw,
      truncated ? 1 : 0,
    );
    this.counts.rejected++;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  progress(bytesRead: number): void {
    const now = Date.now();
    if (now - this.lastProgress < 100) return;
    this.lastProgress = now;
    this.report(bytesRead, this.counts.imported + this.counts.rejected);
  }

  archiveEntry(info: ArchiveEntryInfo): void {
    this.insertEntry.run(this.evidenceId, this.importId, info.name, info.size, info.sha256, info.sha1, info.md5);
    this.archiveEntries.push(info);
  }
}
