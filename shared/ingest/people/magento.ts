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
        phones: [get('_address_telephone')],
        birthDate: get('dob'),
        updatedAt: get('updated_at'),
        addresses: compositeAddress(get),
      },
    };
  },
});

/** The composite customer file carries one address per row in its `_address_*` columns. */
function compositeAddress(get: FieldReader): RawAddress[] {
  const street = get('_address_street');
  const city = get('_address_city');
  const postalCode = get('_address_postcode');
  if (street === null && city === null && postalCode === null) return [];
  const billing = get('_address_default_billing_') === '1';
  const shipping = get('_address_default_shipping_') === '1';
  return [
    {
      kind: billing ? 'billing' : shipping ? 'shipping' : 'other',
      street: (street ?? '').split(/\r?\n/),
      city,
      state: get('_address_region'),
      postalCode,
      country: get('_address_country_id'),
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
