import { clean } from '../../normalize/text';
import { fieldReader, type FieldReader } from './field-reader';
import { tableParser } from './table-parser';

export const shopifyCustomersParser = tableParser({
  format: 'shopify-customers',
  description: 'Shopify customers CSV export (current and legacy headers): customers, their default address and contact details.',
  system: 'shopify',
  score(names) {
    if (!names.has('First Name') || !names.has('Last Name') || !names.has('Email')) return 0;
    if (names.has('Financial Status') || names.has('Lineitem name')) return 0;
    const marks = ['Customer ID', 'Accepts Email Marketing', 'Accepts Marketing', 'Total Spent', 'Total Orders', 'Tax Exempt'];
    return marks.some((m) => names.has(m)) ? 0.9 : 0;
  },
  identify(fields) {
    const get = fieldReader(fields);
    return {
      objectType: 'customer',
      sourceId: clean(get('Customer ID')),
      identity: {
        first: get('First Name'),
        last: get('Last Name'),
        emails: [get('Email')],
        phones: [get('Phone'), get('Default Address Phone')],
        birthDate: Object.entries(fields).find(([key]) => /birth/i.test(key))?.[1] ?? null,
        addresses: [
          {
            kind: 'default',
            street: [get('Default Address Address1', 'Address1'), get('Default Address Address2', 'Address2')],
            city: get('Default Address City', 'City'),
            state: get('Province'),
            stateCode: get('Default Address Province Code', 'Province Code'),
            postalCode: get('Default Address Zip', 'Zip'),
            country: get('Country'),
            countryCode: get('Default Address Country Code', 'Country Code'),
          },
        ],
      },
    };
  },
});

function orderAddress(get: FieldReader, kind: 'billing' | 'shipping', prefix: string) {
  return {
    kind,
    street: [get(`${prefix} Address1`) ?? get(`${prefix} Street`), get(`${prefix} Address2`)],
    city: get(`${prefix} City`),
    state: get(`${prefix} Province Name`) ?? get(`${prefix} Province`),
    stateCode: get(`${prefix} Province`),
    postalCode: get(`${prefix} Zip`),
    country: get(`${prefix} Country`),
  };
}

export const shopifyOrdersParser = tableParser({
  format: 'shopify-orders',
  description: 'Shopify orders CSV export (one row per line item, grouped per order): buyers with billing and shipping addresses.',
  system: 'shopify',
  score(names) {
    return names.has('Name') && names.has('Email') && names.has('Financial Status') && names.has('Lineitem name') ? 0.95 : 0;
  },
  // An order's line items share its Name (`#1001`); Shopify repeats Email (and sometimes more) on every one of them.
  continues: (previous, next) => clean(next.Name) !== null && next.Name === previous.Name && (clean(next.Id) === null || clean(previous.Id) === null || next.Id === previous.Id),
  identify(fields) {
    const get = fieldReader(fields);
    return {
      objectType: 'order',
      sourceId: clean(get('Id')) ?? clean(get('Name')),
      identity: {
        full: get('Billing Name', 'Shipping Name'),
        emails: [get('Email')],
        phones: [get('Phone'), get('Billing Phone'), get('Shipping Phone')],
        addresses: [orderAddress(get, 'billing', 'Billing'), orderAddress(get, 'shipping', 'Shipping')],
      },
    };
  },
});
