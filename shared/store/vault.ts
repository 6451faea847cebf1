import { createReadStream, promises as fsp, type ReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import type { FileDigests } from '../util/hash';
import { digestFile } from './parallel-digest';

/**
 * The only module that reads or writes vault files. Originals live at `vault/<sha256>`, read-only;
 * an acquisition in flight lives at `vault/.partial-*` until its digests are known.
 */
export const VAULT_DIR = 'vault';
const PARTIAL_PREFIX = '.partial-';
const CHUNK = 4 * 1024 * 1024;

export function vaultPath(caseDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new LedgerError('INVALID_INPUT', `"${sha256}" is not a SHA-256 digest.`);
  return path.join(caseDir, VAULT_DIR, sha256);
}

export interface StagedFile extends FileDigests {
  /** Temporary path inside the vault; `commitStaged` or `discardStaged` must follow. */
  stagedPath: string;
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
  const stagedPath = path.join(caseDir, VAULT_DIR, `${PARTIAL_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const digests = await digestFile(source, {
      copyTo: stagedPath,
      onProgress: (bytesDone) => onProgress({ bytesDone, bytesTotal: stat.size }),
      ...(signal ? { signal } : {}),
    });
    return { stagedPath, ...digests };
  } catch (error) {
    await fsp.rm(stagedPath, { force: true });
    if (error instanceof LedgerError) throw error;
    throw new LedgerError('INVALID_INPUT', `Could not read ${source}: ${(error as Error).message}.`);
  }
}

/** Moves a staged file to its content address and makes it read-only. */
export async function commitStaged(caseDir: string, staged: StagedFile): Promise<void> {
  const target = vaultPath(caseDir, staged.sha256);
  await fsp.chmod(staged.stagedPath, 0o444);
  await fsp.rename(staged.stagedPath, target);
  await syncDirectory(path.join(caseDir, VAULT_DIR));
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await fsp.rm(staged.stagedPath, { force: true });
}

/** Opens an original for reading; `end` is inclusive. */
export function openVaultFile(caseDir: string, sha256: string, range?: { start: number; end?: number }): ReadStream {
  return createReadStream(vaultPath(caseDir, sha256), { highWaterMark: CHUNK, ...(range ?? {}) });
}

/** Reads an exact byte range of an original (for showing a source row). */
export async function readVaultRange(caseDir: string, sha256: string, offset: number, length: number): Promise<Buffer> {
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
}

/** Re-hashes a vault file from disk. */
export async function hashVaultFile(caseDir: string, sha256: string, signal?: AbortSignal): Promise<VaultFileCheck> {
  const file = vaultPath(caseDir, sha256);
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat) return { exists: false, digests: null };
  return { exists: true, digests: await digestFile(file, signal ? { signal } : {}) };
}

/** Temp files left by an acquisition that was killed before it finished. */
export async function listPartials(caseDir: string): Promise<Array<{ name: string; size: number }>> {
  const dir = path.join(caseDir, VAULT_DIR);
  const names = (await fsp.readdir(dir)).filter((n) => n.startsWith(PARTIAL_PREFIX)).sort();
  return Promise.all(names.map(async (name) => ({ name, size: (await fsp.stat(path.join(dir, name))).size })));
}

/** Content-addressed files present in the vault. */
export async function listVaultFiles(caseDir: string): Promise<string[]> {
  const names = await fsp.readdir(path.join(caseDir, VAULT_DIR));
  return names.filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();
}

export async function removeVaultEntry(caseDir: string, name: string): Promise<void> {
  await fsp.rm(path.join(caseDir, VAULT_DIR, name), { force: true });
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
