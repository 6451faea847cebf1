import type Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { renderManifest, signManifest, MANIFEST_FILE, type SignedManifest } from '../export/manifest';
import { sha256File } from '../export/file-digest';
import { commitPendingKeyFile, createKeyFile, hasPendingKeyFile, unlockKeyFile, type VaultKey } from './case-keys';
import { EXPORTS_DIR, KEYS_DIR, PRIVATE_KEY_FILE, readCaseInfo, readSigningKey, STORE_FILE, type CaseHandle } from './case-folder';
import { keyConnection, openStore } from './db';
import { openDatabase } from './sqlite';
import { appendCustody } from './custody';
import { syncDirectory, wipeFile, writeNewFileSynced } from './secure-delete';
import { CIPHER_SUFFIX, conversionTargets, encryptFileInPlace, isEncryptedFile, noSteps, PLAIN_SUFFIX, type StepHook } from './encrypt-in-place';
import { VAULT_DIR, vaultPath } from './vault';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface EncryptCaseResult {
  vaultFiles: number;
  exportFiles: number;
  exportsResigned: number;
  /** The new keys, for reopening the case. */
  key: VaultKey;
}

/**
 * Converts a plain case in place: an encrypted copy of the store, then every vault file, export file and the
 * signing key rewritten encrypted (`encryptFileInPlace`: a plaintext is wiped only once its ciphertext is fsynced
 * and read back against the recorded digest). The key file goes in place last, so until then the case still opens
 * as a plain case or, once the store is swapped, only for `resumeEncryptCase`. The handle is closed; reopen with
 * the key. Export manifests are re-signed over the encrypted files (the custody entry keeps the old manifest hashes).
 */
export async function encryptCase(handle: CaseHandle, passphrase: string, actor: string, onStep: StepHook = noSteps): Promise<EncryptCaseResult> {
  if (handle.vaultKey) throw new LedgerError('BAD_USAGE', `${handle.dir} is already encrypted; change its passphrase instead.`);
  return encryptCaseWithKey(handle, await createKeyFile(path.join(handle.dir, KEYS_DIR), passphrase, { pending: true }), actor, onStep);
}

/** `encryptCase` once its key is written as the pending key file. */
export async function encryptCaseWithKey(handle: CaseHandle, key: VaultKey, actor: string, onStep: StepHook = noSteps): Promise<EncryptCaseResult> {
  const signingKey = await readSigningKey(handle);
  await onStep('key-created');
  await swapInEncryptedStore(handle, key, onStep);
  return finishEncryption(handle.dir, handle.info.publicKeyPem, key, signingKey, actor, false, onStep);
}

/** True when a `case encrypt` started swapping in the encrypted store and stopped before it finished. */
export async function encryptionInterrupted(dir: string): Promise<boolean> {
  if (!hasPendingKeyFile(path.join(dir, KEYS_DIR))) return false;
  const store = path.join(dir, STORE_FILE);
  return existsSync(`${store}${PLAIN_SUFFIX}`) || !existsSync(store) || !(await isPlainStore(store));
}

/**
 * Finishes an interrupted `case encrypt` with the passphrase it was started with, from what is on disk: each
 * file is taken from whichever step it stopped at (see `encryptFileInPlace`).
 */
export async function resumeEncryptCase(dir: string, passphrase: string, actor: string, onStep: StepHook = noSteps): Promise<EncryptCaseResult> {
  return resumeEncryptCaseWithKey(dir, await unlockKeyFile(path.join(dir, KEYS_DIR), passphrase, { pending: true }), actor, onStep);
}

