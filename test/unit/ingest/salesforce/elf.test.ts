import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { elfParser } from '../../../../shared/ingest/salesforce/elf';
import { runParser } from '../../../helpers/parse';
import { fixture, sample } from './paths';

describe('salesforce-elf on the shared samples', () => {
  it('reads the raw ELF CSV (newrelic) with quoting quirks and provenance', async () => {
    const file = sample('newrelic__sample_log_lines.csv');
    const run = await runParser(elfParser, file, {}, { chunkSize: 17 });
    expect(run.rejects).toEqual([]);
    expect(run.events).toHaveLength(2);
    const [first] = run.events;
    expect(first).toMatchObject({
      sourceType: 'elf:ApexCallout',
      ts: '2024-03-11T16:00:00.000Z',
      requestId: 'YYZ:abcdef123456',
      actorId: '000000001111111AAA',
      operation: 'POST',
      status: '200',
      uri: 'TEST-LOG-1',
      recordNo: 1,
      lineNo: 2,
    });
    const bytes = readFileSync(file);
    const raw = bytes.subarray(first!.byteOffset, first!.byteOffset + first!.byteLength).toString();
    expect(raw.startsWith('"ApexCallout","20240311160000.000"')).toBe(true);
    expect(raw.endsWith('""\n')).toBe(true);
  });

  it('reads the SOAP API row rendered as JSON (AppOmni)', async () => {
    const run = await runParser(elfParser, sample('appomni__salesforce_elf_soap_api_event_activity_audit_download_resource_soapapi.json'));
    expect(run.rejects).toEqual([]);
    expect(run.events[0]).toMatchObject({
      sourceType: 'elf:API',
      ts: '2023-03-17T18:04:24.293Z',
      actorId: '000000000000123AbC',
      clientIp: '198.51.100.1',
      client: 'vendor/integration_app',
      operation: 'query_all',
      objectType: 'Customer_Account__c',
      rowsProcessed: 100000,
      requestId: '1230000000000000000-12',
      recordIds: [],
      byteOffset: 0,
      lineNo: 1,
    });
    expect(run.events[0]!.details).toMatchObject({ ENTITY_NAME: 'Customer_Account__c', API_TYPE: 'P' });
  });

  it('reads the UniqueQuery row: SOQL text, object and query identifiers', async () => {
    const run = await runParser(elfParser, sample('appomni__salesforce_elf_unique_query_event_activity_audit_query_resource_elf_uniquequery.json'));
    const event = run.events[0]!;
    expect(event.sourceType).toBe('elf:UniqueQuery');
    expect(event.query).toMatch(/^SELECT ReportsTo\.LastModifiedById.*FROM Contact USING SCOPE EVERYTHING WHERE id = :id$/);
    expect(event.objectType).toBe('Contact');
    expect(event.actorId).toBe('005Dn000001ab23IAA');
    expect(event.details).toMatchObject({ QUERY_TYPE: 'FKJOIN', SQL_ID: 'ddaa9876yb2a1', ORGANIZATION_ID: '00DDn000001dAbcMAE' });
  });

  it('reads the Login row (elastic): derived user id, both IPs, no bogus record id', async () => {
    const run = await runParser(elfParser, sample('elastic-integrations__salesforce_login_test-login-eventlogfile.log'));
    expect(run.events[0]).toMatchObject({
      sourceType: 'elf:Login',
      ts: '2022-09-13T05:22:43.429Z',
      actorId: '0055j000000utlPAAQ',
      username: 'user@elastic.co',
      loginKey: 'NK2oPJrJze8tH+vC',
      clientIp: '175.16.199.0',
      sourceIp: '175.16.199.0',
      status: 'LOGIN_NO_ERROR',
      recordIds: [],
    });
  });
});

