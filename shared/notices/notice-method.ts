import type { ContentAspect, ElectronicConditionKind, NoticeMethod, NoticeMethods } from '../law/types';

/** How counsel will give notice to individuals (the notice facts' `method`). */
export type NoticeMethodChoice =
  | { kind: 'written' }
  /** `conditions`: which of the laws' electronic-notice conditions hold (E-SIGN consent, electronic primary communication). */
  | { kind: 'electronic'; conditions: ElectronicConditionKind[] }
  /** The facts that open substitute notice: the cost of written notice, and whether contact details are insufficient. */
  | { kind: 'substitute'; writtenNoticeCostUsd: number | null; insufficientContact: boolean };

export const WRITTEN_NOTICE: NoticeMethodChoice = { kind: 'written' };

/** What the chosen method means in one jurisdiction. */
export interface MethodDecision {
  method: NoticeMethodChoice['kind'];
  /** Whether the email merge templates are written: the method is electronic or substitute with email, or the law allows electronic notice. */
  emails: boolean;
  /** The pack's rule relied on (citation), or why nothing could be checked. */
  basis: string;
}

/**
 * Checks the chosen method against a jurisdiction's methods rule. Returns the decision, or a problem naming the rule or
 * threshold that is not met. `persons`: the residents of the jurisdiction this notice goes to.
 */
export function decideMethod(choice: NoticeMethodChoice, rule: ContentAspect<NoticeMethods> | null, persons: number): { ok: true; decision: MethodDecision } | { ok: false; problem: string } {
  const stated = rule?.rule === 'stated' ? rule.methods : null;
  const find = <K extends NoticeMethod['kind']>(kind: K) => stated?.find((m): m is Extract<NoticeMethod, { kind: K }> => m.kind === kind) ?? null;
  const electronic = find('electronic');
  const citation = rule !== null && rule.rule !== 'not-researched' ? rule.citation : '';
  const unchecked = rule === null || rule.rule === 'not-researched' ? 'the pack’s notice methods are not researched — counsel must confirm the method' : null;
  if (choice.kind === 'written') {
    return { ok: true, decision: { method: 'written', emails: electronic !== null, basis: find('written')?.citation ?? unchecked ?? citation } };
  }
  if (choice.kind === 'electronic') {
    if (unchecked) return { ok: true, decision: { method: 'electronic', emails: true, basis: unchecked } };
    if (!electronic) return { ok: false, problem: `electronic notice is not a method the law allows (${citation})` };
    const holds = electronic.anyOf.length === 0 || electronic.anyOf.some((c) => choice.conditions.includes(c.kind));
    if (!holds) return { ok: false, problem: `electronic notice needs ${electronic.anyOf.map((c) => `"${c.text}"`).join(' or ')} (${electronic.citation}); the notice facts state ${choice.conditions.length > 0 ? choice.conditions.join(', ') : 'no condition'}` };
    return { ok: true, decision: { method: 'electronic', emails: true, basis: electronic.citation } };
  }
  if (unchecked) return { ok: true, decision: { method: 'substitute', emails: true, basis: unchecked } };
  const substitute = find('substitute');
  if (!substitute) return { ok: false, problem: `substitute notice is not a method the law allows (${citation})` };
  const opened: string[] = [];
  const thresholds: string[] = [];
  if (substitute.costMoreThanUsd !== undefined) {
    const cost = choice.writtenNoticeCostUsd;
    thresholds.push(`the cost of written notice to exceed $${substitute.costMoreThanUsd.toLocaleString('en-US')} (stated: ${cost === null ? 'not stated' : `$${cost.toLocaleString('en-US')}`})`);
    if (cost !== null && cost > substitute.costMoreThanUsd) opened.push('cost');
  }
  if (substitute.personsMoreThan !== undefined) {
    thresholds.push(`more than ${substitute.personsMoreThan.toLocaleString('en-US')} persons to notify (${persons.toLocaleString('en-US')} residents here)`);
    if (persons > substitute.personsMoreThan) opened.push('persons');
  }
  if (substitute.insufficientContact) {
    thresholds.push(`insufficient contact information (stated: ${choice.insufficientContact ? 'yes' : 'no'})`);
    if (choice.insufficientContact) opened.push('contact');
  }
  if (opened.length === 0) return { ok: false, problem: `substitute notice needs ${thresholds.join(', or ')} (${substitute.citation})` };
  return { ok: true, decision: { method: 'substitute', emails: substitute.components.list.some((c) => c.kind === 'email'), basis: substitute.citation } };
}
