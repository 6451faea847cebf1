import { Checker, join } from './checker';
import { CONFIDENCES, type Confidence } from './types';

export const SUBMISSION_FORM_SCHEMA_ID = 'breach-ledger/submission-form@1';

/** Where a field's value comes from: a case notice fact, the analysis, the obligations report, or counsel alone. */
export const FILL_SOURCES = [
  'organization.name',
  'organization.address',
  'contact.name',
  'contact.title',
  'contact.phone',
  'contact.email',
  'breach.dates',
  'breach.discovered',
  'breach.description',
  'elements.exposed',
  'residents.affected',
  'residents.notified',
  'persons.affected',
  'notice.date',
  'notice.methods',
  'measures.taken',
  'measures.planned',
  'measures.taken-and-planned',
  'law-enforcement.engaged',
  'security-program.wisp',
  'identity-protection',
  'counsel',
] as const;
export type FillSource = (typeof FILL_SOURCES)[number];

export const SUBMISSION_PARTIES = ['regulator', 'consumer-reporting-agencies'] as const;
export type SubmissionParty = (typeof SUBMISSION_PARTIES)[number];

export interface FormSource {
  id: string;
  citation: string;
  url: string;
  confidence: Confidence;
  note?: string;
}

export interface FormRecipient {
  id: string;
  name: string;
  channel: string;
  url: string;
}

export interface FormField {
  id: string;
  label: string;
  fill: FillSource;
  /** Absent only on a generic form, whose fields cite the rule pack's duty. */
  citation?: string;
  sourceIds?: string[];
  note?: string;
}

/**
 * What one agency's submission asks for. A form for a jurisdiction (`US-TX`) names its recipients and cites
 * every field; a generic form (`*`) is used where none is recorded, its recipient and citation from the pack.
 */
export interface SubmissionForm {
  schema: typeof SUBMISSION_FORM_SCHEMA_ID;
  id: string;
  jurisdiction: string;
  party: SubmissionParty;
  title: string;
  version: string;
  effectiveFrom: string;
  to?: string;
  lastReviewed: string;
  citation: string;
  sourceIds: string[];
  sources: FormSource[];
  recipients: FormRecipient[];
  templateCopy?: { label: string; citation?: string; sourceIds?: string[] };
  fields: FormField[];
  notes: string[];
}

export const GENERIC_JURISDICTION = '*';
const JURISDICTION = /^(?:\*|US-(?:[A-Z]{2}|(?:FED|SECTOR)-[A-Z0-9]+(?:-[A-Z0-9]+)*))$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const URL_PATTERN = /^https?:\/\/\S+$/;

export type FormValidation = { ok: true; form: SubmissionForm } | { ok: false; errors: string[] };

