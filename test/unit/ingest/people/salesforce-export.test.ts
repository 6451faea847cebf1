import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { salesforceDataExportParser as parser } from '../../../../shared/ingest/people/salesforce-export';
import { runParser } from '../../../helpers/parse';
import { buildZip } from './zip-writer';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/people');
const fixture = (name: string): string => join(FIXTURES, name);

describe('salesforce-data-export: per-object CSVs', () => {
  it('reads a Windows-1252 Contact export with embedded newlines, custom fields and normalized identity', async () => {
    const run = await runParser(parser, fixture('Contact.csv'));
    expect(run.rejects).toEqual([]);
    expect(run.result).toEqual({ encoding: 'windows-1252', encodingGuessed: false });
    expect(run.subjects).toHaveLength(3);
    const [ana, jean, zip] = run.subjects;
    expect(ana).toMatchObject({
      system: 'salesforce', objectType: 'Contact', sourceId: '0035j00000AbCdEAAV', recordNo: 1, lineNo: 2,
      lastName: 'Gómez', email: 'ana.gomez+shop@example.com', emailKey: 'ana.gomez@example.com', phone: '+14155550123',
      birthDate: '1980-05-17', updatedAt: '2024-03-01T08:15:00.000Z', links: [{ type: 'account', targetId: '0015j00000XyZabAAB' }],
    });
    expect(ana?.fields.Loyalty_Number__c).toBe('L-0042');
    expect(ana?.fields.RecordTypeId).toBe('0128a000000NQFY');
    expect(ana?.addresses).toEqual([{ kind: 'mailing', street: '1 Market St, Suite 300', city: 'San Francisco', region: 'US-CA', regionSource: 'name', postalCode: '94105', country: 'US' }]);
    // The null key is "no account", not a link.
    expect(jean?.links).toEqual([]);
    expect(jean?.lineNo).toBe(4);
    expect(jean?.addresses[0]).toMatchObject({ region: 'CA-ON', country: 'CA', postalCode: 'M5H 2N2' });
    expect(jean?.phone).toBe('+14165550199');
    expect(zip?.addresses[0]).toMatchObject({ region: 'US-TX', regionSource: 'zip' });
  });

  it('gives byte offsets that cover exactly each record', async () => {
    const bytes = readFileSync(fixture('Contact.csv'));
    const run = await runParser(parser, bytes, {}, { fileName: 'Contact.csv', chunkSize: 7 });
    for (const s of run.subjects) {
      const raw = bytes.subarray(s.byteOffset, s.byteOffset + s.byteLength).toString('latin1');
      expect(raw.startsWith(`"${s.fields.Id}"`)).toBe(true);
      expect(raw.endsWith('\n')).toBe(true);
    }
  });

  it('keeps Person Account ↔ PersonContactId, and business accounts by company name only', async () => {
    const run = await runParser(parser, fixture('Account.csv'));
    const [person, business] = run.subjects;
    expect(person).toMatchObject({ objectType: 'Account', firstName: 'Maria', lastName: 'Rossi', email: 'maria.rossi@example.it', phone: '+390212345678', birthDate: '1975-12-01' });
    expect(person?.links).toEqual([{ type: 'person_contact', targetId: '0035j00000Pers1AAA' }]);
    expect(person?.addresses).toEqual([{ kind: 'mailing', street: 'Via Roma 1', city: 'Milano', region: null, regionSource: null, postalCode: '20121', country: 'IT' }]);
    expect(business).toMatchObject({ fullName: null, firstName: null, phone: '+12175550100' });
    expect(business?.addresses[0]).toMatchObject({ kind: 'billing', region: 'US-IL', country: 'US' });
  });

  it('links Lead → converted contact, Case → contact (with Supplied* identity), Order → bill-to contact', async () => {
    const lead = (await runParser(parser, fixture('Lead.csv'))).subjects[0];
    expect(lead?.links).toEqual([
      { type: 'converted_contact', targetId: '0035j00000AbCdEAAV' },
      { type: 'account', targetId: '0015j00000XyZabAAB' },
    ]);
    expect(lead?.addresses[0]).toMatchObject({ kind: 'default', region: 'US-OR', city: 'Portland' });

    const kase = (await runParser(parser, fixture('Case.csv'))).subjects[0];
    expect(kase).toMatchObject({ objectType: 'Case', fullName: 'Sam Web', firstName: 'Sam', email: 'sam.web@example.org', phone: '+12125550147' });
    expect(kase?.fields.Description).toBe('Line one\nLine "two"');
    expect(kase?.links).toContainEqual({ type: 'case_contact', targetId: '0035j00000AbCdEAAV' });

    const order = (await runParser(parser, fixture('Order.csv'))).subjects[0];
    expect(order?.links).toEqual([
      { type: 'order_bill_to', targetId: '0035j00000AbCdEAAV' },
      { type: 'account', targetId: '0015j00000XyZabAAB' },
    ]);
    expect(order?.addresses[0]).toMatchObject({ kind: 'billing', region: 'US-FL', regionSource: 'abbreviation' });
    expect(order?.fullName).toBeNull();
  });

  it('reads User and any other object with all its columns', async () => {
    const user = (await runParser(parser, fixture('User.csv'))).subjects[0];
    expect(user).toMatchObject({ objectType: 'User', sourceId: '0055j000000utlPAAQ', email: 'admin@corp.example', fullName: 'Ada Admin' });
    const invoice = (await runParser(parser, fixture('Invoice__c.csv'))).subjects[0];
    expect(invoice?.objectType).toBe('Invoice__c');
    expect(invoice?.fields).toMatchObject({ Customer_Email__c: 'buyer@example.com', Amount__c: '10.00' });
  });

  it('reads a Bulk API extract: pipe-delimited, CRLF, UTF-8, object from the Id prefix, ids widened to 18', async () => {
    const run = await runParser(parser, fixture('bulk-query-result.csv'));
    expect(run.rejects).toEqual([]);
    expect(run.result.encoding).toBe('utf-8');
    expect(run.subjects.map((s) => [s.objectType, s.sourceId, s.firstName, s.lastName])).toEqual([
      ['Contact', '0035j00000Bulk1AAB', 'Élodie', 'Martin'],
      ['Contact', '0035j00000Bulk2AAB', 'Bob', 'Smith, Jr.'],
    ]);
    expect(run.subjects[0]?.updatedAt).toBe('2023-02-07T20:44:05.000Z');
    expect(run.subjects[1]?.addresses[0]).toMatchObject({ region: 'US-IL', regionSource: 'zip' });
  });

  it('decodes a UTF-16LE (BOM) tab-delimited extract and maps offsets to the original bytes', async () => {
    const text = 'Id\tFirstName\tLastName\tEmail\tLastModifiedDate\tCreatedDate\r\n0035j00000AbCdEAAV\tZoë\tÅberg\tzoe@example.se\t2024-01-01 00:00:00\t2023-01-01 00:00:00\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const run = await runParser(parser, bytes, {}, { fileName: 'Contact.csv' });
    expect(run.result).toEqual({ encoding: 'utf-16le', encodingGuessed: false });
    const [zoe] = run.subjects;
    expect([zoe?.firstName, zoe?.lastName]).toEqual(['Zoë', 'Åberg']);
    const raw = bytes.subarray(zoe!.byteOffset, zoe!.byteOffset + zoe!.byteLength);
    expect(raw.toString('utf16le')).toBe('0035j00000AbCdEAAV\tZoë\tÅberg\tzoe@example.se\t2024-01-01 00:00:00\t2023-01-01 00:00:00\r\n');
  });
});

