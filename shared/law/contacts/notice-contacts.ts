import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LedgerError } from '../../contract/errors';
import { sha256Hex } from '../../util/hash';
import { Checker, join } from '../checker';
import { CONFIDENCES, type Confidence, type IsoDate } from '../types';

export const NOTICE_CONTACTS_SCHEMA_ID = 'breach-ledger/notice-contacts@1';
export const DEFAULT_NOTICE_CONTACTS_FILE = fileURLToPath(new URL('./notice-contacts.json', import.meta.url));

export type NoticeContactKind = 'federal-agency' | 'consumer-reporting-agency' | 'state-attorney-general' | 'state-agency';
const CONTACT_KINDS: readonly NoticeContactKind[] = ['federal-agency', 'consumer-reporting-agency', 'state-attorney-general', 'state-agency'];

/** The parts of a contact a letter can print; a rule pack item names the ones its law requires. */
export type ContactField = 'address' | 'phone' | 'website';
export const CONTACT_FIELDS: readonly ContactField[] = ['address', 'phone', 'website'];

/** An agency's published contact details. A field no source confirmed is null: letters print a gap for counsel, never a guess. */
export interface NoticeContact {
  id: string;
  kind: NoticeContactKind;
  name: string;
  address: string[] | null;
  phone: string | null;
  website: string | null;
  sourceIds: string[];
  confidence: Confidence;
  note?: string;
}

export interface ContactSource {
  id: string;
  citation: string;
  url: string;
  retrieved: IsoDate;
  confidence: Confidence;
  note?: string;
}

export interface NoticeContacts {
  version: string;
  lastReviewed: IsoDate;
  sha256: string;
  sources: ContactSource[];
  contacts: ReadonlyMap<string, NoticeContact>;
}

const ID = /^[a-z0-9][a-z0-9.+-]*$/;

/** Validates the contact directory: every field known, every contact cited, ids unique. */
export function parseNoticeContacts(bytes: Buffer, file: string): NoticeContacts | { errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { errors: [`${file}: not valid JSON: ${(error as Error).message}`] };
  }
  const check = new Checker(file);
  if (!check.object(json, '', ['schema', 'version', 'lastReviewed', 'sources', 'contacts'], ['note'])) return { errors: check.errors };
  if (json.schema !== NOTICE_CONTACTS_SCHEMA_ID) check.fail('schema', `expected "${NOTICE_CONTACTS_SCHEMA_ID}"`, json.schema);
  if (typeof json.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(json.version)) check.fail('version', 'expected MAJOR.MINOR.PATCH', json.version);
  check.date(json.lastReviewed, 'lastReviewed');
  const sourceIds = new Set<string>();
  if (check.array(json.sources, 'sources', true)) {
    json.sources.forEach((source, i) => {
      const path = `sources[${i}]`;
      if (!check.object(source, path, ['id', 'citation', 'url', 'retrieved', 'confidence'], ['note'])) return;
      if (typeof source.id !== 'string' || !ID.test(source.id)) check.fail(join(path, 'id'), 'expected a lower-case id', source.id);
      else if (sourceIds.has(source.id)) check.fail(join(path, 'id'), 'is a duplicate', source.id);
      else sourceIds.add(source.id);
      check.string(source.citation, join(path, 'citation'));
      if (typeof source.url !== 'string' || !/^https?:\/\/\S+$/.test(source.url)) check.fail(join(path, 'url'), 'expected an http(s) URL', source.url);
      check.date(source.retrieved, join(path, 'retrieved'));
      check.oneOf(source.confidence, join(path, 'confidence'), CONFIDENCES);
      check.optionalString(source.note, join(path, 'note'));
    });
  }
  const contacts = new Map<string, NoticeContact>();
  if (check.array(json.contacts, 'contacts', true)) {
    json.contacts.forEach((contact, i) => {
      const path = `contacts[${i}]`;
      if (!check.object(contact, path, ['id', 'kind', 'name', 'address', 'phone', 'website', 'sourceIds', 'confidence'], ['note'])) return;
      let ok = true;
      if (typeof contact.id !== 'string' || !ID.test(contact.id)) ok = check.fail(join(path, 'id'), 'expected a lower-case id', contact.id);
      else if (contacts.has(contact.id)) ok = check.fail(join(path, 'id'), 'is a duplicate', contact.id);
      ok = check.oneOf(contact.kind, join(path, 'kind'), CONTACT_KINDS) && ok;
      ok = check.string(contact.name, join(path, 'name')) && ok;
      if (contact.address !== null && !(Array.isArray(contact.address) && contact.address.length > 0 && contact.address.every((line) => typeof line === 'string' && line.trim() !== ''))) {
        ok = check.fail(join(path, 'address'), 'expected null (not confirmed) or non-empty lines', contact.address);
      }
      for (const field of ['phone', 'website'] as const) if (contact[field] !== null) ok = check.string(contact[field], join(path, field)) && ok;
      if (contact.address === null && contact.phone === null && contact.website === null) ok = check.fail(path, 'confirms nothing: leave the contact out instead');
      if (check.array(contact.sourceIds, join(path, 'sourceIds'), true)) {
        contact.sourceIds.forEach((id, j) => {
          if (typeof id !== 'string' || !sourceIds.has(id)) ok = check.fail(`${join(path, 'sourceIds')}[${j}]`, 'expected a declared source id', id);
        });
      } else ok = false;
      ok = check.oneOf(contact.confidence, join(path, 'confidence'), CONFIDENCES) && ok;
      ok = check.optionalString(contact.note, join(path, 'note')) && ok;
      if (ok) contacts.set(contact.id as string, contact as unknown as NoticeContact);
    });
  }
  if (check.errors.length > 0) return { errors: check.errors };
  return {
    version: json.version as string,
    lastReviewed: json.lastReviewed as IsoDate,
    sha256: sha256Hex(bytes),
    sources: json.sources as ContactSource[],
    contacts,
  };
}

let loaded: NoticeContacts | null = null;

/** The shipped contact directory, read and validated once. */
export function noticeContacts(): NoticeContacts {
  if (loaded) return loaded;
  const result = parseNoticeContacts(readFileSync(DEFAULT_NOTICE_CONTACTS_FILE), 'notice-contacts.json');
  if ('errors' in result) throw new LedgerError('INVALID_INPUT', `The notice contact directory is invalid: ${result.errors.join('; ')}.`, { errors: result.errors });
  loaded = result;
  return loaded;
}
