import { LedgerError } from '../contract/errors';
import { isIsoDate } from '../law/dates';
import { ELECTRONIC_CONDITION_KINDS, type ElectronicConditionKind, type IsoDate } from '../law/types';
import { WRITTEN_NOTICE, type NoticeMethodChoice } from './notice-method';

/** What counsel states about the breach for the letters: the company, the dates, and the words of the notice. */
export interface NoticeFacts {
  company: { name: string; address: string[]; tollFreePhone: string | null; website: string | null; email: string | null };
  contact: { name: string | null; title: string | null; phone: string | null; email: string | null };
  /** The date or date range of the breach, when known. */
  incident: { start: IsoDate | null; end: IsoDate | null };
  discoveredDate: IsoDate;
  /** The date printed on the letters; also the PDF's creation date, so the same facts give the same bytes. */
  noticeDate: IsoDate;
  /** Counsel's description of the incident. Never printed where the pack forbids stating the nature of the breach. */
  whatHappened: string;
  whatWeAreDoing: string;
  /** Null: notice was not delayed by a law-enforcement investigation. */
  lawEnforcementDelay: string | null;
  identityProtection: IdentityProtectionOffer | null;
  /** How notice is given; absent in facts recorded before it existed, which mean written notice. */
  method: NoticeMethodChoice;
}

export interface IdentityProtectionOffer {
  provider: string;
  /** Null: the length the pack requires is printed. */
  months: number | null;
  enrollBy: IsoDate | null;
  url: string | null;
  phone: string | null;
  instructions: string | null;
}

/**
 * Checks counsel's facts (JSON as given to the CLI or the app) and returns them in canonical form; throws
 * INVALID_INPUT naming every bad field. `defaultDiscovered` is the case's discovery date.
 */
export function parseNoticeFacts(input: unknown, defaultDiscovered: IsoDate | null): NoticeFacts {
  const errors: string[] = [];
  const root = record(input, 'facts', errors);
  const company = record(root.company, 'company', errors);
  const contact = root.contact === undefined || root.contact === null ? {} : record(root.contact, 'contact', errors);
  const incident = root.incident === undefined || root.incident === null ? {} : record(root.incident, 'incident', errors);
  const address = company.address;
  const addressLines = Array.isArray(address) ? address : typeof address === 'string' ? address.split(/\r?\n/) : null;
  if (!addressLines || addressLines.some((line) => typeof line !== 'string') || addressLines.every((line) => (line as string).trim() === '')) {
    errors.push('company.address: give the postal address as a list of lines (or one string with line breaks)');
  }
  const facts: NoticeFacts = {
    company: {
      name: text(company.name, 'company.name', errors),
      address: (addressLines ?? []).map((line) => String(line).trim()).filter((line) => line !== ''),
      tollFreePhone: optionalText(company.tollFreePhone, 'company.tollFreePhone', errors),
      website: optionalText(company.website, 'company.website', errors),
      email: optionalText(company.email, 'company.email', errors),
    },
    contact: {
      name: optionalText(contact.name, 'contact.name', errors),
      title: optionalText(contact.title, 'contact.title', errors),
      phone: optionalText(contact.phone, 'contact.phone', errors),
      email: optionalText(contact.email, 'contact.email', errors),
    },
    incident: { start: optionalDate(incident.start, 'incident.start', errors), end: optionalDate(incident.end, 'incident.end', errors) },
    discoveredDate: date(root.discoveredDate ?? defaultDiscovered, 'discoveredDate', errors, 'the case has no discovery date: give discoveredDate'),
    noticeDate: date(root.noticeDate, 'noticeDate', errors),
    whatHappened: text(root.whatHappened, 'whatHappened', errors),
    whatWeAreDoing: text(root.whatWeAreDoing, 'whatWeAreDoing', errors),
    lawEnforcementDelay: optionalText(root.lawEnforcementDelay, 'lawEnforcementDelay', errors),
    identityProtection: root.identityProtection === undefined || root.identityProtection === null ? null : offer(root.identityProtection, errors),
    method: root.method === undefined || root.method === null ? WRITTEN_NOTICE : method(root.method, errors),
  };
  if (facts.incident.start && facts.incident.end && facts.incident.end < facts.incident.start) errors.push('incident.end: is before incident.start');
  if (facts.incident.end && !facts.incident.start) errors.push('incident.start: give the start when an end is given (the same date for one day)');
  if (facts.noticeDate < facts.discoveredDate && errors.length === 0) errors.push(`noticeDate: ${facts.noticeDate} is before the discovery date ${facts.discoveredDate}`);
  if (errors.length > 0) throw new LedgerError('INVALID_INPUT', `The notice facts are incomplete or invalid: ${errors.join('; ')}.`, { errors });
  return facts;
}

