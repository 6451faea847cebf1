import type { Basis } from '../contract/elements';
import type { Db } from '../store/db';

export interface EvidenceRecordRef {
  sha256: string;
  entry: string | null;
  recordNo: number;
}

export interface ConsumerRow {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  region: string;
  countedIn: string[];
  basis: Basis;
  elements: Record<string, Basis>;
  records: EvidenceRecordRef[];
  events: number[];
}

interface Row {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  region: string;
  countedIn: string;
  basis: Basis;
  elements: string;
  records: string;
  events: string;
}

/** Every affected consumer of an analysis in consumer id order, with the evidence rows behind them. */
export function* consumerRows(db: Db, analysisId: number): Generator<ConsumerRow> {
  const rows = db
    .prepare(
      `SELECT c.consumer_id AS id, c.full_name AS name, c.email, c.phone, c.region,
         json_extract(c.regions, '$.countedIn') AS countedIn, c.basis, c.elements,
         (SELECT json_group_array(json_array(ev.sha256, s.entry, s.record_no))
            FROM analysis_consumer_records r JOIN subject_records s ON s.id = r.subject_id JOIN evidence ev ON ev.id = s.evidence_id
            WHERE r.analysis_id = c.analysis_id AND r.consumer_id = c.consumer_id) AS records,
         (SELECT json_group_array(DISTINCT e.event_id) FROM analysis_consumer_elements e
            WHERE e.analysis_id = c.analysis_id AND e.consumer_id = c.consumer_id) AS events
       FROM analysis_consumers c WHERE c.analysis_id = ? ORDER BY c.consumer_id`,
    )
    .iterate(analysisId) as IterableIterator<Row>;
  for (const row of rows) {
    const records = (JSON.parse(row.records) as Array<[string, string | null, number]>)
      .map(([sha256, entry, recordNo]) => ({ sha256, entry, recordNo }))
      .sort(compareRefs);
    yield {
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      region: row.region,
      countedIn: JSON.parse(row.countedIn) as string[],
      basis: row.basis,
      elements: JSON.parse(row.elements) as Record<string, Basis>,
      records,
      events: (JSON.parse(row.events) as number[]).sort((a, b) => a - b),
    };
  }
}

function compareRefs(a: EvidenceRecordRef, b: EvidenceRecordRef): number {
  if (a.sha256 !== b.sha256) return a.sha256 < b.sha256 ? -1 : 1;
  const entryA = a.entry ?? '';
  const entryB = b.entry ?? '';
  if (entryA !== entryB) return entryA < entryB ? -1 : 1;
  return a.recordNo - b.recordNo;
}

/** "<file SHA-256> records 3, 9; <file SHA-256> (archive entry) records 12". */
export function formatRecordRefs(refs: readonly EvidenceRecordRef[]): string {
  const groups: string[] = [];
  let key = '';
  let numbers: number[] = [];
  const flush = () => {
    if (numbers.length > 0) groups.push(`${key} records ${numbers.join(', ')}`);
  };
  for (const ref of refs) {
    const next = ref.entry ? `${ref.sha256} (${ref.entry})` : ref.sha256;
    if (next !== key) {
      flush();
      key = next;
      numbers = [];
    }
    numbers.push(ref.recordNo);
  }
  flush();
  return groups.join('; ');
}
