import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../../shared/demo';
import { caseSafeSuffix } from '../../../shared/util/salesforce-id';
import { to18 } from '../../../shared/demo/ids';
import { parseJson, readJson } from '../../helpers/json';
import { generateInTemp, readCsv, type Scenario, type StreamEnvelope, type StreamRecords } from './helpers';

let dir = '';
let result: GenerateResult;

beforeAll(async () => {
  ({ dir, result } = await generateInTemp('formats', 'tiny'));
});

const isId18 = (id: string): boolean => /^[a-zA-Z0-9]{18}$/.test(id) && caseSafeSuffix(id.slice(0, 15)) === id.slice(15);

describe('demo breach files follow the documented formats', () => {
  it('computes the case-safe suffix of the documented examples', () => {
    expect(to18('0055j00000AT6I1')).toBe('0055j00000AT6I1AAL');
    expect(to18('0055j000000utlP')).toBe('0055j000000utlPAAQ');
  });

  it('writes every ELF value double-quoted with 15/18-char user ids and both timestamp forms', () => {
    const elf = result.files.filter((f) => f.format === 'salesforce-elf');
    expect(new Set(elf.map((f) => f.subject))).toEqual(new Set(['Login', 'Logout', 'API', 'RestApi', 'BulkApi2', 'Report', 'URI', 'LightningPageView', 'UniqueQuery', 'ApiTotalUsage']));
    for (const file of elf) {
      const text = readFileSync(join(dir, file.path), 'utf8');
      for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
      const { header, rows } = readCsv(join(dir, file.path));
      expect(header[0]).toBe('EVENT_TYPE');
      expect(rows.length).toBe(file.rows);
      for (const row of rows) {
        expect(row.EVENT_TYPE).toBe(file.subject);
        expect(row.TIMESTAMP).toMatch(/^\d{14}\.\d{3}$/);
        const t = row.TIMESTAMP!;
        const iso = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}.${t.slice(15)}Z`;
        expect(row.TIMESTAMP_DERIVED).toBe(iso);
        expect(file.path).toContain(iso.slice(0, 10));
        expect(row.USER_ID).toMatch(/^005[a-zA-Z0-9]{12}$/);
        expect(row.ORGANIZATION_ID).toHaveLength(15);
        if ('USER_ID_DERIVED' in row) expect(row.USER_ID_DERIVED).toBe(row.USER_ID + caseSafeSuffix(row.USER_ID!));
        if (row.URI_ID_DERIVED) expect(isId18(row.URI_ID_DERIVED)).toBe(true);
        if (row.PAGE_ENTITY_ID) expect(isId18(row.PAGE_ENTITY_ID)).toBe(true);
      }
    }
  });

  it('writes RTEM stream envelopes whose Records is JSON inside a string', () => {
    const apiEvents = readFileSync(join(dir, 'real-time-events/ApiEvent.jsonl'), 'utf8').trimEnd().split('\n').map((l) => parseJson<StreamEnvelope>(l));
    expect(apiEvents.length).toBeGreaterThan(0);
    for (const event of apiEvents) {
      expect(event.channel).toBe('/event/ApiEventStream');
      const payload = event.data.payload;
      expect(payload.EventDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      expect(isId18(String(payload.UserId))).toBe(true);
      expect(typeof payload.Records).toBe('string');
      const records = parseJson<StreamRecords>(String(payload.Records));
      expect(records.totalSize).toBeGreaterThanOrEqual(records.records.length);
      for (const record of records.records) expect(isId18(record.Id)).toBe(true);
    }
    const bulk = readFileSync(join(dir, 'real-time-events/BulkApiResultEventStore.jsonl'), 'utf8').trimEnd().split('\n').map((l) => parseJson<StreamEnvelope>(l));
    expect(bulk.every((e) => typeof e.data.payload.Query === 'string' && !('Records' in e.data.payload))).toBe(true);
  });

  it('writes the Data Export as quoted ISO-8859-1 CSVs with 18-char ids and export datetimes', () => {
    const exports = result.files.filter((f) => f.format === 'salesforce-data-export');
    expect(exports.map((f) => f.subject).sort()).toEqual(['Account', 'Case', 'Contact', 'Lead', 'Order', 'User']);
    const ids = new Set<string>();
    for (const file of exports) {
      expect(file.encoding).toBe('iso-8859-1');
      const { header, rows } = readCsv(join(dir, file.path), 'latin1');
      expect(header[0]).toBe('Id');
      expect(rows.length).toBe(file.rows);
      for (const row of rows) {
        expect(isId18(row.Id!)).toBe(true);
        expect(ids.has(row.Id!)).toBe(false);
        ids.add(row.Id!);
        expect(row.CreatedDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      }
    }
    const contacts = readCsv(join(dir, 'data-export/Contact.csv'), 'latin1').rows;
    for (const c of contacts) if (c.AccountId) expect(isId18(c.AccountId)).toBe(true);
    const accounts = readCsv(join(dir, 'data-export/Account.csv'), 'latin1').rows.filter((a) => a.IsPersonAccount === '1');
    expect(accounts.length).toBeGreaterThan(0);
    for (const a of accounts) expect(contacts.some((c) => c.Id === a.PersonContactId && c.AccountId === a.Id)).toBe(true);
    const leads = readCsv(join(dir, 'data-export/Lead.csv'), 'latin1').rows.filter((l) => l.IsConverted === '1');
    for (const l of leads) expect(ids.has(l.ConvertedContactId!)).toBe(true);
  });

  it('writes the Shopify export with its header, a BOM and apostrophe-guarded ids', () => {
    const bytes = readFileSync(join(dir, 'shopify/customers_export.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, rows } = readCsv(join(dir, 'shopify/customers_export.csv'));
    expect(header.slice(0, 4)).toEqual(['Customer ID', 'First Name', 'Last Name', 'Email']);
    expect(rows.every((r) => /^'\d{13}$/.test(r['Customer ID']!))).toBe(true);
    expect(rows.some((r) => /[A-Z]/.test(r.Email!) || r.Email!.includes('+'))).toBe(true);
  });

  it('writes the Setup Audit Trail newest first with the malicious app authorisation', () => {
    const { header, rows } = readCsv(join(dir, 'setup-audit-trail/SetupAuditTrail.csv'));
    expect(header).toEqual(['Date', 'User', 'Source Namespace Prefix', 'Action', 'Section', 'Delegate User']);
    expect(rows.every((r) => /^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d\d:\d\d [AP]M P[DS]T$/.test(r.Date!))).toBe(true);
    const scenario = readJson<Scenario>(result.scenarioPath);
    const install = rows.find((r) => r.Section === 'Connected Apps' && r.Action === `Installed connected app ${scenario.attack.connectedApp.name}`);
    expect(install?.User).toBe(scenario.attack.compromisedUser.username);
  });
});
