/**
 * Parses on a worker thread beside the inserts. The worker reads the vault copy and runs the same parser it would
 * run here, turns each row into its stored columns there (`store-columns`), and sends what its sink receives, in
 * order, as batches of flat values (`row-batch`); this thread only binds and inserts them. At most
 * `MAX_BATCHES_IN_FLIGHT` batches wait, so memory stays bounded when the inserts are the slower side.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LedgerError, type ErrorCode } from '../contract/errors';
import { vaultFilesKey } from '../store/vault';
import { cancelledError } from '../store/transaction';
import type { ParseOptions, ParseResult, RowSink } from './parser';
import { RowBatchReader, type RowBatch } from './row-batch';
import type { AddressColumns, EventColumns, LinkColumns, SubjectColumns } from './store-columns';

/** Sink calls per batch: small enough that a batch's text dies young on the store thread (1000 measured 50-70 MB more peak RSS). */
export const BATCH_OPS = 200;
export const MAX_BATCHES_IN_FLIGHT = 4;
/** Index in the shared control array: batches posted and not yet applied. */
export const IN_FLIGHT = 0;
/** Index in the shared control array: 1 once the import is abandoned, so a waiting worker stops. */
export const ABANDONED = 1;

/** The first value of each sink call in a batch. */
export const OP = { event: 1, subject: 2, reject: 3, warn: 4, progress: 5, archiveEntry: 6 } as const;
export const EVENT_COLUMNS = 27;
export const SUBJECT_COLUMNS = 17;
export const ADDRESS_COLUMNS = 7;
export const LINK_COLUMNS = 2;

export interface ParseJob {
  caseDir: string;
  sha256: string;
  /** The vault's file key in an encrypted case (copied to the worker, never written). */
  filesKey: Uint8Array | null;
  fileName: string;
  size: number;
  format: string;
  forced: boolean;
  options: ParseOptions;
  control: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'batch'; batch: RowBatch }
  | { type: 'done'; result: ParseResult }
  | { type: 'error'; code: ErrorCode | null; message: string; details: Record<string, unknown> };

export interface WorkerParseRequest {
  caseDir: string;
  sha256: string;
  fileName: string;
  size: number;
  format: string;
  forced: boolean;
  options: ParseOptions;
}

/** The store's sink: rows arrive as their columns. */
export interface ColumnSink extends RowSink {
  storeEvent(columns: EventColumns, recordIds: readonly string[]): void;
  storeSubject(columns: SubjectColumns, addresses: readonly AddressColumns[], links: readonly LinkColumns[]): void;
}

/**
 * A parsing thread, started before its file is known: `add` starts it while the file is still being hashed and
 * copied, so loading the parsers overlaps the acquisition instead of delaying the first row. It serves one job.
 */
export class ParseThread {
  /** Null when the thread could not be started (the failure is kept and reported by `parse`). */
  private readonly worker: Promise<Worker | null>;
  private failure: Error | null = null;
  private listener: ((error: Error) => void) | null = null;
  private disposed = false;

  constructor() {
    this.worker = startParseWorker().then(
      (worker) => {
        // Listened to from the start: a thread that fails before it has a job must not be an uncaught error.
        worker.on('error', (error) => this.fail(error));
        worker.on('exit', (code) => this.fail(new Error(`The parsing thread stopped (exit code ${code}) before the file was read.`)));
        if (this.disposed) void worker.terminate();
        return worker;
      },
      (error: unknown) => {
        this.fail(error instanceof Error ? error : new Error(String(error)));
        return null;
      },
    );
  }

