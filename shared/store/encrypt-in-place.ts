import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { sha256File } from '../export/file-digest';
import { encryptFileInto } from './byte-streams';
import { decryptingStream, HEADER_BYTES, isChunkedCiphertext } from './chunked-cipher';
import { syncDirectory, wipeFile } from './secure-delete';

/** Where a file's ciphertext is written before it takes the file's name. */
export const CIPHER_SUFFIX = '.encrypting';
/** Where the plaintext waits, intact, between the ciphertext being verified and the plaintext being wiped. */
export const PLAIN_SUFFIX = '.plaintext';

/**
 * A point between two steps of a conversion, reported before the next step starts. The kill harness stops the
 * process at each one; nothing else uses it.
 */
export type StepHook = (step: string) => void | Promise<void>;
export const noSteps: StepHook = () => {};

/**
 * Replaces a plaintext file with its ciphertext so that at every instant one complete copy of the content is on
 * disk under a name a later run recognises:
 *
 *   1. `X.encrypting` written and fsynced;
 *   2. its decrypted SHA-256 checked against `expectedSha256` (the recorded digest) or, when the plaintext no longer
 *      matches that, against the plaintext itself (a faithful copy; the caller learns of the mismatch);
 *   3. `X` renamed to `X.plaintext`; 4. `X.encrypting` renamed to `X`; 5. `X.plaintext` overwritten with zeros, deleted.
 *
 * Called again on any state those steps leave, it finishes the job from what is on disk: a ciphertext is kept only
 * once verified, and a plaintext is wiped only while a verified ciphertext holds its content.
 * Returns false when the plaintext did not match `expectedSha256`.
 */
export async function encryptFileInPlace(file: string, key: Buffer, expectedSha256: string | null, onStep: StepHook = noSteps): Promise<boolean> {
  const cipher = `${file}${CIPHER_SUFFIX}`;
  const plain = `${file}${PLAIN_SUFFIX}`;
  const what = path.basename(file);
  if (existsSync(plain)) {
    if (await isEncryptedFile(file)) {
      // Step 5 was interrupted: the ciphertext in place was verified before the plaintext was moved aside.
      await wipeFile(plain);
      return true;
    }
    if (existsSync(file)) {
      throw new LedgerError('VERIFICATION_FAILED', `${file} and ${plain} both hold plaintext; keep both and restore the case from a backup.`);
    }
    const plainSha256 = (await sha256File(plain)).sha256;
    if (existsSync(cipher) && (await decryptedSha256(cipher, key, what)) === plainSha256) {
      await onStep(`rename-cipher:${what}`);
      await fsp.rename(cipher, file);
      await syncDirectory(path.dirname(file));
      await onStep(`wipe-plain:${what}`);
      await wipeFile(plain);
      return plainSha256 === (expectedSha256 ?? plainSha256);
    }
    // The ciphertext beside it is not a complete copy: put the plaintext back and start over.
    await fsp.rename(plain, file);
    await syncDirectory(path.dirname(file));
  }
  if (!existsSync(file)) throw new LedgerError('NOT_FOUND', `${file} is missing; nothing was changed.`);
  if (await isEncryptedFile(file)) {
    // Already converted; a leftover ciphertext beside it is a duplicate.
    await fsp.rm(cipher, { force: true });
    return true;
  }
  // The plaintext is intact, so a ciphertext beside it is an unfinished copy of it.
  await fsp.rm(cipher, { force: true });
  await onStep(`write-cipher:${what}`);
  const plainSha256 = (await sha256File(file)).sha256;
  await encryptFileInto(file, cipher, key);
  await onStep(`verify-cipher:${what}`);
  const found = await decryptedSha256(cipher, key, what);
  if (found !== plainSha256) {
    await fsp.rm(cipher, { force: true });
    throw new LedgerError('VERIFICATION_FAILED', `The encrypted copy of ${file} does not read back as the original (SHA-256 ${found}, expected ${plainSha256}); nothing was removed. Check the disk and encrypt the case again.`);
  }
  await onStep(`move-plain:${what}`);
  await fsp.rename(file, plain);
  await syncDirectory(path.dirname(file));
  await onStep(`rename-cipher:${what}`);
  await fsp.rename(cipher, file);
  await syncDirectory(path.dirname(file));
  await onStep(`wipe-plain:${what}`);
  await wipeFile(plain);
  return plainSha256 === (expectedSha256 ?? plainSha256);
}

/** The base names (without the suffixes above) of files in `names` that a conversion is responsible for. */
export function conversionTargets(names: readonly string[]): string[] {
  const bases = names.map((name) => (name.endsWith(CIPHER_SUFFIX) ? name.slice(0, -CIPHER_SUFFIX.length) : name.endsWith(PLAIN_SUFFIX) ? name.slice(0, -PLAIN_SUFFIX.length) : name));
  return [...new Set(bases)].sort();
}

export async function isEncryptedFile(file: string): Promise<boolean> {
  const handle = await fsp.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return false;
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    return isChunkedCiphertext(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The SHA-256 of a chunked file's plaintext, or null when any chunk fails to authenticate (an incomplete write). */
async function decryptedSha256(file: string, key: Buffer, what: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of decryptingStream(file, key, what) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'VERIFICATION_FAILED') return null;
    throw error;
  }
  return hash.digest('hex');
}
