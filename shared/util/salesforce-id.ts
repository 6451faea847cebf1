/** Salesforce record ids: 15-character case-sensitive form and 18-character case-safe form (formats.md §7). */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The "no value" id Salesforce writes in place of a missing reference. */
export const NULL_ID_18 = '000000000000000AAA';

/** The three suffix characters that make a 15-character id case-safe. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = id15.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

export function looksLikeSalesforceId(value: string): boolean {
  return ID_SHAPE.test(value);
}

/**
 * The 18-character id for a 15- or 18-character id; an 18-character id is kept as written (its suffix is
 * Salesforce's own). Null for empty input, the null key, or anything that is not id-shaped.
 */
export function toId18(value: string | null | undefined): string | null {
  if (value == null) return null;
  const id = value.trim();
  if (!ID_SHAPE.test(id)) return null;
  const id18 = id.length === 15 ? id + caseSafeSuffix(id) : id;
  return id18 === NULL_ID_18 ? null : id18;
}

/** True for an 18-character id whose last three characters are not the case-safe suffix of its first fifteen. */
export function hasWrongSuffix(value: string | null | undefined): boolean {
  if (value == null) return false;
  const id = value.trim();
  return id.length === 18 && ID_SHAPE.test(id) && caseSafeSuffix(id.slice(0, 15)) !== id.slice(15);
}
