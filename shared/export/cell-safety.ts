/**
 * Spreadsheet / CSV injection rule: a text value that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return could be evaluated as a formula (or smuggle one past a prompt) when a spreadsheet opens or
 * re-edits it. Such a value is written with a leading apostrophe and always as text, never as a number or
 * formula, so `=HYPERLINK(...)` in a consumer's name shows up as `'=HYPERLINK(...)`. Every text cell of
 * every export (xlsx and CSV) goes through this function; numbers are written as numbers and never prefixed.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutralizeFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}