/** `resumeEncryptCase` with the pending key already unlocked. */
export async function resumeEncryptCaseWithKey(dir: string, key: VaultKey, actor: string, onStep: StepHook = noSteps): Promise<EncryptCaseResult> {
  await settleStoreSwap(dir, key, onStep);
  const db = openStore(path.join(dir, STORE_FILE), { create: false, key: key.store });
  let publicKeyPem: string;
  try {
    publicKeyPem = readCaseInfo(db).publicKeyPem;
  } finally {
    db.close();
  }
  const signingKeyFile = path.join(dir, KEYS_DIR, PRIVATE_KEY_FILE);
  // An interrupted conversion of the signing key leaves it only under its `.plaintext` name.
  const signingKeyEncrypted = !existsSync(`${signingKeyFile}${PLAIN_SUFFIX}`) && (await isEncryptedFile(signingKeyFile));
  const signingKey = signingKeyEncrypted
    ? await readSigningKey({ dir, vaultKey: key })
    : await fsp.readFile(existsSync(`${signingKeyFile}${PLAIN_SUFFIX}`) ? `${signingKeyFile}${PLAIN_SUFFIX}` : signingKeyFile, 'utf8');
  return finishEncryption(dir, publicKeyPem, key, signingKey, actor, true, onStep);
}

/**
 * The store's swap follows the same steps as a file's: the encrypted copy is written and compared with the plain
 * store table by table, the plain store moves aside, the copy takes its name, and only then is the plain store wiped.
 */
async function swapInEncryptedStore(handle: CaseHandle, key: VaultKey, onStep: StepHook): Promise<void> {
  const store = path.join(handle.dir, STORE_FILE);
  // Only this connection may have the store open: leaving WAL mode proves it and empties the write-ahead log.
  if (handle.db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
    throw new LedgerError('STORE_LOCKED', 'The case is busy in another program; close it there, then encrypt the case again.');
  }
  await fsp.rm(`${store}${CIPHER_SUFFIX}`, { force: true });
  await onStep('store-copy');
  copyStoreEncrypted(handle, `${store}${CIPHER_SUFFIX}`, key);
  await fsyncFile(`${store}${CIPHER_SUFFIX}`);
  await onStep('store-verify');
  if (!storeCopyMatches(`${store}${CIPHER_SUFFIX}`, key, store)) {
    await fsp.rm(`${store}${CIPHER_SUFFIX}`, { force: true });
    throw new LedgerError('VERIFICATION_FAILED', 'The encrypted copy of the evidence store does not match the store; nothing was changed. Check the disk and encrypt the case again.');
  }
  handle.close();
  await onStep('store-move-plain');
  await fsp.rename(store, `${store}${PLAIN_SUFFIX}`);
  await syncDirectory(handle.dir);
  await onStep('store-rename-cipher');
  await fsp.rename(`${store}${CIPHER_SUFFIX}`, store);
  await syncDirectory(handle.dir);
  await onStep('store-wipe-plain');
  await wipeFile(`${store}${PLAIN_SUFFIX}`);
}

/** Completes the store swap from whichever step it stopped at. */
async function settleStoreSwap(dir: string, key: VaultKey, onStep: StepHook): Promise<void> {
  const store = path.join(dir, STORE_FILE);
  const cipher = `${store}${CIPHER_SUFFIX}`;
  const plain = `${store}${PLAIN_SUFFIX}`;
  if (existsSync(store) && !(await isPlainStore(store))) {
    if (existsSync(plain)) {
      await onStep('store-wipe-plain');
      await wipeFile(plain);
    }
    await fsp.rm(cipher, { force: true });
    return;
  }
  if (!existsSync(plain) || existsSync(store)) {
    throw new LedgerError('VERIFICATION_FAILED', `${dir}: the interrupted conversion left no store it can finish from; restore the case from a backup.`);
  }
  if (!existsSync(cipher) || !storeCopyMatches(cipher, key, plain)) {
    throw new LedgerError('VERIFICATION_FAILED', `${dir}: the encrypted copy of the store is incomplete; the plain store is kept as ${path.basename(plain)}. Rename it to ${STORE_FILE}, delete keys/case-key.json.pending and encrypt the case again.`);
  }
  await onStep('store-rename-cipher');
  await fsp.rename(cipher, store);
  await syncDirectory(dir);
  await onStep('store-wipe-plain');
  await wipeFile(plain);
}

