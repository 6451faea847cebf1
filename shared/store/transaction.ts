import { LedgerError } from '../contract/errors';
import type { Db } from './db';

/** Runs async work inside one write transaction; rolls back on any error or cancellation. */
export async function inTransaction<T>(db: Db, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
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

export function cancelledError(): LedgerError {
  return new LedgerError('CANCELLED', 'Cancelled; nothing was kept.');
}

