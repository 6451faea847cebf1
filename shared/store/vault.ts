import { createReadStream, promises as fsp, type Stats } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { LedgerError } from '../contract/errors';
import type { FileDigests } from '../util/hash';
import { decryptingSource, fileSink } from './byte-streams';
import { decryptingStream, EncryptedFile } from './chunked-cipher';
import type { VaultKey } from './case-keys';
import { explainSystemError } from './errors';
import { digestFile, digestFilesOnWorker } from './parallel-digest';
import { syncDirectory } from './secure-delete';

/**
 * The only module that reads or writes vault files. Originals live at `vault/<sha256>`, read-only;
 * an acquisition in flight lives at `vault/.partial-*` until its digests are known. In an encrypted case
 * every vault file is in the chunked AES-256-GCM format and every read here decrypts and authenticates,
 * so parsers, explain and verify see the original bytes; digests are always of the plaintext.
 */
export const VAULT_DIR = 'vault';
const PARTIAL_PREFIX = '.partial-';
const CHUNK = 4 * 1024 * 1024;

const keys = new Map<string, { key: VaultKey; users: number }>();

/** Makes vault reads and writes of `caseDir` use `key` until the returned release is called (by the case handle). */
export function useVaultKey(caseDir: string, key: VaultKey): () => void {
  const dir = path.resolve(caseDir);
  const entry = keys.get(dir) ?? { key, users: 0 };
  entry.key = key;
  entry.users++;
  keys.set(dir, entry);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.users === 0 && keys.get(dir) === entry) keys.delete(dir);
  };
}

function fileKey(caseDir: string): Buffer | null {
  return keys.get(path.resolve(caseDir))?.key.files ?? null;
}

/** The key vault files of `caseDir` are read with (null in a plain case), for a worker thread that reads them too. */
export function vaultFilesKey(caseDir: string): Buffer | null {
  return fileKey(caseDir);
}

export function vaultPath(caseDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new LedgerError('INVALID_INPUT', `"${sha256}" is not a SHA-256 digest.`);
  return path.join(caseDir, VAULT_DIR, sha256);
}

export interface StagedFile extends FileDigests {
  /**
   * A path holding the plaintext just digested, for format detection: the vault temp file, or in an encrypted
   * case the source itself (the temp file holds ciphertext and no plaintext copy is ever written).
   */
  stagedPath: string;
  /** Temporary path inside the vault; `commitStaged` or `discardStaged` must follow. */
  tempPath: string;
}

export interface CopyProgress {
  bytesDone: number;
  bytesTotal: number;
}