describe('salesforce-data-export: bad input', () => {
  const header = '"Id","FirstName","LastName","Email","LastModifiedDate","CreatedDate"\n';

  it('rejects ragged rows and rows of another encoding, with reason and raw bytes, and keeps the rest', async () => {
    const bytes = Buffer.concat([
      Buffer.from(header),
      Buffer.from('"0035j00000AbCdEAAV","José","Núñez","jose@example.com","2024-01-01 00:00:00","2023-01-01 00:00:00"\n', 'utf8'),
      Buffer.from('"0035j00000AbCdFAAV","Short","Row"\n'),
      Buffer.from('"0035j00000AbCdGAAV","Ren', 'utf8'),
      Buffer.from([0xe9]),
      Buffer.from('","Lat1","r@example.com","2024-01-01 00:00:00","2023-01-01 00:00:00"\n'),
      Buffer.from('"0035j00000AbCdHAAV","Ok","Last","ok@example.com","2024-01-01 00:00:00","2023-01-01 00:00:00"\n'),
    ]);
    const run = await runParser(parser, bytes, {}, { fileName: 'Contact.csv' });
    expect(run.subjects.map((s) => s.firstName)).toEqual(['José', 'Ok']);
    expect(run.result.encoding).toBe('utf-8');
    expect(run.rejects).toHaveLength(2);
    const [ragged, mixed] = run.rejects;
    expect(ragged?.reason).toMatch(/3 fields but the header has 6/);
    expect(ragged?.raw.toString()).toBe('"0035j00000AbCdFAAV","Short","Row"\n');
    expect(mixed?.reason).toMatch(/not UTF-8|decoded/i);
    expect(mixed?.raw.includes(Buffer.from([0xe9]))).toBe(true);
    expect(bytes.subarray(mixed!.byteOffset, mixed!.byteOffset + mixed!.byteLength).equals(mixed!.raw)).toBe(true);
  });

  it('rejects a record carrying a byte-order mark in the middle of the file (concatenated exports)', async () => {
    const row = '"0035j00000AbCdEAAV","A","B","a@example.com","2024-01-01 00:00:00","2023-01-01 00:00:00"\n';
    const bytes = Buffer.concat([Buffer.from(header + row), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + row)]);
    const run = await runParser(parser, bytes, {}, { fileName: 'Contact.csv' });
    expect(run.subjects).toHaveLength(2);
    expect(run.rejects).toHaveLength(1);
    expect(run.rejects[0]?.reason).toMatch(/byte-order mark/);
  });

  it('rejects an unterminated quoted field without losing the rows after it', async () => {
    const bytes = Buffer.from(header + '"0035j00000AbCdEAAV","Open,"B","b@example.com","x","y"\n"0035j00000AbCdHAAV","Ok","Last","ok@example.com","2024-01-01 00:00:00","2023-01-01 00:00:00"\n');
    const run = await runParser(parser, bytes, {}, { fileName: 'Contact.csv' });
    expect(run.subjects.map((s) => s.firstName)).toContain('Ok');
    expect(run.rejects.length).toBeGreaterThanOrEqual(1);
    expect(run.rejects.every((r) => r.reason.length > 0 && r.raw.length > 0)).toBe(true);
  });

  it('honours a forced encoding', async () => {
    const bytes = Buffer.concat([Buffer.from(header), Buffer.from('"0035j00000AbCdEAAV","Ren', 'latin1'), Buffer.from([0xc3, 0xa9]), Buffer.from('","X","x@example.com","",""\n')]);
    const run = await runParser(parser, bytes, { encoding: 'windows-1252' }, { fileName: 'Contact.csv' });
    expect(run.result.encoding).toBe('windows-1252');
    expect(run.subjects[0]?.firstName).toBe('RenÃ©');
  });
});

