import { sha256Hex } from '../util/hash';
import type { Random } from './random';

export interface SensitiveProfile {
  ssn: { value: string; form: 'clear' | 'masked' } | null;
  driversLicense: string | null;
  card: { value: string; form: 'clear' | 'masked'; cvv: string | null } | null;
  loyaltyPassword: { value: string; form: 'clear' | 'bcrypt' | 'sha256' } | null;
  securityQa: { question: string; answer: string } | null;
  healthNotes: string | null;
}

export const NO_SENSITIVE: SensitiveProfile = {
  ssn: null,
  driversLicense: null,
  card: null,
  loyaltyPassword: null,
  securityQa: null,
  healthNotes: null,
};

function ssnDigits(random: Random): string {
  let area = random.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(random.int(1, 99)).padStart(2, '0')}-${String(random.int(1, 9999)).padStart(4, '0')}`;
}

export function ssnValue(random: Random, masked: boolean): string {
  const ssn = ssnDigits(random);
  return masked ? `XXX-XX-${ssn.slice(-4)}` : ssn;
}

/** The body with its Luhn check digit appended. */
export function withLuhnDigit(body: string): string {
  return body + luhnCheckDigit(body);
}

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid card number on a test BIN (Visa, Mastercard or Amex). */
export function cardNumber(random: Random): string {
  const [bin, length] = random.pick([
    ['400000', 16],
    ['411111', 16],
    ['555555', 16],
    ['378282', 15],
  ] as const);
  return withLuhnDigit(bin + random.digits(length - bin.length - 1));
}

export function maskCard(card: string): string {
  return '*'.repeat(card.length - 4) + card.slice(-4);
}

export function driversLicense(random: Random): string {
  return random.chars('ABCDEFGHJKLMNPRSTWY', 1) + random.digits(7);
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function passwordValue(random: Random, form: 'clear' | 'bcrypt' | 'sha256'): string {
  const clear = random.pick(['Summer2023!', 'Fluffy#1', 'rewards4me', 'P@ssw0rd88', 'sunshine12']) + random.digits(2);
  if (form === 'clear') return clear;
  if (form === 'sha256') return sha256Hex(clear);
  return `$2b$10$${random.chars(BCRYPT_ALPHABET, 53)}`;
}
