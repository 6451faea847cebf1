import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LedgerError } from '../contract/errors';

/** Below this much free space a disk counts as the full one. */
const NEARLY_FULL_BYTES = 64 * 1024 * 1024;

export const BUSY_MESSAGE = 'The case is busy in another program (it is writing to the evidence store); wait for it to finish and try again.';

/**
 * Puts a failure of the store or the disk in the user's words: the case is busy in another program, a disk is full
 * (the case folder's, or the temporary folder SQLite sorts in), or the store is damaged. Anything else is returned
 * unchanged.
 */
export function explainSystemError(error: unknown, caseDir: string): unknown {
  if (error instanceof LedgerError || !(error instanceof Error)) return error;
  const code = codeOf(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new LedgerError('STORE_LOCKED', BUSY_MESSAGE, { reason: 'busy' });
  if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL')) return diskFull(caseDir, (error as NodeJS.ErrnoException).path);
  if (isCorruption(error)) {
    return new LedgerError('VERIFICATION_FAILED', `The evidence store of ${caseDir} is damaged (${error.message}); verify the case to see which table, and restore the case from a backup.`, { reason: 'store-damaged' });
  }
  return error;
}

function diskFull(caseDir: string, failedPath: string | undefined): LedgerError {
  const candidates = [
    { what: 'the disk holding the case folder', at: caseDir },
    { what: 'the disk holding the temporary folder (where SQLite sorts and where TMPDIR points)', at: tmpdir() },
  ];
  const named = failedPath
    ? [{ what: path.resolve(failedPath).startsWith(path.resolve(caseDir)) ? candidates[0]!.what : `the disk holding ${path.dirname(failedPath)}`, at: path.dirname(failedPath) }]
    : candidates.filter((c) => freeBytes(c.at) < NEARLY_FULL_BYTES);
  const which = (named.length > 0 ? named : candidates).map((c) => `${c.what} (${c.at})`).join(' or ');
  return new LedgerError('INVALID_INPUT', `The disk is full: ${which}. Free space there and try again.`, { reason: 'disk-full' });
}

function freeBytes(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** SQLite found the store's pages unreadable: the file is damaged, not busy and not the wrong format. */
export function isCorruption(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR');
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
