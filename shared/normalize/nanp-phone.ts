/**
 * A North American number in one of the everyday layouts — `(415) 555-0100`, `415-555-0100`, `415.555.0100`,
 * `4155550100`, `+1 415 555 0100` — with an area code that starts with 2–9.
 */
const PLAIN_NANP = /^(?:\+1[ .-]?)?(?:\(([2-9]\d\d)\)|([2-9]\d\d))[ .-]?(\d{3})[ .-]?(\d{4})$/;

/**
 * E.164 for a plainly written NANP number, or null for any other text. libphonenumber-js gives the same for these
 * with US or CA as the default region (ten digits starting 2–9 have no national prefix or IDD to strip, and ten
 * digits is a possible length in every NANP country) at a hundred times the cost.
 */
export function plainNanpE164(text: string): string | null {
  const m = PLAIN_NANP.exec(text);
  return m ? `+1${m[1] ?? m[2]}${m[3]}${m[4]}` : null;
}