/** Checks a parsed form field by field, reporting every problem with the file name and JSON path. */
export function validateSubmissionForm(value: unknown, fileName: string): FormValidation {
  const check = new Checker(fileName);
  const required = ['schema', 'id', 'jurisdiction', 'party', 'title', 'version', 'effectiveFrom', 'lastReviewed', 'citation', 'sourceIds', 'sources', 'recipients', 'fields', 'notes'];
  if (!check.object(value, '', required, ['to', 'templateCopy'])) return { ok: false, errors: check.errors };
  const form = value;
  if (form.schema !== SUBMISSION_FORM_SCHEMA_ID) check.fail('schema', `expected "${SUBMISSION_FORM_SCHEMA_ID}"`, form.schema);
  if (typeof form.id !== 'string' || !ID.test(form.id)) check.fail('id', 'expected a lower-case id like "us-tx-ag-data-breach-report"', form.id);
  if (typeof form.jurisdiction !== 'string' || !JURISDICTION.test(form.jurisdiction)) check.fail('jurisdiction', 'expected a code like US-TX, or "*" for a generic form', form.jurisdiction);
  const generic = form.jurisdiction === GENERIC_JURISDICTION;
  check.oneOf(form.party, 'party', SUBMISSION_PARTIES);
  check.string(form.title, 'title');
  if (typeof form.version !== 'string' || !VERSION.test(form.version)) check.fail('version', 'expected MAJOR.MINOR.PATCH', form.version);
  if (check.date(form.effectiveFrom, 'effectiveFrom') && check.optionalDate(form.to, 'to') && typeof form.to === 'string' && form.to < form.effectiveFrom) {
    check.fail('to', `is before effectiveFrom ${form.effectiveFrom}`, form.to);
  }
  check.date(form.lastReviewed, 'lastReviewed');
  check.string(form.citation, 'citation');

  const sourceIds = new Set<string>();
  if (check.array(form.sources, 'sources', !generic)) {
    form.sources.forEach((source, i) => {
      const path = `sources[${i}]`;
      if (!check.object(source, path, ['id', 'citation', 'url', 'confidence'], ['note'])) return;
      if (typeof source.id !== 'string' || !ID.test(source.id)) check.fail(join(path, 'id'), 'expected a lower-case id', source.id);
      else if (sourceIds.has(source.id)) check.fail(join(path, 'id'), 'is a duplicate', source.id);
      else sourceIds.add(source.id);
      check.string(source.citation, join(path, 'citation'));
      if (typeof source.url !== 'string' || !URL_PATTERN.test(source.url)) check.fail(join(path, 'url'), 'expected an http(s) URL', source.url);
      check.oneOf(source.confidence, join(path, 'confidence'), CONFIDENCES);
      check.optionalString(source.note, join(path, 'note'));
    });
  }
  const cited = (ids: unknown, path: string, mustCite: boolean): void => {
    if (ids === undefined && !mustCite) return;
    if (!check.array(ids, path, mustCite)) return;
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !sourceIds.has(id)) check.fail(`${path}[${i}]`, `is not an id declared in sources (${[...sourceIds].join(', ')})`, id);
    });
  };
  cited(form.sourceIds, 'sourceIds', !generic);

  if (check.array(form.recipients, 'recipients', !generic || form.party === 'consumer-reporting-agencies')) {
    const ids = new Set<string>();
    form.recipients.forEach((recipient, i) => {
      const path = `recipients[${i}]`;
      if (!check.object(recipient, path, ['id', 'name', 'channel', 'url'])) return;
      if (typeof recipient.id !== 'string' || !ID.test(recipient.id)) check.fail(join(path, 'id'), 'expected a lower-case id', recipient.id);
      else if (ids.has(recipient.id)) check.fail(join(path, 'id'), 'is a duplicate', recipient.id);
      else ids.add(recipient.id);
      check.string(recipient.name, join(path, 'name'));
      check.string(recipient.channel, join(path, 'channel'));
      if (typeof recipient.url !== 'string' || !URL_PATTERN.test(recipient.url)) check.fail(join(path, 'url'), 'expected an http(s) URL', recipient.url);
    });
  }

  if (form.templateCopy !== undefined && check.object(form.templateCopy, 'templateCopy', ['label'], ['citation', 'sourceIds'])) {
    check.string(form.templateCopy.label, 'templateCopy.label');
    if (!generic || form.templateCopy.citation !== undefined) check.string(form.templateCopy.citation, 'templateCopy.citation');
    cited(form.templateCopy.sourceIds, 'templateCopy.sourceIds', !generic);
  }

  if (check.array(form.fields, 'fields', true)) {
    const ids = new Set<string>();
    form.fields.forEach((field, i) => {
      const path = `fields[${i}]`;
      if (!check.object(field, path, ['id', 'label', 'fill'], ['citation', 'sourceIds', 'note'])) return;
      if (typeof field.id !== 'string' || !ID.test(field.id)) check.fail(join(path, 'id'), 'expected a lower-case id', field.id);
      else if (ids.has(field.id)) check.fail(join(path, 'id'), 'is a duplicate', field.id);
      else ids.add(field.id);
      check.string(field.label, join(path, 'label'));
      check.oneOf(field.fill, join(path, 'fill'), FILL_SOURCES);
      if (!generic || field.citation !== undefined) check.string(field.citation, join(path, 'citation'));
      cited(field.sourceIds, join(path, 'sourceIds'), !generic);
      check.optionalString(field.note, join(path, 'note'));
    });
  }
  if (check.array(form.notes, 'notes', false)) form.notes.forEach((note, i) => check.string(note, `notes[${i}]`));
  return check.errors.length === 0 ? { ok: true, form: form as unknown as SubmissionForm } : { ok: false, errors: check.errors };
}
