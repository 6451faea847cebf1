import { createReadStream, promises as fsp } from 'node:fs';
import type { Readable } from 'node:stream';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { noProgress, type ProgressListener } from '../contract/progress';
import type { CaseHandle } from '../store/case-folder';
import { appendCustody } from '../store/custody';
import { findEvidenceBySha256, insertEvidence, NOT_IMPORTED, type EvidenceRecord, type ImportRecord } from '../store/evidence';
import { commitStaged, discardStaged, removeVaultEntry, stageIntoVault } from '../store/vault';
import { isValidTimeZone } from '../util/dates';
import { containerOf, firstZipMemberSample, gunzippedHead, gzipMemberName } from './archive/containers';
import { importWithinTransaction, parsedOnWorker } from './import-pipeline';
import { ParseThread } from './worker-parse';
import { inBulkTransaction } from '../store/transaction';
import type { ParseOptions } from './parser';
import { detectParser, parserFor, UNPARSED } from './registry';

const DETECT_BYTES = 64 * 1024;

export interface AddRequest {
  file: string;
  actor: string;
  source?: string | null;
  /** Forces a parser instead of detection. */
  format?: string | null;
  /** IANA zone of the source's local timestamps; defaults to the case's zone. */
  timeZone?: string | null;
  parseOptions?: ParseOptions;
}

export interface AddResult {
  evidence: EvidenceRecord;
  import: ImportRecord | null;
}

/**
 * Acquires one file: hash and copy into the vault in one pass, then register and parse it in one
 * transaction (with its custody entries), so a failed or cancelled add leaves nothing half-registered.
 * A duplicate (same SHA-256) is refused before registration.
 */
export async function addEvidence(
  handle: CaseHandle,
  request: AddRequest,
  onProgress: ProgressListener = noProgress,
  signal?: AbortSignal,
): Promise<AddResult> {
  if (request.format && request.format !== UNPARSED) parserFor(request.format);
  const timeZone = request.timeZone ?? handle.info.timeZone;
  if (!isValidTimeZone(timeZone)) throw new LedgerError('BAD_USAGE', `The time zone must be an IANA time zone name such as America/Chicago, not "${timeZone}".`);
  const file = path.resolve(request.file);
  const label = path.basename(file);
  const size = await fsp.stat(file).then((s) => s.size, () => 0);
  // Loading the parsers on their thread overlaps the hashing and copying below.
  const parseThread = request.format !== UNPARSED && parsedOnWorker(size) ? new ParseThread() : undefined;
  try {
    return await acquireAndParse(handle, request, file, label, timeZone, parseThread, onProgress, signal);
  } finally {
    parseThread?.dispose();
  }
}

async function acquireAndParse(
  handle: CaseHandle,
  request: AddRequest,
  file: string,
  label: string,
  timeZone: string,
  parseThread: ParseThread | undefined,
  onProgress: ProgressListener,
  signal: AbortSignal | undefined,
): Promise<AddResult> {
  const staged = await stageIntoVault(handle.dir, file, (p) => onProgress({ phase: 'acquire', label, done: p.bytesDone, total: p.bytesTotal, unit: 'bytes' }), signal);

  const existing = findEvidenceBySha256(handle.db, staged.sha256);
  if (existing) {
    await discardStaged(staged);
    throw new LedgerError(
      'DUPLICATE_EVIDENCE',
      `${label} is already evidence ${existing.id} (${existing.originalName}, SHA-256 ${staged.sha256}); it was not added again.`,
      { existingId: existing.id, sha256: staged.sha256 },
    );
  }
  const format = request.format ?? (await detectFormat(staged.stagedPath, label, staged.size));

  const parseOptions: ParseOptions = { timeZone, ...request.parseOptions };
  let placed = false;
  try {
    return await inBulkTransaction(handle.db, signal, async () => {
      // From here to the commit this process holds the store's write lock, so no other program's cleanup can take
      // the file at vault/<sha256> for an orphan, and a second add of the same file is refused, not merged.
      const raced = findEvidenceBySha256(handle.db, staged.sha256);
      if (raced) {
        await discardStaged(staged);
        throw new LedgerError('DUPLICATE_EVIDENCE', `${label} is already evidence ${raced.id} (${raced.originalName}, SHA-256 ${staged.sha256}); it was not added again.`, {
          existingId: raced.id,
          sha256: staged.sha256,
        });
      }
      await commitStaged(handle.dir, staged);
      placed = true;
      const evidence = insertEvidence(handle.db, {
        sha256: staged.sha256,
        sha1: staged.sha1,
        md5: staged.md5,
        size: staged.size,
        originalName: label,
        originalPath: file,
        source: request.source ?? null,
        acquiredAt: new Date().toISOString(),
        acquiredBy: request.actor,
        timeZone,
        format,
        formatForced: Boolean(request.format),
      });
      appendCustody(handle.db, {
        actor: request.actor,
        action: 'acquire',
        subject: `evidence ${evidence.id} (${label})`,
        details: {
          evidenceId: evidence.id,
          originalPath: file,
          size: evidence.size,
          sha256: evidence.sha256,
          sha1: evidence.sha1,
          md5: evidence.md5,
          format,
          formatForced: evidence.formatForced,
          source: evidence.source,
        },
      });
      if (format === UNPARSED) return { evidence, import: null };
      const imported = await importOrRecordFailure(handle, evidence, request.actor, parseOptions, parseThread, onProgress, signal ?? new AbortController().signal);
      return { evidence, import: imported };
    });
  } catch (error) {
    // Registration and parse are one transaction: when it rolls back, the vault copy goes too.
    if (placed && !findEvidenceBySha256(handle.db, staged.sha256)) await removeVaultEntry(handle.dir, staged.sha256);
    else await discardStaged(staged);
    throw error;
  }
}

