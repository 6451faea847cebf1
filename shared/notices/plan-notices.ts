import { LedgerError } from '../contract/errors';
import type { IsoDate } from '../law/types';
import type { Db } from '../store/db';
import type { TemplateCheck } from './check-template';
import { compileLetter, letterParagraphs, type LetterParagraph } from './compile-letter';
import type { NoticeFacts } from './notice-facts';
import { letterJurisdictions, letterRecipients, type HeldForReview, type NoticeAssessment, type ReviewKind } from './recipients';
import { templateInUse, type TemplateInUse } from './template-store';

export interface JurisdictionPlan {
  jurisdiction: string;
  name: string;
  letters: number;
  heldForReview: HeldForReview;
  /** Inferred consumers (an upper bound, never mailed on inference). */
  inferredUpperBound: number;
  withoutPostalAddress: number;
  template: Pick<TemplateInUse, 'source' | 'id' | 'sha256' | 'text'> & { check: TemplateCheck };
}

/** Per jurisdiction requiring individual notice: how many letters, who is held for review, and the template's check. */
export function planNotices(db: Db, assessment: NoticeAssessment, noticeDate: IsoDate): JurisdictionPlan[] {
  const plans = new Map(
    letterJurisdictions(assessment.obligations).map((j) => {
      const template = templateInUse(db, assessment.packs, j.jurisdiction, noticeDate);
      const plan: JurisdictionPlan = {
        jurisdiction: j.jurisdiction,
        name: j.name,
        letters: 0,
        heldForReview: { consumers: 0, byKind: {} },
        inferredUpperBound: j.qualifying.inferredUpperBound,
        withoutPostalAddress: 0,
        template: { source: template.source, id: template.id, sha256: template.sha256, text: template.text, check: template.check },
      };
      return [j.jurisdiction, plan];
    }),
  );
  const held = (jurisdiction: string, kinds: readonly ReviewKind[]) => {
    const h = plans.get(jurisdiction)!.heldForReview;
    h.consumers++;
    for (const kind of kinds) h.byKind[kind] = (h.byKind[kind] ?? 0) + 1;
  };
  for (const recipient of letterRecipients(db, assessment, new Set(plans.keys()), held)) {
    const plan = plans.get(recipient.jurisdiction)!;
    plan.letters++;
    if (recipient.person.address.length === 0) plan.withoutPostalAddress++;
  }
  return [...plans.values()];
}

export interface LetterPreview {
  jurisdiction: string;
  consumerId: number;
  title: string;
  paragraphs: LetterParagraph[];
  /** The letter as plain text (paragraphs separated by blank lines). */
  text: string;
  missingFacts: string[];
}

/** One real person's letter in a jurisdiction (the first letter when no consumer is named), with the template in use. */
export function previewLetter(db: Db, assessment: NoticeAssessment, facts: NoticeFacts, jurisdiction: string, consumerId: number | null): LetterPreview {
  const owed = letterJurisdictions(assessment.obligations).find((j) => j.jurisdiction === jurisdiction);
  if (!owed) throw new LedgerError('NOT_FOUND', `No individual notice is required in ${jurisdiction} for this analysis; see "obligations".`);
  const template = templateInUse(db, assessment.packs, jurisdiction, facts.noticeDate);
  const letter = compileLetter(template.text, { facts, rules: template.rules, residents: owed.qualifying.exact + owed.qualifying.derived });
  for (const recipient of letterRecipients(db, assessment, new Set([jurisdiction]), () => undefined)) {
    if (consumerId !== null && recipient.person.consumerId !== consumerId) continue;
    const paragraphs = letterParagraphs(letter, recipient.person);
    return {
      jurisdiction,
      consumerId: recipient.person.consumerId,
      title: letter.title,
      paragraphs,
      text: paragraphs.map((p, i) => `${i > 0 && p.gap ? '\n' : ''}${p.style === 'bullet' ? `• ${p.text}` : p.text}`).join('\n'),
      missingFacts: letter.missing,
    };
  }
  throw new LedgerError('NOT_FOUND', consumerId === null ? `No letter goes to anyone in ${jurisdiction}.` : `Consumer ${consumerId} gets no ${jurisdiction} letter (not counted there, not qualifying, or held for review).`);
}
