/** Main side of the engine worker: a LedgerApi whose every call is a message to the worker thread. */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { CallContext, LedgerApi, LedgerMethod } from '../shared/contract/api';
import { LEDGER_METHODS } from '../shared/contract/dispatch';
import { LedgerError } from '../shared/contract/errors';
import type { HostReply, HostRequest } from './engine-protocol';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  context: CallContext;
}

export type EngineHostClient = LedgerApi & { close(): Promise<void> };

export function startEngineHost(entry: string | URL, options: WorkerOptions = {}): EngineHostClient {
  const worker = new Worker(entry, options);
  const pending = new Map<number, PendingCall>();
  let nextId = 1;
  let exited = false;

  const failAll = (reason: string) => {
    for (const call of pending.values()) call.reject(new LedgerError('INTERNAL', reason));
    pending.clear();
  };
  worker.on('message', (reply: HostReply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    if (reply.type === 'progress') return call.context.onProgress?.(reply.event);
    pending.delete(reply.id);
    if (reply.type === 'result') call.resolve(reply.value);
    else call.reject(new LedgerError(reply.error.code, reply.error.message, { ...reply.error.details }));
  });
  worker.on('error', (error) => failAll(`The engine stopped unexpectedly: ${error.message}. Reopen the case to continue.`));
  worker.on('exit', () => {
    exited = true;
    failAll('The engine stopped. Reopen the case to continue.');
  });

  const call = (method: LedgerMethod, request: unknown, context: CallContext = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new LedgerError('INTERNAL', 'The engine has stopped. Restart the app.'));
      const id = nextId++;
      pending.set(id, { resolve, reject, context });
      const send = (message: HostRequest) => worker.postMessage(message);
      const { signal } = context;
      if (signal?.aborted) return reject(new LedgerError('CANCELLED', 'Cancelled before it started.'));
      signal?.addEventListener('abort', () => pending.has(id) && send({ type: 'cancel', id }), { once: true });
      send({ type: 'call', id, method, request });
    });

  const api = Object.fromEntries(
    LEDGER_METHODS.map((method) => [method, (request: unknown, context?: CallContext) => call(method, request, context)]),
  ) as unknown as LedgerApi;
  return Object.assign(api, {
    async close() {
      failAll('The engine was shut down.');
      await worker.terminate();
    },
  });
}
