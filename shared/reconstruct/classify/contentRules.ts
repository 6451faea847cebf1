/** Value-level checks: what a value looks like (SSN, card, hash, mask, ciphertext, security Q&A), cheap enough per row. */

/** A whole value shaped like an SSN (`123-45-6789`, `123 45 6789` or `123456789`): area, group, serial. */
export const SSN_SHAPE = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/;
/** Formatted SSNs inside free text; bare 9-digit runs are too ambiguous there (zip+4, order numbers). */
const SSN_IN_TEXT = /(?<![\d-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\d-])/g;
const CARD_IN_TEXT = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

/** Why a 9-digit value cannot be an SSN (SSA rules: area not 000/666/9xx, group not 00, serial not 0000), or null. */
export function ssnStructureProblem(area: string, group: string, serial: string): string | null {
  if (area === '000' || area === '666') return `area number ${area} is never issued`;
  if (area.startsWith('9')) return `area number ${area} (9xx) is never issued as an SSN`;
  if (group === '00') return 'group number 00 is never issued';
  if (serial === '0000') return 'serial number 0000 is never issued';
  return null;
}

/** True for a whole value shaped and structured like an SSN (`123-45-6789`, `123 45 6789` or `123456789`). */
export function isValidSsn(value: string): boolean {
  const m = SSN_SHAPE.exec(value.trim());
  return m !== null && ssnStructureProblem(m[1]!, m[2]!, m[3]!) === null;
}

/** Valid, formatted SSNs appearing anywhere in the text. */
export function findSsns(text: string): string[] {
  return [...text.matchAll(SSN_IN_TEXT)].filter((m) => ssnStructureProblem(m[1]!, m[2]!, m[3]!) === null).map((m) => m[0]);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Issuer ranges (IIN prefixes) of the card networks with the lengths they issue: Visa, Mastercard (51–55, 2221–2720),
 * American Express, Discover, Diners Club, JCB, UnionPay, Maestro, Mir, UATP. A number outside every range is not a
 * payment card, however well it passes Luhn (street numbers, order numbers).
 */
const ISSUER_RANGES: ReadonlyArray<readonly [number, number, readonly number[]]> = [
  [4, 4, [13, 16, 19]],
  [51, 55, [16]],
  [2221, 2720, [16]],
  [34, 34, [15]],
  [37, 37, [15]],
  [6011, 6011, [16, 17, 18, 19]],
  [644, 649, [16, 17, 18, 19]],
  [65, 65, [16, 17, 18, 19]],
  [300, 305, [14, 15, 16, 17, 18, 19]],
  [36, 36, [14, 15, 16, 17, 18, 19]],
  [38, 39, [16, 17, 18, 19]],
  [3528, 3589, [16, 17, 18, 19]],
  [62, 62, [16, 17, 18, 19]],
  [50, 50, [13, 14, 15, 16, 17, 18, 19]],
  [56, 59, [13, 14, 15, 16, 17, 18, 19]],
  [63, 63, [13, 14, 15, 16, 17, 18, 19]],
  [67, 67, [13, 14, 15, 16, 17, 18, 19]],
  [2200, 2204, [16, 17, 18, 19]],
  [1, 1, [15]],
];

/** True when the digits start within a card network's issuer range at a length that network issues. */
export function inIssuerRange(digits: string): boolean {
  return ISSUER_RANGES.some(([low, high, lengths]) => {
    const prefix = Number(digits.slice(0, String(low).length));
    return prefix >= low && prefix <= high && lengths.includes(digits.length);
  });
}

/** 13–19 digits (spaces or dashes allowed) in a network's issuer range and length, passing Luhn, not one repeated digit. */
export function isCardNumber(value: string): boolean {
  const digits = value.trim().replace(/[ -]/g, '');
  return /^\d{13,19}$/.test(digits) && !/^(\d)\1+$/.test(digits) && inIssuerRange(digits) && luhnValid(digits) && /^[\d -]+$/.test(value.trim());
}

export function findCardNumbers(text: string): string[] {
  return [...text.matchAll(CARD_IN_TEXT)].map((m) => m[0]).filter(isCardNumber);
}

const HASH_FORMATS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, 'bcrypt hash'],
  [/^\$argon2(id|i|d)\$/, 'Argon2 hash'],
  [/^\$(1|5|6)\$[^$]{1,16}\$[./A-Za-z0-9]+$/, 'crypt(3) hash'],
  [/^(pbkdf2_sha\d+|pbkdf2)\$\d+\$/, 'PBKDF2 hash'],
  [/^\{(SSHA|SHA|SSHA256|SSHA512|MD5|SMD5|CRYPT|PBKDF2[^}]*)\}/i, 'LDAP-style hash'],
  [/^scrypt:|^\$scrypt\$|^\$7\$/, 'scrypt hash'],
  // Magento 2: hash:salt:version.
  [/^[0-9a-f]{32,128}:[^:\s]+:\d+$/i, 'salted hash'],
];
const HEX_DIGESTS: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };

/** The kind of password hash a value is, or null. Bare hex digests count only when `allowBareHex` (the name says password). */
export function passwordHashKind(value: string, allowBareHex: boolean): string | null {
  const trimmed = value.trim();
  for (const [pattern, kind] of HASH_FORMATS) if (pattern.test(trimmed)) return kind;
  if (allowBareHex && /^[0-9a-f]+$/i.test(trimmed)) {
    const digest = HEX_DIGESTS[trimmed.length];
    if (digest) return `${digest} hex digest`;
  }
  return null;
}

/** A hex digest of a common length, whatever it digests. */
export function isHexDigest(value: string): boolean {
  const trimmed = value.trim();
  return /^[0-9a-f]+$/i.test(trimmed) && HEX_DIGESTS[trimmed.length] !== undefined;
}

/** Masked for display: `XXX-XX-1234`, `***-**-1234`, `************1111`, `j***@example.com`, `•••• 4242`. */
export function isMasked(value: string): boolean {
  const trimmed = value.trim();
  if (/[*•●]{2,}/.test(trimmed)) return true;
  return /^[Xx#\d\s\-./()]+$/.test(trimmed) && /[Xx#]{2,}/.test(trimmed);
}

/** Base64 ciphertext or an explicit envelope (`ENC(...)`, PGP). Long, unspaced, mixed-alphabet, base64-padded or -sized. */
export function looksEncrypted(value: string): boolean {
  const trimmed = value.trim();
  if (/^(ENC\(|enc:|vault:v\d+:|-----BEGIN PGP MESSAGE)/.test(trimmed)) return true;
  if (trimmed.length < 24 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/].filter((re) => re.test(trimmed)).length;
  return classes === 3 && (trimmed.length % 4 === 0 || trimmed.endsWith('='));
}

/** A security question with its answer in one value: `What is your mother's maiden name? Smith` or `Q: ... A: ...`. */
export function isSecurityQuestionAndAnswer(value: string): boolean {
  if (/\bQ\s*[:.]\s*.+\bA\s*[:.]\s*\S/is.test(value)) return true;
  return /\b(what|which|who|where|when|in what|name)\b[^?]{0,160}\byour\b[^?]{0,160}\?\s*[:=-]?\s*\S/i.test(value);
}

export function isEmailAddress(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(value.trim());
}
