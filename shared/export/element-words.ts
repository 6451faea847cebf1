import { ELEMENT_LABELS, isElementCode, type Basis } from '../contract/elements';

export function elementLabel(code: string): string {
  return isElementCode(code) ? ELEMENT_LABELS[code] : code;
}

/** "Name [exact]; Social Security number [inferred]" — every exposed element with the basis that exposed it. */
export function elementsWithBasis(elements: Readonly<Record<string, Basis>>): string {
  return Object.entries(elements)
    .map(([code, basis]) => `${elementLabel(code)} [${basis}]`)
    .join('; ');
}

/** "Name, Email address and Social Security number", for letters. */
export function elementsInWords(codes: readonly string[]): string {
  const labels = codes.map(elementLabel);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
