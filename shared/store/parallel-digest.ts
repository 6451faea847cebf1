import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { LedgerError } from '../contract/errors';
import type { FileDigests } from '../util/hash';
import type { ByteSink, ByteSource } from './byte-streams';
import { asError } from '../util/as-error';

/**
 * SHA-256, SHA-1 and MD5 of a file in one read pass, optionally copying it, with the digests computed
 * on two worker threads (SHA-256+SHA-1, MD5) over a ring of shared buffers while this thread does the
 * I/O. On two cores that overlaps hashing with the copy instead of running them back to back.
 */
const SLOT_BYTES = 1024 * 1024;
const SLOTS = 16;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const ring = Buffer.from(workerData.ring);
let hashes = null;
parentPort.on('message', (m) => {
  if (m.type === 'begin') hashes = workerData.algorithms.map((a) => createHash(a));
  else if (m.type === 'chunk') {
    const view = ring.subarray(m.slot * ${SLOT_BYTES}, m.slot * ${SLOT_BYTES} + m.length);
    for (const h of hashes) h.update(view);
    parentPort.postMessage({ type: 'done', slot: m.slot });
  } else if (m.type === 'end') {
    parentPort.postMessage({ type: 'digests', digests: hashes.map((h) => h.digest('hex')) });
    hashes = null;
  }
});`;

type WorkerMessage = { type: 'done'; slot: number } | { type: 'digests'; digests: string[] };

class HashLane {
  private readonly worker: Worker;
  private onDone: (slot: number) => void = () => {};
  private onDigests: (digests: string[]) => void = () => {};
  private failure: Error | null = null;

  constructor(ring: SharedArrayBuffer, algorithms: readonly string[]) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ring, algorithms } });
    this.worker.on('message', (m: WorkerMessage) => (m.type === 'done' ? this.onDone(m.slot) : this.onDigests(m.digests)));
    this.worker.on('error', (error) => (this.failure = error));
    this.worker.unref();
  }

  begin(onDone: (slot: number) => void): void {
    if (this.failure) throw this.failure;
    this.onDone = onDone;
    this.worker.ref();
    this.worker.postMessage({ type: 'begin' });
  }

  chunk(slot: number, length: number): void {
    this.worker.postMessage({ type: 'chunk', slot, length });
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  terminate(): void {
    void this.worker.terminate();
  }

  end(): Promise<string[]> {
    return new Promise((resolve) => {
      this.onDigests = (digests) => {
        this.worker.unref();
        resolve(digests);
      };
      this.worker.postMessage({ type: 'end' });
    });
  }
}

/**
 * How long idle workers are kept for the next file. Starting the two workers costs 60–70 ms, which a batch of
 * small files (an `add` of hundreds, a `verify`) would otherwise pay per file; the idle workers are unref'd, so
 * they never keep the process alive.
 */
const IDLE_MS = 5_000;

class DigestPool {
  readonly ring = new SharedArrayBuffer(SLOT_BYTES * SLOTS);
  readonly lanes = [new HashLane(this.ring, ['sha256', 'sha1']), new HashLane(this.ring, ['md5'])];
  private busy: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  /** One file at a time: the ring is shared. The workers are released after IDLE_MS with nothing queued. */
  run<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const next = this.busy.catch(() => undefined).then(work);
    // The queue only orders the work; each caller sees its own outcome through `next`.
    this.busy = next
      .finally(() => {
        if (--this.queued > 0) return;
        if (this.failed) this.retire();
        else (this.idleTimer = setTimeout(() => this.retire(), IDLE_MS)).unref();
      })
      .catch(() => undefined);
    return next;
  }

  get failed(): boolean {
    return this.lanes.some((lane) => lane.failed);
  }

  private retire(): void {
    if (this.queued > 0) return;
    if (pool === this) pool = null;
    for (const lane of this.lanes) lane.terminate();
  }
}

let pool: DigestPool | null = null;

export interface DigestOptions {
  /** Also write the bytes here (in order); it is finished when the digests are known and closed either way. */
  copyTo?: ByteSink;
  onProgress?: (bytesDone: number) => void;
  signal?: AbortSignal;
}

/** Digests a file, or the bytes a source yields (e.g. the plaintext of an encrypted file). */
export function digestFile(source: string | ByteSource, options: DigestOptions = {}): Promise<FileDigests> {
  if (!pool || pool.failed) pool = new DigestPool();
  const active = pool;
  return active.run(() => digestWithPool(active, source, options));
}

async function digestWithPool(active: DigestPool, source: string | ByteSource, options: DigestOptions): Promise<FileDigests> {
  if (typeof source === 'string') {
    const handle = await fsp.open(source, 'r');
    const small = await handle.stat().then(
      (stat) => stat.size <= INLINE_BYTES,
      async (error: unknown) => {
        await handle.close();
        throw error;
      },
    );
    return small ? digestHere(fileSource(handle), options) : digestOnLanes(active, fileSource(handle), options);
  }
  return digestOnLanes(active, source, options);
}

/**
 * Files up to this size are hashed on this thread: three digests of 256 KiB take well under a millisecond, less
 * than the round trips to the hashing workers, which a case of many small files (the demo's 424) paid per file.
 */
const INLINE_BYTES = 256 * 1024;

/** The same digests and copy as on the lanes, on this thread (whatever the size, should the file have grown). */
async function digestHere(input: ByteSource, options: DigestOptions): Promise<FileDigests> {
  const output = options.copyTo ?? null;
  const hashes = [createHash('sha256'), createHash('sha1'), createHash('md5')] as const;
  let position = 0;
  try {
    for (;;) {
      if (options.signal?.aborted) throw new LedgerError('CANCELLED', 'Cancelled; nothing was added.');
      const chunk = Buffer.allocUnsafe(INLINE_BYTES);
      const bytesRead = await input.read(chunk);
      if (bytesRead === 0) break;
      const bytes = chunk.subarray(0, bytesRead);
      for (const hash of hashes) hash.update(bytes);
      if (output) await output.write(bytes);
      position += bytesRead;
      options.onProgress?.(position);
    }
    const [sha256, sha1, md5] = hashes.map((hash) => hash.digest('hex')) as [string, string, string];
    if (output) await output.finish();
    return { sha256, sha1, md5, size: position };
  } finally {
    await input.close();
    await output?.close();
  }
}

async function digestOnLanes(active: DigestPool, input: ByteSource, options: DigestOptions): Promise<FileDigests> {
  const output = options.copyTo ?? null;
  const pending = new Array<number>(SLOTS).fill(0);
  const free: number[] = Array.from({ length: SLOTS }, (_, i) => i);
  let waiter: (() => void) | null = null;
  let failure: Error | null = null;
  // Set by the write callbacks, so read through a closure: the compiler cannot see those assignments in this flow.
  const throwIfFailed = (): void => {
    if (failure) throw failure;
  };
  const release = (slot: number): void => {
    if (--pending[slot]! === 0) {
      free.push(slot);
      waiter?.();
    }
  };
  const nextFree = async (): Promise<number> => {
    while (free.length === 0) await new Promise<void>((resolve) => (waiter = resolve));
    waiter = null;
    return free.shift()!;
  };
  for (const lane of active.lanes) lane.begin(release);
  let position = 0;
  try {
    for (;;) {
      if (options.signal?.aborted) throw new LedgerError('CANCELLED', 'Cancelled; nothing was added.');
      throwIfFailed();
      const slot = await nextFree();
      const view = Buffer.from(active.ring, slot * SLOT_BYTES, SLOT_BYTES);
      let bytesRead: number;
      try {
        bytesRead = await input.read(view);
      } catch (error) {
        free.push(slot);
        throw error;
      }
      if (bytesRead === 0) {
        free.push(slot);
        break;
      }
      pending[slot] = active.lanes.length + (output ? 1 : 0);
      for (const lane of active.lanes) lane.chunk(slot, bytesRead);
      if (output) {
        output.write(view.subarray(0, bytesRead)).then(
          () => release(slot),
          (error: unknown) => {
            failure = asError(error);
            release(slot);
          },
        );
      }
      position += bytesRead;
      options.onProgress?.(position);
    }
    while (free.length < SLOTS) await new Promise<void>((resolve) => (waiter = resolve));
    throwIfFailed();
    const [[sha256, sha1], [md5]] = (await Promise.all(active.lanes.map((lane) => lane.end()))) as [[string, string], [string]];
    if (output) await output.finish();
    return { sha256, sha1, md5, size: position };
  } catch (error) {
    while (free.length < SLOTS) await new Promise<void>((resolve) => (waiter = resolve));
    await Promise.all(active.lanes.map((lane) => lane.end()));
    throw error;
  } finally {
    await input.close();
    await output?.close();
  }
}

function fileSource(handle: fsp.FileHandle): ByteSource {
  let position = 0;
  return {
    read: async (into) => {
      const { bytesRead } = await handle.read(into, 0, into.length, position);
      position += bytesRead;
      return bytesRead;
    },
    close: () => handle.close(),
  };
}

const BATCH_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buffer = Buffer.allocUnsafe(${SLOT_BYTES});
for (const file of workerData.files) {
  let size;
  try {
    size = fs.statSync(file).size;
  } catch {
    parentPort.postMessage({ kind: 'missing' });
    continue;
  }
  if (size > workerData.maxBytes) {
    parentPort.postMessage({ kind: 'large' });
    continue;
  }
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const hashes = ['sha256', 'sha1', 'md5'].map((a) => createHash(a));
      let read = 0;
      for (;;) {
        const n = fs.readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) break;
        for (const h of hashes) h.update(buffer.subarray(0, n));
        read += n;
      }
      const [sha256, sha1, md5] = hashes.map((h) => h.digest('hex'));
      parentPort.postMessage({ kind: 'digests', digests: { sha256, sha1, md5, size: read } });
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', message: String(error && error.message), code: error && error.code });
  }
}`;

