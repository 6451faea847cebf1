/** Canada Post abbreviation (= ISO 3166-2:CA suffix) → name. */
export const CA_PROVINCES: Readonly<Record<string, string>> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick', NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island',
  QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

export const CA_PROVINCE_ALIASES: Readonly<Record<string, string>> = {
  'québec': 'QC', 'newfoundland': 'NL', 'pei': 'PE', 'yukon territory': 'YT', 'colombie-britannique': 'BC',
};
