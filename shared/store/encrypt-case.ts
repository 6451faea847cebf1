import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { renderManifest, signManifest, MANIFEST_FILE, type SignedManifest } from '../export/manifest';
import { sha256File } from '../export/file-digest';
import { encryptFileInto } from './byte-streams';
import { commitPendingKeyFile, createKeyFile, hasPendingKeyFile, unlockKeyFile, type VaultKey } from './case-keys';
import { EXPORTS_DIR, KEYS_DIR, PRIVATE_KEY_FILE, readCaseInfo, readSigningKey, STORE_FILE, type CaseHandle } from './case-folder';
import { encryptBuffer, HEADER_BYTES, isChunkedCiphertext } from './chunked-cipher';
import { keyConnection, openStore } from './db';
import { appendCustody } from './custody';
import { syncDirectory, wipeFile, writeNewFileSynced } from './secure-delete';
import { encryptVaultFile, listPartials, listVaultFiles, VAULT_DIR, vaultPath } from './vault';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Suffix of an export file's encrypted copy while it is written. */
const IN_PROGRESS = '.encrypting';

export interface EncryptCaseResult {
  vaultFiles: number;
  exportFiles: number;
  exportsResigned: number;
  /** The new keys, for reopening the case. */
  key: VaultKey;
}

/**
 * Converts a plain case in place: an encrypted copy of the store, then every vault file, export file and the
 * signing key rewritten encrypted, each plaintext overwritten with zeros before it is deleted. The key file goes
 * in place last, so until then the case still opens as a plain case or, once the store is swapped, only for
 * `resumeEncryptCase`. The handle is closed; reopen with the key. Export manifests are re-signed over the
 * encrypted files (the custody entry keeps the old manifest hashes).
 */
export async function encryptCase(handle: CaseHandle, passphrase: string, actor: string): Promise<EncryptCaseResult> {
  if (handle.vaultKey) throw new LedgerError('BAD_USAGE', `${handle.dir} is already encrypted; use "case passphrase" to change its passphrase.`);
  const key = await createKeyFile(path.join(handle.dir, KEYS_DIR), passphrase, { pending: true });
  const signingKey = await readSigningKey(handle);
  await swapInEncryptedStore(handle, key);
  return finishEncryption(handle.dir, handle.info.publicKeyPem, key, signingKey, actor, false);
}

/** True when a `case encrypt` swapped in the encrypted store and stopped before it finished. */
export async function encryptionInterrupted(dir: string): Promise<boolean> {
  return hasPendingKeyFile(path.join(dir, KEYS_DIR)) && !(await isPlainStore(path.join(dir, STORE_FILE)));
}

/**
 * Finishes an interrupted `case encrypt` with the passphrase it was started with: every step skips what is
 * already encrypted and wipes the half-written file it left.
 */
export async function resumeEncryptCase(dir: string, passphrase: string, actor: string): Promise<EncryptCaseResult> {
  const key = await unlockKeyFile(path.join(dir, KEYS_DIR), passphrase, { pending: true });
  const store = path.join(dir, STORE_FILE);
  await wipeFile(`${store}.encrypting`);
  const db = openStore(store, { create: false, key: key.store });
  let publicKeyPem: string;
  try {
    publicKeyPem = readCaseInfo(db).publicKeyPem;
  } finally {
    db.close();
  }
  const signingKeyEncrypted = await isEncryptedFile(path.join(dir, KEYS_DIR, PRIVATE_KEY_FILE));
  const signingKey = await readSigningKey({ dir, vaultKey: signingKeyEncrypted ? key : null });
  return finishEncryption(dir, publicKeyPem, key, signingKey, actor, true);
}

async function swapInEncryptedStore(handle: CaseHandle, key: VaultKey): Promise<void> {
  const store = path.join(handle.dir, STORE_FILE);
  const encryptedStore = `${store}.encrypting`;
  await wipeFile(encryptedStore);
  copyStoreEncrypted(handle, encryptedStore, key);
  // Everything in the write-ahead log is in the store after the checkpoint; the store itself is wiped next.
  handle.db.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  await wipeFile(store);
  await fsp.rename(encryptedStore, store);
}