/** What the batch worker found for one file. */
export type BatchDigest = { kind: 'digests'; digests: FileDigests } | { kind: 'missing' } | { kind: 'large' } | { kind: 'failed'; error: Error };

/**
 * SHA-256, SHA-1 and MD5 of many plain files, each up to `maxBytes`, read and hashed on one worker thread of their
 * own, so the calling thread is free for other work meanwhile (verify checks the store while its vault is
 * re-hashed). A file that cannot be stat'ed is `missing`; a larger one is `large` (left to `digestFile`, whose two
 * lanes hash a big file faster). `onFile` is called as each file is done, in order.
 */
export function digestFilesOnWorker(files: readonly string[], maxBytes: number, onFile: (index: number) => void = () => {}): Promise<BatchDigest[]> {
  return new Promise((resolve, reject) => {
    const found: BatchDigest[] = [];
    const worker = new Worker(BATCH_WORKER_SOURCE, { eval: true, workerData: { files, maxBytes } });
    worker.on('message', (m: { kind: 'digests'; digests: FileDigests } | { kind: 'missing' } | { kind: 'large' } | { kind: 'failed'; message: string; code?: string }) => {
      found.push(m.kind === 'failed' ? { kind: 'failed', error: Object.assign(new Error(m.message), m.code ? { code: m.code } : {}) } : m);
      onFile(found.length - 1);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (found.length === files.length ? resolve(found) : reject(new Error(`the hashing thread stopped (exit code ${code}) after ${found.length} of ${files.length} files`))));
  });
}
