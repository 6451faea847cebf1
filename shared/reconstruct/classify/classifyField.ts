/** Decides once per (object, field) which element a field holds, from its name and a sample of its values. */
import type { ElementCode } from '../../contract/elements';
import { ELEMENT_LABELS } from '../../contract/elements';
import {
  findCardNumbers,
  findSsns,
  isCardNumber,
  isEmailAddress,
  isSecurityQuestionAndAnswer,
  isValidSsn,
  passwordHashKind,
} from './contentRules';
import { elementByName, fieldContext } from './fieldName';

export type ClassifiedBy = 'name' | 'content' | 'name+content' | 'override';

export interface FieldVerdict {
  readonly element: ElementCode | null;
  readonly by: Exclude<ClassifiedBy, 'override'>;
  readonly reason: string;
}

export interface FieldClassification {
  readonly objectType: string;
  readonly field: string;
  readonly element: ElementCode | null;
  readonly by: ClassifiedBy;
  readonly reason: string;
}

/** Elements an address, phone, postal-code, id or account-number field never holds, whatever its values look like. */
const CONTEXT_RULES_OUT: ReadonlySet<ElementCode> = new Set(['ssn', 'card_number']);

/** Content worth pointing out when the name says something else: these are statutory triggers on their own. */
const SENSITIVE_CONTENT: ReadonlySet<ElementCode> = new Set(['ssn', 'card_number', 'password', 'security_qa']);

interface ContentFinding {
  readonly element: ElementCode;
  readonly reason: string;
}

/** Checks that a value is what the field name claims (bare 9-digit SSNs and hex digests count here, not on their own). */
const CONFIRMS: Partial<Record<ElementCode, (value: string) => boolean>> = {
  ssn: isValidSsn,
  card_number: isCardNumber,
  password: (value) => passwordHashKind(value, true) !== null,
  security_qa: isSecurityQuestionAndAnswer,
  email: isEmailAddress,
  security_code: (value) => /^\d{3,4}$/.test(value.trim()),
};

/**
 * A field's element from its name, confirmed or not by its values; or, when the name says nothing, from its values
 * alone (`by: 'content'`, lower confidence: listed for review, never deciding notice on its own). Card numbers and
 * SSNs are never read into address, phone, postal-code, id or account-number fields: street numbers, ZIP+4 codes and
 * order numbers pass the checksum by chance.
 */
export function classifyField(objectType: string, fieldName: string, sampleValues: readonly string[]): FieldVerdict {
  const byName = elementByName(objectType, fieldName);
  const values = sampleValues.filter((value) => value.trim() !== '');
  const context = fieldContext(fieldName);
  const found = contentFinding(values);
  const ruledOut = found !== null && context !== null && CONTEXT_RULES_OUT.has(found.element);
  const fromContent = ruledOut ? null : found;
  const contextNote = ruledOut ? ` Values look like ${ELEMENT_LABELS[found.element].toLowerCase()}s, but ${fieldName} is a ${context} field, so they are not read as such.` : '';

  if (byName.element !== null) {
    if (fromContent && fromContent.element !== byName.element && SENSITIVE_CONTENT.has(fromContent.element)) {
      // The name decides; values that look like another sensitive element are said, for the investigator to judge.
      return { element: byName.element, by: 'name', reason: `${byName.reason} ${fromContent.reason.replace(/\.$/, '')}: check with a classify override.` };
    }
    const confirm = CONFIRMS[byName.element];
    const confirmed = confirm ? values.filter(confirm).length : 0;
    if (confirmed > 0 && confirmed * 2 >= values.length) {
      return { element: byName.element, by: 'name+content', reason: `${byName.reason} ${confirmed} of ${values.length} sampled values confirm it.` };
    }
    return { element: byName.element, by: 'name', reason: `${byName.reason}${contextNote}` };
  }
  if (fromContent) return { element: fromContent.element, by: 'content', reason: `${fromContent.reason} No field name supports it: lower confidence, listed for review.` };
  return { element: null, by: 'name+content', reason: `${byName.reason}${contextNote || ' No sampled value looks like a protected element.'}` };
}

/**
 * What the values themselves show, most sensitive first. A single SSN or card number inside free text is enough
 * (one SSN in a case description is exposure); whole-value shapes such as hashes need a majority.
 */
function contentFinding(values: readonly string[]): ContentFinding | null {
  if (values.length === 0) return null;
  const count = (test: (value: string) => boolean) => values.filter(test).length;
  const ssns = count((value) => findSsns(value).length > 0);
  if (ssns > 0) return { element: 'ssn', reason: `${ssns} of ${values.length} sampled values hold a valid SSN.` };
  const majority = (n: number) => n * 2 >= values.length;
  // One Luhn-valid number in ten is chance, so bare digit columns (order numbers) need a majority; free text does not.
  const wholeCards = count(isCardNumber);
  const cardsInText = count((value) => /[A-Za-z]/.test(value) && findCardNumbers(value).length > 0);
  if (majority(wholeCards) || cardsInText > 0) {
    return { element: 'card_number', reason: `${wholeCards + cardsInText} of ${values.length} sampled values hold a Luhn-valid card number.` };
  }
  const hashes = count((value) => passwordHashKind(value, false) !== null);
  if (hashes > 0 && majority(hashes)) {
    return { element: 'password', reason: `${hashes} of ${values.length} sampled values are password hashes.` };
  }
  const questions = count(isSecurityQuestionAndAnswer);
  if (questions > 0 && majority(questions)) {
    return { element: 'security_qa', reason: `${questions} of ${values.length} sampled values are security questions with answers.` };
  }
  const emails = count(isEmailAddress);
  if (emails > 0 && majority(emails)) return { element: 'email', reason: `${emails} of ${values.length} sampled values are email addresses.` };
  return null;
}