describe('salesforce-elf on documented field lists', () => {
  const expectations: Record<string, Record<string, unknown>> = {
    Login: { clientIp: 'Salesforce.com IP', sourceIp: '203.0.113.50', username: 'analyst@example.com', userAgent: 'Go-http-client/1.1', status: 'LOGIN_NO_ERROR', recordIds: [] },
    Logout: { ts: '2021-10-19T05:07:07.130Z' },
    API: { operation: 'query_all', objectType: 'Contact', rowsProcessed: 100000, client: 'DataLoaderPartnerUI/' },
    RestApi: { operation: 'GET', app: '0H4fj000000abcdCAA', userAgent: 'python-requests/2.31.0', recordIds: ['0035j00000AbCdEAAV'] },
    BulkApi: { operation: 'query', objectType: 'Contact', rowsProcessed: 25000 },
    BulkApi2: { operation: 'queryAll', objectType: 'Lead', rowsProcessed: 48000, status: 'JobComplete' },
    BulkApiRequest: { operation: 'query', client: 'DataLoaderBulkUI/', app: '0H4fj000000abcdCAA' },
    Report: { objectType: 'Contact', rowsProcessed: 2000, uri: '/00O5j000000AbCd' },
    ReportExport: { client: 'Excel', uri: '/00O5j000000AbCd' },
    URI: { recordIds: ['0035j00000AbCdEAAV'], uri: '/0035j00000AbCdE' },
    LightningPageView: { recordIds: ['0035j00000AbCdFAAV'], objectType: 'Contact', uri: '/lightning/r/Contact/0035j00000AbCdF/view' },
    LightningInteraction: { recordIds: ['00Q5j00000LmNoPEAV'], operation: 'user' },
    ApiTotalUsage: { operation: 'GET', objectType: 'Account', app: '0H4fj000000abcdCAA', uri: '/v21.0/sobjects/Account/001xx000003DGQW', recordIds: ['001xx000003DGQWAA4'] },
    Search: { query: 'FIND {smith} IN ALL FIELDS', rowsProcessed: 14 },
    UniqueQuery: { objectType: 'Contact', ts: '2025-06-01T12:34:56.000Z', requestId: 'TID:987654300009a12345' },
    ContentTransfer: { operation: 'Download' },
    DocumentAttachmentDownloads: { recordIds: [] },
    FutureThing: { actorId: '0055j00000AT6I1AAL', clientIp: '198.51.100.7' },
  };

  for (const [type, expected] of Object.entries(expectations)) {
    it(`maps ${type}`, async () => {
      const run = await runParser(elfParser, fixture(`elf-${type}.csv`), {}, { chunkSize: 5 });
      expect(run.rejects).toEqual([]);
      expect(run.events).toHaveLength(1);
      expect(run.events[0]).toMatchObject({ sourceType: `elf:${type}`, actorId: '0055j00000AT6I1AAL', ...expected });
    });
  }

  it('keeps type-specific details with ids at 18 characters', async () => {
    const report = (await runParser(elfParser, fixture('elf-Report.csv'))).events[0]!;
    expect(report.details).toMatchObject({ REPORT_ID: '00O5j000000AbCdEAK', REPORT_ID_DERIVED: '00O5j000000AbCdEAK', NUMBER_COLUMNS: '9' });
    const content = (await runParser(elfParser, fixture('elf-ContentTransfer.csv'))).events[0]!;
    expect(content.details).toMatchObject({ DOCUMENT_ID: '0695j00000AbCdEAAV', SIZE_BYTES: '52311' });
    const usage = (await runParser(elfParser, fixture('elf-ApiTotalUsage.csv'))).events[0]!;
    expect(usage.details).toMatchObject({ CONNECTED_APP_NAME: 'Data Loader', API_FAMILY: 'REST' });
  });

  it('gives the same dedup key to the same event in overlapping daily and hourly files', async () => {
    const daily = await runParser(elfParser, fixture('elf-API-daily.csv'));
    const hourly = await runParser(elfParser, fixture('elf-API-hourly.csv'));
    expect(new Set(daily.events.map((e) => e.dedupKey)).size).toBe(5);
    const dailyKeys = new Set(daily.events.map((e) => e.dedupKey));
    expect(hourly.events.map((e) => dailyKeys.has(e.dedupKey))).toEqual([true, true, true]);
  });

  it('maps columns by name whatever their order', async () => {
    const daily = await runParser(elfParser, fixture('elf-API-daily.csv'));
    const hourly = await runParser(elfParser, fixture('elf-API-hourly.csv'));
    const strip = (e: (typeof daily.events)[number]) => ({ ...e, recordNo: 0, lineNo: 0, byteOffset: 0, byteLength: 0 });
    expect(hourly.events.map(strip)).toEqual(daily.events.slice(2).map(strip));
  });

  it('rejects rows without a usable timestamp or event type and ragged rows, keeping the rest', async () => {
    const csv = [
      '"EVENT_TYPE","TIMESTAMP","USER_ID","TIMESTAMP_DERIVED","EXTRA_NEW_COLUMN"',
      '"API","20250601000000","0055j00000AT6I1","","x"',
      '"API","garbage","0055j00000AT6I1","",""',
      '"","20250601000000","0055j00000AT6I1","",""',
      '"API","20250601000000","0055j00000AT6I1"',
      '"API","20250601000001.5","0055j00000AT6I1","",""',
    ].join('\n');
    const run = await runParser(elfParser, Buffer.from(csv), {}, { fileName: 'ELF.csv' });
    expect(run.events.map((e) => [e.recordNo, e.ts])).toEqual([
      [1, '2025-06-01T00:00:00.000Z'],
      [5, '2025-06-01T00:00:01.500Z'],
    ]);
    expect(run.rejects.map((r) => [r.recordNo, r.reason])).toEqual([
      [2, 'neither TIMESTAMP_DERIVED nor TIMESTAMP is a valid GMT timestamp'],
      [3, 'EVENT_TYPE is empty'],
      [4, 'row has 3 fields but the header has 5'],
    ]);
    expect(run.rejects[0]!.raw.toString()).toBe('"API","garbage","0055j00000AT6I1","",""\n');
  });

  it('imports nothing from an empty file', async () => {
    const run = await runParser(elfParser, Buffer.alloc(0), {}, { fileName: 'empty.csv' });
    expect(run.events).toEqual([]);
    expect(run.rejects).toEqual([]);
  });
});
