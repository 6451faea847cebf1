/**
 * Parses on a worker thread beside the inserts. The worker reads the vault copy and runs the same parser it would
 * run here, turns each row into its stored columns there (`store-columns`), and sends what its sink receives, in
 * order, as batches of flat values (`row-batch`); this thread only binds and inserts them. At most
 * `MAX_BATCHES_IN_FLIGHT` batches wait, so memory stays bounded when the inserts are the slower side.
 */
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

export function parseOnWorker(request: WorkerParseRequest, sink: ColumnSink, signal: AbortSignal): Promise<ParseResult> {
  const shared = new SharedArrayBuffer(8);
  const control = new Int32Array(shared);
  const key = vaultFilesKey(request.caseDir);
  const job: ParseJob = { ...request, filesKey: key ? new Uint8Array(key) : null, control: shared };
  const worker = startParseWorker(job);
  return new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, result?: ParseResult) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      Atomics.store(control, ABANDONED, 1);
      Atomics.notify(control, IN_FLIGHT);
      void worker.terminate();
      if (error === null) resolve(result!);
      else reject(error);
    };
    const onAbort = () => finish(cancelledError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
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
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`The parsing thread stopped (exit code ${code}) before the file was read.`)));
  });
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

/**
 * From source (tsx: the CLI, the bridge, the tests) the worker registers tsx before loading its TypeScript entry;
 * in the desktop build the entry is bundled beside the engine as `parse-worker.mjs` (electron/build.mjs).
 */
function startParseWorker(job: ParseJob): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = JSON.stringify(new URL('./parse-worker.ts', here).href);
    return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true, workerData: job });
  }
  return new Worker(new URL('./parse-worker.mjs', here), { workerData: job });
}
