import { getCountries } from 'libphonenumber-js';

/** Common alpha-3 codes and informal names that English display names don't cover. */
const ALIASES: Readonly<Record<string, string>> = {
  usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', 'united states of america': 'US', america: 'US',
  can: 'CA', gbr: 'GB', uk: 'GB', 'u.k.': 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'northern ireland': 'GB', aus: 'AU', deu: 'DE', fra: 'FR', esp: 'ES', ita: 'IT', nld: 'NL', 'the netherlands': 'NL',
  holland: 'NL', bel: 'BE', che: 'CH', aut: 'AT', irl: 'IE', mex: 'MX', bra: 'BR', ind: 'IN', jpn: 'JP', chn: 'CN',
  nzl: 'NZ', swe: 'SE', nor: 'NO', dnk: 'DK', fin: 'FI', pol: 'PL', prt: 'PT', deutschland: 'DE', españa: 'ES',
  'south korea': 'KR', 'republic of korea': 'KR', russia: 'RU', 'czech republic': 'CZ',
};

const ALPHA2 = new Set<string>(getCountries());

const BY_NAME: ReadonlyMap<string, string> = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const map = new Map<string, string>();
  for (const code of ALPHA2) {
    const name = names.of(code);
    if (name) map.set(name.toLowerCase(), code);
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(alias, code);
  return map;
})();

function lookupCountry(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  const upper = value.toUpperCase();
  if (upper.length === 2 && ALPHA2.has(upper)) return upper;
  return BY_NAME.get(value.toLowerCase().replace(/\s+/g, ' ')) ?? null;
}

// A file names few countries, over and over.
const MEMO_SIZE = 1000;
const memo = new Map<string, string | null>();

/** ISO 3166-1 alpha-2 from a code or an English name; null when unknown. */
export function normalizeCountry(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let code = memo.get(raw);
  if (code === undefined) {
    code = lookupCountry(raw);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(raw, code);
  }
  return code;
}