function offer(value: unknown, errors: string[]): IdentityProtectionOffer {
  const o = record(value, 'identityProtection', errors);
  const months = o.months;
  if (months !== undefined && months !== null && !(Number.isInteger(months) && (months as number) > 0 && (months as number) <= 120)) {
    errors.push('identityProtection.months: a whole number of months from 1 to 120, or null for the length the law requires');
  }
  return {
    provider: text(o.provider, 'identityProtection.provider', errors),
    months: typeof months === 'number' && Number.isInteger(months) ? months : null,
    enrollBy: optionalDate(o.enrollBy, 'identityProtection.enrollBy', errors),
    url: optionalText(o.url, 'identityProtection.url', errors),
    phone: optionalText(o.phone, 'identityProtection.phone', errors),
    instructions: optionalText(o.instructions, 'identityProtection.instructions', errors),
  };
}

function method(value: unknown, errors: string[]): NoticeMethodChoice {
  const m = record(value, 'method', errors);
  if (m.kind === 'written') return WRITTEN_NOTICE;
  if (m.kind === 'electronic') {
    const conditions = m.conditions ?? [];
    if (!Array.isArray(conditions) || conditions.some((c) => !ELECTRONIC_CONDITION_KINDS.includes(c as ElectronicConditionKind))) {
      errors.push(`method.conditions: a list of ${ELECTRONIC_CONDITION_KINDS.join(', ')} (the conditions of electronic notice that hold)`);
      return { kind: 'electronic', conditions: [] };
    }
    return { kind: 'electronic', conditions: [...new Set(conditions as ElectronicConditionKind[])].sort() };
  }
  if (m.kind === 'substitute') {
    const cost = m.writtenNoticeCostUsd;
    if (cost !== undefined && cost !== null && !(typeof cost === 'number' && Number.isFinite(cost) && cost >= 0)) errors.push('method.writtenNoticeCostUsd: the estimated cost of written notice in US dollars, or null');
    if (m.insufficientContact !== undefined && typeof m.insufficientContact !== 'boolean') errors.push('method.insufficientContact: true or false');
    return { kind: 'substitute', writtenNoticeCostUsd: typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : null, insufficientContact: m.insufficientContact === true };
  }
  errors.push(`method.kind: one of written, electronic, substitute${m.kind === undefined ? '' : `, got ${JSON.stringify(m.kind)}`}`);
  return WRITTEN_NOTICE;
}

function record(value: unknown, name: string, errors: string[]): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  errors.push(`${name}: must be an object`);
  return {};
}

function text(value: unknown, name: string, errors: string[]): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  errors.push(`${name}: required text is missing`);
  return '';
}

function optionalText(value: unknown, name: string, errors: string[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  errors.push(`${name}: must be text or null`);
  return null;
}

function date(value: unknown, name: string, errors: string[], missing = 'required date YYYY-MM-DD is missing'): IsoDate {
  if (isIsoDate(value)) return value;
  errors.push(`${name}: ${value === undefined || value === null ? missing : `${JSON.stringify(value)} is not a date YYYY-MM-DD`}`);
  return '0000-01-01';
}

function optionalDate(value: unknown, name: string, errors: string[]): IsoDate | null {
  if (value === undefined || value === null || value === '') return null;
  return date(value, name, errors);
}