describe('salesforce-data-export: ZIP as delivered', () => {
  const contact = readFileSync(fixture('Contact.csv'));
  const lead = readFileSync(fixture('Lead.csv'));
  const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

  it('hashes every entry, parses every CSV and names the entry in provenance', async () => {
    const readme = Buffer.from('Export notes\n');
    const zip = buildZip([
      { name: 'Contact.csv', data: contact },
      { name: 'Lead.csv', data: lead },
      { name: 'Documents/readme.txt', data: readme },
    ]);
    const run = await runParser(parser, zip, {}, { fileName: 'WE_00D5j000000abcd_1.ZIP', chunkSize: 1000 });
    expect(run.result.encoding).toBe('binary');
    expect(run.entries.map((e) => [e.name, e.size, e.sha256])).toEqual([
      ['Contact.csv', contact.length, sha256(contact)],
      ['Lead.csv', lead.length, sha256(lead)],
      ['Documents/readme.txt', readme.length, sha256(readme)],
    ]);
    expect(run.entries[0]?.md5).toBe(createHash('md5').update(contact).digest('hex'));
    expect(run.entries[0]?.sha1).toBe(createHash('sha1').update(contact).digest('hex'));
    expect(run.subjects.map((s) => [s.entry, s.objectType])).toEqual([
      ['Contact.csv', 'Contact'], ['Contact.csv', 'Contact'], ['Contact.csv', 'Contact'], ['Lead.csv', 'Lead'],
    ]);
    const first = run.subjects[0]!;
    expect(contact.subarray(first.byteOffset, first.byteOffset + first.byteLength).toString('latin1')).toMatch(/^"0035j00000AbCdEAAV"/);
    expect(run.rejects).toEqual([]);
  });

  it('refuses path traversal and absolute names, and reads the safe entries', async () => {
    const zip = buildZip([
      { name: '../../etc/evil.csv', data: contact },
      { name: '/abs/Contact.csv', data: contact },
      { name: 'Lead.csv', data: lead },
    ]);
    const run = await runParser(parser, zip, {}, { fileName: 'export.zip' });
    expect(run.rejects.map((r) => r.entry)).toEqual(['../../etc/evil.csv', '/abs/Contact.csv']);
    expect(run.rejects.every((r) => /unsafe name/.test(r.reason))).toBe(true);
    expect(run.entries.map((e) => e.name)).toEqual(['Lead.csv']);
    expect(run.subjects).toHaveLength(1);
  });

  it('refuses an entry whose expansion ratio looks like a ZIP bomb', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const zip = buildZip([{ name: 'Contact.csv', data: zeros }, { name: 'Lead.csv', data: lead }]);
    const run = await runParser(parser, zip, {}, { fileName: 'export.zip' });
    expect(run.rejects[0]?.reason).toMatch(/ZIP bomb/);
    expect(run.entries.map((e) => e.name)).toEqual(['Lead.csv']);
  });

  it('rejects an entry whose declared size lies, and says the archive is damaged', async () => {
    const zip = buildZip([{ name: 'Lead.csv', data: lead, declaredSize: 10 }]);
    const run = await runParser(parser, zip, {}, { fileName: 'export.zip' });
    expect(run.rejects.some((r) => r.entry === 'Lead.csv' && /damaged/.test(r.reason))).toBe(true);
    expect(run.entries).toEqual([]);
  });

  it('fails with a clear error on a file that only looks like a ZIP', async () => {
    const fake = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]);
    await expect(runParser(parser, fake, {}, { fileName: 'export.zip' })).rejects.toThrow(/not a readable ZIP/);
  });
});
