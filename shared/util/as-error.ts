import { valueText } from './value-text';

/** A caught value kept to be thrown later: an Error as it is, anything else wrapped with its text. */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(valueText(value));
}
