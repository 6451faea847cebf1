import { generateKeyPairSync, randomUUID, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { sha256Hex } from '../util/hash';
import { isValidDate, isValidTimeZone } from '../util/dates';
import { openStore, type Db } from './db';
import { isCorruption } from './errors';
import { appendCustody } from './custody';
import { createKeyFile, hasPendingKeyFile, isEncryptedCase, unlockKeyFile, type VaultKey } from './case-keys';
import { decryptFile, encryptBuffer } from './chunked-cipher';
import { listPartials, listVaultFiles, partialWriterGone, removeVaultEntry, useVaultKey, VAULT_DIR } from './vault';

export const STORE_FILE = 'ledger.sqlite';
export const EXPORTS_DIR = 'exports';
export const KEYS_DIR = 'keys';
export const PRIVATE_KEY_FILE = 'signing-key.pem';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

export interface CaseInfo {
  id: string;
  name: string;
  investigator: string;
  matter: string | null;
  /** YYYY-MM-DD, when the breach was discovered (notice deadlines run from it). */
  discovered: string | null;
  /** IANA zone the investigator works in; timestamps are stored in UTC regardless. */
  timeZone: string;
  createdAt: string;
  publicKeyPem: string;
  publicKeyFingerprint: string;
}

export interface CaseHandle {
  readonly dir: string;
  readonly db: Db;
  readonly info: CaseInfo;
  /** The keys of an encrypted case (held in memory while it is open), or null for a plain case. */
  readonly vaultKey: VaultKey | null;
  close(): void;
}

export interface NewCase {
  dir: string;
  name: string;
  investigator: string;
  matter?: string | null;
  discovered?: string | null;
  timeZone?: string | null;
  /** Given: the case is encrypted, its data key wrapped under this passphrase. */
  passphrase?: string | null;
}

export async function createCase(request: NewCase): Promise<CaseHandle> {
  const dir = path.resolve(request.dir);
  if (!request.name.trim()) throw new LedgerError('BAD_USAGE', 'A case needs a name.');
  if (!request.investigator.trim()) throw new LedgerError('BAD_USAGE', 'A case needs an investigator.');
  if (request.discovered && !isValidDate(request.discovered)) {
    throw new LedgerError('BAD_USAGE', `The discovery date must be a date as YYYY-MM-DD, not "${request.discovered}".`);
  }
  const timeZone = request.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new LedgerError('BAD_USAGE', `The time zone must be an IANA time zone name such as America/New_York, not "${timeZone}".`);
  if (existsSync(dir)) {
    const entries = await fsp.readdir(dir).catch(() => {
      throw new LedgerError('INVALID_INPUT', `${dir} exists and is not a folder; choose another path.`);
    });
    if (entries.length > 0) throw new LedgerError('CASE_NOT_EMPTY', `${dir} is not empty; create a case in a new or empty folder.`);
  }
  mkdirSync(path.join(dir, VAULT_DIR), { recursive: true });
  mkdirSync(path.join(dir, EXPORTS_DIR), { recursive: true });
  const keysDir = path.join(dir, KEYS_DIR);
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const vaultKey = request.passphrase ? await createKeyFile(keysDir, request.passphrase) : null;

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await fsp.writeFile(path.join(keysDir, PRIVATE_KEY_FILE), vaultKey ? encryptBuffer(vaultKey.files, Buffer.from(privatePem)) : privatePem, { mode: 0o600 });
  await fsp.writeFile(path.join(dir, KEYS_DIR, PUBLIC_KEY_FILE), publicPem, { mode: 0o644 });

  const info: CaseInfo = {
    id: randomUUID(),
    name: request.name.trim(),
    investigator: request.investigator.trim(),
    matter: request.matter?.trim() || null,
    discovered: request.discovered ?? null,
    timeZone,
    createdAt: new Date().toISOString(),
    publicKeyPem: publicPem,
    publicKeyFingerprint: publicKeyFingerprint(publicPem),
  };
  const db = openStore(path.join(dir, STORE_FILE), { create: true, key: vaultKey?.store ?? null });
  db.transaction(() => {
    const insert = db.prepare('INSERT INTO case_info (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(info)) insert.run(key, JSON.stringify(value));
    appendCustody(db, {
      actor: info.investigator,
      action: 'case-create',
      subject: info.name,
      details: { caseId: info.id, matter: info.matter, discovered: info.discovered, timeZone, publicKeyFingerprint: info.publicKeyFingerprint, encrypted: vaultKey !== null },
    });
  })();
  return handle(dir, db, info, vaultKey);
}

/**
 * Opens a case folder and cleans up after any acquisition that was killed half-way (logged in custody).
 * An encrypted case needs its key (see `unlockCase`).
 */
export async function openCase(dirArg: string, options: { actor?: string; key?: VaultKey | null } = {}): Promise<CaseHandle> {
  const dir = path.resolve(dirArg);
  const storeFile = path.join(dir, STORE_FILE);
  if (!existsSync(storeFile)) throw new LedgerError('NOT_A_CASE', `${dir} is not a Breach Ledger case (it has no ${STORE_FILE}); choose a case folder or create a new case.`);
  const key = options.key ?? null;
  if (caseIsEncrypted(dir) && !key) {
    throw new LedgerError('BAD_USAGE', `${dir} is an encrypted case; give its passphrase to open it.`, { reason: 'locked' });
  }
  const db = openEncryptionAware(dir, storeFile, key);
  const info = readCaseInfo(db);
  await recoverInterruptedAcquisitions(dir, db, options.actor ?? info.investigator).catch((error: unknown) => {
    // A damaged store still opens, for `verify` to name the damage; nothing is cleaned up in it.
    if (!isCorruption(error)) throw error;
  });
  return handle(dir, db, info, key);
}

function openEncryptionAware(dir: string, storeFile: string, key: VaultKey | null): Db {
  try {
    return openStore(storeFile, { create: false, key: key?.store ?? null });
  } catch (error) {
    if (key || !hasPendingKeyFile(path.join(dir, KEYS_DIR))) throw error;
    throw new LedgerError('BAD_USAGE', `Encrypting ${dir} was interrupted; encrypt it again with the same passphrase to finish. Nothing was lost.`, { reason: 'encryption-interrupted' });
  }
}

export function caseIsEncrypted(dir: string): boolean {
  return isEncryptedCase(path.join(path.resolve(dir), KEYS_DIR));
}

/** Derives an encrypted case's keys from its passphrase (scrypt; about half a second). Writes nothing. */
export function unlockCase(dir: string, passphrase: string): Promise<VaultKey> {
  return unlockKeyFile(path.join(path.resolve(dir), KEYS_DIR), passphrase);
}

/** The case's Ed25519 private key (PEM), decrypted when the case is encrypted. */
export async function readSigningKey(handle: Pick<CaseHandle, 'dir' | 'vaultKey'>): Promise<string> {
  const file = path.join(handle.dir, KEYS_DIR, PRIVATE_KEY_FILE);
  if (!handle.vaultKey) return fsp.readFile(file, 'utf8');
  return (await decryptFile(file, handle.vaultKey.files, `${KEYS_DIR}/${PRIVATE_KEY_FILE}`)).toString('utf8');
}

export function publicKeyFingerprint(publicPem: string): string {
  return sha256Hex(createPublicKey(publicPem).export({ type: 'spki', format: 'der' }));
}

export function readCaseInfo(db: Db): CaseInfo {
  const rows = db.prepare('SELECT key, value FROM case_info').all() as Array<{ key: string; value: string }>;
  const values = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  if (typeof values.id !== 'string') throw new LedgerError('NOT_A_CASE', 'The evidence store has no case record; it was not created by Breach Ledger.');
  return values as unknown as CaseInfo;
}

/**
 * Removes what acquisitions that were killed left behind, logged in custody. It runs holding the store's write lock,
 * as an `add` does from putting its file at `vault/<sha256>` to registering it, so a file another program is still
 * registering is never taken for an orphan; a staging file is removed only when its writer is provably gone.
 */
async function recoverInterruptedAcquisitions(dir: string, db: Db, actor: string): Promise<void> {
  const partials = (await listPartials(dir)).filter((p) => partialWriterGone(p.name));
  const unregistered = (registered: Set<string>) => listVaultFiles(dir).then((names) => names.filter((name) => !registered.has(name)));
  // A cheap look without the lock first: almost every open finds nothing to do.
  if (partials.length === 0 && (await unregistered(new Set(db.prepare('SELECT sha256 FROM evidence').pluck().all() as string[]))).length === 0) return;
  // Another program holding the lock is mid-acquisition: its files are not orphans now, and the next open looks again.
  if (!tryBeginImmediate(db)) return;
  try {
    const orphans = await unregistered(new Set(db.prepare('SELECT sha256 FROM evidence').pluck().all() as string[]));
    for (const partial of partials) {
      await removeVaultEntry(dir, partial.name);
      appendCustody(db, { actor, action: 'cleanup', subject: `vault/${partial.name}`, details: { reason: 'interrupted acquisition temp file removed', bytes: partial.size } });
    }
    for (const orphan of orphans) {
      await removeVaultEntry(dir, orphan);
      appendCustody(db, { actor, action: 'cleanup', subject: `vault/${orphan}`, details: { reason: 'vault file with no evidence record (acquisition interrupted before registration) removed' } });
    }
    db.exec('COMMIT');
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/** Takes the write lock if no other connection holds it, without waiting. */
function tryBeginImmediate(db: Db): boolean {
  const waited = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${waited}`);
  }
}

function handle(dir: string, db: Db, info: CaseInfo, vaultKey: VaultKey | null): CaseHandle {
  const release = vaultKey ? useVaultKey(dir, vaultKey) : () => {};
  return {
    dir,
    db,
    info,
    vaultKey,
    close: () => {
      if (db.open) db.close();
      release();
    },
  };
}
