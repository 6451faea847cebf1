import { promises as fsp } from 'node:fs';

const ZEROS = Buffer.alloc(1024 * 1024);

/**
 * Overwrites a file with zeros, fsyncs, then unlinks it, so its plaintext does not linger in the freed blocks of
 * a conventional disk. (On SSDs and copy-on-write file systems the device may keep old blocks; the README says so.)
 */
export async function wipeFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code !== 'EACCES') throw error;
    await fsp.chmod(file, 0o600);
    return fsp.open(file, 'r+');
  });
  if (!handle) return;
  try {
    const { size } = await handle.stat();
    for (let at = 0; at < size; at += ZEROS.length) await handle.write(ZEROS, 0, Math.min(ZEROS.length, size - at), at);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.unlink(file);
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a file that must not exist yet and fsyncs it before returning. */
export async function writeNewFileSynced(file: string, data: string | Buffer, mode: number): Promise<void> {
  const handle = await fsp.open(file, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