/** Streams `source` into a vault temp file, computing SHA-256, SHA-1 and MD5 in the same pass. */
export async function stageIntoVault(
  caseDir: string,
  source: string,
  onProgress: (progress: CopyProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<StagedFile> {
  const stat = await fsp.stat(source).catch(() => null);
  if (!stat) throw new LedgerError('NOT_FOUND', `File not found: ${source}; check the path.`);
  if (!stat.isFile()) throw new LedgerError('INVALID_INPUT', `${source} is not a regular file; add files, not folders.`);
  const tempPath = partialPath(caseDir);
  const key = fileKey(caseDir);
  try {
    const digests = await digestFile(source, {
      copyTo: await fileSink(tempPath, key),
      onProgress: (bytesDone) => onProgress({ bytesDone, bytesTotal: stat.size }),
      ...(signal ? { signal } : {}),
    });
    const after = await fsp.stat(source).catch(() => null);
    const change = sourceChange(stat, after, digests.size);
    if (change) {
      throw new LedgerError('INVALID_INPUT', `${source} changed while it was being copied (${change}); it was not added. Add it again once nothing is writing to it.`, {
        reason: 'source-changed',
        change,
      });
    }
    return { stagedPath: key ? path.resolve(source) : tempPath, tempPath, ...digests };
  } catch (error) {
    await fsp.rm(tempPath, { force: true });
    if (error instanceof LedgerError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw explainSystemError(Object.assign(error as Error, { code: 'ENOSPC', path: tempPath }), caseDir);
    throw new LedgerError('INVALID_INPUT', `Could not read ${source}: ${(error as Error).message}.`);
  }
}

/** Why the source is not the file that was copied (size, modification time or identity changed), or null. */
function sourceChange(before: Stats, after: Stats | null, bytesCopied: number): string | null {
  if (!after) return 'it was deleted or moved';
  if (after.ino !== before.ino || after.dev !== before.dev) return 'it was replaced by another file';
  if (bytesCopied !== before.size || after.size !== before.size) return `its size went from ${before.size} to ${after.size} bytes, ${bytesCopied} copied`;
  if (after.mtimeMs !== before.mtimeMs) return `it was modified at ${after.mtime.toISOString()}`;
  return null;
}

/** Moves a staged file to its content address and makes it read-only. */
export async function commitStaged(caseDir: string, staged: StagedFile): Promise<void> {
  const target = vaultPath(caseDir, staged.sha256);
  await fsp.chmod(staged.tempPath, 0o444);
  await fsp.rename(staged.tempPath, target);
  await syncDirectory(path.join(caseDir, VAULT_DIR));
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await fsp.rm(staged.tempPath, { force: true });
}

/** The staging file's name says which process on which machine writes it: `.partial-<pid>-<host>-<random>`. */
function partialPath(caseDir: string): string {
  return path.join(caseDir, VAULT_DIR, `${PARTIAL_PREFIX}${process.pid}-${HOST_TAG}-${randomBytes(6).toString('hex')}`);
}

const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/**
 * True only when the process that wrote a staging file is provably gone: it ran on this machine and no process
 * with its id is alive. A file from another machine (a case on a shared drive) is never judged.
 */
export function partialWriterGone(name: string): boolean {
  const [pid, host] = name.slice(PARTIAL_PREFIX.length).split('-');
  const id = Number(pid);
  if (!Number.isInteger(id) || id <= 0) return false;
  // Names without a host part come from releases that wrote on this machine only.
  if (host !== undefined && /^[0-9a-f]{8}$/.test(host) && host !== HOST_TAG) return false;
  if (id === process.pid) return false;
  try {
    process.kill(id, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Opens an original for reading; `end` is inclusive. */
export function openVaultFile(caseDir: string, sha256: string, range?: { start: number; end?: number }): Readable {
  const key = fileKey(caseDir);
  if (key) return decryptingStream(vaultPath(caseDir, sha256), key, `vault/${sha256}`, range);
  return createReadStream(vaultPath(caseDir, sha256), { highWaterMark: CHUNK, ...(range ?? {}) });
}

/** Reads an exact byte range of an original (for showing a source row). */
export async function readVaultRange(caseDir: string, sha256: string, offset: number, length: number): Promise<Buffer> {
  const key = fileKey(caseDir);
  if (key) {
    const encrypted = await EncryptedFile.open(vaultPath(caseDir, sha256), key, `vault/${sha256}`);
    try {
      return await encrypted.read(offset, length);
    } finally {
      await encrypted.close();
    }
  }
  const handle = await fsp.open(vaultPath(caseDir, sha256), 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface VaultFileCheck {
  exists: boolean;
  digests: FileDigests | null;
  /** Why an encrypted file could not be read back (a chunk failed authentication), else null. */
  unreadable: string | null;
}

/** Re-hashes a vault file from disk (its plaintext: in an encrypted case every chunk is authenticated too). */
export async function hashVaultFile(caseDir: string, sha256: string, signal?: AbortSignal): Promise<VaultFileCheck> {
  const file = vaultPath(caseDir, sha256);
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat) return { exists: false, digests: null, unreadable: null };
  const key = fileKey(caseDir);
  try {
    const source = key ? await decryptingSource(file, key, `vault/${sha256}`) : file;
    return { exists: true, digests: await digestFile(source, signal ? { signal } : {}), unreadable: null };
  } catch (error) {
    if (key && error instanceof LedgerError && error.code === 'VERIFICATION_FAILED') return { exists: true, digests: null, unreadable: error.message };
    throw error;
  }
}

/** Vault files up to this size are re-hashed on a thread of their own (`hashVaultFiles`); larger ones on the two lanes. */
const BATCH_HASH_BYTES = 16 * 1024 * 1024;

/**
 * Re-hashes many vault files, results in the order given. In a plain case the files up to 16 MiB are read and
 * hashed on a thread of their own, started at once, so the caller's thread can check other things meanwhile; the
 * rest, and every file of an encrypted case, as `hashVaultFile` once those are done. `onFile` is called per file.
 */
export function hashVaultFiles(caseDir: string, sha256s: readonly string[], signal?: AbortSignal, onFile: (index: number) => void = () => {}): Promise<VaultFileCheck[]> {
  const batch = fileKey(caseDir) ? null : digestFilesOnWorker(sha256s.map((sha256) => vaultPath(caseDir, sha256)), BATCH_HASH_BYTES, onFile);
  // Awaited below; until then the caller may be busy, so a failure must not count as unhandled.
  batch?.catch(() => undefined);
  return (async () => {
    const found = batch ? await batch : [];
    const checks: VaultFileCheck[] = [];
    for (const [index, sha256] of sha256s.entries()) {
      const one = found[index];
      if (one?.kind === 'digests') checks.push({ exists: true, digests: one.digests, unreadable: null });
      else if (one?.kind === 'missing') checks.push({ exists: false, digests: null, unreadable: null });
      else if (one?.kind === 'failed') throw one.error;
      else {
        checks.push(await hashVaultFile(caseDir, sha256, signal));
        onFile(index);
      }
    }
    return checks;
  })();
}

/** Temp files left by an acquisition that was killed before it finished. */
export async function listPartials(caseDir: string): Promise<Array<{ name: string; size: number }>> {
  const dir = path.join(caseDir, VAULT_DIR);
  const names = (await fsp.readdir(dir)).filter((n) => n.startsWith(PARTIAL_PREFIX)).sort();
  // Another program's staging file may be committed or discarded between the listing and the stat.
  const found = await Promise.all(names.map(async (name) => ({ name, size: (await fsp.stat(path.join(dir, name)).catch(() => null))?.size ?? null })));
  return found.filter((p): p is { name: string; size: number } => p.size !== null);
}

/** Content-addressed files present in the vault. */
export async function listVaultFiles(caseDir: string): Promise<string[]> {
  const names = await fsp.readdir(path.join(caseDir, VAULT_DIR));
  return names.filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();
}

export async function removeVaultEntry(caseDir: string, name: string): Promise<void> {
  await fsp.rm(path.join(caseDir, VAULT_DIR, name), { force: true });
}
