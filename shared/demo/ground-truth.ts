import type { Basis, ElementCode } from '../contract/elements';
import type { Access } from './attack';
import { CONTENT_ONLY_FIELDS, type CrmRecord } from './crm-records';
import type { Person } from './people';
import type { ShopifyCustomer } from './shopify';

export interface GroundTruthRecord {
  system: 'salesforce' | 'shopify';
  object: string;
  id: string;
  /** The attacker actually received this record. */
  reached: boolean;
  /** The strongest basis the logs support for this record; null when no incident log entry covers it. */
  basis: Basis | null;
}

/** One line of ground-truth.jsonl: one real consumer across every system. */
export interface GroundTruthConsumer {
  personId: string;
  firstName: string;
  lastName: string;
  email: string;
  records: GroundTruthRecord[];
  /** The attacker actually received at least one of the consumer's records. */
  reached: boolean;
  /** Strongest basis over the consumer's records: what a correct reconstruction reports. */
  basis: Basis | null;
  /** The attack actions (scenario.json `attack.actions[].key`) that cover the consumer. */
  accesses: string[];
  /** ISO 3166-2 (`US-CA`), `non-US` or `unknown`, by the most-recent-address rule. */
  state: string;
  /** Elements the covering accesses could return that hold a clear value in a field named for them, sorted. */
  exposedElements: ElementCode[];
  /**
   * Elements exposed only inside free text (a card number in a case description): no field name supports them, so a
   * correct reconstruction lists the consumer for review instead of counting them. Sorted; none also in `exposedElements`.
   */
  contentOnlyElements: ElementCode[];
}

const RANK: Record<Basis, number> = { exact: 3, derived: 2, inferred: 1 };

export function strongest(a: Basis | null, b: Basis | null): Basis | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** Looks up, per record, which accesses cover it and with what basis. */
export class AccessIndex {
  private readonly byRecord = new Map<string, Access[]>();
  private readonly byObject = new Map<string, Access[]>();

  constructor(readonly accesses: readonly Access[]) {
    for (const access of accesses) {
      for (const id of new Set([...access.returned, ...access.listed])) {
        const list = this.byRecord.get(id) ?? [];
        list.push(access);
        this.byRecord.set(id, list);
      }
      if (access.boundsObject) this.byObject.set(access.object, [...(this.byObject.get(access.object) ?? []), access]);
    }
  }

  /** The basis each covering access gives the record. */
  coverage(record: CrmRecord): { access: Access; basis: Basis }[] {
    const out: { access: Access; basis: Basis }[] = [];
    for (const access of this.byRecord.get(record.id) ?? []) {
      if (access.listed.has(record.id)) out.push({ access, basis: 'exact' });
      else if (access.reEvaluable && access.returned.has(record.id)) out.push({ access, basis: 'derived' });
    }
    for (const access of this.byObject.get(record.object) ?? []) {
      if (!out.some((c) => c.access === access)) out.push({ access, basis: 'inferred' });
    }
    return out;
  }

  reached(record: CrmRecord): boolean {
    return (this.byRecord.get(record.id) ?? []).some((a) => a.returned.has(record.id));
  }
}

function stateOf(person: Person, records: readonly CrmRecord[], shopify: readonly ShopifyCustomer[]): string {
  let latest: CrmRecord | null = null;
  for (const record of records) {
    if (record.address && (!latest || record.updatedAt > latest.updatedAt)) latest = record;
  }
  // Shopify's customer export carries no dates, so it decides only when no dated address exists.
  const address = latest?.address ?? (shopify.length > 0 ? person.home : null);
  if (!address) return 'unknown';
  return address.countryCode === 'US' ? `US-${address.stateCode}` : 'non-US';
}

export function groundTruthOf(person: Person, records: readonly CrmRecord[], shopify: readonly ShopifyCustomer[], index: AccessIndex): GroundTruthConsumer {
  const truthRecords: GroundTruthRecord[] = [];
  const elements = new Set<ElementCode>();
  const contentOnly = new Set<ElementCode>();
  const accessKeys = new Set<string>();
  let basis: Basis | null = null;
  let reached = false;
  for (const record of records) {
    let recordBasis: Basis | null = null;
    for (const { access, basis: b } of index.coverage(record)) {
      recordBasis = strongest(recordBasis, b);
      accessKeys.add(access.key);
      const fields = access.fields === 'all' ? Object.keys(record.elements) : access.fields;
      for (const field of fields) {
        const element = record.elements[field];
        if (element) (CONTENT_ONLY_FIELDS.has(field) ? contentOnly : elements).add(element);
      }
    }
    const recordReached = index.reached(record);
    truthRecords.push({ system: 'salesforce', object: record.object, id: record.id, reached: recordReached, basis: recordBasis });
    basis = strongest(basis, recordBasis);
    reached ||= recordReached;
  }
  for (const customer of shopify) truthRecords.push({ system: 'shopify', object: 'customer', id: customer.id, reached: false, basis: null });
  return {
    personId: person.personId,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    records: truthRecords,
    reached,
    basis,
    accesses: [...accessKeys].sort(),
    state: stateOf(person, records, shopify),
    exposedElements: [...elements].sort(),
    contentOnlyElements: [...contentOnly].filter((e) => !elements.has(e)).sort(),
  };
}
