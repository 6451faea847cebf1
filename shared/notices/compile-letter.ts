import type { ElementCode } from '../contract/elements';
import { CONTACT_FIELDS, noticeContacts, type ContactField } from '../law/contacts/notice-contacts';
import type { RequiredItem, RequiredItemKind } from '../law/types';
import { ADVICE_TEXT } from './advice-text';
import { itemApplies, type LetterRules } from './letter-rules';
import type { NoticeFacts } from './notice-facts';
import { PLACEHOLDER_BY_NAME, PLACEHOLDER_PATTERN } from './placeholders';
import { elementsSentence, longDate, orderedElements, yourElement } from './reader-words';
import { parseTemplate, placeholdersIn, type TemplateParagraph } from './template-format';

/** One person's letter data. */
export interface LetterPerson {
  consumerId: number;
  name: string | null;
  /** Postal address lines in the jurisdiction; empty when none is known. */
  address: string[];
  email: string | null;
  elements: ElementCode[];
}

export type ParagraphStyle = 'title' | 'heading' | 'body' | 'bullet' | 'line';

export interface LetterParagraph {
  style: ParagraphStyle;
  text: string;
  /** Space before it: a new block or paragraph (false for the following lines of an address). */
  gap: boolean;
}

/**
 * A template compiled for one jurisdiction and case: runs of paragraphs that are the same in every letter
 * (`static`, laid out once by the PDF writer, shown only when `when` holds for the person), and the paragraphs
 * that name the person (`person`).
 */
export type LetterPiece =
  | { kind: 'static'; id: number; paragraphs: LetterParagraph[]; condition: PieceCondition | null }
  /** `merge`: the same paragraphs with mail-merge fields (MERGE_FIELDS) in place of the person's data. */
  | { kind: 'person'; render: (person: LetterPerson) => LetterParagraph[]; merge: LetterParagraph[] };

/** A block shown only to some people; `field` names the mail-merge column that says whether it applies. */
export interface PieceCondition {
  field: string;
  applies: (person: LetterPerson) => boolean;
}

/** The per-person mail-merge fields the email templates and the CSV share. */
export const MERGE_FIELDS = { name: 'recipient_name', reference: 'reference', elements: 'exposed_elements', address: ['address_line_1', 'address_line_2', 'address_line_3'] } as const;
const tag = (field: string) => `{{${field}}}`;

export interface CompiledLetter {
  title: string;
  pieces: LetterPiece[];
  /** Placeholders the template uses whose fact counsel has not stated (printed as a visible gap). */
  missing: string[];
}

export interface CaseContext {
  facts: NoticeFacts;
  rules: LetterRules;
  /** Residents receiving this notice (only printed if the template asks and the law allows). */
  residents: number;
}

const UNSTATED = (what: string) => `[${what} not stated — counsel must complete]`;

