/**
 * Parses on a worker thread beside the inserts. The worker reads the vault copy and runs the same parser it would
 * run here; the rows, rejects, warnings, progress and archive entries it hands its sink come back in order, in
 * batches of `BATCH_OPS` as one JSON text each (reject bytes as transferred buffers), and are applied to the store's
 * sink here. A JSON round trip gives back the same values, so the stored rows are the same as a parse on this
 * thread. At most `MAX_BATCHES_IN_FLIGHT` batches wait, so memory stays bounded when the inserts are the slower side.
 */
import { Worker } from 'node:worker_threads';
import { LedgerError, type ErrorCode } from '../contract/errors';
import { vaultFilesKey } from '../store/vault';
import { cancelledError } from '../store/transaction';
import type { AccessEventRow, ArchiveEntryInfo, ParseOptions, ParseResult, RejectRow, RowSink, SubjectRecordRow } from './parser';

export const BATCH_OPS = 1000;
export const MAX_BATCHES_IN_FLIGHT = 4;
/** Index in the shared control array: batches posted and not yet applied. */
export const IN_FLIGHT = 0;
/** Index in the shared control array: 1 once the import is abandoned, so a waiting worker stops. */
export const ABANDONED = 1;

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

export type SinkOp =
  | ['e', AccessEventRow]
  | ['s', SubjectRecordRow]
  | ['r', Omit<RejectRow, 'raw'>, number]
  | ['w', string]
  | ['p', number]
  | ['a', ArchiveEntryInfo];

export type WorkerMessage =
  | { type: 'batch'; text: string; blobs: Uint8Array[] }
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

export function parseOnWorker(request: WorkerParseRequest, sink: RowSink, signal: AbortSignal): Promise<ParseResult> {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const key = vaultFilesKey(request.caseDir);
  const job: ParseJob = { ...request, filesKey: key ? new Uint8Array(key) : null, control: control.buffer as SharedArrayBuffer };
  const worker = startParseWorker(job);
  return new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, result?: ParseResult) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      Atomics.store(control, ABANDONED, 1);
      Atomics.store(control, IN_FLIGHT, 0);
      Atomics.notify(control, IN_FLIGHT);
      void worker.terminate();
      if (error === null) resolve(result!);
      else reject(error);
    };
    const onAbort = () => finish(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      try {
        if (message.type === 'batch') {
          apply(message, sink);
          Atomics.sub(control, IN_FLIGHT, 1);
          Atomics.notify(control, IN_FLIGHT);
        } else if (message.type === 'done') finish(null, message.result);
        else finish(message.code === null ? new Error(message.message) : new LedgerError(message.code, message.message, message.details));
      } catch (error) {
        finish(error);
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`The parsing thread stopped (exit code ${code}) before the file was read.`)));
  });
}

function apply(batch: Extract<WorkerMessage, { type: 'batch' }>, sink: RowSink): void {
  for (const op of JSON.parse(batch.text) as SinkOp[]) {
    switch (op[0]) {
      case 'e':
        sink.event(op[1]);
        break;
      case 's':
        sink.subject(op[1]);
        break;
      case 'r': {
        const bytes = batch.blobs[op[2]]!;
        sink.reject({ ...op[1], raw: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        break;
      }
      case 'w':
        sink.warn(op[1]);
        break;
      case 'p':
        sink.progress(op[1]);
        break;
      case 'a':
        sink.archiveEntry(op[1]);
        break;
    }
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