/**
 * Imports inside a savepoint: a parse that fails undoes only its own rows, and the acquisition stays, with a custody
 * entry saying why the file was not imported (`import <case> <id> --format …` imports it later). A cancellation
 * still undoes the whole add.
 */
async function importOrRecordFailure(
  handle: CaseHandle,
  evidence: EvidenceRecord,
  actor: string,
  options: ParseOptions,
  parseThread: ParseThread | undefined,
  onProgress: ProgressListener,
  signal: AbortSignal,
): Promise<ImportRecord | null> {
  handle.db.exec('SAVEPOINT parse_attempt');
  try {
    const imported = await importWithinTransaction(handle, evidence, { evidenceId: evidence.id, actor, options, parseThread }, onProgress, signal);
    handle.db.exec('RELEASE parse_attempt');
    return imported;
  } catch (error) {
    if (signal.aborted || !handle.db.inTransaction || (error instanceof LedgerError && error.code === 'CANCELLED')) throw error;
    handle.db.exec('ROLLBACK TO parse_attempt');
    handle.db.exec('RELEASE parse_attempt');
    recordParseFailure(handle, evidence, actor, evidence.format, error);
    return null;
  }
}

/** The file was not imported: custody says which parser failed and why, for `evidence` to show. */
export function recordParseFailure(handle: CaseHandle, evidence: EvidenceRecord, actor: string, format: string, error: unknown): void {
  const reason = error instanceof LedgerError ? error.message : `The parser failed unexpectedly (${(error as Error).message ?? String(error)}).`;
  appendCustody(handle.db, {
    actor,
    action: 'parse',
    subject: `evidence ${evidence.id} (${evidence.originalName})`,
    details: { evidenceId: evidence.id, sha256: evidence.sha256, parser: format, outcome: NOT_IMPORTED, reason },
  });
}

/**
 * The format whose parser recognises the file's first bytes, or `unparsed`. A gzip file is recognised by its
 * decompressed bytes, a ZIP of logs by its first member (a Data Export ZIP is read whole by its own parser).
 */
export async function detectFormat(file: string, fileName: string, size: number): Promise<string> {
  const handle = await fsp.open(file, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(Math.min(DETECT_BYTES, size));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const open = (range?: { start: number; end?: number }): Readable => createReadStream(file, range ?? {});
  const container = containerOf(head);
  if (container === 'gzip') {
    const inner = await gunzippedHead(open);
    if (inner === null) return UNPARSED;
    return detectParser({ fileName: gzipMemberName(head, fileName), size, head: inner })?.format ?? UNPARSED;
  }
  if (container === 'zip') {
    const first = await firstZipMemberSample({ open, size, signal: new AbortController().signal });
    const inner = first === null ? null : detectParser(first);
    if (inner !== null && !inner.readsZip) return inner.format;
  }
  return detectParser({ fileName, size, head })?.format ?? UNPARSED;
}
