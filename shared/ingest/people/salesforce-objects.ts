import type { RawAddress } from '../../normalize/address';
import { toId18 } from '../../util/salesforce-id';
import type { SubjectLink, SubjectLinkType } from '../parser';
import { fieldHeader, type FieldHeader, type FieldReader } from './field-reader';
import type { RawIdentity } from './subject';

/** Key prefixes of the standard objects that hold people or point at them (formats.md §7). */
const OBJECT_BY_PREFIX: Readonly<Record<string, string>> = {
  '001': 'Account', '003': 'Contact', '005': 'User', '00Q': 'Lead', '500': 'Case', '801': 'Order', '802': 'OrderItem',
  '006': 'Opportunity', '00T': 'Task', '00U': 'Event', '02s': 'EmailMessage', '701': 'Campaign', '00v': 'CampaignMember',
  '800': 'Contract', '00P': 'Attachment', '068': 'ContentVersion', '069': 'ContentDocument', '015': 'Document',
};
const KNOWN_OBJECTS = new Set([...Object.values(OBJECT_BY_PREFIX), 'CaseComment', 'CaseHistory', 'Individual', 'Asset', 'Quote', 'Note']);

export function objectFromId(id: string | null | undefined): string | null {
  return id && id.length >= 3 ? (OBJECT_BY_PREFIX[id.slice(0, 3)] ?? null) : null;
}

/** The object a Data Export file name names (`Contact.csv`, `Invoice__c.csv`), or null for names like `extract.csv`. */
export function objectFromFileName(fileName: string): string | null {
  const stem = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.csv$/i, '');
  if (KNOWN_OBJECTS.has(stem) || /^[A-Za-z][A-Za-z0-9_]*__(?:c|x|b|e|mdt)$/.test(stem)) return stem;
  return null;
}

/** Salesforce writes person objects' addresses as prefix + these suffixes. */
const ADDRESS_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['Mailing', 'mailing'], ['Other', 'other'], ['PersonMailing', 'mailing'], ['PersonOther', 'other'],
  ['Billing', 'billing'], ['Shipping', 'shipping'], ['', 'default'],
];

const ADDRESS_FIELDS = ADDRESS_PREFIXES.map(([prefix, kind]) => ({
  kind,
  names: ['Street', 'City', 'State', 'StateCode', 'PostalCode', 'Country', 'CountryCode'].map((suffix) => `${prefix}${suffix}`),
}));

/** Addresses under the prefixes the header has: the others would be all blank, which normalizes to no address. */
function addresses(header: FieldHeader, get: FieldReader): RawAddress[] {
  const found: RawAddress[] = [];
  for (const { kind, names } of ADDRESS_FIELDS) {
    if (!header.hasAny(names)) continue;
    const [street, city, state, stateCode, postalCode, country, countryCode] = names.map((name) => get(name));
    found.push({ kind, street: [street], city, state, stateCode, postalCode, country, countryCode });
  }
  return found;
}

/** Reference fields kept as links, per object; `*` applies to every object. */
const LINK_FIELDS: ReadonlyArray<readonly [string, string, SubjectLinkType]> = [
  ['Account', 'PersonContactId', 'person_contact'],
  ['Lead', 'ConvertedContactId', 'converted_contact'],
  ['Lead', 'ConvertedAccountId', 'account'],
  ['Case', 'ContactId', 'case_contact'],
  ['Order', 'BillToContactId', 'order_bill_to'],
  ['*', 'AccountId', 'account'],
];

function links(objectType: string, get: FieldReader): SubjectLink[] {
  const found: SubjectLink[] = [];
  for (const [object, field, type] of LINK_FIELDS) {
    if (object !== '*' && object !== objectType) continue;
    const targetId = toId18(get(field));
    if (targetId) found.push({ type, targetId });
  }
  return found;
}

const PERSON_NAMED = new Set(['Contact', 'Lead', 'User']);

function isPersonAccount(get: FieldReader): boolean {
  const flag = get('IsPersonAccount')?.toLowerCase();
  return flag === '1' || flag === 'true' || get('PersonContactId') !== null;
}

/** Identity fields of one Salesforce record, by field API name, for any object. */
export function salesforceIdentity(objectType: string, fields: Record<string, string>): RawIdentity {
  const header = fieldHeader(fields);
  const get = header.reader(fields);
  const personName = PERSON_NAMED.has(objectType) || (objectType === 'Account' && isPersonAccount(get));
  return {
    first: get('FirstName'),
    middle: get('MiddleName'),
    last: get('LastName'),
    full: get('SuppliedName') ?? (personName ? get('Name') : null),
    emails: [get('Email'), get('PersonEmail'), get('SuppliedEmail')],
    phones: [get('MobilePhone'), get('PersonMobilePhone'), get('Phone'), get('HomePhone'), get('PersonHomePhone'), get('SuppliedPhone'), get('OtherPhone'), get('PersonOtherPhone')],
    birthDate: get('Birthdate') ?? get('PersonBirthdate'),
    updatedAt: get('LastModifiedDate') ?? get('SystemModstamp'),
    addresses: addresses(header, get),
    links: links(objectType, get),
  };
}
