/** LedgerApi over the loopback browser bridge (see bridge/wire.ts for the wire format). */
import { CALL_PATH, CANCEL_PATH, type BridgeLine } from '../../../bridge/wire';
import type { CallContext, LedgerApi, LedgerMethod } from '../../../shared/contract/api';
import { LEDGER_METHODS } from '../../../shared/contract/dispatch';
import { LedgerError, type ErrorPayload } from '../../../shared/contract/errors';

export function createBridgeClient(baseUrl: string, token: string): LedgerApi {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const post = (path: string, body: unknown) => fetch(new URL(path, baseUrl), { method: 'POST', headers, body: JSON.stringify(body) });

  async function call(method: LedgerMethod, request: unknown, context: CallContext = {}): Promise<unknown> {
    const callId = crypto.randomUUID();
    const { signal, onProgress } = context;
    if (signal?.aborted) throw new LedgerError('CANCELLED', 'Cancelled before it started.');
    const cancel = () => void post(CANCEL_PATH, { callId }).catch(() => undefined);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const response = await post(CALL_PATH, { callId, method, request });
      if (!response.ok || !response.body) throw errorFrom((await response.json().catch(() => null)) as Partial<ErrorPayload> | null, response.status);
      for await (const line of ndjsonLines(response.body)) {
        if (line.type === 'progress') onProgress?.(line.event);
        else if (line.type === 'result') return line.value;
        else throw errorFrom(line.error, response.status);
      }
      throw new LedgerError('INTERNAL', 'The bridge closed the call without an answer. Is it still running?');
    } catch (error) {
      if (error instanceof LedgerError) throw error;
      throw new LedgerError('INTERNAL', `Cannot reach the Breach Ledger bridge (${String(error)}). Is it still running?`);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  return Object.fromEntries(
    LEDGER_METHODS.map((method) => [method, (request: unknown, context?: CallContext) => call(method, request, context)]),
  ) as unknown as LedgerApi;
}

async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<BridgeLine> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffered += decoder.decode(value, { stream: !done });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (text.trim()) yield JSON.parse(text) as BridgeLine;
    }
    if (done) return;
  }
}

function errorFrom(payload: Partial<ErrorPayload> | null, status: number): LedgerError {
  if (payload?.code && payload.message) return new LedgerError(payload.code, payload.message, { ...payload.details });
  return new LedgerError('INTERNAL', `The bridge answered HTTP ${status} without an explanation.`);
}
