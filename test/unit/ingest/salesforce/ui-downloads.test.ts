import { describe, expect, it } from 'vitest';
import { loginHistoryParser } from '../../../../shared/ingest/salesforce/login-history';
import { setupAuditTrailParser } from '../../../../shared/ingest/salesforce/setup-audit-trail';
import { runParser } from '../../../helpers/parse';
import { fixture } from './paths';

describe('setup audit trail download', () => {
  it('reads US dates with zone abbreviations (PDT, EST, PST)', async () => {
    const run = await runParser(setupAuditTrailParser, fixture('setup-audit-trail-us.csv'));
    expect(run.rejects).toEqual([]);
    expect(run.warnings).toEqual([]);
    expect(run.events.map((e) => [e.sourceType, e.ts, e.username])).toEqual([
      ['setup-audit-trail', '2026-09-10T11:21:14.000Z', 'admin@example.com'],
      ['setup-audit-trail', '2026-07-09T12:05:31.000Z', 'admin@example.com'],
      ['setup-audit-trail', '2026-01-01T07:59:59.000Z', 'admin@example.com'],
    ]);
    expect(run.events[1]).toMatchObject({ operation: 'Created connected app "Data Exporter"' });
    expect(run.events[1]!.details).toMatchObject({ Section: 'Connected Apps', DelegateUser: 'support@example.com', localDate: '7/9/2026, 7:05:31 AM EST' });
    expect(run.events[2]!.operation).toBe('=HYPERLINK("http://x")');
  });

  it('proves day/month order from the data (25/03) and reads BST, warning that it assumed British summer time', async () => {
    const run = await runParser(setupAuditTrailParser, fixture('setup-audit-trail-gb.csv'));
    expect(run.events.map((e) => e.ts)).toEqual(['2026-03-25T09:05:00.000Z', '2026-04-03T13:30:00.000Z']);
    expect(run.warnings).toEqual([expect.stringMatching(/BST has several meanings; read as UTC\+01:00/)]);
  });

  it('lets the data override a contradicting locale and says so', async () => {
    const run = await runParser(setupAuditTrailParser, fixture('setup-audit-trail-gb.csv'), { locale: 'en-US', timeZone: 'Europe/London' });
    expect(run.events.map((e) => e.ts)).toEqual(['2026-03-25T09:05:00.000Z', '2026-04-03T13:30:00.000Z']);
    expect(run.warnings).toEqual([expect.stringMatching(/Locale en-US says month\/day, but the dates prove day\/month/)]);
  });

  it('uses the documented default and warns when order and zone are ambiguous', async () => {
    const run = await runParser(setupAuditTrailParser, fixture('setup-audit-trail-ambiguous.csv'));
    expect(run.events.map((e) => e.ts)).toEqual(['2026-03-04T09:00:00.000Z', '2026-03-04T14:31:00.000Z']);
    expect(run.warnings).toHaveLength(3);
    expect(run.warnings.join('\n')).toMatch(/month\/day \(en-US, the documented default\)/);
    expect(run.warnings.join('\n')).toMatch(/IST has several meanings/);
    expect(run.warnings.join('\n')).toMatch(/no time zone .* read as UTC/);
  });

  it('follows locale and time zone when given', async () => {
    const run = await runParser(setupAuditTrailParser, fixture('setup-audit-trail-ambiguous.csv'), { locale: 'en-GB', timeZone: 'Europe/Dublin' });
    // 3 April in Dublin is summer time, so IST is Irish Standard Time (+01:00).
    expect(run.events.map((e) => e.ts)).toEqual(['2026-04-03T13:30:00.000Z', '2026-04-03T13:31:00.000Z']);
    // Read by the locale, but 03/04 could be either order: the import says so.
    expect(run.warnings).toEqual(['2 date(s) in this file could be month/day or day/month; read as day/month by locale en-GB.']);
  });

  it('rejects a row whose date cannot be read, keeping the others', async () => {
    const csv = 'Date,User,Source Namespace Prefix,Action,Section,Delegate User\n"yesterday",a@x.com,,A,S,\n"1/2/2026, 1:00:00 AM UTC",a@x.com,,B,S,\n';
    const run = await runParser(setupAuditTrailParser, Buffer.from(csv), {}, { fileName: 'SetupAuditTrail.csv' });
    expect(run.rejects.map((r) => [r.recordNo, r.reason])).toEqual([[1, '"yesterday" is not a date and time']]);
    expect(run.events.map((e) => e.operation)).toEqual(['B']);
  });
});

describe('login history download', () => {
  it('reads UI labels', async () => {
    const run = await runParser(loginHistoryParser, fixture('login-history-ui.csv'), { locale: 'en-US' });
    expect(run.rejects).toEqual([]);
    expect(run.warnings).toEqual(['2 date(s) in this file could be month/day or day/month; read as month/day by locale en-US.']);
    expect(run.events[0]).toMatchObject({
      sourceType: 'login-history',
      ts: '2025-06-01T12:34:56.000Z',
      username: 'analyst@example.com',
      sourceIp: '203.0.113.50',
      operation: 'Remote Access 2.0',
      status: 'Success',
      app: 'Data Loader',
      uri: 'login.salesforce.com',
    });
    expect(run.events[0]!.details).toMatchObject({ Location: 'Lisbon, Portugal', CountryIso: 'PT', ApiType: 'SOAP Partner', CipherSuite: 'ECDHE-RSA-AES256-GCM-SHA384' });
    expect(run.events[1]!.status).toBe('Failed: Invalid Password');
    expect(run.events[0]!.dedupKey).not.toBe(run.events[1]!.dedupKey);
  });

  it('reads API names with 15-character ids', async () => {
    const run = await runParser(loginHistoryParser, fixture('login-history-api.csv'));
    expect(run.events[0]).toMatchObject({ ts: '2025-06-01T12:34:56.000Z', actorId: '0055j00000AT6I1AAL', sourceIp: '203.0.113.50' });
    expect(run.events[0]!.details).toMatchObject({ Id: '0Ya5j00000AbCdECAV' });
  });
});
