import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { canonicalJson } from '../util/canonical-json';
import { syncDirectory, wipeFile, writeNewFileSynced } from './secure-delete';

/**
 * An encrypted case's keys. A random 256-bit data-encryption key (DEK) is wrapped with AES-256-GCM under a key
 * derived from the passphrase with scrypt; `keys/case-key.json` holds the wrapped DEK and the scrypt
 * parameters. The vault/export key and the SQLite store key are derived from the DEK with HKDF, so a passphrase
 * change re-wraps 32 bytes and re-encrypts nothing.
 */
export const KEY_FILE = 'case-key.json';
const KEY_FORMAT = 'breach-ledger/case-key@1';
// 128 MiB and about half a second per unlock on a workstation: memory-hard against GPU guessing.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

export interface VaultKey {
  /** Encrypts vault files, exports and the signing key (chunked AES-256-GCM). */
  readonly files: Buffer;
  /** The SQLCipher raw key of the evidence store. */
  readonly store: Buffer;
}

interface KeyFile {
  format: typeof KEY_FORMAT;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  wrappedKey: { algorithm: 'aes-256-gcm'; nonce: string; ciphertext: string; tag: string };
}

export function keyFilePath(keysDir: string): string {
  return path.join(keysDir, KEY_FILE);
}

export function isEncryptedCase(keysDir: string): boolean {
  return existsSync(keyFilePath(keysDir));
}

/**
 * A new random DEK, wrapped under `passphrase` and written (fsynced) to `keys/case-key.json`; with `pending`, to
 * a side file that `commitPendingKeyFile` puts in place once the data it protects is encrypted.
 */
export async function createKeyFile(keysDir: string, passphrase: string, options: { pending?: boolean } = {}): Promise<VaultKey> {
  const dek = randomBytes(32);
  const file = options.pending ? pendingKeyFile(keysDir) : keyFilePath(keysDir);
  await fsp.rm(pendingKeyFile(keysDir), { force: true });
  await writeKeyFile(keysDir, await wrap(dek, passphrase), file);
  return deriveKeys(dek);
}

export async function commitPendingKeyFile(keysDir: string): Promise<void> {
  await fsp.rename(pendingKeyFile(keysDir), keyFilePath(keysDir));
  await syncDirectory(keysDir);
}

function pendingKeyFile(keysDir: string): string {
  return `${keyFilePath(keysDir)}.pending`;
}

/** True when a `case encrypt` made its key but did not finish. */
export function hasPendingKeyFile(keysDir: string): boolean {
  return existsSync(pendingKeyFile(keysDir));
}

export async function unlockKeyFile(keysDir: string, passphrase: string, options: { pending?: boolean } = {}): Promise<VaultKey> {
  return deriveKeys(await unwrap(await readKeyFile(options.pending ? pendingKeyFile(keysDir) : keyFilePath(keysDir)), passphrase));
}

/** Re-wraps the DEK under a new passphrase; the old wrapped key is overwritten before it is deleted. */
export async function rewrapKeyFile(keysDir: string, oldPassphrase: string, newPassphrase: string): Promise<VaultKey> {
  checkPassphrase(newPassphrase);
  const dek = await unwrap(await readKeyFile(keyFilePath(keysDir)), oldPassphrase);
  const file = keyFilePath(keysDir);
  const next = `${file}.new`;
  const previous = `${file}.old`;
  await fsp.rm(next, { force: true });
  await writeKeyFile(keysDir, await wrap(dek, newPassphrase), next);
  await fsp.rename(file, previous);
  await fsp.rename(next, file);
  await syncDirectory(keysDir);
  await wipeFile(previous);
  return deriveKeys(dek);
}

function deriveKeys(dek: Buffer): VaultKey {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), info, 32));
  return { files: derive('breach-ledger files v1'), store: derive('breach-ledger store v1') };
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < 8) {
    throw new LedgerError('BAD_USAGE', 'A case passphrase must be at least 8 characters; choose a longer one.');
  }
}

async function wrap(dek: Buffer, passphrase: string): Promise<KeyFile> {
  checkPassphrase(passphrase);
  const kdf = { name: 'scrypt' as const, ...SCRYPT, salt: randomBytes(16).toString('base64') };
  const kek = await scrypt(passphrase, kdf);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(Buffer.from(canonicalJson({ format: KEY_FORMAT, kdf })));
  const ciphertext = Buffer.concat([cipher.update(dek), cipher.final()]);
  return {
    format: KEY_FORMAT,
    kdf,
    wrappedKey: { algorithm: 'aes-256-gcm', nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
  };
}

async function unwrap(file: KeyFile, passphrase: string): Promise<Buffer> {
  const kek = await scrypt(passphrase, file.kdf);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.wrappedKey.nonce, 'base64'));
  decipher.setAAD(Buffer.from(canonicalJson({ format: file.format, kdf: file.kdf })));
  decipher.setAuthTag(Buffer.from(file.wrappedKey.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(file.wrappedKey.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new LedgerError('INVALID_INPUT', 'Wrong passphrase for this case (or its key file was altered); nothing was changed. Check the passphrase and try again.', { reason: 'wrong-passphrase' });
  }
}

function scrypt(passphrase: string, kdf: KeyFile['kdf']): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(Buffer.from(passphrase.normalize('NFC'), 'utf8'), Buffer.from(kdf.salt, 'base64'), 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

async function readKeyFile(file: string): Promise<KeyFile> {
  const damaged = (why: string) =>
    new LedgerError('INVALID_INPUT', `The case key file ${file} is damaged (${why}); restore keys/${path.basename(file)} from a backup of this case. Nothing was changed.`, { reason: 'corrupt-key-file' });
  let parsed: Partial<KeyFile> | null;
  try {
    parsed = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<KeyFile> | null;
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? damaged('it is missing') : damaged('it is not valid JSON');
  }
  const { kdf, wrappedKey } = parsed ?? {};
  const base64 = (value: unknown, bytes: number) => typeof value === 'string' && Buffer.from(value, 'base64').length === bytes;
  if (parsed?.format !== KEY_FORMAT) throw damaged(`it is not a ${KEY_FORMAT} file`);
  if (kdf?.name !== 'scrypt' || ![kdf.N, kdf.r, kdf.p].every((n) => Number.isInteger(n) && n > 0) || kdf.N > 2 ** 22 || kdf.r > 32 || kdf.p > 16 || !base64(kdf.salt, 16)) {
    throw damaged('its scrypt parameters are invalid');
  }
  if (wrappedKey?.algorithm !== 'aes-256-gcm' || !base64(wrappedKey.nonce, 12) || !base64(wrappedKey.ciphertext, 32) || !base64(wrappedKey.tag, 16)) {
    throw damaged('its wrapped key is malformed');
  }
  return { ...parsed, format: parsed.format, kdf, wrappedKey };
}

async function writeKeyFile(keysDir: string, content: KeyFile, file: string): Promise<void> {
  await writeNewFileSynced(file, `${JSON.stringify(content, null, 2)}\n`, 0o600);
  await syncDirectory(keysDir);
}
