/**
 * LedgerApi over the Electron preload. AbortSignals cannot cross contextBridge, so each signal is
 * handed over as an `onAbort(register)` callback; the preload turns it into a cancel message.
 */
import type { CallContext, LedgerApi, LedgerMethod } from '../../../shared/contract/api';
import { LEDGER_METHODS } from '../../../shared/contract/dispatch';
import type { DesktopLedger } from './desktop';

type BridgedCall = (request: unknown, context?: { onProgress?: CallContext['onProgress']; onAbort?: (cancel: () => void) => void }) => Promise<unknown>;

export function createElectronClient(ledger: DesktopLedger): LedgerApi {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- contextBridge exposes plain functions that never use `this`.
  const bridged = (method: LedgerMethod) => ledger[method] as unknown as BridgedCall;
  return Object.fromEntries(
    LEDGER_METHODS.map((method) => [
      method,
      (request: unknown, context: CallContext = {}) =>
        bridged(method)(request, {
          onProgress: context.onProgress,
          onAbort: context.signal ? (cancel) => context.signal!.addEventListener('abort', () => cancel(), { once: true }) : undefined,
        }),
    ]),
  ) as unknown as LedgerApi;
}
