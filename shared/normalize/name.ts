import { clean } from './text';

export interface NormalizedName {
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
}

const WHITESPACE = /\s+/g;

function tidy(raw: string | null | undefined): string | null {
  const value = clean(raw);
  return value === null ? null : value.replace(WHITESPACE, ' ');
}

/**
 * First, last and full name. A missing full name is built from the parts; missing parts are split from the
 * full name only when it has exactly two words (anything longer is ambiguous: "Mary Ann Smith", "Juan de la Cruz").
 */
export function normalizeName(parts: { first?: string | null; middle?: string | null; last?: string | null; full?: string | null }): NormalizedName {
  let firstName = tidy(parts.first);
  let lastName = tidy(parts.last);
  const middle = tidy(parts.middle);
  let fullName = tidy(parts.full);
  if (fullName === null) {
    const joined = [firstName, middle, lastName].filter((p): p is string => p !== null).join(' ');
    fullName = joined === '' ? null : joined;
  } else if (firstName === null && lastName === null) {
    const words = fullName.split(' ');
    if (words.length === 2) [firstName, lastName] = [words[0] ?? null, words[1] ?? null];
  }
  return { firstName, lastName, fullName };
}