/** Everything after the store, in an order that a second run can pick up from anywhere. */
async function finishEncryption(dir: string, publicKeyPem: string, key: VaultKey, signingKey: string, actor: string, resumed: boolean, onStep: StepHook): Promise<EncryptCaseResult> {
  const keysDir = path.join(dir, KEYS_DIR);
  const vaultDir = path.join(dir, VAULT_DIR);
  const vault = conversionTargets((await fsp.readdir(vaultDir)).filter((name) => /^[0-9a-f]{64}(\.encrypting|\.plaintext)?$/.test(name)));
  const mismatched: string[] = [];
  for (const sha256 of vault) {
    if (!(await encryptFileInPlace(vaultPath(dir, sha256), key.files, sha256, onStep))) mismatched.push(sha256);
    await fsp.chmod(vaultPath(dir, sha256), 0o444);
  }
  const exports = await encryptExports(path.join(dir, EXPORTS_DIR), key, signingKey, publicKeyPem, onStep);

  await encryptSigningKey(path.join(keysDir, PRIVATE_KEY_FILE), key, onStep);
  await syncDirectory(dir);

  const result = { vaultFiles: vault.length, exportFiles: exports.files, exportsResigned: exports.manifests.length };
  await onStep('custody');
  const db = openStore(path.join(dir, STORE_FILE), { create: false, key: key.store });
  try {
    appendCustody(db, {
      actor,
      action: 'case-encrypt',
      subject: 'case',
      details: {
        ...result,
        ...(resumed ? { resumed: true } : {}),
        ...(mismatched.length > 0 ? { vaultFilesNotMatchingTheirName: mismatched } : {}),
        scheme: 'SQLCipher 4 store; AES-256-GCM 1 MiB chunks for vault files and exports; scrypt-wrapped data key',
        manifests: exports.manifests,
      },
    });
  } finally {
    db.close();
  }
  await onStep('commit-key');
  await commitPendingKeyFile(keysDir);
  return { ...result, key };
}

/** The signing key is small: its ciphertext is made in memory, then it follows the same steps as any file. */
async function encryptSigningKey(file: string, key: VaultKey, onStep: StepHook): Promise<void> {
  await encryptFileInPlace(file, key.files, null, onStep);
  await fsp.chmod(file, 0o600);
}

