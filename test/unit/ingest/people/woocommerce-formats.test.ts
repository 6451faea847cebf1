/**
 * WooCommerce CSV exports with the headers the Customer/Order/Coupon Export extension (SkyVerge, sold on woocommerce.com)
 * writes. No real export free of real people's data was found (see README, Real-file coverage), so the headers are
 * copied from the extension's own format definitions, the documentation it points to ("We strongly recommend … use the
 * column names / keys, which are guaranteed to never change",
 * https://woocommerce.com/document/ordercustomer-csv-export-developer-documentation/):
 * lafranceinsoumise/woocommerce-customer-order-csv-export, includes/class-wc-customer-order-csv-export-formats.php,
 * commit 185505964879c360e1f2921c11303178aa7ac42f (GPL-3.0), the `columns` of each built-in format in order.
 * The data rows are made up (example.com people).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../shared/ingest/acquire';
import { wooCommerceCustomersParser, wooCommerceOrdersParser } from '../../../../shared/ingest/people/woocommerce';
import { runParser } from '../../../helpers/parse';
import { tempDir } from '../../../helpers/tmp';

async function detected(name: string, text: string): Promise<string> {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return detectFormat(file, name, Buffer.byteLength(text));
}

const BILLING_SHIPPING_DEFAULT =
  'billing_first_name,billing_last_name,billing_company,billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,' +
  'shipping_first_name,shipping_last_name,shipping_company,shipping_address_1,shipping_address_2,shipping_postcode,shipping_city,shipping_state,shipping_country';

describe('customer exports', () => {
  // formats['customers']['default']
  const customersDefault =
    `customer_id,first_name,last_name,email,date_registered,${BILLING_SHIPPING_DEFAULT}\n` +
    '7,Ana,Example,ana.account@example.com,2024-02-03 10:11:12,Ana,Example,,ana.billing@example.com,(503) 555-0101,12 Oak St,Apt 4,97201,Portland,OR,US,Ana,Example,,9 Elm St,,98101,Seattle,WA,US\n';
  // formats['customers']['import']: the keys are renamed (user_login → username, user_pass → password) and reordered.
  const customersImport =
    'username,email,password,date_registered,billing_first_name,billing_last_name,billing_company,billing_address_1,billing_address_2,billing_city,billing_state,billing_postcode,billing_country,billing_email,billing_phone,' +
    'shipping_first_name,shipping_last_name,shipping_company,shipping_address_1,shipping_address_2,shipping_city,shipping_state,shipping_postcode,shipping_country\n' +
    'benex,ben@example.com,$P$Bexamplehash,2024-02-03 10:11:12,Ben,Example,,1 Main St,,Austin,TX,78701,US,ben@example.com,512-555-0102,,,,,,,,,\n';
  // formats['customers']['legacy']: billing fields under bare labels.
  const customersLegacy =
    'ID,First Name,Last Name,Email,Phone,Address,Address 2,Post code,City,State,Country,Company\n' + '9,Cy,Example,cy@example.com,617-555-0103,5 Beacon St,,02108,Boston,MA,US,\n';

  it('default format: the account email (`email`) and the billing email are both read, the account one first', async () => {
    expect(await detected('customers-export.csv', customersDefault)).toBe('woocommerce-customers');
    const run = await runParser(wooCommerceCustomersParser, Buffer.from(customersDefault));
    expect(run.rejects).toEqual([]);
    const [ana] = run.subjects;
    expect(ana).toMatchObject({ objectType: 'customer', sourceId: '7', firstName: 'Ana', email: 'ana.account@example.com', phone: '+15035550101' });
    expect(ana?.fields.billing_email).toBe('ana.billing@example.com');
    expect(ana?.addresses.map((a) => [a.kind, a.street, a.region, a.postalCode])).toEqual([
      ['billing', '12 Oak St, Apt 4', 'US-OR', '97201'],
      ['shipping', '9 Elm St', 'US-WA', '98101'],
    ]);
  });

  it('import format: no id column, so no source id; the username stays in the fields', async () => {
    expect(await detected('customers-import.csv', customersImport)).toBe('woocommerce-customers');
    const [ben] = (await runParser(wooCommerceCustomersParser, Buffer.from(customersImport))).subjects;
    expect(ben).toMatchObject({ sourceId: null, firstName: 'Ben', email: 'ben@example.com', phone: '+15125550102' });
    expect(ben?.fields.username).toBe('benex');
    expect(ben?.addresses.map((a) => [a.kind, a.region])).toEqual([['billing', 'US-TX']]);
  });

  it('legacy format: bare labels read as the billing address', async () => {
    expect(await detected('customers-legacy.csv', customersLegacy)).toBe('woocommerce-customers');
    const [cy] = (await runParser(wooCommerceCustomersParser, Buffer.from(customersLegacy))).subjects;
    expect(cy).toMatchObject({ sourceId: '9', firstName: 'Cy', lastName: 'Example', email: 'cy@example.com', phone: '+16175550103' });
    expect(cy?.addresses[0]).toMatchObject({ kind: 'billing', street: '5 Beacon St', city: 'Boston', region: 'US-MA', postalCode: '02108' });
  });
});

describe('order exports', () => {
  const ORDER_HEAD =
    'order_id,order_number,order_number_formatted,date,status,shipping_total,shipping_tax_total,fee_total,fee_tax_total,tax_total,discount_total,order_total,refunded_total,order_currency,payment_method,shipping_method,customer_id';
  const ORDER_TAIL = 'customer_note,line_items,shipping_items,fee_items,tax_items,coupon_items,refunds,order_notes,download_permissions_granted';
  // formats['orders']['default']: a registered buyer (customer_id 7) and a guest (customer_id 0).
  const ordersDefault =
    `${ORDER_HEAD},${BILLING_SHIPPING_DEFAULT.replace(',shipping_company,', ',')},shipping_company,${ORDER_TAIL}\n` +
    '101,101,101,2024-03-01 09:00:00,completed,5.00,0.00,0.00,0.00,0.00,0.00,25.00,0.00,USD,stripe,Flat rate,7,Ana,Example,,ana.billing@example.com,(503) 555-0101,12 Oak St,Apt 4,97201,Portland,OR,US,Ana,Example,9 Elm St,,98101,Seattle,WA,US,,,name:Mug|quantity:1,,,,,,,0\n' +
    '102,102,102,2024-03-02 09:00:00,processing,5.00,0.00,0.00,0.00,0.00,0.00,15.00,0.00,USD,cod,Flat rate,0,Dee,Guest,,dee@example.com,303-555-0104,7 Pine St,,80202,Denver,CO,US,,,,,,,,,,,name:Cap|quantity:1,,,,,,,0\n';
  // formats['orders']['default_one_row_per_item']: one row per line item, the order repeated on each.
  const ITEM_HEAD =
    'order_id,order_number,date,status,shipping_total,shipping_tax_total,fee_total,fee_tax_total,tax_total,discount_total,order_total,refunded_total,order_currency,payment_method,shipping_method,customer_id';
  const ITEM_TAIL =
    'customer_note,item_id,item_product_id,item_name,item_sku,item_quantity,item_subtotal,item_subtotal_tax,item_total,item_total_tax,item_refunded,item_refunded_qty,item_meta,shipping_items,fee_items,tax_items,coupon_items,order_notes,download_permissions_granted';
  const perItem =
    `${ITEM_HEAD},${BILLING_SHIPPING_DEFAULT.replace(',shipping_company,', ',')},shipping_company,${ITEM_TAIL}\n` +
    '201,201,2024-03-03 09:00:00,completed,0.00,0.00,0.00,0.00,0.00,0.00,30.00,0.00,USD,stripe,Free,0,Eve,Guest,,eve@example.com,,3 Ash St,,10001,New York,NY,US,,,,,,,,,,,1,11,Mug,MUG,1,10.00,0.00,10.00,0.00,0.00,0,,,,,,,0\n' +
    '201,201,2024-03-03 09:00:00,completed,0.00,0.00,0.00,0.00,0.00,0.00,30.00,0.00,USD,stripe,Free,0,Eve,Guest,,eve@example.com,,3 Ash St,,10001,New York,NY,US,,,,,,,,,,,2,12,Cap,CAP,1,20.00,0.00,20.00,0.00,0.00,0,,,,,,,0\n';
  // formats['orders']['legacy_single_column']: labels instead of keys, no customer id.
  const ordersLegacy =
    'Order ID,Date,Order Status,Shipping,Shipping Tax,Fees,Fee Tax,Tax,Discount Total,Order Total,Payment Method,Shipping Method,Billing First Name,Billing Last Name,Billing Email,Billing Phone,Billing Address 1,Billing Address 2,Billing Post code,Billing City,Billing State,Billing Country,Billing Company,' +
    'Shipping First Name,Shipping Last Name,Shipping Address 1,Shipping Address 2,Shipping Post code,Shipping City,Shipping State,Shipping Country,Shipping Company,Customer Note,Order Items,Download Permissions Granted,Order Notes,Coupons\n' +
    '301,2024-03-04 09:00:00,completed,0.00,0.00,0.00,0.00,0.00,0.00,12.00,cod,Free,Fay,Example,fay@example.com,206-555-0105,4 Cedar St,,98101,Seattle,WA,US,,,,,,,,,,,,Mug x1,0,,\n';

  it('default format: detected as orders, each buyer an order record; a guest (customer_id 0) has no source id', async () => {
    expect(await detected('orders-export.csv', ordersDefault)).toBe('woocommerce-orders');
    const run = await runParser(wooCommerceOrdersParser, Buffer.from(ordersDefault));
    expect(run.rejects).toEqual([]);
    expect(run.subjects.map((s) => [s.objectType, s.sourceId, s.email, s.fields.order_id])).toEqual([
      ['order', '7', 'ana.billing@example.com', '101'],
      ['order', null, 'dee@example.com', '102'],
    ]);
    expect(run.subjects[1]?.addresses.map((a) => [a.kind, a.region, a.postalCode])).toEqual([['billing', 'US-CO', '80202']]);
  });

  it('one row per line item: the rows of one order are one buyer, each row traceable', async () => {
    expect(await detected('orders-items.csv', perItem)).toBe('woocommerce-orders');
    const run = await runParser(wooCommerceOrdersParser, Buffer.from(perItem));
    expect(run.subjects).toHaveLength(1);
    expect(run.subjects[0]).toMatchObject({ recordNo: 1, lineNo: 2, firstName: 'Eve', email: 'eve@example.com' });
    expect(run.subjects[0]?.fields).toMatchObject({ '(line) #2': '3', 'item_name #2': 'Cap' });
  });

  it('legacy format: labelled columns are read', async () => {
    expect(await detected('orders-legacy.csv', ordersLegacy)).toBe('woocommerce-orders');
    const [fay] = (await runParser(wooCommerceOrdersParser, Buffer.from(ordersLegacy))).subjects;
    expect(fay).toMatchObject({ objectType: 'order', sourceId: null, firstName: 'Fay', email: 'fay@example.com', phone: '+12065550105' });
    expect(fay?.addresses[0]).toMatchObject({ kind: 'billing', street: '4 Cedar St', region: 'US-WA', postalCode: '98101' });
  });

  it('an order export is not taken for a customer export', () => {
    expect(wooCommerceCustomersParser.detect({ head: Buffer.from(ordersDefault), fileName: 'orders.csv', size: ordersDefault.length })).toBe(0);
  });
});
