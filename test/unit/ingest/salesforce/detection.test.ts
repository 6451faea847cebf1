import { describe, expect, it } from 'vitest';
import { detectParser } from '../../../../shared/ingest/registry';
import { sampleOf } from '../../../helpers/parse';
import { fixture, sample } from './paths';

describe('detection picks the Salesforce parser from content', () => {
  const cases: [string, string][] = [
    [sample('newrelic__sample_log_lines.csv'), 'salesforce-elf'],
    [sample('appomni__salesforce_elf_soap_api_event_activity_audit_download_resource_soapapi.json'), 'salesforce-elf'],
    [sample('appomni__salesforce_elf_unique_query_event_activity_audit_query_resource_elf_uniquequery.json'), 'salesforce-elf'],
    [sample('elastic-integrations__salesforce_login_test-login-eventlogfile.log'), 'salesforce-elf'],
    [sample('appomni__salesforce_rtem_apieventstream_activity_audit_download_resource_apieventstream.json'), 'salesforce-rtem'],
    [sample('appomni__salesforce_rtem_reporteventstream_activity_audit_download_resource_reporteventstream.json'), 'salesforce-rtem'],
    [sample('appomni__salesforce_rtem_bulkapiresulteventstore_activity_audit_download_resource_bulkapiresulteventstore.json'), 'salesforce-rtem'],
    [fixture('elf-Login.csv'), 'salesforce-elf'],
    [fixture('elf-FutureThing.csv'), 'salesforce-elf'],
    [fixture('rtem-ApiEvent-soql.json'), 'salesforce-rtem'],
    [fixture('rtem-stream.jsonl'), 'salesforce-rtem'],
    [fixture('rtem-ReportEvent-dataloader.csv'), 'salesforce-rtem'],
    [fixture('setup-audit-trail-us.csv'), 'salesforce-setup-audit-trail'],
    [fixture('login-history-ui.csv'), 'salesforce-login-history'],
    [fixture('login-history-api.csv'), 'salesforce-login-history'],
  ];
  for (const [file, format] of cases) {
    it(`${file.split('/').pop()} → ${format}`, () => {
      // A neutral name, so only the content decides.
      expect(detectParser(sampleOf(file, 'evidence.bin'))?.format).toBe(format);
    });
  }

  it('does not claim non-Salesforce samples', () => {
    for (const name of ['magento2__ImportExport_Sample_customer.csv', 'elastic-beats__aws_cloudtrail_console-login-json.log', 'elastic-beats__apache_access_test.log']) {
      expect(detectParser(sampleOf(sample(name)))?.format ?? 'none').not.toMatch(/^salesforce-/);
    }
  });
});
