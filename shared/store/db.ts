import type Database from 'better-sqlite3-multiple-ciphers';
import { LedgerError } from '../contract/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';
import { openDatabase } from './sqlite';

export type Db = Database.Database;

/** Opens (creating if asked) the evidence store and brings its schema up to date; `key` for an encrypted case. */
export function openStore(file: string, options: { create: boolean; key?: Buffer | null }): Db {
  let db: Db;
  try {
    db = openDatabase(file, { fileMustExist: !options.create });
    if (options.key) keyConnection(db, options.key);
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    throw new LedgerError('NOT_A_CASE', `Cannot open the evidence store ${file}: ${(error as Error).message}.`);
  }
  db.pragma('journal_mode = WAL');
  // FULL: a committed import or custody entry survives power loss, not just a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  migrate(db);
  return db;
}

/**
 * Keys a connection to an encrypted store: the SQLCipher 4 scheme of better-sqlite3-multiple-ciphers with a raw
 * 256-bit key (`x'…'`), so no second KDF runs on a key that is already random. Fails if the key does not open it.
 */
export function keyConnection(db: Db, key: Buffer): void {
  for (const pragma of keyPragmas(key)) db.pragma(pragma);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    db.close();
    throw new LedgerError('INVALID_INPUT', 'The evidence store does not open with this case key: it is not encrypted with it, or it is damaged; restore the case from a backup.');
  }
}

/** The pragmas that key a connection (`keyConnection`), for a connection opened on another thread. */
export function keyPragmas(key: Buffer): string[] {
  return [`cipher='sqlcipher'`, 'legacy=4', `key="x'${key.toString('hex')}'"`];
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new LedgerError(
      'SCHEMA_TOO_NEW',
      `This case was written by a newer Breach Ledger (schema ${current}, this one knows ${SCHEMA_VERSION}); open it with that version or newer.`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