/** Everything after the store, in an order that a second run can pick up from anywhere. */
async function finishEncryption(dir: string, publicKeyPem: string, key: VaultKey, signingKey: string, actor: string, resumed: boolean): Promise<EncryptCaseResult> {
  const keysDir = path.join(dir, KEYS_DIR);
  for (const partial of await listPartials(dir)) await wipeFile(path.join(dir, VAULT_DIR, partial.name));
  const vault = await listVaultFiles(dir);
  for (const sha256 of vault) {
    if (!(await isEncryptedFile(vaultPath(dir, sha256)))) await encryptVaultFile(dir, sha256, key);
  }
  const exports = await encryptExports(path.join(dir, EXPORTS_DIR), key, signingKey, publicKeyPem);

  const signingKeyFile = path.join(keysDir, PRIVATE_KEY_FILE);
  if (!(await isEncryptedFile(signingKeyFile))) await replaceWith(signingKeyFile, encryptBuffer(key.files, Buffer.from(signingKey)));
  await commitPendingKeyFile(keysDir);
  await syncDirectory(dir);

  const result = { vaultFiles: vault.length, exportFiles: exports.files, exportsResigned: exports.manifests.length };
  const db = openStore(path.join(dir, STORE_FILE), { create: false, key: key.store });
  try {
    appendCustody(db, {
      actor,
      action: 'case-encrypt',
      subject: 'case',
      details: {
        ...result,
        ...(resumed ? { resumed: true } : {}),
        scheme: 'SQLCipher 4 store; AES-256-GCM 1 MiB chunks for vault files and exports; scrypt-wrapped data key',
        manifests: exports.manifests,
      },
    });
  } finally {
    db.close();
  }
  return { ...result, key };
}

async function isPlainStore(file: string): Promise<boolean> {
  return (await readHead(file, SQLITE_HEADER.length)).equals(SQLITE_HEADER);
}

async function isEncryptedFile(file: string): Promise<boolean> {
  return isChunkedCiphertext(await readHead(file, HEADER_BYTES));
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
  const copy = new Database(target);
  try {
    keyConnection(copy, key.store);
    copy.prepare(`ATTACH DATABASE ? AS plain KEY ''`).run(path.join(handle.dir, STORE_FILE));
    const objects = copy
      .prepare(`SELECT type, name, sql FROM plain.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type <> 'table', rowid`)
      .all() as Array<{ type: string; name: string; sql: string }>;
    copy.transaction(() => {
      for (const object of objects) {
        copy.exec(object.sql);
        if (object.type === 'table') copy.exec(`INSERT INTO main."${object.name}" SELECT * FROM plain."${object.name}"`);
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

async function encryptExports(dir: string, key: VaultKey, signingKey: string, publicKeyPem: string): Promise<{ files: number; manifests: Array<{ dir: string; oldSha256: string; newSha256: string }> }> {
  if (!existsSync(dir)) return { files: 0, manifests: [] };
  let files = 0;
  const manifests: Array<{ dir: string; oldSha256: string; newSha256: string }> = [];
  for (const entry of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name === MANIFEST_FILE) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.endsWith(IN_PROGRESS)) await wipeFile(file);
    else {
      if (!(await isEncryptedFile(file))) await encryptInPlace(file, key);
      files++;
    }
  }
  for (const entry of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name !== MANIFEST_FILE) continue;
    const manifestPath = path.join(entry.parentPath, entry.name);
    const oldSha256 = (await sha256File(manifestPath)).sha256;
    const { signature: _old, ...body } = JSON.parse(await fsp.readFile(manifestPath, 'utf8')) as SignedManifest;
    const reDigested = await Promise.all(body.files.map(async (f) => ({ path: f.path, ...(await sha256File(path.join(entry.parentPath, f.path))) })));
    const text = renderManifest(signManifest({ ...body, files: reDigested }, signingKey, publicKeyPem));
    await replaceWith(manifestPath, Buffer.from(text, 'utf8'));
    manifests.push({ dir: path.relative(dir, entry.parentPath).split(path.sep).join('/'), oldSha256, newSha256: (await sha256File(manifestPath)).sha256 });
  }
  return { files, manifests };
}

async function encryptInPlace(file: string, key: VaultKey): Promise<void> {
  const temp = `${file}${IN_PROGRESS}`;
  await encryptFileInto(file, temp, key.files);
  await wipeFile(file);
  await fsp.rename(temp, file);
}

async function replaceWith(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.new`;
  await fsp.rm(temp, { force: true });
  await writeNewFileSynced(temp, bytes, 0o600);
  await wipeFile(file);
  await fsp.rename(temp, file);
}