export function compileLetter(templateText: string, context: CaseContext): CompiledLetter {
  const { blocks } = parseTemplate(templateText);
  const missing = new Set<string>();
  const caseValue = caseValues(context, missing);
  const pieces: LetterPiece[] = [];
  let run: LetterParagraph[] = [];
  let nextId = 0;
  const flush = () => {
    if (run.length > 0) pieces.push({ kind: 'static', id: nextId++, paragraphs: run, condition: null });
    run = [];
  };
  const inline = (text: string) => text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => (PLACEHOLDER_BY_NAME.get(name)?.scope === 'case' ? caseValue.inline(name) : whole));
  let title = '';

  for (const block of blocks) {
    const styleOf = (p: TemplateParagraph): ParagraphStyle => (block.kind === 'title' ? 'title' : p.style === 'bullet' ? 'bullet' : p.style === 'line' ? 'line' : 'body');
    if (block.kind === 'section') run.push({ style: 'heading', text: block.heading ?? '', gap: true });
    block.paragraphs.forEach((paragraph, index) => {
      const gap = index === 0 ? block.kind !== 'section' : paragraph.style !== 'line' || block.paragraphs[index - 1]?.style === 'block';
      if (paragraph.style === 'block') {
        const withGap = (ps: LetterParagraph[]) => ps.map((p, i) => (i === 0 ? { ...p, gap: p.gap || gap } : p));
        if (paragraph.name === 'recipient.address' || paragraph.name === 'person.elements') {
          flush();
          const block = personBlock(paragraph.name);
          pieces.push({ kind: 'person', render: (person) => withGap(block.render(person)), merge: withGap(block.merge) });
          return;
        }
        const offer = paragraph.name === 'identity-protection.offer';
        const paragraphs = (offer ? identityOffer(context, missing) : caseValue.block(paragraph.name)).map((p, i) => (i === 0 ? { ...p, gap: true } : p));
        const condition = offer ? offerCondition(context.rules) : conditionFor(paragraph.name, context.rules);
        if (condition) {
          flush();
          pieces.push({ kind: 'static', id: nextId++, paragraphs, condition });
        } else run.push(...paragraphs);
        return;
      }
      const text = inline(paragraph.text);
      if (block.kind === 'title') title = text;
      if (placeholdersIn(text).length > 0) {
        flush();
        const style = styleOf(paragraph);
        pieces.push({ kind: 'person', render: (person) => [{ style, text: personInline(text, person), gap }], merge: [{ style, text: mergeInline(text), gap }] });
      } else {
        run.push({ style: styleOf(paragraph), text, gap });
      }
    });
    if (block.kind === 'recipient' || block.kind === 'letterhead') flush();
  }
  flush();
  return { title, pieces, missing: [...missing].sort() };
}

/** A person's letter as paragraphs, in order. */
export function letterParagraphs(letter: CompiledLetter, person: LetterPerson): LetterParagraph[] {
  return letter.pieces.flatMap((piece) => (piece.kind === 'person' ? piece.render(person) : !piece.condition || piece.condition.applies(person) ? piece.paragraphs : []));
}

/** The conditional blocks' mail-merge fields, in letter order. */
export function conditionFields(letter: CompiledLetter): PieceCondition[] {
  const seen = new Map<string, PieceCondition>();
  for (const piece of letter.pieces) if (piece.kind === 'static' && piece.condition && !seen.has(piece.condition.field)) seen.set(piece.condition.field, piece.condition);
  return [...seen.values()];
}

function caseValues(context: CaseContext, missing: Set<string>): { inline(name: string): string; block(name: string): LetterParagraph[] } {
  const { facts, rules } = context;
  const orUnstated = (value: string | null, name: string, what: string) => {
    if (value !== null && value !== '') return value;
    missing.add(name);
    return UNSTATED(what);
  };
  const contact = [facts.company.website, facts.company.email].filter((v): v is string => !!v).join(' or ');
  const body = (text: string): LetterParagraph[] => text.split(/\n\s*\n/).map((t) => ({ style: 'body' as const, text: t.replace(/\s*\n\s*/g, ' ').trim(), gap: true }));
  const inlineValues: Record<string, () => string> = {
    'company.name': () => facts.company.name,
    'company.phone': () => orUnstated(facts.company.tollFreePhone, 'company.phone', 'toll-free number'),
    'company.contact': () => orUnstated(contact, 'company.contact', 'website or email address'),
    'contact.name': () => orUnstated(facts.contact.name, 'contact.name', 'contact name'),
    'contact.title': () => orUnstated(facts.contact.title, 'contact.title', 'contact title'),
    'contact.phone': () => orUnstated(facts.contact.phone, 'contact.phone', 'contact phone'),
    'contact.email': () => orUnstated(facts.contact.email, 'contact.email', 'contact email'),
    'incident.dates': () => incidentDates(facts),
    'discovery.date': () => longDate(facts.discoveredDate),
    'notice.date': () => longDate(facts.noticeDate),
    'law-enforcement.delay': () => facts.lawEnforcementDelay ?? 'This notice was not delayed by a law enforcement investigation.',
    'residents.count': () => context.residents.toLocaleString('en-US'),
    'jurisdiction.name': () => rules.name,
  };
  return {
    inline: (name) => inlineValues[name]?.() ?? `{{${name}}}`,
    block: (name) => {
      if (name === 'company.address') return facts.company.address.map((text, i) => ({ style: 'line' as const, text, gap: i === 0 }));
      if (name === 'incident.description') return body(facts.whatHappened);
      if (name === 'actions.taken') return body(facts.whatWeAreDoing);
      if (ADVICE_TEXT[name]) {
        const kinds = PLACEHOLDER_BY_NAME.get(name)!.satisfies;
        return [...body(ADVICE_TEXT[name]), ...itemContacts(rules.items.filter((item) => kinds.includes(item.kind)), name, missing)];
      }
      if (name.startsWith('contacts.')) return contactsBlock(name, rules, missing);
      return [];
    },
  };
}

