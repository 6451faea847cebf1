/**
 * Which population a subject record belongs to: a consumer (a natural person outside the workforce), the workforce
 * (users and other staff records: people, counted apart), or not a person at all (a business Account, a company-only
 * Lead, a system user). Judged from the record's own fields, whatever the case of the export's headers.
 */
import type { Db } from '../store/db';
import { CURRENT_SUBJECT } from '../scope/current-events';

export type PopulationKind = 'business-account' | 'company-lead' | 'system-user' | 'user';

export interface PopulationVerdict {
  readonly population: 'workforce' | 'non-person';
  readonly kind: PopulationKind;
  readonly reason: string;
}

/** Object types whose records may be something other than a consumer; every other object's records are about consumers. */
const JUDGED_OBJECTS = ['account', 'lead', 'user'] as const;

/** Person Account fields: any of them filled makes an Account without an IsPersonAccount column a person. */
const PERSON_ACCOUNT_FIELDS = [
  'personcontactid', 'firstname', 'lastname', 'personemail', 'personbirthdate', 'personmobilephone', 'personhomephone',
  'personmailingstreet', 'personmailingpostalcode', 'personindividualid',
];
/** What web-to-lead and imports put in the required LastName when the person is not known. */
const PLACEHOLDER_NAMES = new Set(['[not provided]', 'not provided', 'unknown', 'n/a', 'na', 'none', '-', '.', '?']);
/** Experience Cloud users are the org's customers; guests and automated users are no one. */
const CUSTOMER_USER_TYPES = new Set(['customersuccess', 'powercustomersuccess', 'cspliteportal', 'selfservice']);
const SYSTEM_USER_TYPES = new Set(['guest', 'automatedprocess', 'cloudintegrationuser', 'licensemanager']);

type FieldGetter = (name: string) => string | null;

/** Reads fields by API name case-insensitively (Data Loader writes `ISPERSONACCOUNT`, Data Export `IsPersonAccount`). */
function fieldGetter(fields: Readonly<Record<string, unknown>>): FieldGetter {
  const byName = new Map<string, string>();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value).trim();
    if (text !== '') byName.set(key.toLowerCase(), text);
  }
  return (name) => byName.get(name) ?? null;
}

const isTrue = (value: string | null): boolean => value !== null && ['1', 'true', 'yes', 'y'].includes(value.toLowerCase());
const isFalse = (value: string | null): boolean => value !== null && ['0', 'false', 'no', 'n'].includes(value.toLowerCase());

/** Null for a consumer record; otherwise the population and why. */
export function recordPopulation(system: string, objectType: string, fields: Readonly<Record<string, unknown>>): PopulationVerdict | null {
  if (system !== 'salesforce') return null;
  const object = objectType.toLowerCase();
  const get = fieldGetter(fields);
  if (object === 'account') {
    const flag = get('ispersonaccount');
    if (isTrue(flag)) return null;
    if (isFalse(flag)) return { population: 'non-person', kind: 'business-account', reason: 'business account (IsPersonAccount is false), not a person' };
    const personField = PERSON_ACCOUNT_FIELDS.find((name) => get(name) !== null);
    if (personField) return null;
    return { population: 'non-person', kind: 'business-account', reason: 'business account (no IsPersonAccount and no person fields, only a company name), not a person' };
  }
  if (object === 'lead') {
    const first = get('firstname');
    const last = get('lastname');
    const company = get('company');
    const placeholder = last === null || PLACEHOLDER_NAMES.has(last.toLowerCase()) || (company !== null && last.toLowerCase() === company.toLowerCase());
    if (first === null && placeholder && company !== null) {
      return { population: 'non-person', kind: 'company-lead', reason: `company-only lead (${company}; no person's name), not a person` };
    }
    return null;
  }
  if (object === 'user') {
    const type = (get('usertype') ?? '').toLowerCase();
    if (CUSTOMER_USER_TYPES.has(type)) return null;
    if (SYSTEM_USER_TYPES.has(type)) return { population: 'non-person', kind: 'system-user', reason: `${get('usertype')} user, a system account, not a person` };
    return { population: 'workforce', kind: 'user', reason: 'a user of the org: workforce, counted apart from consumers' };
  }
  return null;
}

export interface Populations {
  /** Records that are not consumers, with their verdicts. */
  readonly verdicts: ReadonlyMap<number, PopulationVerdict>;
  /** Non-consumer records per object type (lower case), to keep them out of an object's person count. */
  readonly excludedByObject: ReadonlyMap<string, number>;
}

/** Judges every current Salesforce Account, Lead and User record; everything else is a consumer record. */
export function populationsFromDb(db: Db): Populations {
  const verdicts = new Map<number, PopulationVerdict>();
  const excludedByObject = new Map<string, number>();
  const rows = db
    .prepare(
      `SELECT s.id AS id, s.system AS system, s.object_type AS object, s.fields AS fields FROM subject_records s
       WHERE ${CURRENT_SUBJECT} AND s.system = 'salesforce' AND lower(s.object_type) IN (${JUDGED_OBJECTS.map((o) => `'${o}'`).join(', ')}) ORDER BY s.id`,
    )
    .iterate() as Iterable<{ id: number; system: string; object: string; fields: string }>;
  for (const row of rows) {
    const verdict = recordPopulation(row.system, row.object, JSON.parse(row.fields) as Record<string, unknown>);
    if (!verdict) continue;
    verdicts.set(row.id, verdict);
    const key = row.object.toLowerCase();
    excludedByObject.set(key, (excludedByObject.get(key) ?? 0) + 1);
  }
  return { verdicts, excludedByObject };
}
