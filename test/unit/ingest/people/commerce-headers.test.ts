/**
 * Headers and element shapes as the platforms write them, taken from their own sources (cited per case); the data
 * rows are made up (example.com people).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../shared/ingest/acquire';
import { sfccCustomersParser } from '../../../../shared/ingest/people/sfcc-customers';
import { wooCommerceCustomersParser } from '../../../../shared/ingest/people/woocommerce';
import { runParser } from '../../../helpers/parse';
import { tempDir } from '../../../helpers/tmp';

async function detected(name: string, text: string): Promise<string> {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return detectFormat(file, name, Buffer.byteLength(text));
}

describe('WooCommerce Analytics customers report', () => {
  // Column labels of the server-side export: ReportsCustomers Controller::get_export_columns() (woocommerce/woocommerce).
  const serverExport =
    'Name,Username,Last Active,Sign Up,Email,Orders,Total Spend,AOV,Country / Region,City,Region,Postal Code\n' +
    'Ada Example,ada,2024-03-01 10:00:00,2023-01-02 09:00:00,ada@example.com,3,90.00,30.00,US,Portland,OR,97201\n';
  // The report table's CSV download keeps only the shown columns; Username, City, Region and Postal code are hidden by
  // default (client/analytics/report/customers/table.js).
  const defaultColumns = 'Name,Role,Last active,Date registered,Email,Orders,Total spend,AOV,Country / Region\n' + 'Bo Example,customer,2024-03-01,2023-01-02,bo@example.com,1,10.00,10.00,CA\n';

  it('detects and reads the server-side export, whose country header is "Country / Region"', async () => {
    expect(await detected('customers-report.csv', serverExport)).toBe('woocommerce-customers');
    const [ada] = (await runParser(wooCommerceCustomersParser, Buffer.from(serverExport))).subjects;
    expect(ada).toMatchObject({ sourceId: 'ada', fullName: 'Ada Example', email: 'ada@example.com' });
    expect(ada?.addresses[0]).toMatchObject({ city: 'Portland', region: 'US-OR', postalCode: '97201', country: 'US' });
  });

  it('detects and reads the download with only the default columns (no Username, no postal code)', async () => {
    expect(await detected('wc-customers-report-export.csv', defaultColumns)).toBe('woocommerce-customers');
    const [bo] = (await runParser(wooCommerceCustomersParser, Buffer.from(defaultColumns))).subjects;
    expect(bo).toMatchObject({ sourceId: null, fullName: 'Bo Example', email: 'bo@example.com' });
    expect(bo?.addresses[0]).toMatchObject({ country: 'CA', postalCode: null });
  });
});

describe('SFCC customer XML', () => {
  // customerlist2.xsd shares the customer namespace; its root is <customer-list> with a <header> before the customers.
  const customerList = `<?xml version="1.0" encoding="UTF-8"?>
<customer-list xmlns="http://www.demandware.com/xml/impex/customer/2006-10-31" list-id="RefArch">
<header>
  <customerno-sequence-enabled>false</customerno-sequence-enabled>
  <max-failed-logins>10</max-failed-logins>
</header>
<customer customer-no="00000001">
  <credentials><login>cy@example.com</login></credentials>
  <profile><first-name>Cy</first-name><last-name>Example</last-name><email>cy@example.com</email></profile>
  <addresses>
    <address address-id="home" preferred="true">
      <address1>1 Main St</address1><city>Boston</city><postal-code>02110</postal-code><state-code>MA</state-code>
      <country-code>US</country-code><phone>617-555-0100</phone>
    </address>
  </addresses>
</customer>
</customer-list>
`;
  const prefixed = `<?xml version="1.0" encoding="UTF-8"?>
<dw:customers xmlns:dw="http://www.demandware.com/xml/impex/customer/2006-10-31">
<dw:customer customer-no="00000002">
  <dw:profile><dw:first-name>Di</dw:first-name><dw:last-name>Example</dw:last-name><dw:email>di@example.com</dw:email></dw:profile>
</dw:customer>
</dw:customers>
`;

  it('detects and reads a site-export customer list, its header not taken for a customer', async () => {
    expect(await detected('RefArch.xml', customerList)).toBe('sfcc-customers-xml');
    const run = await runParser(sfccCustomersParser, Buffer.from(customerList));
    expect(run.rejects).toEqual([]);
    expect(run.subjects).toHaveLength(1);
    expect(run.subjects[0]).toMatchObject({ sourceId: '00000001', firstName: 'Cy', email: 'cy@example.com', phone: '+16175550100' });
    expect(run.subjects[0]?.addresses[0]).toMatchObject({ kind: 'default', region: 'US-MA', postalCode: '02110' });
  });

  it('reads elements written with a namespace prefix', async () => {
    expect(await detected('customers.xml', prefixed)).toBe('sfcc-customers-xml');
    const run = await runParser(sfccCustomersParser, Buffer.from(prefixed));
    expect(run.subjects.map((s) => [s.sourceId, s.firstName, s.email])).toEqual([['00000002', 'Di', 'di@example.com']]);
  });
});
