import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rtemParser } from '../../../../shared/ingest/salesforce/rtem';
import { runParser } from '../../../helpers/parse';
import { fixture, sample } from './paths';
import { parseJson } from '../../../helpers/json';

describe('salesforce-rtem on the shared samples', () => {
  it('reads an ApiEventStream envelope: query, counts, partial record list', async () => {
    const file = sample('appomni__salesforce_rtem_apieventstream_activity_audit_download_resource_apieventstream.json');
    const run = await runParser(rtemParser, file, {}, { chunkSize: 11 });
    expect(run.rejects).toEqual([]);
    expect(run.events).toHaveLength(1);
    const event = run.events[0]!;
    expect(event).toMatchObject({
      sourceType: 'rtem:ApiEvent',
      ts: '2023-03-21T10:04:39.747Z',
      actorId: '000000000000123AbC',
      username: 'john@example.com',
      clientIp: '198.51.100.1',
      userAgent: 'python-requests/2.28.2',
      operation: 'QueryMore',
      objectType: 'Customer_Account__c',
      rowsProcessed: 1000364,
      recordsPartial: true,
      byteOffset: 0,
    });
    expect(event.query).toMatch(/^Select name, record, status__c, from Account/);
    // The sample's sanitized ids are 17 characters: kept, but not as record ids.
    expect(event.recordIds).toEqual([]);
    expect(event.details).toMatchObject({
      unrecognizedRecordIds: ['0000G000000000123', '0000G000000000124'],
      recordsTotalSize: 1000,
      EventIdentifier: 'abcdefgh-1234-0000-0000-000000000001',
    });
    expect(run.warnings.join(' ')).toMatch(/2 record id\(s\)/);
    const end = readFileSync(file).toString().lastIndexOf('}') + 1;
    expect(event.byteLength).toBe(end);
  });

  it('reads a ReportEventStream envelope with column headers and execution id', async () => {
    const run = await runParser(rtemParser, sample('appomni__salesforce_rtem_reporteventstream_activity_audit_download_resource_reporteventstream.json'));
    const event = run.events[0]!;
    expect(event).toMatchObject({ sourceType: 'rtem:ReportEvent', operation: 'ReportExported', rowsProcessed: 20680, recordsPartial: true });
    expect(event.details).toMatchObject({
      ExecutionIdentifier: '8f831c68-3d87-4518-bb5b-c0550a2284d7',
      Sequence: 51,
      OwnerId: '0054J000004rPTUQA2',
      Format: 'Tabular',
    });
    expect(event.details!.ColumnHeaders).toEqual([
      'CASE_NUMBER', 'CREATED_DATE', 'LAST_UPDATE', 'Case.BusinessUnit__c', 'Case.ProductMarket__c', 'Case.Market__c',
      'OWNER', 'LAST_UPDATE_BY', 'STATUS', 'SUBJECT', 'Case.Brand__c', 'Case.Code__c',
    ]);
  });

  it('reads a BulkApiResultEventStore record as BulkApiResultEvent with its query', async () => {
    const run = await runParser(rtemParser, sample('appomni__salesforce_rtem_bulkapiresulteventstore_activity_audit_download_resource_bulkapiresulteventstore.json'));
    expect(run.events[0]).toMatchObject({
      sourceType: 'rtem:BulkApiResultEvent',
      ts: '2023-03-22T15:07:16.240Z',
      objectType: 'Account',
      recordIds: [],
      sessionKey: '9870000000012300',
    });
    expect(run.events[0]!.details).not.toHaveProperty('Id');
  });
});

