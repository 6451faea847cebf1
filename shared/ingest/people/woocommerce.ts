import { clean } from '../../normalize/text';
import type { RawAddress } from '../../normalize/address';
import { fieldReader, type FieldReader } from './field-reader';
import { tableParser } from './table-parser';

/**
 * WooCommerce exports name their columns by key (`billing_address_1`) or, in the Customer/Order/Coupon Export
 * extension's legacy formats, by label (`Billing Address 1`, `Billing Post code`; its legacy customer format has the
 * billing fields under bare labels: `Address`, `Post code`); all are read.
 */
function wooAddress(get: FieldReader, kind: 'billing' | 'shipping', bareLabels = false): RawAddress {
  const label = kind === 'billing' ? 'Billing ' : 'Shipping ';
  const names = (key: string, caption: string): string[] => [`${kind}_${key}`, `${label}${caption}`, ...(bareLabels ? [caption] : [])];
  return {
    kind,
    street: [get(...names('address_1', 'Address 1'), ...(bareLabels ? ['Address'] : [])), get(...names('address_2', 'Address 2'))],
    city: get(...names('city', 'City')),
    state: get(...names('state', 'State')),
    stateCode: get(`${kind}_state_code`),
    postalCode: get(...names('postcode', 'Post code')),
    country: get(...names('country', 'Country')),
  };
}

/** A WordPress user id; WooCommerce writes 0 for a guest, who has no account. */
function userId(value: string | null): string | null {
  const id = clean(value);
  return id === null || id === '0' ? null : id;
}

const lowerNames = (names: ReadonlySet<string>): Set<string> => new Set([...names].map((n) => n.toLowerCase()));

/** An order export names each row's order; customer exports never do. */
const ORDER_ID = ['order_id', 'order id', 'order_number'];
const ORDER_EMAIL = ['billing_email', 'customer_email', 'billing email'];

/** The Analytics customers report's country header as WooCommerce writes it (UI and server-side export); the unspaced spelling is accepted too. */
const ANALYTICS_COUNTRY = ['country / region', 'country/region'];

/** The Customer/Order/Coupon Export extension's legacy customer format: billing fields under plain labels. */
const LEGACY_CUSTOMER = ['id', 'first name', 'last name', 'email', 'address 2', 'post code'];

/**
 * WordPress-user exports written by the common plugins (the Customer/Order/Coupon Export extension's default, import
 * and legacy formats among them), and the WooCommerce Analytics customers report.
 */
export const wooCommerceCustomersParser = tableParser({
  format: 'woocommerce-customers',
  version: '3',
  description: 'WooCommerce customers CSV (plugin user exports and the Analytics customers report): names, emails, billing and shipping addresses.',
  system: 'woocommerce',
  score(names) {
    const lower = lowerNames(names);
    if (ORDER_ID.some((n) => lower.has(n))) return 0;
    if ((lower.has('user_email') || lower.has('billing_email')) && (lower.has('user_login') || lower.has('billing_first_name') || lower.has('customer_id'))) return 0.9;
    // The Analytics report: Username, City, Region and Postal code are hidden by default, so only these are sure.
    if (lower.has('name') && lower.has('email') && ANALYTICS_COUNTRY.some((c) => lower.has(c)) && (lower.has('orders') || lower.has('aov'))) return 0.85;
    if (LEGACY_CUSTOMER.every((n) => lower.has(n))) return 0.6;
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
      sourceId: userId(get('customer_id', 'ID', 'user_id')),
      identity: {
        first: get('first_name', 'billing_first_name', 'shipping_first_name', 'First Name'),
        last: get('last_name', 'billing_last_name', 'shipping_last_name', 'Last Name'),
        full: get('display_name', 'billing_full_name'),
        // `email` is the account's address in the extension's exports; `Email` the billing one in its legacy format.
        emails: [get('user_email', 'email'), get('billing_email')],
        phones: [get('billing_phone', 'Phone'), get('shipping_phone')],
        updatedAt: get('last_update', 'date_modified', 'updated_at'),
        addresses: [wooAddress(get, 'billing', true), wooAddress(get, 'shipping')],
      },
    };
  },
});

/** The order export's id of the row's order, whatever the format's spelling. */
const orderId = (fields: Record<string, string>): string | null => clean(fieldReader(fields)('order_id', 'Order ID', 'order_number'));

/**
 * Order exports (the Customer/Order/Coupon Export extension's default, one-row-per-item, import and legacy formats; the
 * Import Export Suite's orders): the buyer of each order. A registered buyer's record carries their user id, the same
 * id a customer export gives them; a guest's carries none and is matched on the email and the rest alone.
 */
export const wooCommerceOrdersParser = tableParser({
  format: 'woocommerce-orders',
  description: 'WooCommerce orders CSV (plugin order exports, one row per order or per line item, grouped per order): buyers with billing and shipping addresses.',
  system: 'woocommerce',
  score(names) {
    const lower = lowerNames(names);
    return ORDER_ID.some((n) => lower.has(n)) && ORDER_EMAIL.some((n) => lower.has(n)) ? 0.9 : 0;
  },
  // One row per line item repeats the order on every row.
  continues: (previous, next) => {
    const id = orderId(next);
    return id !== null && id === orderId(previous);
  },
  identify(fields) {
    const get = fieldReader(fields);
    return {
      objectType: 'order',
      sourceId: userId(get('customer_id', 'customer_user')),
      identity: {
        first: get('billing_first_name', 'Billing First Name', 'shipping_first_name', 'Shipping First Name'),
        last: get('billing_last_name', 'Billing Last Name', 'shipping_last_name', 'Shipping Last Name'),
        full: get('billing_full_name', 'shipping_full_name'),
        emails: [get('billing_email', 'Billing Email'), get('customer_email')],
        phones: [get('billing_phone', 'Billing Phone'), get('shipping_phone')],
        addresses: [wooAddress(get, 'billing'), wooAddress(get, 'shipping')],
      },
    };
  },
});
