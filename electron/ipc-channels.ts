/**
 * Renderer ↔ main channels. One contract call:
 *   invoke CALL {callId, method, request} → {ok: true, value} | {ok: false, error: ErrorPayload}
 *   main sends PROGRESS {callId, event} while it runs; renderer sends CANCEL {callId} to abort it.
 */
import type { ErrorPayload } from '../shared/contract/errors';

export const CHANNELS = {
  call: 'ledger:call',
  progress: 'ledger:progress',
  cancel: 'ledger:cancel',
  chooseCaseFolder: 'ledger:choose-case-folder',
  chooseEvidenceFiles: 'ledger:choose-evidence-files',
  menu: 'ledger:menu',
} as const;

export type CallReply = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };
