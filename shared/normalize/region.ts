import type { StateSource } from '../ingest/parser';
import { CA_PROVINCE_ALIASES, CA_PROVINCES } from './ca-provinces';
import { US_STATE_ALIASES, US_STATES } from './us-states';
import { stateFromZip } from './zip-prefix';

export interface ResolvedRegion {
  /** ISO 3166-2, e.g. `US-CA`. */
  region: string;
  source: StateSource;
  /** The country the region implies (a bare `CA` state with no country is California, so `US`). */
  country: string;
}

interface Subdivisions {
  country: string;
  codes: Readonly<Record<string, string>>;
  byName: ReadonlyMap<string, string>;
}

function subdivisions(country: string, codes: Readonly<Record<string, string>>, aliases: Readonly<Record<string, string>>): Subdivisions {
  const byName = new Map<string, string>();
  for (const [code, name] of Object.entries(codes)) byName.set(name.toLowerCase(), code);
  for (const [alias, code] of Object.entries(aliases)) byName.set(alias, code);
  return { country, codes, byName };
}

const US = subdivisions('US', US_STATES, US_STATE_ALIASES);
const CANADA = subdivisions('CA', CA_PROVINCES, CA_PROVINCE_ALIASES);

function lookup(table: Subdivisions, state: string): ResolvedRegion | null {
  const upper = state.toUpperCase().replace(/\.$/, '');
  const prefixed = upper.startsWith(`${table.country}-`) ? upper.slice(3) : upper;
  if (table.codes[prefixed]) return { region: `${table.country}-${prefixed}`, source: 'abbreviation', country: table.country };
  const code = table.byName.get(state.toLowerCase().replace(/\s+/g, ' '));
  return code ? { region: `${table.country}-${code}`, source: 'name', country: table.country } : null;
}

/**
 * The ISO 3166-2 region of an address. US states and Canadian provinces are recognised by name or abbreviation;
 * a US address with neither falls back to its ZIP prefix. For other countries a short code is taken as the
 * subdivision suffix (Salesforce `StateCode` picklists hold ISO suffixes).
 */
export function resolveRegion(state: string | null, postalCode: string | null, country: string | null): ResolvedRegion | null {
  if (state) {
    if (country === null || country === 'US') {
      const us = lookup(US, state);
      if (us) return us;
    }
    if (country === null || country === 'CA') {
      const ca = lookup(CANADA, state);
      if (ca) return ca;
    }
    if (country !== null && country !== 'US' && country !== 'CA' && /^[A-Z0-9]{1,3}$/i.test(state.trim())) {
      return { region: `${country}-${state.trim().toUpperCase()}`, source: 'abbreviation', country };
    }
  }
  if (country === 'US') {
    const zipState = stateFromZip(postalCode);
    if (zipState) return { region: `US-${zipState}`, source: 'zip', country: 'US' };
  }
  return null;
}
