/** A date of birth that cannot be read is kept as written and said in the import's warnings, never dropped unseen. */
import { describe, expect, it } from 'vitest';
import { salesforceDataExportParser } from '../../../../shared/ingest/people/salesforce-export';
import { sfccCustomersParser } from '../../../../shared/ingest/people/sfcc-customers';
import { magentoCustomersParser } from '../../../../shared/ingest/people/magento';
import { runParser } from '../../../helpers/parse';

describe('dates of birth that cannot be read', () => {
  it('Salesforce export: the row is kept with its raw value, and the warning names the records', async () => {
    const csv =
      'Id,FirstName,LastName,Email,Birthdate\n' +
      '0035j00000AbCdEAAV,Ana,Alpha,ana@example.com,1980-05-17\n' +
      '0035j00000AbCdFAAV,Ben,Beta,ben@example.com,not known\n' +
      '0035j00000AbCdGAAV,Cy,Gamma,cy@example.com,31/31/1990\n' +
      '0035j00000AbCdHAAV,Dee,Delta,dee@example.com,\n';
    const run = await runParser(salesforceDataExportParser, Buffer.from(csv), {}, { fileName: 'Contact.csv' });
    expect(run.subjects.map((s) => s.birthDate)).toEqual(['1980-05-17', null, null, null]);
    expect(run.subjects[1]!.fields['Birthdate']).toBe('not known');
    const warning = run.warnings.find((w) => w.includes('date(s) of birth could not be read'));
    expect(warning).toBe('2 date(s) of birth could not be read as a date (records 2, 3); they are kept in their rows as written but not used to match people.');
  });

  it('a file whose dates all read gives no such warning', async () => {
    const csv = 'Id,FirstName,LastName,Birthdate\n0035j00000AbCdEAAV,Ana,Alpha,1980-05-17\n';
    const run = await runParser(salesforceDataExportParser, Buffer.from(csv), {}, { fileName: 'Contact.csv' });
    expect(run.warnings.filter((w) => w.includes('of birth'))).toEqual([]);
  });

  it('SFCC customer XML and a Magento customer file say the same', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<customers xmlns="http://www.demandware.com/xml/impex/customer/2006-10-31">\n' +
      '<customer customer-no="1"><credentials><login>a@example.com</login></credentials><profile><first-name>Ana</first-name><last-name>Alpha</last-name><email>a@example.com</email><birthday>sometime</birthday></profile></customer>\n' +
      '</customers>\n';
    const sfcc = await runParser(sfccCustomersParser, Buffer.from(xml), {}, { fileName: 'customers.xml' });
    expect(sfcc.subjects).toHaveLength(1);
    expect(sfcc.warnings.some((w) => w.startsWith('1 date(s) of birth could not be read as a date (records 1)'))).toBe(true);

    const csv = 'email,_website,firstname,lastname,dob\nana@example.com,base,Ana,Alpha,1980-13-45\nben@example.com,base,Ben,Beta,1981-02-03\n';
    const magento = await runParser(magentoCustomersParser, Buffer.from(csv), {}, { fileName: 'customer.csv' });
    expect(magento.subjects.map((s) => s.birthDate)).toEqual([null, '1981-02-03']);
    expect(magento.warnings.some((w) => w.startsWith('1 date(s) of birth could not be read as a date (records 1)'))).toBe(true);
  });
});