async function isPlainStore(file: string): Promise<boolean> {
  return (await readHead(file, SQLITE_HEADER.length)).equals(SQLITE_HEADER);
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Copies every table into a new encrypted database, then the indexes, triggers and views (so append-only triggers do not fire on the copy). */
function copyStoreEncrypted(handle: CaseHandle, target: string, key: VaultKey): void {
  handle.db.pragma('wal_checkpoint(FULL)');
  const copy = openDatabase(target);
  try {
    keyConnection(copy, key.store);
    copy.prepare(`ATTACH DATABASE ? AS plain KEY ''`).run(path.join(handle.dir, STORE_FILE));
    const objects = copy
      .prepare(`SELECT type, name, sql FROM plain.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type <> 'table', rowid`)
      .all() as Array<{ type: string; name: string; sql: string }>;
    copy.transaction(() => {
      for (const object of objects) {
        copy.exec(object.sql);
        if (object.type === 'table') copy.exec(copyRowsSql(object.name, object.sql, copy));
      }
      if (copy.prepare(`SELECT 1 FROM plain.sqlite_master WHERE name = 'sqlite_sequence'`).get()) {
        copy.exec('DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM plain.sqlite_sequence');
      }
      copy.pragma(`user_version = ${handle.db.pragma('user_version', { simple: true }) as number}`);
    })();
    copy.exec('DETACH DATABASE plain');
  } finally {
    copy.close();
  }
}

/** Copies a table's rows keeping their rowids: the row seals name rows by rowid (a table without an INTEGER PRIMARY KEY would be renumbered). */
function copyRowsSql(table: string, sql: string, copy: Database.Database): string {
  const name = `"${table.replace(/"/g, '""')}"`;
  if (/WITHOUT\s+ROWID/i.test(sql)) return `INSERT INTO main.${name} SELECT * FROM plain.${name}`;
  const columns = (copy.pragma(`main.table_info(${name})`) as Array<{ name: string }>).map((c) => `"${c.name.replace(/"/g, '""')}"`).join(', ');
  return `INSERT INTO main.${name} (rowid, ${columns}) SELECT rowid, ${columns} FROM plain.${name}`;
}

async function encryptExports(
  dir: string,
  key: VaultKey,
  signingKey: string,
  publicKeyPem: string,
  onStep: StepHook,
): Promise<{ files: number; manifests: Array<{ dir: string; oldSha256: string; newSha256: string }> }> {
  if (!existsSync(dir)) return { files: 0, manifests: [] };
  const entries = (await fsp.readdir(dir, { withFileTypes: true, recursive: true })).filter((e) => e.isFile());
  const manifestFiles = entries.filter((e) => e.name === MANIFEST_FILE).map((e) => path.join(e.parentPath, e.name));
  const files = conversionTargets(entries.filter((e) => !e.name.startsWith(MANIFEST_FILE)).map((e) => path.join(e.parentPath, e.name)));
  for (const file of files) await encryptFileInPlace(file, key.files, null, onStep);
  const manifests: Array<{ dir: string; oldSha256: string; newSha256: string }> = [];
  for (const manifestPath of manifestFiles.sort()) {
    const folder = path.dirname(manifestPath);
    const oldSha256 = (await sha256File(manifestPath)).sha256;
    const { signature: _old, ...body } = JSON.parse(await fsp.readFile(manifestPath, 'utf8')) as SignedManifest;
    const reDigested = await Promise.all(body.files.map(async (f) => ({ path: f.path, ...(await sha256File(path.join(folder, f.path))) })));
    const text = renderManifest(signManifest({ ...body, files: reDigested }, signingKey, publicKeyPem));
    await onStep(`resign:${path.relative(dir, folder)}`);
    // A manifest holds no secret: an atomic rename is all a crash needs.
    const next = `${manifestPath}.new`;
    await fsp.rm(next, { force: true });
    await writeNewFileSynced(next, Buffer.from(text, 'utf8'), 0o644);
    await fsp.rename(next, manifestPath);
    await syncDirectory(folder);
    manifests.push({ dir: path.relative(dir, folder).split(path.sep).join('/'), oldSha256, newSha256: (await sha256File(manifestPath)).sha256 });
  }
  return { files: files.length, manifests };
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** True when the encrypted store opens with the key, passes SQLite's check, and holds the same rows as the plain one, table by table. */
function storeCopyMatches(encryptedFile: string, key: VaultKey, plainFile: string): boolean {
  let copy: Database.Database | null = null;
  let plain: Database.Database | null = null;
  try {
    copy = openDatabase(encryptedFile, { readonly: true, fileMustExist: true });
    keyConnection(copy, key.store);
    plain = openDatabase(plainFile, { readonly: true, fileMustExist: true });
    if (copy.pragma('quick_check', { simple: true }) !== 'ok') return false;
    const tables = plain.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    const copied = new Set(copy.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    for (const table of tables) {
      if (!copied.has(table)) return false;
      const count = `SELECT count(*) FROM "${table}"`;
      if (copy.prepare(count).pluck().get() !== plain.prepare(count).pluck().get()) return false;
    }
    const head = `SELECT entry_hash FROM custody ORDER BY seq DESC LIMIT 1`;
    return copy.prepare(head).pluck().get() === plain.prepare(head).pluck().get();
  } catch {
    return false;
  } finally {
    if (copy?.open) copy.close();
    if (plain?.open) plain.close();
  }
}
