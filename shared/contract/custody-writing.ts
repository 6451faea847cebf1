import type { LedgerApi, LedgerMethod } from './api';

/**
 * Methods that may append to the custody log (including cleanup logged when a case is opened). A front end
 * re-reads the custody head after any of them settles, so the head it shows is never stale.
 */
export const CUSTODY_WRITING_METHODS = [
  'createCase',
  'openCase',
  'unlockCase',
  'addEvidence',
  'reimportEvidence',
  'verify',
  'defineScope',
  'reconstruct',
  'findings',
  'resolve',
  'classifyField',
  'addRules',
  'exportCase',
  'changePassphrase',
  'encryptCase',
  'shareRedacted',
  'exportCsv',
  'annotate',
  'setNoticeFacts',
  'writeNoticePackage',
  'setNoticeTemplate',
] as const satisfies readonly LedgerMethod[];

/** Methods whose request names the person acting (`actor`), logged in custody beside the OS account. */
export type ActorMethod = {
  [M in LedgerMethod]: Parameters<LedgerApi[M]> extends [infer R, ...unknown[]] ? ('actor' extends keyof R ? M : never) : never;
}[LedgerMethod];

export const ACTOR_METHODS = [
  'addEvidence',
  'reimportEvidence',
  'verify',
  'defineScope',
  'reconstruct',
  'findings',
  'resolve',
  'classifyField',
  'addRules',
  'exportCase',
  'changePassphrase',
  'encryptCase',
  'shareRedacted',
  'disposeCase',
  'exportCsv',
  'annotate',
  'setNoticeFacts',
  'writeNoticePackage',
  'setNoticeTemplate',
] as const satisfies readonly ActorMethod[];

type MissingActor = Exclude<ActorMethod, (typeof ACTOR_METHODS)[number]>;
// Fails to compile when a method gains an `actor` field but is not listed above.
const everyActorMethodListed: MissingActor extends never ? true : MissingActor = true;
void everyActorMethodListed;

export function isCustodyWriting(method: LedgerMethod): boolean {
  return (CUSTODY_WRITING_METHODS as readonly string[]).includes(method);
}

export function takesActor(method: LedgerMethod): method is ActorMethod {
  return (ACTOR_METHODS as readonly string[]).includes(method);
}
