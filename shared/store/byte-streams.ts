import { createWriteStream, promises as fsp } from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ChunkEncryptor, EncryptedFile } from './chunked-cipher';

/** Sequential plaintext bytes: `read` fills the front of `into` and returns how many (0 at the end). */
export interface ByteSource {
  read(into: Buffer): Promise<number>;
  close(): Promise<void>;
}

/** Takes bytes in order; each `write` settles when its buffer may be reused. */
export interface ByteSink {
  write(bytes: Buffer): Promise<void>;
  /** After the last write: flush and fsync. */
  finish(): Promise<void>;
  /** Always called, after `finish` or after a failure. */
  close(): Promise<void>;
}

const FLUSH_EVERY_BYTES = 64 * 1024 * 1024;

/** A new file (created exclusively, mode 0600); with a key, written in the chunked encrypted format. */
export async function fileSink(file: string, key: Buffer | null): Promise<ByteSink> {
  const handle = await fsp.open(file, 'wx', 0o600);
  let position = 0;
  let unflushed = 0;
  const flushes: Promise<void>[] = [];
  const put = async (bytes: Buffer): Promise<void> => {
    const at = position;
    position += bytes.length;
    await handle.write(bytes, 0, bytes.length, at);
    unflushed += bytes.length;
    // Flushing as the copy goes lets the disk work while the digests are computed, instead of all at the end.
    if (unflushed >= FLUSH_EVERY_BYTES) {
      unflushed = 0;
      flushes.push(handle.datasync());
    }
  };
  const encryptor = key ? new ChunkEncryptor(key) : null;
  let closed = false;
  return {
    write: async (bytes) => {
      if (!encryptor) await put(bytes);
      else await Promise.all(encryptor.update(bytes).map(put));
    },
    finish: async () => {
      if (encryptor) await Promise.all(encryptor.final().map(put));
      await Promise.all(flushes);
      await handle.sync();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

/** The plaintext of a chunked encrypted file, authenticated chunk by chunk. */
export async function decryptingSource(file: string, key: Buffer, what: string): Promise<ByteSource> {
  const encrypted = await EncryptedFile.open(file, key, what);
  let next = 0;
  let held: Buffer = Buffer.alloc(0);
  return {
    read: async (into) => {
      let filled = 0;
      while (filled < into.length) {
        if (held.length === 0) {
          if (next === encrypted.chunkCount) break;
          held = await encrypted.readChunk(next++);
          if (held.length === 0) continue;
        }
        const n = held.copy(into, filled);
        held = held.subarray(n);
        filled += n;
      }
      return filled;
    },
    close: () => encrypted.close(),
  };
}

/** A writable new file, encrypted in the chunked format when `key` is given; 'finish' follows the fsync. */
export function outputFileStream(file: string, key: Buffer | null): Writable {
  if (!key) return createWriteStream(file);
  let sink: ByteSink | null = null;
  return new Writable({
    construct(done) {
      fileSink(file, key).then((opened) => {
        sink = opened;
        done();
      }, done);
    },
    write(chunk: Buffer, _encoding, done) {
      sink!.write(chunk).then(() => done(), done);
    },
    final(done) {
      sink!
        .finish()
        .then(() => sink!.close())
        .then(() => done(), done);
    },
    destroy(error, done) {
      (sink?.close() ?? Promise.resolve()).then(
        () => done(error),
        () => done(error),
      );
    },
  });
}

export async function writeOutputFile(file: string, text: string, key: Buffer | null): Promise<void> {
  const stream = outputFileStream(file, key);
  stream.end(text, 'utf8');
  await finished(stream);
}
