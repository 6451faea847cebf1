/**
 * The browser bridge's wire format, shared by the server and the renderer's client (types and paths; no runtime imports).
 *   POST /api/call    {callId, method, request} → NDJSON stream of BridgeLine, ending in result or error
 *   POST /api/cancel  {callId}                  → 204; the call's AbortSignal fires
 * Every /api request carries `Authorization: Bearer <token>`.
 */
import type { ErrorPayload } from '../shared/contract/errors';
import type { ProgressEvent } from '../shared/contract/progress';

export interface BridgeCall {
  callId: string;
  method: string;
  request: unknown;
}

export type BridgeLine = { type: 'progress'; event: ProgressEvent } | { type: 'result'; value: unknown } | { type: 'error'; error: ErrorPayload };

export const CALL_PATH = '/api/call';
export const CANCEL_PATH = '/api/cancel';
