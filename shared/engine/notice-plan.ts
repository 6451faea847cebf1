/**
 * The counts behind the notice package, per jurisdiction whose individual notice is required: the letters the
 * letter engine would write (the same recipients, shared/notices/recipients.ts), the people held back for review
 * (never silently mailed) and how each letter can be delivered with what the evidence holds.
 */
import type { NoticePlanView } from '../contract/api';
import type { Assessment } from '../assess/assess-analysis';
import { letterJurisdictions, letterRecipients, type ReviewKind } from '../notices/recipients';
import type { Db } from '../store/db';

type Row = NoticePlanView['jurisdictions'][number];

export function noticePlan(db: Db, assessment: Assessment): NoticePlanView {
  const owed = letterJurisdictions(assessment.obligations);
  const rows = new Map<string, Row>(
    owed.map((j) => [j.jurisdiction, { jurisdiction: j.jurisdiction, name: j.name, letters: 0, heldForReview: 0, heldByKind: {}, inferredUpperBound: j.qualifying.inferredUpperBound, byMethod: { 'postal mail': 0, 'email only': 0, 'no address or email': 0 } }]),
  );
  const onHeld = (jurisdiction: string, kinds: readonly ReviewKind[]) => {
    const row = rows.get(jurisdiction)!;
    row.heldForReview++;
    for (const kind of kinds) row.heldByKind[kind] = (row.heldByKind[kind] ?? 0) + 1;
  };
  for (const recipient of letterRecipients(db, assessment, new Set(rows.keys()), onHeld)) {
    const row = rows.get(recipient.jurisdiction)!;
    row.letters++;
    const method = recipient.person.address.length > 0 ? 'postal mail' : recipient.person.email ? 'email only' : 'no address or email';
    row.byMethod[method]++;
  }
  return { analysis: assessment.analysis.id, analysisDigest: assessment.analysis.outputDigest, jurisdictions: [...rows.values()] };
}
