import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSink } from '../../../shared/store/byte-streams';
import { digestFile } from '../../../shared/store/parallel-digest';

const root = mkdtempSync(path.join(tmpdir(), 'bl-digest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const expected = (bytes: Buffer) => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  sha1: createHash('sha1').update(bytes).digest('hex'),
  md5: createHash('md5').update(bytes).digest('hex'),
  size: bytes.length,
});

describe('digestFile', () => {
  // Small files are hashed on the calling thread, larger ones on the hashing workers: both give the same digests and copy.
  it.each([0, 1, 256 * 1024, 256 * 1024 + 1, 3 * 1024 * 1024 + 17])('hashes and copies a file of %i bytes exactly', async (size) => {
    const bytes = randomBytes(size);
    const file = path.join(root, `in-${size}`);
    writeFileSync(file, bytes);
    const copy = path.join(root, `copy-${size}`);
    const progress: number[] = [];
    const digests = await digestFile(file, { copyTo: await fileSink(copy, null), onProgress: (done) => progress.push(done) });
    expect(digests).toEqual(expected(bytes));
    expect(readFileSync(copy).equals(bytes)).toBe(true);
    expect(progress.at(-1) ?? 0).toBe(size);
  });

  it('hashes many small files one after another without a copy', async () => {
    const files = Array.from({ length: 40 }, (_, i) => {
      const bytes = randomBytes(1000 + i * 997);
      const file = path.join(root, `many-${i}`);
      writeFileSync(file, bytes);
      return { file, bytes };
    });
    const found = await Promise.all(files.map(({ file }) => digestFile(file)));
    expect(found).toEqual(files.map(({ bytes }) => expected(bytes)));
  });

  it('stops when cancelled', async () => {
    const file = path.join(root, 'cancelled');
    writeFileSync(file, randomBytes(1024));
    const controller = new AbortController();
    controller.abort();
    await expect(digestFile(file, { signal: controller.signal })).rejects.toThrow(/Cancelled/);
  });
});
