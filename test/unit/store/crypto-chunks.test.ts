import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptingSource, fileSink } from '../../../shared/store/byte-streams';
import { CHUNK_BYTES, decryptingStream, EncryptedFile, HEADER_BYTES, TAG_BYTES } from '../../../shared/store/chunked-cipher';
import { tempDir } from '../../helpers/tmp';

const key = randomBytes(32);

async function encryptTo(file: string, plaintext: Buffer, pieces = 3): Promise<void> {
  const sink = await fileSink(file, key);
  const step = Math.max(1, Math.ceil(plaintext.length / pieces));
  for (let at = 0; at < plaintext.length; at += step) await sink.write(plaintext.subarray(at, at + step));
  await sink.finish();
  await sink.close();
}

async function readAll(file: string): Promise<Buffer> {
  const encrypted = await EncryptedFile.open(file, key, 'test file');
  try {
    return await encrypted.read(0, encrypted.plaintextSize);
  } finally {
    await encrypted.close();
  }
}

describe('chunked AES-256-GCM format', () => {
  for (const size of [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 12345]) {
    it(`round-trips ${size} bytes through every reader`, async () => {
      const file = path.join(tempDir(), 'f.enc');
      const plaintext = randomBytes(size);
      await encryptTo(file, plaintext);
      const chunks = Math.max(1, Math.ceil(size / CHUNK_BYTES));
      expect(readFileSync(file).length).toBe(HEADER_BYTES + size + chunks * TAG_BYTES);
      expect((await readAll(file)).equals(plaintext)).toBe(true);

      const streamed: Buffer[] = [];
      for await (const part of decryptingStream(file, key, 'test file') as AsyncIterable<Buffer>) streamed.push(part);
      expect(Buffer.concat(streamed).equals(plaintext)).toBe(true);

      const source = await decryptingSource(file, key, 'test file');
      const into = Buffer.alloc(700_000);
      const sourced: Buffer[] = [];
      for (let n = await source.read(into); n > 0; n = await source.read(into)) sourced.push(Buffer.from(into.subarray(0, n)));
      await source.close();
      expect(Buffer.concat(sourced).equals(plaintext)).toBe(true);
    });
  }

  it('reads exact ranges across chunk boundaries, inclusive ends as fs streams take them', async () => {
    const file = path.join(tempDir(), 'f.enc');
    const plaintext = randomBytes(2 * CHUNK_BYTES + 10);
    await encryptTo(file, plaintext);
    const encrypted = await EncryptedFile.open(file, key, 'test file');
    expect((await encrypted.read(CHUNK_BYTES - 5, 20)).equals(plaintext.subarray(CHUNK_BYTES - 5, CHUNK_BYTES + 15))).toBe(true);
    expect((await encrypted.read(2 * CHUNK_BYTES + 5, 100)).equals(plaintext.subarray(2 * CHUNK_BYTES + 5))).toBe(true);
    await encrypted.close();
    const parts: Buffer[] = [];
    for await (const part of decryptingStream(file, key, 'x', { start: 10, end: CHUNK_BYTES + 9 }) as AsyncIterable<Buffer>) parts.push(part);
    expect(Buffer.concat(parts).equals(plaintext.subarray(10, CHUNK_BYTES + 10))).toBe(true);
  });

  describe('detects tampering', () => {
    const size = 3 * CHUNK_BYTES;
    const stored = CHUNK_BYTES + TAG_BYTES;
    async function tampered(change: (bytes: Buffer) => Buffer): Promise<string> {
      const file = path.join(tempDir(), 'f.enc');
      await encryptTo(file, randomBytes(size));
      writeFileSync(file, change(readFileSync(file)));
      return readAll(file).then(
        () => 'no error',
        (error: Error) => error.message,
      );
    }

    it('one flipped ciphertext byte', async () => {
      expect(await tampered((b) => ((b[HEADER_BYTES + stored + 7]! ^= 1), b))).toMatch(/authentication failed at chunk 1 of test file/);
    });
    it('two chunks swapped', async () => {
      const message = await tampered((b) => {
        const first = Buffer.from(b.subarray(HEADER_BYTES, HEADER_BYTES + stored));
        b.copy(b, HEADER_BYTES, HEADER_BYTES + stored, HEADER_BYTES + 2 * stored);
        first.copy(b, HEADER_BYTES + stored);
        return b;
      });
      expect(message).toMatch(/authentication failed at chunk 0/);
    });
    it('truncated at a chunk boundary (the last chunk dropped)', async () => {
      expect(await tampered((b) => b.subarray(0, HEADER_BYTES + 2 * stored))).toMatch(/authentication failed at chunk 1/);
    });
    it('truncated inside a chunk', async () => {
      expect(await tampered((b) => b.subarray(0, b.length - 100))).toMatch(/authentication failed at chunk 2/);
    });
    it('a chunk appended', async () => {
      expect(await tampered((b) => Buffer.concat([b, b.subarray(HEADER_BYTES, HEADER_BYTES + stored)]))).toMatch(/authentication failed/);
    });
    it('the header changed (nonce prefix)', async () => {
      expect(await tampered((b) => ((b[15]! ^= 1), b))).toMatch(/authentication failed at chunk 0/);
    });
  });

  it('the wrong key fails authentication', async () => {
    const file = path.join(tempDir(), 'f.enc');
    await encryptTo(file, Buffer.from('hello'));
    const encrypted = await EncryptedFile.open(file, randomBytes(32), 'test file');
    await expect(encrypted.readChunk(0)).rejects.toThrow(/authentication failed/);
    await encrypted.close();
  });
});
