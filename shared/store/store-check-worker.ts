import { Worker } from 'node:worker_threads';
import { keyPragmas, type Db } from './db';
import { runDigester, type RunDigest, type RunDigestJob } from './row-seals';
import { sqliteModuleForWorker } from './sqlite';

/**
 * Verify's store checks on two connections at once: a worker thread opens the store read-only, runs
 * `integrity_check` and `foreign_key_check`, then takes row-seal runs to re-hash from the same queue as this thread
 * (a shared counter), so on two cores the checks take about half as long. Whatever the worker could not do (it
 * failed to start, or the store failed under it) is done again on this thread, which reports it as before.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { modulePath, nativeBinding, file, pragmas, jobs, counter } = workerData;
const next = new Int32Array(counter);
try {
  const Database = require(modulePath);
  const db = new Database(file, nativeBinding ? { readonly: true, fileMustExist: true, nativeBinding } : { readonly: true, fileMustExist: true });
  for (const pragma of pragmas) db.pragma(pragma);
  const integrity = db.pragma('integrity_check').map((r) => r.integrity_check).filter((m) => m !== 'ok');
  const foreignKeyProblems = db.pragma('foreign_key_check').length;
  parentPort.postMessage({ kind: 'store', integrity, foreignKeyProblems });
  const statements = new Map();
  const digests = [];
  for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) {
    const { sql, first, last } = jobs[i];
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql).raw()));
    const [rows, bytes] = statement.get(first, last);
    const hash = createHash('sha256');
    if (bytes !== null) hash.update(bytes);
    digests.push([i, rows, hash.digest('hex')]);
  }
  db.close();
  parentPort.postMessage({ kind: 'digests', digests });
} catch (error) {
  parentPort.postMessage({ kind: 'failed', message: String((error && error.message) || error) });
}`;

type Reply =
  | { kind: 'store'; integrity: string[]; foreignKeyProblems: number }
  | { kind: 'digests'; digests: Array<[number, number, string]> }
  | { kind: 'failed'; message: string };

export interface StoreIntegrity {
  /** `integrity_check` messages other than "ok". */
  integrity: string[];
  /** Rows that reference a missing row (`foreign_key_check`). */
  foreignKeyProblems: number;
}

export interface RunDigests {
  /** Every job's digest, in job order. */
  digests: RunDigest[];
  /** How many of them the worker computed. */
  byWorker: number;
}

export interface StoreCheck {
  /** This thread takes jobs until none are left, then adds the worker's (and does any the worker could not). */
  digests(): Promise<RunDigests>;
  store(): Promise<StoreIntegrity>;
}

/** Starts the worker on `db`'s file (keyed with `key` for an encrypted case) at once. */
export function checkStoreBeside(db: Db, key: Buffer | null, jobs: readonly RunDigestJob[]): StoreCheck {
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  let storeReply: Promise<StoreIntegrity | null>;
  let digestsReply: Promise<Array<[number, number, string]> | null>;
  try {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...sqliteModuleForWorker(), file: db.name, pragmas: key ? keyPragmas(key) : [], jobs, counter },
    });
    let settleStore: (found: StoreIntegrity | null) => void = () => {};
    let settleDigests: (found: Array<[number, number, string]> | null) => void = () => {};
    storeReply = new Promise((resolve) => (settleStore = resolve));
    digestsReply = new Promise((resolve) => (settleDigests = resolve));
    const failed = () => {
      settleStore(null);
      settleDigests(null);
    };
    worker.on('message', (reply: Reply) => {
      if (reply.kind === 'store') settleStore({ integrity: reply.integrity, foreignKeyProblems: reply.foreignKeyProblems });
      else if (reply.kind === 'digests') settleDigests(reply.digests);
      else failed();
    });
    worker.on('error', failed);
    worker.on('exit', failed);
  } catch {
    storeReply = Promise.resolve(null);
    digestsReply = Promise.resolve(null);
  }

  return {
    async digests() {
      const digest = runDigester(db);
      const found = new Array<RunDigest | undefined>(jobs.length);
      for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) found[i] = digest(jobs[i]!);
      const fromWorker = (await digestsReply) ?? [];
      for (const [index, rows, sha256] of fromWorker) found[index] = { rows, sha256 };
      return { digests: jobs.map((job, index) => found[index] ?? digest(job)), byWorker: fromWorker.length };
    },
    async store() {
      const reply = await storeReply;
      if (reply) return reply;
      return {
        integrity: (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).filter((m) => m !== 'ok'),
        foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length,
      };
    },
  };
}
