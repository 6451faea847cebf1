/**
 * The message protocol between the Electron main process and the engine worker thread. One call:
 *   main → worker  { type: 'call', id, method, request }      (method must be a contract method)
 *   worker → main  { type: 'progress', id, event }*            (throttled progress of that call)
 *   worker → main  { type: 'result', id, value } | { type: 'error', id, error }
 *   main → worker  { type: 'cancel', id }                      (aborts the call's AbortSignal)
 */
import type { LedgerApi } from '../shared/contract/api';
import { invokeMethod } from '../shared/contract/dispatch';
import { toErrorPayload, type ErrorPayload } from '../shared/contract/errors';
import { throttleProgress, type ProgressEvent } from '../shared/contract/progress';

export type HostRequest = { type: 'call'; id: number; method: string; request: unknown } | { type: 'cancel'; id: number };

export type HostReply =
  | { type: 'progress'; id: number; event: ProgressEvent }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorPayload };

/** The part of a worker_threads MessagePort (or parentPort) the protocol needs. */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Worker side: answers calls on `port` with `api`, one AbortController per call in flight. */
export function serveEngine(port: MessageEndpoint, api: LedgerApi): void {
  const running = new Map<number, AbortController>();
  port.on('message', (raw) => {
    const message = raw as HostRequest;
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    if (message.type !== 'call') return;
    const { id } = message;
    const controller = new AbortController();
    running.set(id, controller);
    const reply = (r: HostReply) => port.postMessage(r);
    const onProgress = throttleProgress((event) => reply({ type: 'progress', id, event }));
    Promise.resolve()
      .then(() => invokeMethod(api, message.method, message.request, { onProgress, signal: controller.signal }))
      .then(
        (value) => reply({ type: 'result', id, value }),
        (error: unknown) => reply({ type: 'error', id, error: toErrorPayload(error) }),
      )
      .finally(() => running.delete(id));
  });
}
