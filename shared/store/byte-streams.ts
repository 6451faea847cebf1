import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CHUNK_BYTES, ChunkEncryptor, EncryptedFile, type SealedChunk } from './chunked-cipher';
import { sealInWorker } from './seal-worker';
import { asError } from '../util/as-error';

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
/** Chunks sealed or being written at once per file: enough to keep the sealing worker busy, bounded in memory. */
const MAX_SEALING = 4;

/** A new file (created exclusively, mode 0600); with a key, written in the chunked encrypted format. */
export async function fileSink(file: string, key: Buffer | null): Promise<ByteSink> {
  const handle = await fsp.open(file, 'wx', 0o600);
  let unflushed = 0;
  const flushes: Promise<void>[] = [];
  const putAt = async (bytes: Buffer, at: number): Promise<void> => {
    await handle.write(bytes, 0, bytes.length, at);
    unflushed += bytes.length;
    // Flushing as the copy goes lets the disk work while the digests are computed, instead of all at the end.
    if (unflushed >= FLUSH_EVERY_BYTES) {
      unflushed = 0;
      flushes.push(handle.datasync());
    }
  };
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  const flush = async (): Promise<void> => {
    await Promise.all(flushes);
    await handle.sync();
  };
  if (!key) {
    let position = 0;
    return {
      write: (bytes) => {
        const at = position;
        position += bytes.length;
        return putAt(bytes, at);
      },
      finish: flush,
      close,
    };
  }

  const encryptor = new ChunkEncryptor(sealInWorker(key));
  const writing = new Set<Promise<void>>();
  let failure: Error | null = null;
  const track = (job: Promise<void>): void => {
    writing.add(job);
    job.then(
      () => writing.delete(job),
      (error: unknown) => {
        failure ??= asError(error);
        writing.delete(job);
      },
    );
  };
  const start = (chunks: SealedChunk<Promise<Buffer>>[]): void => {
    for (const chunk of chunks) track(chunk.sealed.then((sealed) => putAt(sealed, chunk.offset)));
  };
  track(putAt(encryptor.header, 0));
  return {
    write: async (bytes) => {
      start(encryptor.update(bytes));
      while (writing.size > MAX_SEALING && !failure) await Promise.race(writing).catch(() => undefined);
      if (failure) throw failure;
    },
    finish: async () => {
      start(encryptor.final());
      await Promise.allSettled([...writing]);
      if (failure) throw failure;
      await flush();
    },
    close,
  };
}

/** Writes an encrypted copy of a plaintext file to a new file (fsynced); the sink is closed even when it fails. */
export async function encryptFileInto(source: string, target: string, key: Buffer): Promise<void> {
  const sink = await fileSink(target, key);
  try {
    for await (const chunk of createReadStream(source, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) await sink.write(chunk);
    await sink.finish();
  } finally {
    await sink.close();
  }
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
