import type { NoticeFacts } from '../notices/notice-facts';
import { NO_FACTS, type SubmissionFacts } from './fill';

/**
 * The submission fields the case's notice facts answer. What they do not hold (notice methods, measures planned,
 * a written security programme) stays null, so the submission says counsel must complete it.
 */
export function submissionFacts(facts: NoticeFacts | null): SubmissionFacts {
  if (!facts) return NO_FACTS;
  const offer = facts.identityProtection;
  return {
    ...NO_FACTS,
    organizationName: facts.company.name,
    organizationAddress: facts.company.address.length > 0 ? facts.company.address.join(', ') : null,
    contactName: facts.contact.name,
    contactTitle: facts.contact.title,
    contactPhone: facts.contact.phone,
    contactEmail: facts.contact.email,
    incidentStart: facts.incident.start,
    incidentEnd: facts.incident.end,
    whatHappened: facts.whatHappened,
    whatWeAreDoing: facts.whatWeAreDoing,
    noticeDate: facts.noticeDate,
    // A delay shows law enforcement was engaged; no delay does not show it was not.
    lawEnforcement: facts.lawEnforcementDelay ? `Yes: ${facts.lawEnforcementDelay}` : null,
    identityProtectionOffer: offer
      ? [offer.provider, offer.months !== null ? `${offer.months} months` : null, offer.enrollBy ? `enroll by ${offer.enrollBy}` : null, offer.url, offer.phone].filter((p): p is string => Boolean(p)).join(', ')
      : null,
  };
}
