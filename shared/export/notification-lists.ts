import path from 'node:path';
import type { Basis, ElementCode } from '../contract/elements';
import type { JurisdictionObligations, ObligationsReport } from '../law/obligations';
import { findPack, type PackSet } from '../law/packs';
import { qualify } from '../law/qualify';
import type { Db } from '../store/db';
import { csvRecord } from './csv';
import { elementsInWords } from './element-words';
import { TextFile } from './text-file';

export const NOTIFICATION_HEADER = ['Consumer id', 'Name', 'Street', 'City', 'State', 'Postal code', 'Country', 'Email', 'Exposed information', 'Notice deadline'];

export function notificationListName(jurisdiction: string): string {
  return `notification-list-${jurisdiction}.csv`;
}

/**
 * Jurisdictions whose individual notice duty is 'required' (not merely possible) get a mail-merge list. Federal and
 * sectoral regimes reach the same people as the state lists, so they get none of their own.
 */
export function jurisdictionsRequiringNotice(report: ObligationsReport): JurisdictionObligations[] {
  return report.jurisdictions.filter((j) => j.individuals.duty === 'required' && !j.nationwide).sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : 1));
}

export interface CandidateRef {
  subjectId: number;
  kind: string;
  region: string | null;
}

export type AddressRow = [subjectId: number, kind: string, street: string | null, city: string | null, region: string | null, postalCode: string | null, country: string | null];

interface Row {
  id: number;
  name: string | null;
  email: string | null;
  basis: Basis;
  elements: string;
  regions: string;
  addresses: string;
}

/**
 * One CSV per jurisdiction requiring individual notice, listing exactly the consumers the engine counts as
 * qualifying there on evidence: counted in that jurisdiction, basis exact or derived (inferred consumers are
 * only an upper bound), and the elements of their basis qualify under the pack's notice definition — the same
 * rule `assessmentInputFor` + `assessObligations` count by. The letter lists every element exposed on exact
 * or derived evidence. The postal address is the consumer's most recent address in that jurisdiction.
 */
export async function writeNotificationLists(
  db: Db,
  analysisId: number,
  report: ObligationsReport,
  packs: PackSet,
  dir: string,
  key: Buffer | null = null,
): Promise<Array<{ jurisdiction: string; file: string; consumers: number }>> {
  const required = jurisdictionsRequiringNotice(report);
  const lists = new Map(
    required.map((j) => [j.jurisdiction, { obligations: j, file: new TextFile(path.join(dir, notificationListName(j.jurisdiction)), key), consumers: 0 }]),
  );
  for (const list of lists.values()) await list.file.write(`\uFEFF${csvRecord(NOTIFICATION_HEADER)}`);
  const qualifies = qualificationCache(packs, report.discoveredDate);

  if (lists.size > 0) {
    const rows = db
      .prepare(
        `SELECT c.consumer_id AS id, c.full_name AS name, c.email, c.basis, c.elements, c.regions,
           (SELECT json_group_array(json_array(a.subject_id, a.kind, a.street, a.city, a.region, a.postal_code, a.country))
              FROM analysis_consumer_records r JOIN subject_addresses a ON a.subject_id = r.subject_id
              WHERE r.analysis_id = c.analysis_id AND r.consumer_id = c.consumer_id) AS addresses
         FROM analysis_consumers c WHERE c.analysis_id = ? AND c.basis IN ('exact', 'derived') ORDER BY c.consumer_id`,
      )
      .iterate(analysisId) as IterableIterator<Row>;
    for (const row of rows) {
      const regions = JSON.parse(row.regions) as { countedIn: string[]; candidates: CandidateRef[] };
      const elements = JSON.parse(row.elements) as Record<ElementCode, Basis>;
      const atBasis = (Object.keys(elements) as ElementCode[]).filter((code) => elements[code] === row.basis).sort();
      const onEvidence = (Object.keys(elements) as ElementCode[]).filter((code) => elements[code] !== 'inferred');
      for (const jurisdiction of regions.countedIn) {
        const list = lists.get(jurisdiction);
        if (!list || !qualifies(jurisdiction, atBasis)) continue;
        const address = addressIn(jurisdiction, regions.candidates, JSON.parse(row.addresses) as AddressRow[]);
        const due = list.obligations.individuals.due;
        await list.file.write(
          csvRecord([
            row.id,
            row.name,
            address?.[2] ?? null,
            address?.[3] ?? null,
            address?.[4]?.replace(/^US-/, '') ?? null,
            address?.[5] ?? null,
            address?.[6] ?? null,
            row.email,
            elementsInWords(onEvidence),
            due.kind === 'date' ? due.date : due.text,
          ]),
        );
        list.consumers++;
      }
    }
  }
  const written = [];
  for (const [jurisdiction, list] of lists) {
    await list.file.close();
    written.push({ jurisdiction, file: list.file.file, consumers: list.consumers });
  }
  return written;
}

export function qualificationCache(packs: PackSet, date: string): (jurisdiction: string, elements: readonly ElementCode[]) => boolean {
  const cache = new Map<string, boolean>();
  return (jurisdiction, elements) => {
    const key = `${jurisdiction}|${elements.join(',')}`;
    let result = cache.get(key);
    if (result === undefined) {
      const loaded = findPack(packs, jurisdiction);
      result = loaded !== undefined && qualify(loaded.pack, elements, date).status === 'qualifies';
      cache.set(key, result);
    }
    return result;
  };
}

/** The first residency candidate (most recent first) located in the jurisdiction, with its full address. */
export function addressIn(jurisdiction: string, candidates: readonly CandidateRef[], addresses: readonly AddressRow[]): AddressRow | undefined {
  for (const candidate of candidates) {
    if (candidate.region !== jurisdiction) continue;
    const match = addresses.find((a) => a[0] === candidate.subjectId && a[1] === candidate.kind && a[4] === jurisdiction);
    if (match) return match;
  }
  return addresses.find((a) => a[4] === jurisdiction);
}
