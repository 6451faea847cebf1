import Database from 'better-sqlite3-multiple-ciphers';
import { LedgerError } from '../contract/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';

export type Db = Database.Database;

/** Opens (creating if asked) the evidence store and brings its schema up to date. */
export function openStore(file: string, options: { create: boolean }): Db {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create });
  } catch (error) {
    throw new LedgerError('NOT_A_CASE', `Cannot open the evidence store ${file}: ${(error as Error).message}.`);
  }
  db.pragma('journal_mode = WAL');
  // FULL: a committed import or custody entry survives power loss, not just a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  migrate(db);
  return db;
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
