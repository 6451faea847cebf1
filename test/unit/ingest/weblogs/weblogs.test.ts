import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webAccessLogParser } from '../../../../shared/ingest/weblogs/access-log';
import { awsCloudTrailParser } from '../../../../shared/ingest/weblogs/cloudtrail';
import { genericCsvLogParser } from '../../../../shared/ingest/weblogs/generic-csv';
import { genericJsonLinesParser } from '../../../../shared/ingest/weblogs/generic-jsonl';
import { runParser } from '../../../helpers/parse';
import { parseJson } from '../../../helpers/json';

const HERE = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => join(HERE, '../../../fixtures/weblogs', name);
const sample = (name: string): string => join(HERE, '../../../fixtures/samples', name);

describe('web-access-log', () => {
  it('reads every line of the real Apache sample: common, combined, "-" request, vhost, extra field', async () => {
    const run = await runParser(webAccessLogParser, sample('elastic-beats__apache_access_test.log'));
    expect(run.rejects).toEqual([]);
    expect(run.events).toHaveLength(7);
    const [common, combined, dash, extra, hostname, , vhost] = run.events;
    expect(common).toMatchObject({ sourceType: 'web:common', ts: '2016-12-26T14:16:29.000Z', clientIp: '::1', operation: 'GET', uri: '/favicon.ico', status: '404' });
    expect(combined).toMatchObject({ sourceType: 'web:combined', clientIp: '192.168.33.1', userAgent: expect.stringMatching(/^Mozilla\/5.0 \(Macintosh/) as unknown });
    expect(dash).toMatchObject({ operation: null, uri: null, status: '408' });
    expect(dash?.details).toBeNull();
    expect(extra?.details).toMatchObject({ bytes: 612 });
    expect(hostname).toMatchObject({ clientIp: null, details: expect.objectContaining({ remoteHost: 'monitoring-server' }) as unknown });
    expect(vhost).toMatchObject({ clientIp: '123.123.123.123', ts: '2019-07-04T07:20:46.000Z', details: expect.objectContaining({ vhost: 'vhost1.domaine.fr', bytes: 32953 }) as unknown });
    expect(new Set(run.events.map((e) => e.dedupKey)).size).toBe(7);
  });

  it('handles CRLF, blank lines, a non-log line, a Latin-1 byte and a last line without newline', async () => {
    const run = await runParser(webAccessLogParser, fixture('access-mixed.log'), {}, { chunkSize: 13 });
    expect(run.events).toHaveLength(4);
    expect(run.rejects).toHaveLength(1);
    expect(run.rejects[0]).toMatchObject({ lineNo: 4, reason: expect.stringMatching(/not in Apache\/Nginx/) as unknown });
    expect(run.rejects[0]?.raw.toString()).toBe('this is not a log line');
    const [first, second, cafe, last] = run.events;
    expect(first).toMatchObject({ username: 'alice', ts: '2025-08-12T10:14:15.000Z', uri: '/api/contacts?page=2' });
    // Identical lines in the same second stay two events with distinct, reproducible keys.
    expect(first?.dedupKey).not.toBe(second?.dedupKey);
    expect(cafe?.uri).toBe('/café');
    expect(last).toMatchObject({ operation: 'POST', status: '302', lineNo: 6 });
    const again = await runParser(webAccessLogParser, fixture('access-mixed.log'));
    expect(again.events.map((e) => e.dedupKey)).toEqual(run.events.map((e) => e.dedupKey));
  });
});

describe('aws-cloudtrail', () => {
  it('reads the real JSON Lines sample', async () => {
    const run = await runParser(awsCloudTrailParser, sample('elastic-beats__aws_cloudtrail_console-login-json.log'));
    expect(run.rejects).toEqual([]);
    expect(run.events.map((e) => [e.ts, e.username, e.clientIp, e.operation, e.status])).toEqual([
      ['2014-07-16T15:49:27.000Z', 'JohnDoe', '192.0.2.110', 'ConsoleLogin', 'Success'],
      ['2014-07-08T17:35:27.000Z', 'JaneDoe', '192.0.2.100', 'ConsoleLogin', 'Failure'],
    ]);
    expect(run.events[0]?.dedupKey).toBe('cloudtrail:3fcfb182-98f8-4744-bd45-10aEXAMPLE');
  });

  it('reads the S3 {"Records":[…]} shape with keys, roles and service callers', async () => {
    const run = await runParser(awsCloudTrailParser, fixture('cloudtrail-records.json'), {}, { chunkSize: 17 });
    const [get, denied] = run.events;
    expect(get).toMatchObject({ actorId: 'arn:aws:iam::111122223333:user/svc-sync', sessionKey: 'AKIAIOSFODNN7EXAMPLE', objectType: 'AWS::S3::Object', operation: 'GetObject', requestId: 'REQ1' });
    expect(denied).toMatchObject({ username: 'Admin', clientIp: null, status: 'AccessDenied', details: expect.objectContaining({ sourceService: 'cloudformation.amazonaws.com' }) as unknown });
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(fixture('cloudtrail-records.json'));
    for (const e of run.events) expect(parseJson<{ eventID: string }>(bytes.subarray(e.byteOffset, e.byteOffset + e.byteLength).toString()).eventID).toBe(e.dedupKey.slice('cloudtrail:'.length));
  });

  it('streams a multi-MB single-line Records file, rejects a bad record and a truncated tail', async () => {
    const record = (i: number): string => JSON.stringify({ eventVersion: '1.08', eventTime: '2025-08-12T03:14:15Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', sourceIPAddress: '203.0.113.5', eventID: `id-${i}`, userIdentity: { accessKeyId: 'AKIAEXAMPLE', arn: 'arn:aws:iam::1:user/u' }, requestParameters: { key: `k/${'x'.repeat(200)}/${i}` } });
    const items = Array.from({ length: 20_000 }, (_, i) => (i === 500 ? '{"eventTime":"nope","eventID":"bad"}' : record(i)));
    const text = `{"Records":[${items.join(',')},{"eventTime":"2025-08-12T03:14:15Z","eventI`;
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(text.includes('\n')).toBe(false);
    const run = await runParser(awsCloudTrailParser, Buffer.from(text), {}, { fileName: 'big.json', chunkSize: 65536 });
    expect(run.events).toHaveLength(19_999);
    expect(run.events[19_998]?.dedupKey).toBe('cloudtrail:id-19999');
    expect(run.rejects.map((r) => r.reason)).toEqual([
      'The record has no valid eventTime.',
      'The file ends inside the Records array (truncated or not valid JSON), so the rest could not be read.',
    ]);
    expect(run.rejects[1]?.raw.toString()).toBe('{"eventTime":"2025-08-12T03:14:15Z","eventI');
  });

  it('rejects lines that are not JSON in a JSON Lines file', async () => {
    const lines = ['{"eventVersion":"1.05","eventTime":"2014-07-16T15:49:27Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventID":"a"}', '{broken', ''].join('\n');
    const run = await runParser(awsCloudTrailParser, Buffer.from(lines), {}, { fileName: 'ct.jsonl' });
    expect(run.events).toHaveLength(1);
    expect(run.rejects).toHaveLength(1);
    expect(run.rejects[0]).toMatchObject({ lineNo: 2, raw: Buffer.from('{broken') });
  });
});

describe('generic-jsonl', () => {
  it('uses the usual key names without a mapping, and rejects non-JSON and rows without time', async () => {
    const run = await runParser(genericJsonLinesParser, fixture('app.jsonl'));
    expect(run.events).toHaveLength(2);
    const [alice, bob] = run.events;
    expect(alice).toMatchObject({ sourceType: 'jsonl', ts: '2025-08-12T03:14:15.123Z', clientIp: '198.51.100.7', username: 'alice@example.com', sessionKey: 'S1', operation: 'export' });
    expect(alice?.recordIds).toEqual(['0035j00000AbCdEAAV', '0035j00000AbCdFAAV']);
    expect(alice?.details).toEqual({ extra: 'x' });
    expect(bob).toMatchObject({ ts: '2025-08-12T03:14:15.000Z', clientIp: null });
    expect(run.rejects.map((r) => r.lineNo)).toEqual([3, 4]);
    expect(run.rejects[1]?.reason).toMatch(/timestamp/);
  });

  it('follows a mapping into nested keys and reads offset-less times in the given zone', async () => {
    const mapping = { ts: 'meta.when', clientIp: 'client.addr', username: 'who' };
    const run = await runParser(genericJsonLinesParser, fixture('app-nested.jsonl'), { mapping, timeZone: 'Europe/Berlin' });
    expect(run.events[0]).toMatchObject({ ts: '2025-08-12T03:00:00.000Z', clientIp: '192.0.2.44', username: 'dave' });
  });
});

describe('generic-csv', () => {
  it('reads a CSV log through a column mapping and rejects unreadable rows', async () => {
    const mapping = { ts: 'When', clientIp: 'Client IP', username: 'Login', uri: 'Page', recordIds: 'Records' };
    const run = await runParser(genericCsvLogParser, fixture('portal-log.csv'), { mapping });
    expect(run.events.map((e) => [e.ts, e.clientIp, e.username, e.uri, e.recordIds])).toEqual([
      ['2025-08-12T03:14:15.000Z', '192.0.2.10', 'eve', '/contacts/export', ['0035j00000AbCdEAAV']],
    ]);
    expect(run.rejects.map((r) => r.reason)).toEqual([
      'The row has 4 fields but the header has 5.',
      'The timestamp in "When" is missing or not readable.',
    ]);
  });

  it('refuses to guess when no timestamp column can be found', async () => {
    await expect(runParser(genericCsvLogParser, Buffer.from('a,b\n1,2\n'), {}, { fileName: 'x.csv' })).rejects.toThrow(/No timestamp column found in x\.csv\. Map the column that holds each row's time to the timestamp field \(ts\)\. Columns: a, b\./);
  });

  it('never echoes a binary first line back as column names', async () => {
    const binary = Buffer.from([0x8f, 0x00, 0x2c, 0xc3, 0x28, 0x2c, 0x01, 0x0a, 0x31, 0x2c, 0x32, 0x2c, 0x33, 0x0a]);
    const refused = await runParser(genericCsvLogParser, binary, {}, { fileName: 'random.bin' }).then(() => null, (e: Error) => e.message);
    expect(refused).toMatch(/^No timestamp column found in random\.bin\. .* Its first line is not readable text/);
    expect(refused).toMatch(/^[\x20-\x7e\u2019]*$/);
  });
});