  /** Parses `request` on this thread into `sink`; the thread ends with the job, whatever its outcome. */
  parse(request: WorkerParseRequest, sink: ColumnSink, signal: AbortSignal): Promise<ParseResult> {
    const shared = new SharedArrayBuffer(8);
    const control = new Int32Array(shared);
    const key = vaultFilesKey(request.caseDir);
    const job: ParseJob = { ...request, filesKey: key ? new Uint8Array(key) : null, control: shared };
    return new Promise<ParseResult>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null, result?: ParseResult) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        Atomics.store(control, ABANDONED, 1);
        Atomics.notify(control, IN_FLIGHT);
        this.dispose();
        if (error === null) resolve(result!);
        else reject(error);
      };
      const onAbort = () => finish(cancelledError());
      if (this.failure) return finish(this.failure);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.listener = (error) => finish(error);
      void this.worker.then((worker) => {
        if (settled || worker === null) return;
        worker.on('message', (message: WorkerMessage) => {
          if (settled) return;
          try {
            if (message.type === 'batch') {
              apply(message.batch, sink);
              Atomics.sub(control, IN_FLIGHT, 1);
              Atomics.notify(control, IN_FLIGHT);
            } else if (message.type === 'done') finish(null, message.result);
            else finish(message.code === null ? new Error(message.message) : new LedgerError(message.code, message.message, message.details));
          } catch (error) {
            finish(error instanceof Error ? error : new Error(String(error)));
          }
        });
        worker.postMessage(job);
      });
    });
  }

  /** Ends the thread (a thread started for a file that is not parsed after all, or one whose job is over). */
  dispose(): void {
    this.disposed = true;
    this.listener = null;
    void this.worker.then((worker) => worker?.terminate());
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.listener?.(error);
  }
}

function apply(batch: RowBatch, sink: ColumnSink): void {
  const r = new RowBatchReader(batch);
  while (!r.done) {
    const op = r.number();
    if (op === OP.event) {
      const columns = r.values<EventColumns>(EVENT_COLUMNS);
      const ids = r.number();
      const recordIds: string[] = [];
      for (let i = 0; i < ids; i++) recordIds.push(r.string());
      sink.storeEvent(columns, recordIds);
    } else if (op === OP.subject) {
      const columns = r.values<SubjectColumns>(SUBJECT_COLUMNS);
      const addresses: AddressColumns[] = [];
      for (let i = r.number(); i > 0; i--) addresses.push(r.values<AddressColumns>(ADDRESS_COLUMNS));
      const links: LinkColumns[] = [];
      for (let i = r.number(); i > 0; i--) links.push(r.values<LinkColumns>(LINK_COLUMNS));
      sink.storeSubject(columns, addresses, links);
    } else if (op === OP.reject) {
      const [entry, recordNo, lineNo, byteOffset, byteLength, reason] = r.values<[string | null, number | null, number | null, number, number, string]>(6);
      sink.reject({ entry, recordNo, lineNo, byteOffset, byteLength, reason, raw: r.blob() });
    } else if (op === OP.warn) sink.warn(r.string());
    else if (op === OP.progress) sink.progress(r.number());
    else if (op === OP.archiveEntry) {
      const [name, size, sha256, sha1, md5] = r.values<[string, number, string, string, string]>(5);
      sink.archiveEntry({ name, size, sha256, sha1, md5 });
    } else throw new Error(`The parsing thread sent an unknown operation ${op}.`);
  }
}

/** In the desktop build the entry is bundled beside the engine as `parse-worker.mjs` (electron/build.mjs). */
async function startParseWorker(): Promise<Worker> {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./parse-worker.mjs', here));
  const bundle = await sourceBundle().catch(() => null);
  if (bundle) return new Worker(bundle);
  const entry = JSON.stringify(new URL('./parse-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true });
}

let bundled: Promise<URL> | null = null;

/**
 * From source (tsx: the CLI, the bridge, the tests) the worker's entry is bundled once per process with esbuild, as
 * the desktop build does, so the thread loads one file instead of ~75 TypeScript modules through tsx's loader thread
 * (measured 1.3-2.1 s and ~60 MB a thread). The bundle is named by its content under node_modules/.cache, where its
 * packages resolve; if it cannot be built or written there, the thread loads the sources through tsx.
 */
function sourceBundle(): Promise<URL> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const built = await build({
      entryPoints: [fileURLToPath(new URL('./parse-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = built.outputFiles[0]!.contents;
    const dir = new URL('../../node_modules/.cache/breach-ledger/', import.meta.url);
    const file = new URL(`parse-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`, dir);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      const partial = `${fileURLToPath(file)}.${process.pid}.partial`;
      writeFileSync(partial, code);
      renameSync(partial, file);
    }
    return file;
  })();
  return bundled;
}
