/** Whether one stored value exposes its element in clear, or only masked, truncated, hashed or encrypted. */
import type { ElementCode } from '../../contract/elements';
import {
  findCardNumbers,
  findSsns,
  isCardNumber,
  isHexDigest,
  isMasked,
  looksEncrypted,
  passwordHashKind,
  SSN_SHAPE,
  ssnStructureProblem,
} from './contentRules';

export interface ClearVerdict {
  readonly clear: boolean;
  readonly reason: string;
}

const LAST_FOUR_ONLY: ReadonlySet<ElementCode> = new Set([
  'ssn',
  'card_number',
  'financial_account',
  'drivers_license',
  'passport',
  'tax_id',
  'other_government_id',
]);

export function valueInClear(element: ElementCode, value: string): ClearVerdict {
  const trimmed = value.trim();
  if (trimmed === '') return { clear: false, reason: 'The value is empty.' };
  if (isMasked(trimmed)) return { clear: false, reason: 'The value is masked.' };
  if (element === 'password') {
    const hash = passwordHashKind(trimmed, true);
    if (hash) return { clear: false, reason: `The value is a ${hash}, not the password itself.` };
  } else if (isHexDigest(trimmed)) {
    return { clear: false, reason: 'The value is a hex digest (hashed).' };
  }
  if (looksEncrypted(trimmed)) return { clear: false, reason: 'The value looks encrypted.' };
  if (LAST_FOUR_ONLY.has(element) && /^\d{4}$/.test(trimmed)) {
    return { clear: false, reason: 'Only the last four digits are stored (truncated).' };
  }
  if (element === 'ssn') return ssnInClear(trimmed);
  if (element === 'card_number') return cardInClear(trimmed);
  return { clear: true, reason: 'The value is stored unmasked.' };
}

function ssnInClear(value: string): ClearVerdict {
  const whole = SSN_SHAPE.exec(value);
  if (whole) {
    const problem = ssnStructureProblem(whole[1]!, whole[2]!, whole[3]!);
    return problem ? { clear: false, reason: `Not a valid SSN: ${problem}.` } : { clear: true, reason: 'A full, valid SSN is stored unmasked.' };
  }
  return findSsns(value).length > 0
    ? { clear: true, reason: 'The text contains a full, valid SSN.' }
    : { clear: false, reason: 'The value holds no full, valid SSN.' };
}

function cardInClear(value: string): ClearVerdict {
  if (isCardNumber(value)) return { clear: true, reason: 'A full, Luhn-valid card number is stored unmasked.' };
  if (/^[\d -]+$/.test(value) && /^\d{13,19}$/.test(value.replace(/[ -]/g, ''))) {
    return { clear: false, reason: 'The digits fail the Luhn check, so this is not a card number.' };
  }
  return findCardNumbers(value).length > 0
    ? { clear: true, reason: 'The text contains a full, Luhn-valid card number.' }
    : { clear: false, reason: 'The value holds no full card number.' };
}
