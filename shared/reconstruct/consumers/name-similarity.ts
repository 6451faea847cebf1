/** Jaro-Winkler similarity in [0, 1] of two already-normalized strings. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (!a || !b) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = bMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * A name as a matching key that never makes two different names equal: compatibility-normalized (NFKC), case-folded,
 * every letter and digit of any script kept; only separators (spaces, hyphens, apostrophes, dots) are collapsed to
 * one space. "Pat1 Probe1" and "Pat2 Probe2" stay apart; "José" and "Jose" stay apart (see `foldedName`).
 */
export function normalizeName(value: string | null): string {
  return (value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The name with diacritics folded as well ("José" → "jose"). Two names equal only after folding may be one person
 * written two ways, or two people: such a match only asks (review), it never merges.
 */
export function foldedName(value: string | null): string {
  return normalizeName(value).normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC');
}
