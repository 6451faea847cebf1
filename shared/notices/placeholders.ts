import type { ForbiddenItemKind, RequiredItemKind } from '../law/types';

/**
 * The placeholders a notice template may use. `case` ones are the same in every letter of a jurisdiction; `person`
 * ones differ per letter. A `block` placeholder stands alone on its line and becomes whole paragraphs (or nothing,
 * when it does not apply to the person); the others are replaced inside a sentence.
 */
export interface PlaceholderSpec {
  name: string;
  scope: 'case' | 'person';
  block: boolean;
  description: string;
  /** Required-content kinds of the rule packs this placeholder puts in the letter. */
  satisfies: readonly RequiredItemKind[];
  /** Forbidden-content kinds this placeholder would put in the letter. */
  states?: ForbiddenItemKind;
}

const spec = (name: string, scope: 'case' | 'person', block: boolean, description: string, satisfies: RequiredItemKind[] = [], states?: ForbiddenItemKind): PlaceholderSpec => ({
  name,
  scope,
  block,
  description,
  satisfies,
  ...(states ? { states } : {}),
});

export const PLACEHOLDERS: readonly PlaceholderSpec[] = [
  spec('company.name', 'case', false, 'the notifying company', ['business-contact']),
  spec('company.address', 'case', true, "the company's postal address, one line each", ['business-contact']),
  spec('company.phone', 'case', false, "the company's toll-free number", ['toll-free-number', 'business-contact']),
  spec('company.contact', 'case', false, "the company's website and email address", ['business-contact']),
  spec('contact.name', 'case', false, 'the contact person'),
  spec('contact.title', 'case', false, "the contact person's title"),
  spec('contact.phone', 'case', false, "the contact person's phone"),
  spec('contact.email', 'case', false, "the contact person's email"),
  spec('incident.dates', 'case', false, 'when the breach occurred ("on June 16, 2025", "between ... and ...")', ['breach-date']),
  spec('discovery.date', 'case', false, 'the date the breach was discovered'),
  spec('notice.date', 'case', false, 'the date of the notice', ['notice-date']),
  spec('incident.description', 'case', true, "counsel's description of what happened", ['incident-description'], 'nature-of-breach'),
  spec('actions.taken', 'case', true, 'what the company is doing', ['actions-taken']),
  spec('law-enforcement.delay', 'case', false, 'whether notice was delayed by a law-enforcement investigation', ['law-enforcement-delay']),
  spec('residents.count', 'case', false, 'how many residents of the jurisdiction receive this notice', [], 'resident-count'),
  spec('jurisdiction.name', 'case', false, 'the state or territory'),
  spec('contacts.cra', 'case', true, 'the consumer reporting agencies: names, addresses, toll-free numbers (from the rule pack)', ['cra-contacts']),
  spec('contacts.ftc', 'case', true, 'the Federal Trade Commission: address, toll-free number, website (from the rule pack)', ['ftc-contact']),
  spec('contacts.ag', 'case', true, "the state Attorney General's contact details (from the rule pack)", ['state-ag-contact']),
  spec('contacts.regulator', 'case', true, "another agency's contact details (from the rule pack)", ['regulator-contact']),
  spec('advice.vigilance', 'case', true, 'advice to remain vigilant: review statements and credit reports', ['remain-vigilant-advice']),
  spec('advice.protective-steps', 'case', true, 'steps the person can take to protect themselves', ['protective-steps-advice']),
  spec('advice.report-identity-theft', 'case', true, 'how to report suspected identity theft', ['report-identity-theft-advice']),
  spec('advice.credit-freeze', 'case', true, 'the right to place a security freeze, free of charge', ['credit-freeze-rights']),
  spec('advice.fraud-alert', 'case', true, 'the right to place a fraud alert', ['fraud-alert-rights']),
  spec('advice.fcra-rights', 'case', true, 'rights under the Fair Credit Reporting Act', ['fcra-rights']),
  spec('advice.police-report', 'case', true, 'the right to obtain a police report', ['police-report-right']),
  spec('advice.credentials', 'case', true, 'advice to change passwords and security questions', ['credential-change-advice']),
  spec('advice.biometric', 'case', true, 'how to tell others relying on the same biometric data', ['biometric-reliance']),
  spec('identity-protection.offer', 'person', true, 'the identity-protection offer, for a person whose exposed elements call for it', ['identity-protection-offer']),
  spec('recipient.name', 'person', false, "the person's name"),
  spec('recipient.address', 'person', true, "the person's postal address in the jurisdiction"),
  spec('recipient.reference', 'person', false, 'a reference for the letter (the consumer id), for the mail house and the call centre'),
  spec('person.elements', 'person', true, "the person's exposed information as a list (\"your Social Security number\")", ['elements-involved']),
  spec('person.elements-text', 'person', false, "the person's exposed information in a sentence", ['elements-involved']),
];

export const PLACEHOLDER_BY_NAME: ReadonlyMap<string, PlaceholderSpec> = new Map(PLACEHOLDERS.map((p) => [p.name, p]));

/** `{{ name }}` — names are lower case with dots and dashes. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;
