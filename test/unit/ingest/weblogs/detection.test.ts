import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { peopleParsers } from '../../../../shared/ingest/people';
import { weblogParsers } from '../../../../shared/ingest/weblogs';
import { buildZip } from '../people/zip-writer';
import { sampleOf } from '../../../helpers/parse';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../../..');
const PARSERS = [...peopleParsers, ...weblogParsers];

function detect(path: string, fileName?: string): string | null {
  const sample = sampleOf(path, fileName);
  let best: string | null = null;
  let bestScore = 0;
  for (const parser of PARSERS) {
    const score = parser.detect(sample);
    if (score > bestScore) [best, bestScore] = [parser.format, score];
  }
  return best;
}

describe('format detection among the people and log parsers', () => {
  it.each([
    ['test/fixtures/samples/magento2__ImportExport_Sample_customer.csv', 'magento-customers'],
    ['test/fixtures/samples/elastic-beats__apache_access_test.log', 'web-access-log'],
    ['test/fixtures/samples/elastic-beats__aws_cloudtrail_console-login-json.log', 'aws-cloudtrail'],
    ['test/fixtures/people/Contact.csv', 'salesforce-data-export'],
    ['test/fixtures/people/Account.csv', 'salesforce-data-export'],
    ['test/fixtures/people/Case.csv', 'salesforce-data-export'],
    ['test/fixtures/people/Order.csv', 'salesforce-data-export'],
    ['test/fixtures/people/Invoice__c.csv', 'salesforce-data-export'],
    ['test/fixtures/people/bulk-query-result.csv', 'salesforce-data-export'],
    ['test/fixtures/people/shopify-customers.csv', 'shopify-customers'],
    ['test/fixtures/people/shopify-customers-legacy.csv', 'shopify-customers'],
    ['test/fixtures/people/shopify-orders.csv', 'shopify-orders'],
    ['test/fixtures/people/magento-customer_address.csv', 'magento-addresses'],
    ['test/fixtures/people/woocommerce-customers.csv', 'woocommerce-customers'],
    ['test/fixtures/people/woocommerce-analytics-customers.csv', 'woocommerce-customers'],
    ['test/fixtures/people/sfcc-customers.xml', 'sfcc-customers-xml'],
    ['test/fixtures/weblogs/access-mixed.log', 'web-access-log'],
    ['test/fixtures/weblogs/cloudtrail-records.json', 'aws-cloudtrail'],
    ['test/fixtures/weblogs/app.jsonl', 'generic-jsonl'],
    ['test/fixtures/weblogs/portal-log.csv', 'generic-csv'],
  ])('%s → %s', (path, format) => {
    expect(detect(join(ROOT, path))).toBe(format);
  });

  it('recognises a Data Export ZIP by its first entry', () => {
    const zip = buildZip([{ name: 'Account.csv', data: readFileSync(join(ROOT, 'test/fixtures/people/Account.csv')) }]);
    const sample = { fileName: 'WE_00D_1.ZIP', size: zip.length, head: zip };
    const best = PARSERS.map((p) => [p.format, p.detect(sample)] as const).sort((a, b) => b[1] - a[1])[0];
    expect(best?.[0]).toBe('salesforce-data-export');
  });

  it('claims nothing for text that is none of these formats', () => {
    const sample = { fileName: 'notes.txt', size: 20, head: Buffer.from('just some notes here') };
    expect(PARSERS.every((p) => p.detect(sample) === 0)).toBe(true);
  });
});
