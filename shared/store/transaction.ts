import { LedgerError } from '../contract/errors';
import type { Db } from './db';

/** Runs async work inside one write transaction; rolls back on any error or cancellation. */
export async function inTransaction<T>(db: Db, signal: AbortSignal | undefined, work: () => T | Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    if (signal?.aborted) throw cancelledError();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (signal?.aborted && !(error instanceof LedgerError && error.code === 'CANCELLED')) throw cancelledError();
    throw error;
  }
}

/**
 * `inTransaction` for a bulk write (an import). While no other connection has the store open it runs with a
 * rollback journal, so the new pages are written once, straight into the store, instead of into the WAL and again
 * at the checkpoint (where an encrypted store also decrypts and re-encrypts them); the store is in WAL mode again
 * after. With another connection open it runs in WAL mode.
 */
export async function inBulkTransaction<T>(db: Db, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  const rollbackJournal = setJournalMode(db, 'delete');
  try {
    return await inTransaction(db, signal, work);
  } finally {
    if (rollbackJournal) setJournalMode(db, 'wal');
  }
}

function setJournalMode(db: Db, mode: 'delete' | 'wal'): boolean {
  try {
    return db.pragma(`journal_mode = ${mode}`, { simple: true }) === mode;
  } catch {
    return false;
  }
}

export function cancelledError(): LedgerError {
  return new LedgerError('CANCELLED', 'Cancelled; nothing was kept.');
}

