import { clean } from '../../normalize/text';
import type { RawAddress } from '../../normalize/address';
import { fieldReader, type FieldReader } from './field-reader';
import { tableParser } from './table-parser';

export const magentoCustomersParser = tableParser({
  format: 'magento-customers',
  description: 'Magento 2 / Adobe Commerce customers main file (export/import CSV): customer names, emails, dates of birth.',
  system: 'magento',
  score(names) {
    return names.has('email') && names.has('_website') && names.has('firstname') && names.has('lastname') && !names.has('_email') ? 0.9 : 0;
  },
  identify(fields) {
    const get = fieldReader(fields);
    const email = clean(get('email'));
    return {
      objectType: 'customer',
      // The main file has no entity id; the email within a website is the customer's key.
      sourceId: email === null ? null : `${get('_website') ?? ''}:${email.toLowerCase()}`,
      identity: {
        first: get('firstname'),
        middle: get('middlename'),
        last: get('lastname'),
        emails: [email],
        phones: addressSuffixes(fields).map((suffix) => get(`_address_telephone${suffix}`)),
        birthDate: get('dob'),
        updatedAt: get('updated_at'),
        addresses: addressSuffixes(fields).flatMap((suffix) => compositeAddress(get, suffix)),
      },
    };
  },
  // A row with no email and no website but `_address_*` cells is one more address of the customer above it.
  continues: (_previous, next) =>
    isBlank(next.email) && isBlank(next._website) && Object.entries(next).some(([key, value]) => key.startsWith('_address_') && !isBlank(value)),
  continuationsKeepEveryValue: true,
});

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** '' for the customer's own row, then ' #2', ' #3', … for each address row merged into it. */
function addressSuffixes(fields: Record<string, string>): string[] {
  let rows = 1;
  for (const key of Object.keys(fields)) rows = Math.max(rows, Number(/ #(\d+)$/.exec(key)?.[1] ?? 1));
  return ['', ...Array.from({ length: rows - 1 }, (_, i) => ` #${i + 2}`)];
}

/** The composite customer file carries one address per row in its `_address_*` columns. */
function compositeAddress(get: FieldReader, suffix: string): RawAddress[] {
  const street = get(`_address_street${suffix}`);
  const city = get(`_address_city${suffix}`);
  const postalCode = get(`_address_postcode${suffix}`);
  if (street === null && city === null && postalCode === null) return [];
  const billing = get(`_address_default_billing_${suffix}`) === '1';
  const shipping = get(`_address_default_shipping_${suffix}`) === '1';
  return [
    {
      kind: billing ? 'billing' : shipping ? 'shipping' : 'other',
      street: (street ?? '').split(/\r?\n/),
      city,
      state: get(`_address_region${suffix}`),
      postalCode,
      country: get(`_address_country_id${suffix}`),
    },
  ];
}

export const magentoAddressesParser = tableParser({
  format: 'magento-addresses',
  description: 'Magento 2 / Adobe Commerce customer addresses file (export/import CSV): where customers live.',
  system: 'magento',
  score(names) {
    return names.has('_website') && names.has('_email') && names.has('_entity_id') && names.has('postcode') ? 0.9 : 0;
  },
  identify(fields) {
    const get = fieldReader(fields);
    const email = clean(get('_email'));
    const billing = get('_address_default_billing_') === '1';
    const shipping = get('_address_default_shipping_') === '1';
    const country = get('country_id');
    return {
      objectType: 'customer_address',
      sourceId: clean(get('_entity_id')),
      identity: {
        first: get('firstname'),
        middle: get('middlename'),
        last: get('lastname'),
        emails: [email],
        phones: [get('telephone')],
        updatedAt: get('updated_at'),
        addresses: [
          {
            kind: billing ? 'billing' : shipping ? 'shipping' : 'other',
            street: (get('street') ?? '').split(/\r?\n/),
            city: get('city'),
            state: get('region'),
            postalCode: get('postcode'),
            country,
          },
        ],
      },
    };
  },
});
