/**
 * Every file of test/fixtures/corpus (real public samples, see SOURCES.txt) added to a case of its own without
 * --format: the detected format, the exact row counts, and values checked by hand against the file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addEvidence } from '../../shared/ingest/acquire';
import { importEvidence } from '../../shared/ingest/import-pipeline';
import { createCase, type CaseHandle } from '../../shared/store/case-folder';
import { listCustody } from '../../shared/store/custody';
import { listEvidence } from '../../shared/store/evidence';
import { sha256Hex } from '../../shared/util/hash';
import { REPO, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { buildZip } from '../unit/ingest/people/zip-writer';

const CORPUS = path.join(REPO, 'test/fixtures/corpus');
const corpusFile = (name: string): string => path.join(CORPUS, name);

interface Added {
  handle: CaseHandle;
  evidenceId: number;
  format: string;
  counts: [number, number, number, number] | null;
  warnings: string[];
  notImported: string | null;
  events: Array<Record<string, unknown>>;
  subjects: Array<Record<string, unknown>>;
}

async function newCase(): Promise<CaseHandle> {
  return createCase({ dir: path.join(tempDir(), 'case'), name: 'Corpus', investigator: 'Ivy', discovered: '2025-06-10', timeZone: 'UTC' });
}

async function add(file: string, handle?: CaseHandle): Promise<Added> {
  const h = handle ?? (await newCase());
  const result = await addEvidence(h, { file, actor: 'ivy' });
  const e = listEvidence(h.db).find((x) => x.id === result.evidence.id)!;
  const i = e.latestImport;
  const events = h.db
    .prepare(
      `SELECT e.*, (SELECT group_concat(record_id) FROM event_records r WHERE r.event_id = e.id) AS ids FROM access_events e WHERE evidence_id = ? ORDER BY id`,
    )
    .all(e.id) as Array<Record<string, unknown>>;
  const subjects = h.db
    .prepare(
      `SELECT s.*, (SELECT group_concat(kind || '|' || coalesce(street, '') || '|' || coalesce(city, '') || '|' || coalesce(region, '') || '|' || coalesce(postal_code, ''), ';')
         FROM subject_addresses a WHERE a.subject_id = s.id) AS addr FROM subject_records s WHERE evidence_id = ? ORDER BY id`,
    )
    .all(e.id) as Array<Record<string, unknown>>;
  return {
    handle: h,
    evidenceId: e.id,
    format: e.format,
    counts: i ? [i.rowsRead, i.rowsImported, i.rowsRejected, i.rowsDuplicate] : null,
    warnings: i?.warnings ?? [],
    notImported: e.notImported,
    events,
    subjects,
  };
}

const details = (row: Record<string, unknown>): Record<string, unknown> => JSON.parse((row.details as string | null) ?? '{}') as Record<string, unknown>;
const fields = (row: Record<string, unknown>): Record<string, string> => JSON.parse(row.fields as string) as Record<string, string>;
const SUFFIX_WARNING = /case-safe suffix/;

describe('the corpus', () => {
  it('has at least 30 real sample files, each listed in SOURCES.txt with its origin and licence', () => {
    const files = readdirSync(CORPUS).filter((f) => f !== 'SOURCES.txt');
    expect(files.length).toBeGreaterThanOrEqual(30);
    const sources = readFileSync(corpusFile('SOURCES.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const listed = new Map(sources.map((l) => [l.split(' | ')[0], l.split(' | ')]));
    for (const f of files) {
      const row = listed.get(f);
      expect(row, `${f} is listed`).toBeDefined();
      expect(row).toHaveLength(6);
      expect(row![3], `${f} commit`).toMatch(/^[0-9a-f]{40}$/);
    }
  });
});

describe('Salesforce real-time events and API records (JSON)', () => {
  it('LogoutEvent stream envelope: imported with its common fields; the bad id suffix is flagged on the row', async () => {
    const a = await add(corpusFile('appomni-logouteventstream.json'));
    expect(a.format).toBe('salesforce-rtem');
    expect(a.counts).toEqual([1, 1, 0, 0]);
    const [e] = a.events;
    expect(e).toMatchObject({ source_type: 'rtem:LogoutEvent', ts: '2023-03-01T19:33:50.037Z', username: 'john@example.com', source_ip: '198.51.100.1', login_key: '9870000000012300' });
    // "000000000000123" has no capitals: its case-safe suffix is AAA, not AbC.
    expect(details(e!).suspectUserId).toMatch(/000000000000123AbC/);
    expect(details(e!).SessionLevel).toBe('HIGH_ASSURANCE');
    expect(a.warnings.some((w) => SUFFIX_WARNING.test(w))).toBe(true);
  });

  it('LogoutEvent records without attributes (REST, JSON Lines) import as an untyped event with a warning', async () => {
    const a = await add(corpusFile('sf-logout-object.log'));
    expect(a.format).toBe('salesforce-rtem');
    expect(a.counts).toEqual([1, 1, 0, 0]);
    expect(a.events[0]).toMatchObject({ source_type: 'rtem:unknown', ts: '2021-10-19T11:38:54.000Z', username: 'user.name@email.com', client_ip: '89.160.20.112', session_key: '6/HAElgoPCwskqBU', login_key: 'CuRVtbMjat6xxbTH' });
    expect(details(a.events[0]!).EventIdentifier).toBe('06ce4a9d-8d6b-4a71-aad8-04d28c9a43df');
    expect(a.warnings.some((w) => /do not say their type/.test(w))).toBe(true);
  });

  it('LoginEvent objects, JSON Lines: both logins, the wrong suffix of the first UserId flagged, the second not', async () => {
    const a = await add(corpusFile('sf-login-object.log'));
    expect(a.format).toBe('salesforce-rtem');
    expect(a.counts).toEqual([2, 2, 0, 0]);
    expect(a.events.map((e) => [e.ts, e.status, e.operation, e.uri])).toEqual([
      ['2021-10-19T11:47:22.000Z', 'Success', 'Remote Access 2.0', 'login.salesforce.com'],
      ['2024-07-08T07:26:18.239Z', 'Failed: Missing Consumer Key Parameter', 'Remote Access 2.0', 'devtestin-dev-ed.develop.my.salesforce.com'],
    ]);
    expect(details(a.events[0]!).suspectUserId).toBeDefined();
    expect(details(a.events[1]!).suspectUserId).toBeUndefined();
    // Fields with no column of their own are kept in details.
    expect(details(a.events[0]!)).toMatchObject({ City: 'Surat', LoginLatitude: 21.1888, EvaluationTime: 0 });
  });

  it('SetupAuditTrail REST record (attributes.type) imports as a setup-audit-trail event', async () => {
    const a = await add(corpusFile('sf-setupaudittrail.log'));
    expect(a.format).toBe('salesforce-rtem');
    expect(a.counts).toEqual([1, 1, 0, 0]);
    expect(a.events[0]).toMatchObject({ source_type: 'setup-audit-trail', ts: '2022-08-16T09:26:38.000Z', operation: 'insertConnectedApplication', actor_id: '0055j000000utlPAAQ' });
    expect(details(a.events[0]!)).toMatchObject({ Section: 'Connected Apps', DelegateUser: 'user1', Id: '0Ym5j000019nwonCAA' });
  });

  it('LoginEvent, IdentityVerificationEvent, UriEvent, LightningUriEvent, ListViewEvent and ApiEvent envelopes', async () => {
    const login = await add(corpusFile('appomni-logineventstream-failure.json'));
    expect([login.format, login.counts]).toEqual(['salesforce-rtem', [1, 1, 0, 0]]);
    expect(login.events[0]).toMatchObject({ source_type: 'rtem:LoginEvent', status: 'Password Lockout', username: 'alice@example.com', operation: 'Other Apex API' });

    const verify = await add(corpusFile('appomni-identityverificationevent.json'));
    expect([verify.format, verify.counts]).toEqual(['salesforce-rtem', [1, 1, 0, 0]]);
    expect(verify.events[0]).toMatchObject({ source_type: 'rtem:IdentityVerificationEvent', status: 'FailedInvalidCode', username: 'bob@example.com' });
    expect(details(verify.events[0]!)).toMatchObject({ Policy: 'TwoFactorAuthentication', VerificationMethod: 'Totp', Activity: 'Login' });

    const uri = await add(corpusFile('appomni-urieventstream-read.json'));
    expect([uri.format, uri.counts]).toEqual(['salesforce-rtem', [1, 1, 0, 0]]);
    expect(uri.events[0]).toMatchObject({ source_type: 'rtem:UriEvent', operation: 'Read', status: 'Success', ids: '000000000000123AbC' });

    const lightning = await add(corpusFile('appomni-lightningurieventstream-update.json'));
    expect([lightning.format, lightning.counts]).toEqual(['salesforce-rtem', [1, 1, 0, 0]]);
    expect(lightning.events[0]).toMatchObject({ source_type: 'rtem:LightningUriEvent', operation: 'Update', uri: '/lightning/o/Case/new?count=1' });

    const listView = await add(corpusFile('appomni-listvieweventstream.json'));
    expect([listView.format, listView.counts]).toEqual(['salesforce-rtem', [1, 1, 0, 0]]);
    expect(listView.events[0]).toMatchObject({ source_type: 'rtem:ListViewEvent', rows_processed: 1000, records_partial: 1 });
    // "0000G000000000123" has 17 characters: not a Salesforce id, kept aside with a warning.
    expect(details(listView.events[0]!).unrecognizedRecordIds).toEqual(['0000G000000000123', '0000G000000000124']);

    const api = await add(corpusFile('appomni-apieventstream-query.json'));
    expect([api.format, api.counts]).toEqual(['salesforce-rtem', [1, 1, 0, 0]]);
    expect(api.events[0]).toMatchObject({ source_type: 'rtem:ApiEvent', operation: 'Query', user_agent: 'Python-httplib2/0.19.0 (gzip)', object_type: 'Customer_Account__c' });
  });

  it('EventLogFile rows rendered as JSON: USER_ID_DERIVED checked against USER_ID', async () => {
    const logout = await add(corpusFile('sf-logout-eventlogfile.log'));
    expect([logout.format, logout.counts]).toEqual(['salesforce-elf', [1, 1, 0, 0]]);
    expect(logout.events[0]).toMatchObject({ source_type: 'elf:Logout', ts: '2021-10-19T05:07:07.128Z', client_ip: '175.16.199.0', session_key: '/b1/C123g6WXplkT' });
    expect(details(logout.events[0]!).suspectUserId).toMatch(/USER_ID_DERIVED 0056j000000utlQAAR/);

    const login = await add(corpusFile('appomni-login-elf.json'));
    expect([login.format, login.counts]).toEqual(['salesforce-elf', [1, 1, 0, 0]]);
    expect(login.events[0]).toMatchObject({ source_type: 'elf:Login', client_ip: 'Salesforce.com IP', source_ip: '198.51.100.1', status: 'LOGIN_OAUTH_NO_CONSUMER', uri: '/services/oauth2/token' });
    expect(login.warnings.some((w) => SUFFIX_WARNING.test(w))).toBe(true);

    const appomniLogout = await add(corpusFile('appomni-logout-elf.json'));
    expect([appomniLogout.format, appomniLogout.counts]).toEqual(['salesforce-elf', [1, 1, 0, 0]]);
    expect(appomniLogout.events[0]).toMatchObject({ ts: '2023-03-16T21:07:47.645Z', client_ip: '198.51.100.2' });
  });
});

describe('Salesforce Data Loader files (upper-case headers)', () => {
  it('an error file (ID, ISDELETED, …, ERROR) is an Opportunity extract: every row, duplicates of one ID kept', async () => {
    const a = await add(corpusFile('dataloader-error-opportunity.csv'));
    expect(a.format).toBe('salesforce-data-export');
    expect(a.counts).toEqual([11, 11, 0, 0]);
    expect(a.subjects.every((s) => s.object_type === 'Opportunity')).toBe(true);
    expect(a.subjects.map((s) => s.source_id).slice(0, 3)).toEqual(['006x0000001YZ8YAAW', '006x0000001YZ8YAAW', '006x0000001YnVNAA0']);
    expect(fields(a.subjects[10]!).ERROR).toBe('Duplicate external id specified: 12345');
  });

  it('a success file (…, STATUS) is an Opportunity extract', async () => {
    const a = await add(corpusFile('dataloader-success-opportunity.csv'));
    expect(a.format).toBe('salesforce-data-export');
    expect(a.counts).toEqual([9, 9, 0, 0]);
    expect(a.subjects[8]).toMatchObject({ object_type: 'Opportunity', source_id: '006x0000001YuO2AAK' });
    expect(fields(a.subjects[0]!)).toMatchObject({ STATUS: 'Item Created', ORACLE_ID__C: '12340' });
  });

  it('Data Loader inputs without ids but with custom __C fields are Salesforce records; a business name is no person', async () => {
    const a = await add(corpusFile('dataloader-upsertAccountSmallTemplate.csv'));
    expect(a.format).toBe('salesforce-data-export');
    expect(a.counts).toEqual([10, 10, 0, 0]);
    expect(a.subjects.map((s) => s.phone)).toEqual(Array.from({ length: 10 }, (_, i) => `+1415555000${i}`));
    expect(a.subjects.every((s) => s.full_name === null)).toBe(true);

    const dates = await add(corpusFile('dataloader-dateWithTimeZone.csv'));
    expect([dates.format, dates.counts]).toEqual(['salesforce-data-export', [1, 1, 0, 0]]);
    expect(fields(dates.subjects[0]!).DATE).toBe('2010-10-14T12:00:00.000Z-0300');
  });
});

describe('web logs', () => {
  it('Apache common log (macOS): six requests, a "-" request with 408', async () => {
    const a = await add(corpusFile('beats-apache-darwin-2.4.23.log'));
    expect(a.format).toBe('web-access-log');
    expect(a.counts).toEqual([6, 6, 0, 0]);
    expect(a.events.map((e) => [e.client_ip, e.uri, e.status])).toEqual([
      ['::1', '/', '200'],
      ['::1', '/favicon.ico', '404'],
      ['::1', null, '408'],
      ['77.179.66.156', '/', '200'],
      ['77.179.66.156', '/notfound', '404'],
      ['77.179.66.156', '/hmm', '404'],
    ]);
  });

  it('a vhost-prefixed line keeps the client IP and user agent', async () => {
    const a = await add(corpusFile('beats-apache-test-vhost.log'));
    expect([a.format, a.counts]).toEqual(['web-access-log', [1, 1, 0, 0]]);
    expect(a.events[0]).toMatchObject({ client_ip: '123.123.123.123', ts: '2019-07-04T07:20:46.000Z', status: '200' });
    expect(a.events[0]!.user_agent).toMatch(/^Mozilla\/5\.0 \(X11; Linux x86_64\)/);
    expect(details(a.events[0]!).vhost).toBe('vhost1.domaine.fr');
  });

  it('Nginx lines with host:port prefixes, forwarded-for lists and an extra field: all ten kept', async () => {
    const a = await add(corpusFile('beats-nginx-test-with-host.log'));
    expect([a.format, a.counts]).toEqual(['web-access-log', [10, 10, 0, 0]]);
    expect(a.events[1]).toMatchObject({ client_ip: '172.17.0.1', uri: '/stringpatch', status: '404', user_agent: 'Mozilla/5.0 (Windows NT 6.1; rv:15.0) Gecko/20120716 Firefox/15.0a2' });
    expect(details(a.events[1]!)).toMatchObject({ vhost: 'example.com', extra: '"-"' });
    expect(a.events[3]).toMatchObject({ client_ip: '81.2.69.143' });
    expect(details(a.events[3]!).vhost).toBe('example.com:80');
    expect(a.events[4]).toMatchObject({ client_ip: '10.2.1.185', uri: '/assets/xxxx?q=100', user_agent: 'Amazon CloudFront' });
    expect(details(a.events[4]!).forwardedFor).toBe('10.5.102.222, 175.16.199.1, 204.246.1.1');
    expect(details(a.events[0]!).remoteHosts).toEqual(['10.0.0.2', '10.0.0.1', '127.0.0.1']);
  });

  it('Nginx combined log: thirteen requests with referrer, and a vhost-prefixed range request', async () => {
    const a = await add(corpusFile('beats-nginx-access.log'));
    expect([a.format, a.counts]).toEqual(['web-access-log', [13, 13, 0, 0]]);
    expect(a.events[1]).toMatchObject({ uri: '/favicon.ico', status: '404' });
    expect(details(a.events[1]!).referer).toBe('http://localhost:8080/');
    expect(a.events[12]).toMatchObject({ client_ip: '192.168.0.1', status: '206' });
    expect(details(a.events[12]!)).toMatchObject({ vhost: 'lessons.example.com', bytes: 7648063 });
  });

  it('identical lines inside one file are separate requests; the same file again folds as duplicates', async () => {
    const line = readFileSync(corpusFile('beats-nginx-access.log'), 'utf8').split('\n')[0]!;
    const file = path.join(tempDir(), 'twice.log');
    writeFileSync(file, `${line}\n${line}\n`);
    const a = await add(file);
    expect(a.counts).toEqual([2, 2, 0, 0]);
    const copy = path.join(tempDir(), 'overlap.log');
    writeFileSync(copy, `${line}\n${line}\n\n`);
    const b = await add(copy, a.handle);
    expect(b.counts).toEqual([2, 2, 0, 2]);
  });

  it('Apache ssl_request_log is no access log: kept as evidence, not imported, with the reason', async () => {
    const a = await add(corpusFile('beats-apache-ssl-request.log'));
    expect(a.format).toBe('unparsed');
    expect(a.counts).toBeNull();
    expect(a.notImported).toMatch(/No parser recognised the file/);
  });
});

describe('AWS CloudTrail', () => {
  it('AssumeRole, DeleteUser and an Insights event, one JSON object a line', async () => {
    const role = await add(corpusFile('beats-cloudtrail-assume-role-json.log'));
    expect([role.format, role.counts]).toEqual(['aws-cloudtrail', [1, 1, 0, 0]]);
    expect(role.events[0]).toMatchObject({ ts: '2019-10-02T22:12:29.000Z', operation: 'AssumeRole', client_ip: '81.2.69.144', username: 'JohnDoe' });

    const del = await add(corpusFile('beats-cloudtrail-delete-user-json.log'));
    expect([del.format, del.counts]).toEqual(['aws-cloudtrail', [1, 1, 0, 0]]);
    expect(del.events[0]).toMatchObject({ operation: 'DeleteUser', username: 'Alice', client_ip: '127.0.0.1' });

    const insight = await add(corpusFile('beats-cloudtrail-insight-json.log'));
    expect([insight.format, insight.counts]).toEqual(['aws-cloudtrail', [1, 1, 0, 0]]);
    expect(insight.events[0]).toMatchObject({ ts: '2020-09-09T23:00:00.000Z', client_ip: null });
  });
});

describe('e-commerce exports', () => {
  it('Magento composite customer file keeps the address of its _address_* columns (the state too)', async () => {
    const a = await add(corpusFile('magento-customer_composite.csv'));
    expect([a.format, a.counts]).toEqual(['magento-customers', [1, 1, 0, 0]]);
    expect(a.subjects[0]).toMatchObject({ full_name: 'Jon Doe', email: 'jondoe@example.com', birth_date: '2016-04-19' });
    expect(a.subjects[0]!.addr).toBe('billing|Main Street 1, Suite 200|Campbell|US-CA|95008');
  });

  it('Magento addresses file', async () => {
    const a = await add(corpusFile('magento-customer_address.csv'));
    expect([a.format, a.counts]).toEqual(['magento-addresses', [1, 1, 0, 0]]);
    expect(a.subjects[0]!.addr).toBe('billing|Main Street 1|New York|US-NY|10044');
  });

  it('files with no people or events are kept as evidence with the reason they were not imported', async () => {
    for (const name of ['magento-customer_finance.csv', 'woocommerce-sample_tax_rates.csv']) {
      const a = await add(corpusFile(name));
      expect(a.counts, name).toBeNull();
      expect(a.notImported, name).toMatch(/No timestamp column found/);
    }
    const appomni = await add(corpusFile('appomni-setup-audit-create-user.json'));
    expect([appomni.format, appomni.notImported]).toEqual(['unparsed', expect.stringMatching(/No parser recognised/)]);
  });
});

describe('acquisition never depends on parsing', () => {
  it('a file whose parse fails is hashed, in the vault, in custody and listed; import --format reads it later', async () => {
    const handle = await newCase();
    const file = corpusFile('magento-customer_finance.csv');
    const a = await add(file, handle);
    const bytes = readFileSync(file);
    const e = listEvidence(handle.db).find((x) => x.id === a.evidenceId)!;
    expect(e.sha256).toBe(sha256Hex(bytes));
    expect(readFileSync(path.join(handle.dir, 'vault', e.sha256)).equals(bytes)).toBe(true);
    const custody = listCustody(handle.db).filter((c) => c.details.evidenceId === e.id);
    expect(custody.map((c) => c.action)).toEqual(['acquire', 'parse']);
    expect(custody[1]!.details).toMatchObject({ outcome: 'not imported', parser: 'generic-csv' });
    expect(a.notImported).toMatch(/Map the column that holds each row's time to the timestamp field/);

    await importEvidence(handle, { evidenceId: e.id, actor: 'ivy', format: 'generic-csv', options: { mapping: { ts: '_website', username: '_email' } } }, () => {});
    const after = listEvidence(handle.db).find((x) => x.id === e.id)!;
    expect(after.notImported).toBeNull();
    expect(after.latestImport).toMatchObject({ rowsRead: 1, rowsRejected: 1 });
  });
});

describe('the CLI', () => {
  it('add and evidence say "not imported" with the reason; events show the URI and the status', () => {
    const dir = path.join(tempDir(), 'case');
    expect(runCli(['case', 'init', dir, '--name', 'C', '--investigator', 'I']).status).toBe(0);
    const added = runCli(['add', dir, corpusFile('woocommerce-sample_tax_rates.csv'), corpusFile('beats-apache-darwin-2.4.23.log')]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Added evidence 1: woocommerce-sample_tax_rates\.csv .*\n.*\n {2}not imported: No timestamp column found/);
    const evidence = runCli(['evidence', dir]);
    expect(evidence.stdout).toMatch(/#1 {2}woocommerce-sample_tax_rates\.csv[\s\S]*not imported: No timestamp column found/);
    const events = runCli(['events', dir]);
    expect(events.stdout).toMatch(/web:common +- {2}::1 {2}GET \/favicon\.ico 404/);
  }, 180_000);
});

describe('compressed files read as delivered', () => {
  it('a gzipped CloudTrail file (detected by magic bytes, any name) is parsed; the vault keeps the gzip bytes', async () => {
    const original = readFileSync(corpusFile('beats-cloudtrail-assume-role-json.log'));
    const gz = gzipSync(original);
    for (const name of ['111111111111_CloudTrail_us-east-2.json.gz', 'download.bin']) {
      const file = path.join(tempDir(), name);
      writeFileSync(file, gz);
      const a = await add(file);
      expect(a.format, name).toBe('aws-cloudtrail');
      expect(a.counts, name).toEqual([1, 1, 0, 0]);
      const e = listEvidence(a.handle.db).find((x) => x.id === a.evidenceId)!;
      expect(e.sha256).toBe(sha256Hex(gz));
      expect(readFileSync(path.join(a.handle.dir, 'vault', e.sha256)).equals(gz)).toBe(true);
      expect(a.events[0]).toMatchObject({ operation: 'AssumeRole', entry: name.replace(/\.gz$/, ''), byte_offset: 0, byte_length: original.length });
      const member = a.handle.db.prepare('SELECT name, size, sha256 FROM archive_entries WHERE evidence_id = ?').get(e.id);
      expect(member).toEqual({ name: name.replace(/\.gz$/, ''), size: original.length, sha256: sha256Hex(original) });
    }
  });

  it('a gzipped Salesforce event file and a gzipped Data Loader extract', async () => {
    const file = path.join(tempDir(), 'LoginEvent.json.gz');
    writeFileSync(file, gzipSync(readFileSync(corpusFile('sf-login-object.log'))));
    const a = await add(file);
    expect([a.format, a.counts]).toEqual(['salesforce-rtem', [2, 2, 0, 0]]);
    const csv = path.join(tempDir(), 'extract.csv.gz');
    writeFileSync(csv, gzipSync(readFileSync(corpusFile('dataloader-success-opportunity.csv'))));
    const b = await add(csv);
    expect([b.format, b.counts]).toEqual(['salesforce-data-export', [9, 9, 0, 0]]);
    expect(b.subjects[0]).toMatchObject({ entry: 'extract.csv', line_no: 2 });
  });

  it('a ZIP of logs: each member read with its own parser, rows name their member', async () => {
    const zip = buildZip([
      { name: 'logs/access.log', data: readFileSync(corpusFile('beats-nginx-access.log')) },
      { name: 'logs/trail.json', data: readFileSync(corpusFile('beats-cloudtrail-delete-user-json.log')) },
      { name: 'notes.txt', data: Buffer.from('not a log\n') },
    ]);
    const file = path.join(tempDir(), 'logs.zip');
    writeFileSync(file, zip);
    const a = await add(file);
    expect(a.format).toBe('web-access-log');
    expect(a.counts).toEqual([15, 14, 1, 0]);
    expect(a.events.filter((e) => e.entry === 'logs/access.log')).toHaveLength(13);
    expect(a.events.find((e) => e.entry === 'logs/trail.json')).toMatchObject({ source_type: 'cloudtrail', operation: 'DeleteUser' });
    const reject = a.handle.db.prepare('SELECT entry, reason FROM rejects WHERE evidence_id = ?').get(a.evidenceId) as { entry: string; reason: string };
    expect(reject).toMatchObject({ entry: 'notes.txt' });
    expect(reject.reason).toMatch(/No parser recognises this member/);
    expect(a.handle.db.prepare('SELECT COUNT(*) FROM archive_entries WHERE evidence_id = ?').pluck().get(a.evidenceId)).toBe(3);
  });

  it('a gzip bomb is refused by the expansion guard and kept as evidence, not imported', async () => {
    const file = path.join(tempDir(), 'bomb.log.gz');
    const line = readFileSync(corpusFile('beats-nginx-access.log'), 'utf8').split('\n')[0]!;
    writeFileSync(file, gzipSync(Buffer.concat([Buffer.from(`${line}\n`), Buffer.alloc(40 * 1024 * 1024, 0x20)]), { level: 9 }));
    const a = await add(file);
    expect(a.format).toBe('web-access-log');
    expect(a.counts).toBeNull();
    expect(a.notImported).toMatch(/decompression bomb/);
  });
});