const CONTACT_KINDS: Readonly<Record<string, RequiredItemKind>> = {
  'contacts.cra': 'cra-contacts',
  'contacts.ftc': 'ftc-contact',
  'contacts.ag': 'state-ag-contact',
  'contacts.regulator': 'regulator-contact',
};

const FIELD_WORDS: Readonly<Record<ContactField, string>> = { address: 'postal address', phone: 'telephone number', website: 'website' };

/** Contact details are law data: the pack's item names entries of the contact directory, never text in code. */
function contactsBlock(name: string, rules: LetterRules, missing: Set<string>): LetterParagraph[] {
  const kind = CONTACT_KINDS[name]!;
  const lines = itemContacts(rules.items.filter((item) => item.kind === kind), name, missing);
  if (lines.length === 0) {
    missing.add(name);
    return [{ style: 'body', text: UNSTATED(`${PLACEHOLDER_BY_NAME.get(name)!.description.replace(/ \(from the rule pack\)$/, '')} (not in the rule pack)`), gap: true }];
  }
  return lines;
}

/**
 * The contacts the items name, each with the parts its law asks for (`contactFields`), one line each. A part no
 * source confirmed prints as a visible gap for counsel and is listed in `missing`.
 */
function itemContacts(items: readonly RequiredItem[], placeholder: string, missing: Set<string>): LetterParagraph[] {
  const directory = noticeContacts().contacts;
  const printed = new Set<string>();
  const out: LetterParagraph[] = [];
  for (const item of items) {
    for (const id of item.contacts ?? []) {
      if (printed.has(id)) continue;
      printed.add(id);
      const contact = directory.get(id);
      if (!contact) {
        missing.add(`${placeholder} (${id})`);
        out.push({ style: 'line', text: UNSTATED(`contact "${id}" (not in the contact directory)`), gap: true });
        continue;
      }
      const lines = [contact.name];
      for (const field of item.contactFields ?? CONTACT_FIELDS) {
        const value = contact[field];
        if (value === null) {
          missing.add(`${placeholder} (${contact.name}: ${FIELD_WORDS[field]})`);
          lines.push(UNSTATED(`${FIELD_WORDS[field]}`));
        } else lines.push(...(Array.isArray(value) ? value : [value]));
      }
      out.push(...lines.map((text, i) => ({ style: 'line' as const, text, gap: i === 0 })));
    }
  }
  return out;
}

const fieldName = (placeholder: string) => placeholder.replace(/[.-]/g, '_');

/** A block shown only to people whose exposed elements call for it (the pack's `whenExposed`). */
function conditionFor(name: string, rules: LetterRules): PieceCondition | null {
  const spec = PLACEHOLDER_BY_NAME.get(name)!;
  const items = rules.items.filter((item) => spec.satisfies.includes(item.kind));
  if (items.length === 0 || items.some((item) => !item.whenExposed)) return null;
  return { field: fieldName(name), applies: (person) => items.some((item) => itemApplies(item, person.elements)) };
}

