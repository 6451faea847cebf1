import path from 'node:path';
import { STORE_FILE, type CaseHandle } from '../store/case-folder';
import { keyConnection, type Db } from '../store/db';
import { openDatabase } from '../store/sqlite';

/**
 * A read-only connection holding one snapshot of the store for the whole export: long row iterations then
 * never block (or get blocked by) other work on the case's own connection, and every file sees the same data.
 */
export function openSnapshotReader(handle: CaseHandle): { db: Db; close(): void } {
  const db = openDatabase(path.join(handle.dir, STORE_FILE), { readonly: true, fileMustExist: true });
  if (handle.vaultKey) keyConnection(db, handle.vaultKey.store);
  db.exec('BEGIN');
  db.prepare('SELECT 1 FROM case_info LIMIT 1').get();
  return {
    db,
    close: () => {
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}
