/**
 * Worker-thread entry: parses one evidence file from the vault and posts what the parser hands its sink, in order,
 * as batches (see `parseOnWorker`). The thread that owns the store inserts them meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../contract/errors';
import { openVaultFile, useVaultKey } from '../store/vault';
import { parseAsDelivered } from './parse-delivered';
import type { AccessEventRow, ArchiveEntryInfo, RejectRow, RowSink, SubjectRecordRow } from './parser';
import { parserFor } from './registry';
import { ABANDONED, BATCH_OPS, IN_FLIGHT, MAX_BATCHES_IN_FLIGHT, type ParseJob, type WorkerMessage, type SinkOp } from './worker-parse';

const port = parentPort!;
const job = workerData as ParseJob;
const control = new Int32Array(job.control);

/** Collects the sink calls into batches and posts each; waits while the store thread is `MAX_BATCHES_IN_FLIGHT` behind. */
class BatchingSink implements RowSink {
  private ops: SinkOp[] = [];
  private blobs: Uint8Array[] = [];

  event(row: AccessEventRow): void {
    this.push(['e', row]);
  }

  subject(row: SubjectRecordRow): void {
    this.push(['s', row]);
  }

  reject(row: RejectRow): void {
    const { raw, ...rest } = row;
    this.blobs.push(Uint8Array.prototype.slice.call(raw));
    this.push(['r', rest, this.blobs.length - 1]);
  }

  warn(message: string): void {
    this.push(['w', message]);
  }

  progress(bytesRead: number): void {
    const last = this.ops[this.ops.length - 1];
    if (last?.[0] === 'p') this.ops[this.ops.length - 1] = ['p', bytesRead];
    else this.push(['p', bytesRead]);
  }

  archiveEntry(info: ArchiveEntryInfo): void {
    this.push(['a', info]);
  }

  flush(): void {
    if (this.ops.length === 0) return;
    for (let inFlight = Atomics.load(control, IN_FLIGHT); inFlight >= MAX_BATCHES_IN_FLIGHT; inFlight = Atomics.load(control, IN_FLIGHT)) {
      Atomics.wait(control, IN_FLIGHT, inFlight);
    }
    if (Atomics.load(control, ABANDONED) === 1) throw new LedgerError('CANCELLED', 'Cancelled; nothing was kept.');
    Atomics.add(control, IN_FLIGHT, 1);
    const message: WorkerMessage = { type: 'batch', text: JSON.stringify(this.ops), blobs: this.blobs };
    port.postMessage(message, this.blobs.map((b) => b.buffer as ArrayBuffer));
    this.ops = [];
    this.blobs = [];
  }

  private push(op: SinkOp): void {
    if (this.ops.push(op) >= BATCH_OPS) this.flush();
  }
}

const sink = new BatchingSink();
try {
  if (job.filesKey) useVaultKey(job.caseDir, { files: Buffer.from(job.filesKey), store: Buffer.alloc(0) });
  const result = await parseAsDelivered(
    parserFor(job.format),
    {
      fileName: job.fileName,
      size: job.size,
      open: (range) => openVaultFile(job.caseDir, job.sha256, range),
      options: job.options,
      signal: new AbortController().signal,
    },
    sink,
    job.forced,
  );
  sink.flush();
  port.postMessage({ type: 'done', result } satisfies WorkerMessage);
} catch (error) {
  const failure: WorkerMessage =
    error instanceof LedgerError
      ? { type: 'error', code: error.code, message: error.message, details: { ...error.details } }
      : { type: 'error', code: null, message: error instanceof Error ? error.message : String(error), details: {} };
  port.postMessage(failure);
}
