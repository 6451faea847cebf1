/**
 * Rows read, imported, rejected and duplicate are exact for every corpus file: each file of test/fixtures/corpus, added
 * alone to a new case without --format, gives the format and the four counts below (or is kept, not imported). A file
 * added to the corpus without a line here fails the first test. The values were checked by hand against the files; the
 * spot values of each file are in corpus.test.ts and corpus-commerce.test.ts.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEvidence } from '../../shared/ingest/acquire';
import { createCase } from '../../shared/store/case-folder';
import { listEvidence } from '../../shared/store/evidence';
import { REPO } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const CORPUS = path.join(REPO, 'test/fixtures/corpus');

type Counts = [read: number, imported: number, rejected: number, duplicate: number];
/** A file no parser reads is still evidence: no counts, and the reason it was not imported. */
type Expected = { format: string; counts: Counts } | { format: string; notImported: RegExp };

const NO_TIMESTAMP = /No timestamp column found/;
const NO_PARSER = /No parser recognised the file/;

const EXPECTED: Record<string, Expected> = {
  'appomni-apieventstream-query.json': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'appomni-identityverificationevent.json': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'appomni-lightningurieventstream-update.json': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'appomni-listvieweventstream.json': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'appomni-login-elf.json': { format: 'salesforce-elf', counts: [1, 1, 0, 0] },
  'appomni-logineventstream-failure.json': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'appomni-logout-elf.json': { format: 'salesforce-elf', counts: [1, 1, 0, 0] },
  'appomni-logouteventstream.json': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'appomni-setup-audit-create-user.json': { format: 'unparsed', notImported: NO_PARSER },
  'appomni-urieventstream-read.json': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'beats-apache-darwin-2.4.23.log': { format: 'web-access-log', counts: [6, 6, 0, 0] },
  'beats-apache-ssl-request.log': { format: 'unparsed', notImported: NO_PARSER },
  'beats-apache-test-vhost.log': { format: 'web-access-log', counts: [1, 1, 0, 0] },
  'beats-cloudtrail-assume-role-json.log': { format: 'aws-cloudtrail', counts: [1, 1, 0, 0] },
  'beats-cloudtrail-delete-user-json.log': { format: 'aws-cloudtrail', counts: [1, 1, 0, 0] },
  'beats-cloudtrail-insight-json.log': { format: 'aws-cloudtrail', counts: [1, 1, 0, 0] },
  'beats-nginx-access.log': { format: 'web-access-log', counts: [13, 13, 0, 0] },
  'beats-nginx-test-with-host.log': { format: 'web-access-log', counts: [10, 10, 0, 0] },
  'dataloader-dateWithTimeZone.csv': { format: 'salesforce-data-export', counts: [1, 1, 0, 0] },
  'dataloader-error-opportunity.csv': { format: 'salesforce-data-export', counts: [11, 11, 0, 0] },
  'dataloader-success-opportunity.csv': { format: 'salesforce-data-export', counts: [9, 9, 0, 0] },
  'dataloader-upsertAccountSmallTemplate.csv': { format: 'salesforce-data-export', counts: [10, 10, 0, 0] },
  'gigya-sfcc-customers.xml': { format: 'sfcc-customers-xml', counts: [2, 2, 0, 0] },
  'magento-customer_address.csv': { format: 'magento-addresses', counts: [1, 1, 0, 0] },
  'magento-customer_composite.csv': { format: 'magento-customers', counts: [1, 1, 0, 0] },
  'magento-customer_composite_update.csv': { format: 'magento-customers', counts: [4, 4, 0, 0] },
  'magento-customer_finance.csv': { format: 'generic-csv', notImported: NO_TIMESTAMP },
  'sf-login-object.log': { format: 'salesforce-rtem', counts: [2, 2, 0, 0] },
  'sf-logout-eventlogfile.log': { format: 'salesforce-elf', counts: [1, 1, 0, 0] },
  'sf-logout-object.log': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'sf-setupaudittrail.log': { format: 'salesforce-rtem', counts: [1, 1, 0, 0] },
  'sfcc-refarch-customer-list.xml': { format: 'sfcc-customers-xml', counts: [13, 13, 0, 0] },
  'woocommerce-sample_tax_rates.csv': { format: 'generic-csv', notImported: NO_TIMESTAMP },
};

describe('corpus counts', () => {
  it('names every corpus file, and only those', () => {
    const files = readdirSync(CORPUS).filter((f) => f !== 'SOURCES.txt');
    expect(Object.keys(EXPECTED).sort()).toEqual(files.sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const handle = await createCase({ dir: path.join(tempDir(), 'case'), name: 'Corpus', investigator: 'Ivy', discovered: '2025-06-10', timeZone: 'UTC' });
    const { evidence } = await addEvidence(handle, { file: path.join(CORPUS, name), actor: 'ivy' });
    const e = listEvidence(handle.db).find((x) => x.id === evidence.id)!;
    const i = e.latestImport;
    expect(e.format).toBe(expected.format);
    if ('counts' in expected) {
      expect(e.notImported).toBeNull();
      expect(i && [i.rowsRead, i.rowsImported, i.rowsRejected, i.rowsDuplicate]).toEqual(expected.counts);
    } else {
      expect(i).toBeNull();
      expect(e.notImported).toMatch(expected.notImported);
    }
  });
});
