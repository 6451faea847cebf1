import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { magentoAddressesParser, magentoCustomersParser } from '../../../../shared/ingest/people/magento';
import { sfccCustomersParser } from '../../../../shared/ingest/people/sfcc-customers';
import { shopifyCustomersParser, shopifyOrdersParser } from '../../../../shared/ingest/people/shopify';
import { wooCommerceCustomersParser } from '../../../../shared/ingest/people/woocommerce';
import { runParser } from '../../../helpers/parse';

const HERE = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => join(HERE, '../../../fixtures/people', name);
const sample = (name: string): string => join(HERE, '../../../fixtures/samples', name);

describe('shopify-customers', () => {
  it('reads the current header with a BOM and strips guard apostrophes from ids, zips and phones', async () => {
    const run = await runParser(shopifyCustomersParser, fixture('shopify-customers.csv'));
    expect(run.rejects).toEqual([]);
    const [sanne, john] = run.subjects;
    expect(sanne).toMatchObject({ system: 'shopify', objectType: 'customer', sourceId: '9013808660771', email: 'sanne@example.nl', phone: '+31612345678', birthDate: '1990-02-03' });
    expect(sanne?.addresses[0]).toMatchObject({ street: 'Damrak 1', postalCode: '1012 LG', country: 'NL', region: null });
    expect(john).toMatchObject({ sourceId: '9013808660772', phone: '+12125550100' });
    expect(john?.addresses[0]).toMatchObject({ street: '350 5th Ave, Fl 10', region: 'US-NY', regionSource: 'abbreviation', postalCode: '10118' });
    expect(Object.keys(sanne!.fields)[0]).toBe('Customer ID');
  });

  it('reads the legacy header', async () => {
    const [liam] = (await runParser(shopifyCustomersParser, fixture('shopify-customers-legacy.csv'))).subjects;
    expect(liam).toMatchObject({ sourceId: null, firstName: 'Liam', phone: '+16045550111' });
    expect(liam?.addresses[0]).toMatchObject({ region: 'CA-BC', country: 'CA', postalCode: 'V6B 1A1' });
  });
});

describe('shopify-orders', () => {
  it('groups line-item rows into one order record whose bytes span all its rows', async () => {
    const run = await runParser(shopifyOrdersParser, fixture('shopify-orders.csv'));
    expect(run.rejects).toEqual([]);
    expect(run.subjects).toHaveLength(2);
    const [first, second] = run.subjects;
    expect(first).toMatchObject({ objectType: 'order', sourceId: '5550001', fullName: 'Pat Buyer', email: 'buyer@example.com', phone: '+16175550100', lineNo: 2 });
    expect(first?.fields['Lineitem name #2']).toBe('Spoon');
    expect(first?.fields['Lineitem name #3']).toBe('Plate');
    expect(first?.addresses.map((a) => [a.kind, a.region, a.postalCode])).toEqual([['billing', 'US-MA', '02108'], ['shipping', 'US-MA', '02108']]);
    expect(second?.byteOffset).toBe(first!.byteOffset + first!.byteLength);
    expect(second).toMatchObject({ sourceId: '5550002', lineNo: 5, recordNo: 4 });
  });
});

describe('magento', () => {
  it('reads the real Magento 2 customer sample', async () => {
    const run = await runParser(magentoCustomersParser, sample('magento2__ImportExport_Sample_customer.csv'));
    expect(run.rejects).toEqual([]);
    expect(run.subjects).toHaveLength(1);
    expect(run.subjects[0]).toMatchObject({ system: 'magento', firstName: 'Jon', lastName: 'Doe', email: 'jondoe@example.com', updatedAt: '2015-10-30T12:49:48.000Z', sourceId: 'base:jondoe@example.com' });
    expect(run.subjects[0]?.fields.password_hash).toMatch(/^d708be3f/);
  });

  it('reads the address file with multi-line streets and default flags', async () => {
    const run = await runParser(magentoAddressesParser, fixture('magento-customer_address.csv'));
    const [home, other] = run.subjects;
    expect(home?.addresses[0]).toEqual({ kind: 'billing', street: '10441 Jefferson Blvd, Suite 200', city: 'Culver City', region: 'US-CA', regionSource: 'name', postalCode: '90232', country: 'US' });
    expect(home?.phone).toBe('+15552293326');
    expect(other?.addresses[0]).toMatchObject({ kind: 'other', region: 'US-MI', regionSource: 'zip' });
  });
});

describe('woocommerce-customers', () => {
  it('reads a plugin user export with billing and shipping addresses', async () => {
    const [jane] = (await runParser(wooCommerceCustomersParser, fixture('woocommerce-customers.csv'))).subjects;
    expect(jane).toMatchObject({ system: 'woocommerce', sourceId: '12', firstName: 'Jane', email: 'jdoe@example.com', phone: '+13125550134' });
    expect(jane?.addresses.map((a) => [a.kind, a.region, a.postalCode])).toEqual([['billing', 'US-IL', '60606'], ['shipping', 'US-IL', '60611']]);
  });

  it('reads the Analytics customers report', async () => {
    const [chris] = (await runParser(wooCommerceCustomersParser, fixture('woocommerce-analytics-customers.csv'))).subjects;
    expect(chris).toMatchObject({ sourceId: 'chris', fullName: 'Chris Analytics', email: 'chris@example.com' });
    expect(chris?.addresses[0]).toMatchObject({ city: 'Seattle', region: 'US-WA', country: 'US' });
  });
});

describe('sfcc-customers-xml', () => {
  it('streams customers with profiles and address books, and rejects a broken customer with its bytes', async () => {
    const run = await runParser(sfccCustomersParser, fixture('sfcc-customers.xml'), {}, { chunkSize: 37 });
    expect(run.subjects.map((s) => s.sourceId)).toEqual(['00001001', '00001003']);
    const [ines, tom] = run.subjects;
    expect(ines).toMatchObject({ firstName: 'Inês', lastName: 'Costa', email: 'ines@example.pt', phone: '+351912345678', birthDate: '1988-08-08' });
    expect(ines?.fields['profile.custom.crmContactId']).toBe('0035j00000AbCdEAAV');
    expect(ines?.addresses.map((a) => [a.kind, a.country, a.region])).toEqual([['default', 'PT', null], ['other', 'US', 'US-FL']]);
    expect(tom?.recordNo).toBe(3);
    expect(run.rejects).toHaveLength(1);
    expect(run.rejects[0]?.recordNo).toBe(2);
    expect(run.rejects[0]?.raw.toString()).toMatch(/^<customer customer-no="00001002">[\s\S]*<\/customer>$/);
  });

  it('gives byte offsets into the UTF-8 file despite multi-byte characters', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(fixture('sfcc-customers.xml'));
    const run = await runParser(sfccCustomersParser, bytes, {}, { fileName: 'customers.xml', chunkSize: 50 });
    const tom = run.subjects[1]!;
    expect(bytes.subarray(tom.byteOffset, tom.byteOffset + tom.byteLength).toString()).toMatch(/^<customer customer-no="00001003">[\s\S]*<\/customer>$/);
  });
});