/** The identity-protection offer goes to people with an element the pack's rule (or item) names; with neither, to everyone. */
function offerCondition(rules: LetterRules): PieceCondition | null {
  const item = rules.items.find((i) => i.kind === 'identity-protection-offer');
  const triggers = rules.identityProtection?.whenExposed ?? item?.whenExposed ?? null;
  return triggers === null ? null : { field: fieldName('identity-protection.offer'), applies: (person) => triggers.some((code) => person.elements.includes(code)) };
}

function personBlock(name: 'recipient.address' | 'person.elements'): { render: (person: LetterPerson) => LetterParagraph[]; merge: LetterParagraph[] } {
  if (name === 'recipient.address') {
    return {
      render: (person) => person.address.map((text, i) => ({ style: 'line', text, gap: i === 0 })),
      merge: MERGE_FIELDS.address.map((field, i) => ({ style: 'line', text: tag(field), gap: i === 0 })),
    };
  }
  return {
    render: (person) => orderedElements(person.elements).map((code) => ({ style: 'bullet', text: capitalise(yourElement(code)), gap: false })),
    merge: [{ style: 'body', text: tag(MERGE_FIELDS.elements), gap: false }],
  };
}

function identityOffer(context: CaseContext, missing: Set<string>): LetterParagraph[] {
  const offer = context.facts.identityProtection;
  const required = context.rules.identityProtection?.months ?? null;
  if (!offer) {
    missing.add('identity-protection.offer');
    return [{ style: 'body', text: UNSTATED(`identity-protection offer${required ? ` (${required} months required)` : ''}`), gap: true }];
  }
  const months = offer.months ?? required;
  const how = [offer.url ? `visit ${offer.url}` : null, offer.phone ? `call ${offer.phone}` : null].filter(Boolean).join(' or ');
  const sentences = [
    `We are offering you ${months ? `${months} months of ` : ''}identity-protection services from ${offer.provider}, at no cost to you.`,
    how ? `To enroll, ${how}${offer.enrollBy ? ` by ${longDate(offer.enrollBy)}` : ''}.` : offer.enrollBy ? `Please enroll by ${longDate(offer.enrollBy)}.` : '',
    offer.instructions ?? '',
  ].filter((s) => s !== '');
  return [{ style: 'body', text: sentences.join(' '), gap: true }];
}

function personInline(text: string, person: LetterPerson): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    if (name === 'recipient.name') return person.name ?? 'Customer';
    if (name === 'recipient.reference') return String(person.consumerId);
    if (name === 'person.elements-text') return elementsSentence(orderedElements(person.elements));
    return whole;
  });
}

function mergeInline(text: string): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    if (name === 'recipient.name') return tag(MERGE_FIELDS.name);
    if (name === 'recipient.reference') return tag(MERGE_FIELDS.reference);
    if (name === 'person.elements-text') return tag(MERGE_FIELDS.elements);
    return whole;
  });
}

/** The mail-merge values of one person (the same fields `merge` paragraphs name). */
export function mergeValues(person: LetterPerson): Record<string, string> {
  const address = MERGE_FIELDS.address.map((_, i) => person.address[i] ?? '');
  if (person.address.length > MERGE_FIELDS.address.length) address[MERGE_FIELDS.address.length - 1] = person.address.slice(MERGE_FIELDS.address.length - 1).join(', ');
  return {
    [MERGE_FIELDS.name]: person.name ?? 'Customer',
    [MERGE_FIELDS.reference]: String(person.consumerId),
    [MERGE_FIELDS.elements]: elementsSentence(orderedElements(person.elements)),
    ...Object.fromEntries(MERGE_FIELDS.address.map((field, i) => [field, address[i]!])),
  };
}

function incidentDates(facts: NoticeFacts): string {
  const { start, end } = facts.incident;
  if (!start) return 'on a date we have not yet been able to determine';
  if (!end || end === start) return `on ${longDate(start)}`;
  return `between ${longDate(start)} and ${longDate(end)}`;
}

function capitalise(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

