import { clean } from '../../normalize/text';
import type { RawAddress } from '../../normalize/address';
import { fieldReader, type FieldReader } from './field-reader';
import { tableParser } from './table-parser';

function wooAddress(get: FieldReader, kind: 'billing' | 'shipping'): RawAddress {
  return {
    kind,
    street: [get(`${kind}_address_1`), get(`${kind}_address_2`)],
    city: get(`${kind}_city`),
    state: get(`${kind}_state`),
    postalCode: get(`${kind}_postcode`),
    country: get(`${kind}_country`),
  };
}

/** The Analytics customers report's country header as WooCommerce writes it (UI and server-side export); the unspaced spelling is accepted too. */
const ANALYTICS_COUNTRY = ['country / region', 'country/region'];

/** WordPress-user exports written by the common plugins, and the WooCommerce Analytics customers report. */
export const wooCommerceCustomersParser = tableParser({
  format: 'woocommerce-customers',
  description: 'WooCommerce customers CSV (plugin user exports and the Analytics customers report): names, emails, billing and shipping addresses.',
  system: 'woocommerce',
  score(names) {
    const lower = new Set([...names].map((n) => n.toLowerCase()));
    if ((lower.has('user_email') || lower.has('billing_email')) && (lower.has('user_login') || lower.has('billing_first_name') || lower.has('customer_id'))) return 0.9;
    // The Analytics report: Username, City, Region and Postal code are hidden by default, so only these are sure.
    if (lower.has('name') && lower.has('email') && ANALYTICS_COUNTRY.some((c) => lower.has(c)) && (lower.has('orders') || lower.has('aov'))) return 0.85;
    return 0;
  },
  identify(fields) {
    const get = fieldReader(fields);
    const country = ANALYTICS_COUNTRY.find((c) => Object.keys(fields).some((k) => k.toLowerCase() === c));
    if (country !== undefined) {
      return {
        objectType: 'customer',
        sourceId: clean(get('Username')),
        identity: {
          full: get('Name'),
          emails: [get('Email')],
          addresses: [{ kind: 'default', city: get('City'), state: get('Region'), postalCode: get('Postal Code'), country: get(country) }],
        },
      };
    }
    return {
      objectType: 'customer',
      sourceId: clean(get('customer_id', 'ID', 'user_id')),
      identity: {
        first: get('first_name', 'billing_first_name', 'shipping_first_name'),
        last: get('last_name', 'billing_last_name', 'shipping_last_name'),
        full: get('display_name'),
        emails: [get('user_email'), get('billing_email')],
        phones: [get('billing_phone'), get('shipping_phone')],
        updatedAt: get('last_update', 'date_modified', 'updated_at'),
        addresses: [wooAddress(get, 'billing'), wooAddress(get, 'shipping')],
      },
    };
  },
});