describe('salesforce-rtem shapes', () => {
  it('reads a SOQL query result: each record is an event with ids at any depth', async () => {
    const file = fixture('rtem-ApiEvent-soql.json');
    const run = await runParser(rtemParser, file, {}, { chunkSize: 3 });
    expect(run.rejects).toEqual([]);
    const [full, partial] = run.events;
    expect(full).toMatchObject({
      sourceType: 'rtem:ApiEvent',
      ts: '2025-06-01T12:00:01.250Z',
      app: '0H4fj000000abcdGAA',
      client: 'DataLoaderPartnerUI/',
      operation: 'QueryAll',
      requestId: '4u6LyuMrDvb_G-l1cJIQk-',
      recordIds: ['0035j00000AbCdEAAV', '0015j00000XyZabAAF', '0035j00000AbCdFAAV', '0035j00000AbCdGAAV'],
      recordsPartial: false,
      rowsProcessed: 3,
    });
    expect(partial).toMatchObject({ ts: '2025-06-01T12:00:02.000Z', recordIds: ['0035j00000AbCdHAAV'], recordsPartial: true, rowsProcessed: 5000 });
    const text = readFileSync(file).toString();
    const slice = text.slice(full!.byteOffset, full!.byteOffset + full!.byteLength);
    expect(parseJson<{ EventIdentifier: string }>(slice).EventIdentifier).toBe('0f3c9d2e-1111-4a5b-9c8d-000000000001');
    expect(full!.dedupKey).not.toBe(partial!.dedupKey);
  });

  it('reads JSON Lines of stream envelopes and bare payloads, rejecting bad lines only', async () => {
    const run = await runParser(rtemParser, fixture('rtem-stream.jsonl'), {}, { chunkSize: 64 });
    expect(run.events.map((e) => [e.sourceType, e.lineNo])).toEqual([
      ['rtem:ListViewEvent', 1],
      ['rtem:LoginEvent', 2],
      ['rtem:LightningUriEvent', 4],
      ['rtem:UriEvent', 5],
    ]);
    const [listView, login, lightning, uri] = run.events;
    expect(listView).toMatchObject({ recordIds: ['0035j00000AbCdEAAV', '0035j00000AbCdFAAV'], recordsPartial: false });
    expect(listView!.details).toMatchObject({ ListViewId: '00B5j00000AbCdEEAV', ReplayId: 101, ColumnHeaders: ['Name', 'Email', 'Phone'] });
    expect(login).toMatchObject({ operation: 'Remote Access 2.0', status: 'Success', uri: 'login.salesforce.com', sourceIp: '203.0.113.50', app: 'Data Loader' });
    expect(lightning).toMatchObject({ operation: 'Read', recordIds: ['0035j00000AbCdGAAV'], objectType: 'Contact' });
    expect(uri).toMatchObject({ recordIds: ['00Q5j00000LmNoPEAV'], status: 'SUCCESS' });
    expect(run.rejects.map((r) => [r.lineNo, r.reason])).toEqual([
      [3, 'top-level text is not a JSON object'],
      [6, 'EventDate "not a date" is not an ISO 8601 date-time with a zone'],
    ]);
    expect(run.rejects[0]!.raw.toString()).toBe('this line is not JSON\n');
  });

  it('reads a Data Loader CSV export with upper-cased API-name headers', async () => {
    const run = await runParser(rtemParser, fixture('rtem-ReportEvent-dataloader.csv'), {}, { chunkSize: 50 });
    expect(run.rejects).toEqual([]);
    expect(run.events.map((e) => [e.sourceType, e.recordIds, e.recordsPartial, e.rowsProcessed])).toEqual([
      ['rtem:ReportEvent', ['0035j00000AbCdEAAV', '0035j00000AbCdFAAV'], false, 2],
      ['rtem:ReportEvent', ['0035j00000AbCdGAAV'], true, 20680],
    ]);
    expect(run.events[0]!.details).toMatchObject({ ReportId: '00O5j000000AbCdEAK', ColumnHeaders: ['FIRST_NAME', 'LAST_NAME', 'EMAIL'], Sequence: '1' });
  });

  it('recovers ids from a Records value cut at the size limit and marks it partial', async () => {
    const records = '{"totalSize":3,"done":true,"records":[{"Id":"0035j00000AbCdE"},{"Id":"0035j00000AbCdF"},{"Id":"0035j0';
    const doc = JSON.stringify({ attributes: { type: 'ApiEvent' }, EventDate: '2025-06-01T00:00:00Z', EventIdentifier: 'x', Records: records });
    const run = await runParser(rtemParser, Buffer.from(doc), {}, { fileName: 'events.json' });
    expect(run.events[0]).toMatchObject({ recordIds: ['0035j00000AbCdEAAV', '0035j00000AbCdFAAV'], recordsPartial: true });
    expect(run.events[0]!.details).toMatchObject({ recordsTruncated: true });
  });

  it('rejects an unterminated JSON document line and reads the lines after it', async () => {
    const good = JSON.stringify({ attributes: { type: 'UriEvent' }, EventDate: '2025-06-01T00:00:00Z', EventIdentifier: 'u', RecordId: '0035j00000AbCdE' });
    const run = await runParser(rtemParser, Buffer.from(`{"attributes":{"type":"UriEvent"},"EventDate":\n${good}\n`), {}, { fileName: 'x.jsonl' });
    expect(run.rejects.map((r) => [r.lineNo, r.reason])).toEqual([[1, 'JSON value is not closed before the end of the file']]);
    expect(run.events.map((e) => [e.lineNo, e.recordIds])).toEqual([[2, ['0035j00000AbCdEAAV']]]);
  });
});
