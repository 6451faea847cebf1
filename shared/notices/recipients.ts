import type { Basis, ElementCode } from '../contract/elements';
import { addressIn, jurisdictionsRequiringNotice, qualificationCache, type AddressRow, type CandidateRef } from '../export/notification-lists';
import type { JurisdictionObligations, ObligationsReport } from '../law/obligations';
import type { PackSet } from '../law/packs';
import type { Db } from '../store/db';
import type { LetterPerson } from './compile-letter';
import { orderedElements } from './reader-words';

/** What the letters need from an assessment (`assessAnalysis` gives it). */
export interface NoticeAssessment {
  analysis: { id: number };
  packs: PackSet;
  obligations: ObligationsReport;
}

export type ReviewKind = 'conflict' | 'possible-match' | 'content-only';

/** People owed notice who get no letter until an investigator decides: each is counted, never silently mailed. */
export interface HeldForReview {
  consumers: number;
  byKind: Partial<Record<ReviewKind, number>>;
}

export interface LetterRecipient {
  jurisdiction: string;
  person: LetterPerson;
  /** The postal address in the jurisdiction, by field (mail-merge columns); null when none is known. */
  postal: { street: string | null; city: string | null; state: string | null; postalCode: string | null; country: string | null } | null;
}

interface Row {
  id: number;
  name: string | null;
  email: string | null;
  basis: Basis;
  elements: string;
  regions: string;
  addresses: string;
  subjects: string;
}

/** Jurisdictions whose individual notice duty is required: the ones that get letters. */
export function letterJurisdictions(obligations: ObligationsReport): JurisdictionObligations[] {
  return jurisdictionsRequiringNotice(obligations);
}

/**
 * Every letter, person by person in consumer-id order: a consumer on exact or derived evidence, counted in a
 * jurisdiction that requires notice, whose elements of that basis qualify under its pack (the rule the notification
 * lists and the obligations count by). A consumer any of whose records is in the analysis' review queue is held:
 * `onHeld` is called instead of a letter. The letter lists every element exposed on exact or derived evidence.
 */
export function* letterRecipients(
  db: Db,
  assessment: NoticeAssessment,
  jurisdictions: ReadonlySet<string>,
  onHeld: (jurisdiction: string, kinds: readonly ReviewKind[]) => void,
): Generator<LetterRecipient> {
  if (jurisdictions.size === 0) return;
  const review = reviewedSubjects(db, assessment.analysis.id);
  const qualifies = qualificationCache(assessment.packs, assessment.obligations.discoveredDate);
  const rows = db
    .prepare(
      `SELECT c.consumer_id AS id, c.full_name AS name, c.email, c.basis, c.elements, c.regions,
         (SELECT json_group_array(json_array(a.subject_id, a.kind, a.street, a.city, a.region, a.postal_code, a.country))
            FROM analysis_consumer_records r JOIN subject_addresses a ON a.subject_id = r.subject_id
            WHERE r.analysis_id = c.analysis_id AND r.consumer_id = c.consumer_id) AS addresses,
         (SELECT json_group_array(r.subject_id) FROM analysis_consumer_records r
            WHERE r.analysis_id = c.analysis_id AND r.consumer_id = c.consumer_id) AS subjects
       FROM analysis_consumers c WHERE c.analysis_id = ? AND c.basis IN ('exact', 'derived') ORDER BY c.consumer_id`,
    )
    .iterate(assessment.analysis.id) as IterableIterator<Row>;
  for (const row of rows) {
    const regions = JSON.parse(row.regions) as { countedIn: string[]; candidates: CandidateRef[] };
    const mine = regions.countedIn.filter((j) => jurisdictions.has(j));
    if (mine.length === 0) continue;
    const elements = JSON.parse(row.elements) as Record<ElementCode, Basis>;
    const codes = Object.keys(elements) as ElementCode[];
    const atBasis = codes.filter((code) => elements[code] === row.basis).sort();
    const onEvidence = orderedElements(codes.filter((code) => elements[code] !== 'inferred'));
    const held = review.size > 0 ? heldKinds(JSON.parse(row.subjects) as number[], review) : [];
    for (const jurisdiction of mine) {
      if (!qualifies(jurisdiction, atBasis)) continue;
      if (held.length > 0) {
        onHeld(jurisdiction, held);
        continue;
      }
      const address = addressIn(jurisdiction, regions.candidates, JSON.parse(row.addresses) as AddressRow[]);
      yield {
        jurisdiction,
        person: { consumerId: row.id, name: row.name, address: address ? addressLines(address) : [], email: row.email, elements: onEvidence },
        postal: address ? { street: address[2], city: address[3], state: address[4]?.replace(/^US-/, '') ?? null, postalCode: address[5], country: address[6] } : null,
      };
    }
  }
}

/** Subject ids in the analysis' review queue, with the kinds of item that hold them. */
function reviewedSubjects(db: Db, analysisId: number): Map<number, Set<ReviewKind>> {
  const review = new Map<number, Set<ReviewKind>>();
  const rows = db.prepare('SELECT kind, subject_ids AS subjectIds FROM analysis_review WHERE analysis_id = ?').iterate(analysisId) as IterableIterator<{ kind: ReviewKind; subjectIds: string }>;
  for (const row of rows) {
    for (const id of JSON.parse(row.subjectIds) as number[]) {
      const kinds = review.get(id) ?? new Set<ReviewKind>();
      kinds.add(row.kind);
      review.set(id, kinds);
    }
  }
  return review;
}

function heldKinds(subjects: readonly number[], review: ReadonlyMap<number, ReadonlySet<ReviewKind>>): ReviewKind[] {
  const kinds = new Set<ReviewKind>();
  for (const id of subjects) for (const kind of review.get(id) ?? []) kinds.add(kind);
  return [...kinds].sort();
}

function addressLines(address: AddressRow): string[] {
  const [, , street, city, region, postalCode, country] = address;
  const state = region?.replace(/^US-/, '') ?? null;
  const cityLine = [city, [state, postalCode].filter(Boolean).join(' ')].filter((part) => part && part !== '').join(', ');
  return [...(street ?? '').split(/\r?\n/), cityLine, country && country !== 'US' ? country : '']
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
