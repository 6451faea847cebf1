import type { PostalAddress } from '../ingest/parser';
import { normalizeCountry } from './country';
import { resolveRegion } from './region';
import { clean } from './text';

export interface RawAddress {
  kind: string;
  /** Street lines in order; blanks are skipped and the rest joined with ", ". */
  street?: ReadonlyArray<string | null | undefined>;
  city?: string | null;
  /** State or province as written (name or abbreviation). */
  state?: string | null;
  /** A code field when the source has one next to the free-text state (Salesforce `MailingStateCode`). */
  stateCode?: string | null;
  postalCode?: string | null;
  country?: string | null;
  countryCode?: string | null;
}

/** A normalized postal address, or null when the source has no address at all. */
export function normalizeAddress(raw: RawAddress): PostalAddress | null {
  const streetLines = (raw.street ?? []).map((line) => clean(line)).filter((line): line is string => line !== null);
  const street = streetLines.length > 0 ? streetLines.join(', ').replace(/\s*[\r\n]+\s*/g, ', ') : null;
  const city = clean(raw.city);
  const postalCode = clean(raw.postalCode)?.toUpperCase() ?? null;
  const stateText = clean(raw.stateCode) ?? clean(raw.state);
  let country = normalizeCountry(clean(raw.countryCode) ?? clean(raw.country));
  if (street === null && city === null && postalCode === null && stateText === null && country === null) return null;
  const resolved = resolveRegion(stateText, postalCode, country) ?? (stateText !== clean(raw.state) ? resolveRegion(clean(raw.state), postalCode, country) : null);
  if (resolved && country === null) country = resolved.country;
  return {
    kind: raw.kind,
    street,
    city,
    region: resolved?.region ?? null,
    regionSource: resolved?.source ?? null,
    postalCode,
    country,
  };
}
