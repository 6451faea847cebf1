/**
 * Shapes the corpus has no public sample of, written here in the layout the platforms document: Shopify order
 * exports that repeat Email on every line item, ambiguous slash dates, Salesforce ids with a wrong case-safe suffix.
 */
import { describe, expect, it } from 'vitest';
import { salesforceDataExportParser } from '../../../shared/ingest/people/salesforce-export';
import { shopifyCustomersParser, shopifyOrdersParser } from '../../../shared/ingest/people/shopify';
import { setupAuditTrailParser } from '../../../shared/ingest/salesforce/setup-audit-trail';
import { hasWrongSuffix } from '../../../shared/util/salesforce-id';
import { runParser } from '../../helpers/parse';

describe('Shopify order exports', () => {
  it('group line-item rows by order Name even when Email (and more) repeats on every row', async () => {
    const csv = [
      'Name,Email,Financial Status,Paid at,Lineitem quantity,Lineitem name,Lineitem price,Billing Name,Billing City,Billing Zip,Billing Province,Billing Country,Id',
      '#1001,ann@example.com,paid,2024-01-15 10:00:00 -0500,1,Cup,9.00,Ann Lee,Boston,02108,MA,US,5550001',
      '#1001,ann@example.com,paid,2024-01-15 10:00:00 -0500,2,Spoon,3.00,Ann Lee,Boston,02108,MA,US,5550001',
      '#1002,bo@example.com,paid,2024-01-16 11:00:00 -0500,1,Plate,12.00,Bo Kim,Austin,78701,TX,US,5550002',
      '#1002,bo@example.com,,,1,Bowl,8.00,,,,,,5550002',
      '',
    ].join('\n');
    const run = await runParser(shopifyOrdersParser, Buffer.from(csv), {}, { fileName: 'orders_export_1.csv' });
    expect(run.rejects).toEqual([]);
    expect(run.subjects.map((s) => [s.sourceId, s.email, s.fields['Lineitem name #2']])).toEqual([
      ['5550001', 'ann@example.com', 'Spoon'],
      ['5550002', 'bo@example.com', 'Bowl'],
    ]);
  });
});

describe('ambiguous dates', () => {
  const contacts = Buffer.from(
    'Id,FirstName,LastName,Email,Birthdate,IsDeleted,CreatedDate\n' +
      '0035j00000AbCdEAAV,Ann,Lee,ann@example.com,5/6/2010,false,2024-01-01T00:00:00.000Z\n' +
      '0035j00000AbCdFAAV,Bo,Kim,bo@example.com,25/6/2010,false,2024-01-01T00:00:00.000Z\n',
  );

  it('are read by the recorded locale, and the import warns that the file has them', async () => {
    const us = await runParser(salesforceDataExportParser, contacts, {}, { fileName: 'Contact.csv' });
    expect(us.subjects[0]?.birthDate).toBe('2010-05-06');
    expect(us.warnings.join(' ')).toMatch(/1 date\(s\) in this file could be month\/day or day\/month .* month\/day by locale en-US/);
    const gb = await runParser(salesforceDataExportParser, contacts, { locale: 'en-GB' }, { fileName: 'Contact.csv' });
    expect(gb.subjects[0]?.birthDate).toBe('2010-06-05');
    expect(gb.warnings.join(' ')).toMatch(/day\/month by locale en-GB/);
  });

  it('e-commerce exports warn the same way; a file of unambiguous dates gets no warning', async () => {
    const header = 'Customer ID,First Name,Last Name,Email,Birthdate';
    const ambiguous = await runParser(shopifyCustomersParser, Buffer.from(`${header}\n1,Ann,Lee,ann@example.com,5/6/2010\n`), {}, { fileName: 'customers_export.csv' });
    expect(ambiguous.warnings.join(' ')).toMatch(/could be month\/day or day\/month/);
    const plain = await runParser(shopifyCustomersParser, Buffer.from(`${header}\n1,Ann,Lee,ann@example.com,5/5/2010\n2,Bo,Kim,bo@example.com,1990-02-03\n`), {}, { fileName: 'customers_export.csv' });
    expect(plain.warnings.filter((w) => /could be month\/day/.test(w))).toEqual([]);
  });

  it('Setup Audit Trail dates read by a given locale still say they were ambiguous', async () => {
    const csv = 'Date,User,Source Namespace Prefix,Action,Section,Delegate User\n"5/6/2025, 10:15:00 AM PDT",admin@example.com,,Changed password,Manage Users,\n';
    const run = await runParser(setupAuditTrailParser, Buffer.from(csv), { locale: 'en-GB' }, { fileName: 'SetupAuditTrail.csv' });
    expect(run.events[0]?.ts).toBe('2025-06-05T17:15:00.000Z');
    expect(run.warnings.join(' ')).toMatch(/could be month\/day or day\/month; read as day\/month by locale en-GB/);
  });
});

describe('Salesforce ids with a wrong case-safe suffix', () => {
  it('the suffix check follows the documented algorithm', () => {
    expect(hasWrongSuffix('0055j000000utlPAAQ')).toBe(false);
    expect(hasWrongSuffix('0055j00000AT6I1AAL')).toBe(false);
    expect(hasWrongSuffix('0056j000000utlQAAR')).toBe(true);
    expect(hasWrongSuffix('0055j000000utlP')).toBe(false);
  });

  it('a Data Export row whose Id suffix is wrong is kept, and the file warns naming the record', async () => {
    const csv = 'Id,FirstName,LastName,Email,IsDeleted,CreatedDate\n0035j00000AbCdEAAZ,Ann,Lee,ann@example.com,false,2024-01-01T00:00:00.000Z\n0035j00000AbCdEAAV,Bo,Kim,bo@example.com,false,2024-01-01T00:00:00.000Z\n';
    const run = await runParser(salesforceDataExportParser, Buffer.from(csv), {}, { fileName: 'Contact.csv' });
    expect(run.subjects.map((s) => s.sourceId)).toEqual(['0035j00000AbCdEAAZ', '0035j00000AbCdEAAV']);
    expect(run.warnings.join(' ')).toMatch(/1 row\(s\) have an 18-character Id whose case-safe suffix does not match .*records 1\)/);
  });
});
