import type { CallContext, LedgerApi, LedgerMethod } from './api';
import { LedgerError } from './errors';

/** Every method of the contract, at run time: transports accept these names and nothing else. */
export const LEDGER_METHODS = [
  'createCase',
  'openCase',
  'listFormats',
  'listEvidence',
  'addEvidence',
  'reimportEvidence',
  'custody',
  'verify',
  'listEvents',
  'listPeople',
  'listRejects',
  'eventHistogram',
  'analysisSummary',
  'triage',
  'findings',
  'defineScope',
  'listScopes',
  'reconstruct',
  'listConsumers',
  'listReview',
  'listPopulation',
  'explainConsumer',
  'resolve',
  'classifyField',
  'listRules',
  'addRules',
  'obligations',
  'exposure',
  'noticeSubmissions',
  'noticeFacts',
  'setNoticeFacts',
  'writeNoticePackage',
  'noticeTemplate',
  'checkNoticeTemplate',
  'setNoticeTemplate',
  'previewLetter',
  'exportCase',
  'verifyExport',
  'noticePlan',
  'exportCsv',
  'listExports',
  'checkExport',
  'annotate',
  'listAnnotations',
  'unlockCase',
  'changePassphrase',
  'encryptCase',
  'shareRedacted',
  'disposeCase',
] as const satisfies readonly LedgerMethod[];

type Missing = Exclude<LedgerMethod, (typeof LEDGER_METHODS)[number]>;
// Fails to compile when a method is added to LedgerApi but not listed above.
const everyMethodListed: Missing extends never ? true : Missing = true;
void everyMethodListed;

export function isLedgerMethod(name: unknown): name is LedgerMethod {
  return typeof name === 'string' && (LEDGER_METHODS as readonly string[]).includes(name);
}

/** Calls one contract method by name with a JSON request, as IPC and HTTP transports receive it. */
export function invokeMethod(api: LedgerApi, method: unknown, request: unknown, context: CallContext): Promise<unknown> {
  if (!isLedgerMethod(method)) throw new LedgerError('BAD_USAGE', `Unknown method "${String(method)}".`);
  if (method !== 'listFormats' && method !== 'listRules' && (request === null || typeof request !== 'object' || Array.isArray(request))) {
    throw new LedgerError('BAD_USAGE', `${method} needs a request object.`);
  }
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called as call.call(api, …) on the next line.
  const call = api[method] as (request: unknown, context: CallContext) => Promise<unknown>;
  return call.call(api, request, context);
}
