import { ELEMENT_CODES, ELEMENT_LABELS, type ElementCode } from '../contract/elements';
import type { IsoDate } from '../law/types';

/** "your Social Security number", "your name": an element as a letter speaks of it to its reader. */
export function yourElement(code: ElementCode): string {
  const label = ELEMENT_LABELS[code];
  const lowered = /^[A-Z][a-z]/.test(label) && !label.startsWith('Social Security') ? `${label[0]!.toLowerCase()}${label.slice(1)}` : label;
  return `your ${lowered}`;
}

/** Elements in the vocabulary's order, so every letter lists them the same way. */
export function orderedElements(codes: Iterable<ElementCode>): ElementCode[] {
  const set = new Set(codes);
  return ELEMENT_CODES.filter((code) => set.has(code));
}

/** "your name, your email address and your Social Security number". */
export function elementsSentence(codes: readonly ElementCode[]): string {
  const words = codes.map(yourElement);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2025-06-16 → "June 16, 2025" (a calendar date: no time zone involved). */
export function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}
