/**
 * Worker-thread entry: waits for its one job (the thread may start before the file is in the vault), then parses
 * that evidence file from the vault and posts what the parser hands its sink, in order, as batches of stored
 * columns (see `ParseThread`). The thread that owns the store inserts them meanwhile.
 */
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { LedgerError } from '../contract/errors';
import { openVaultFile, useVaultKey } from '../store/vault';
import { parseAsDelivered } from './parse-delivered';
import type { AccessEventRow, ArchiveEntryInfo, RejectRow, RowSink, SubjectRecordRow } from './parser';
import { parserFor } from './registry';
import { RowBatchWriter, transferList } from './row-batch';
import { addressColumns, eventColumns, linkColumns, subjectColumns } from './store-columns';
import { ABANDONED, BATCH_OPS, IN_FLIGHT, MAX_BATCHES_IN_FLIGHT, OP, type ParseJob, type WorkerMessage } from './worker-parse';

const port = parentPort!;
const [job] = (await once(port, 'message')) as [ParseJob];
const control = new Int32Array(job.control);

/** Writes the sink calls into batches and posts each; waits while the store thread is `MAX_BATCHES_IN_FLIGHT` behind. */
class BatchingSink implements RowSink {
  private readonly out = new RowBatchWriter();

  event(row: AccessEventRow): void {
    this.out.value(OP.event);
    this.out.values(eventColumns(row));
    this.out.value(row.recordIds.length);
    this.out.values(row.recordIds);
    this.done();
  }

  subject(row: SubjectRecordRow): void {
    this.out.value(OP.subject);
    this.out.values(subjectColumns(row));
    this.out.value(row.addresses.length);
    for (const a of row.addresses) this.out.values(addressColumns(a));
    this.out.value(row.links.length);
    for (const link of row.links) this.out.values(linkColumns(link));
    this.done();
  }

  reject(row: RejectRow): void {
    this.out.value(OP.reject);
    this.out.values([row.entry, row.recordNo, row.lineNo, row.byteOffset, row.byteLength, row.reason]);
    this.out.blob(row.raw);
    this.done();
  }

  warn(message: string): void {
    this.out.values([OP.warn, message]);
    this.done();
  }

  progress(bytesRead: number): void {
    this.out.values([OP.progress, bytesRead]);
    this.done();
  }

  archiveEntry(info: ArchiveEntryInfo): void {
    this.out.values([OP.archiveEntry, info.name, info.size, info.sha256, info.sha1, info.md5]);
    this.done();
  }

  flush(): void {
    if (this.out.ops === 0) return;
    for (let inFlight = Atomics.load(control, IN_FLIGHT); inFlight >= MAX_BATCHES_IN_FLIGHT; inFlight = Atomics.load(control, IN_FLIGHT)) {
      if (Atomics.load(control, ABANDONED) === 1) break;
      Atomics.wait(control, IN_FLIGHT, inFlight);
    }
    if (Atomics.load(control, ABANDONED) === 1) throw new LedgerError('CANCELLED', 'Cancelled; nothing was kept.');
    Atomics.add(control, IN_FLIGHT, 1);
    const batch = this.out.take();
    port.postMessage({ type: 'batch', batch } satisfies WorkerMessage, transferList(batch));
  }

  private done(): void {
    if (++this.out.ops >= BATCH_OPS) this.flush();
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
