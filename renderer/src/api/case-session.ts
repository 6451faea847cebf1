/**
 * The contract as one open case's screens use it: every call that names the person acting is made as the case's
 * examiner (the engine logs the OS account beside it), and after every call that may write custody the custody
 * head is re-read, so the head the app shows is always the log's real head, whichever screen made the call.
 */
import type { CallContext, LedgerApi } from '../../../shared/contract/api';
import { isCustodyWriting, takesActor } from '../../../shared/contract/custody-writing';
import { LEDGER_METHODS } from '../../../shared/contract/dispatch';

export interface CaseSession {
  /** The examiner named at case open or in settings. */
  examiner(): string;
  /** Called once a custody-writing call has settled (succeeded or failed: a refused file is logged too). */
  onCustodyWritten(): void;
}

export function caseSessionApi(api: LedgerApi, session: CaseSession): LedgerApi {
  return Object.fromEntries(
    LEDGER_METHODS.map((method) => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below as call.call(api, …), bound to api.
      const call = api[method] as (request: unknown, context?: CallContext) => Promise<unknown>;
      const wrapped = async (request: unknown, context?: CallContext) => {
        const withActor = takesActor(method) && isRequest(request) && !request.actor ? { ...request, actor: session.examiner() } : request;
        if (!isCustodyWriting(method)) return call.call(api, withActor, context);
        try {
          return await call.call(api, withActor, context);
        } finally {
          session.onCustodyWritten();
        }
      };
      return [method, wrapped];
    }),
  ) as unknown as LedgerApi;
}

function isRequest(value: unknown): value is { actor?: string | null } & Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
