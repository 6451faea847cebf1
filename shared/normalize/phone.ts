import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { plainNanpE164 } from './nanp-phone';
import { clean } from './text';

const DEFAULT_REGION: CountryCode = 'US';

/** E.164 (`+14155550123`), or null when the value is not a possible phone number. */
export function normalizePhone(raw: string | null | undefined, country?: string | null): string | null {
  const value = clean(raw);
  if (value === null) return null;
  const defaultCountry = country && isSupportedCountry(country) ? country : DEFAULT_REGION;
  if (defaultCountry === 'US' || defaultCountry === 'CA') {
    const plain = plainNanpE164(value);
    if (plain !== null) return plain;
  }
  try {
    const parsed = parsePhoneNumberFromString(value, { defaultCountry, extract: false });
    return parsed && parsed.isPossible() ? parsed.number : null;
  } catch {
    return null;
  }
}
