/**
 * E-commerce customer files of test/fixtures/corpus (real public samples, see SOURCES.txt) added without --format:
 * the detected format, the exact row counts, and values checked by hand against the file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEvidence } from '../../shared/ingest/acquire';
import { createCase } from '../../shared/store/case-folder';
import { listEvidence } from '../../shared/store/evidence';
import { REPO } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const corpusFile = (name: string): string => path.join(REPO, 'test/fixtures/corpus', name);

async function add(name: string) {
  const handle = await createCase({ dir: path.join(tempDir(), 'case'), name: 'Corpus', investigator: 'Ivy', discovered: '2025-06-10', timeZone: 'UTC' });
  const result = await addEvidence(handle, { file: corpusFile(name), actor: 'ivy' });
  const e = listEvidence(handle.db).find((x) => x.id === result.evidence.id)!;
  const i = e.latestImport;
  const subjects = handle.db
    .prepare(
      `SELECT s.*, (SELECT group_concat(kind || '|' || coalesce(street, '') || '|' || coalesce(city, '') || '|' || coalesce(region, '') || '|' || coalesce(postal_code, ''), ';')
         FROM subject_addresses a WHERE a.subject_id = s.id) AS addr FROM subject_records s WHERE evidence_id = ? ORDER BY id`,
    )
    .all(e.id) as Array<Record<string, unknown>>;
  return { format: e.format, counts: i ? [i.rowsRead, i.rowsImported, i.rowsRejected, i.rowsDuplicate] : null, warnings: i?.warnings ?? [], subjects };
}

const fields = (row: Record<string, unknown>): Record<string, string> => JSON.parse(row.fields as string) as Record<string, string>;

describe('Magento composite customer file with address-only rows', () => {
  it('attaches the extra address row to the customer above it and keeps that row traceable', async () => {
    const a = await add('magento-customer_composite_update.csv');
    // 5 data rows: Anthony, his address-only row (line 3), Lori, Betsy, Kelly (no address at all).
    expect([a.format, a.counts]).toEqual(['magento-customers', [4, 4, 0, 0]]);
    expect(a.subjects.map((s) => [s.source_id, s.line_no, s.record_no])).toEqual([
      ['base:anthonyanealy@magento.com', 2, 1],
      ['admin:loribbanks@magento.com', 4, 3],
      ['admin:betsyparker@example.com', 5, 4],
      ['base:kellynilson@magento.com', 6, 5],
    ]);
    const [anthony, , betsy, kelly] = a.subjects;
    expect(anthony!.addr).toBe('billing|3176 Cambridge Court|Fayetteville|US-AR|72701;other|4709 Pleasant Hill Road|Irvine|US-CA|92664');
    // The row of the second address stays traceable: its line, and each of its cells, even those equal to line 2's.
    expect(fields(anthony!)).toMatchObject({ '(line) #2': '3', '_address_telephone #2': '562-208-2310', '_address_country_id #2': 'US', '_address_firstname #2': 'Anthony' });
    const text = readFileSync(corpusFile('magento-customer_composite_update.csv'));
    const span = text.subarray(anthony!.byte_offset as number, (anthony!.byte_offset as number) + (anthony!.byte_length as number)).toString();
    expect(span).toMatch(/^"AnthonyANealy@magento\.com"[\s\S]*"4709 Pleasant Hill Road",,"562-208-2310",,,\n?$/);
    expect(betsy).toMatchObject({ full_name: 'NotBetsy H. NotParker', email: 'betsyparker@example.com', phone: '+12156299720' });
    expect(kelly!.addr).toBeNull();
  });

  it('still reads the one-row composite sample as one customer', async () => {
    const a = await add('magento-customer_composite.csv');
    expect([a.format, a.counts]).toEqual(['magento-customers', [1, 1, 0, 0]]);
    expect(fields(a.subjects[0]!)['(line) #2']).toBeUndefined();
  });
});

describe('B2C Commerce (SFCC) customer XML, real exports', () => {
  it('a <customers> export: profiles, address books, the address phone when the profile has none', async () => {
    const a = await add('gigya-sfcc-customers.xml');
    expect([a.format, a.counts]).toEqual(['sfcc-customers-xml', [2, 2, 0, 0]]);
    expect(a.subjects.map((s) => [s.source_id, s.full_name, s.email, s.phone])).toEqual([
      ['00010004', 'Erin Mathur', 'puru.mupunu@gigya-inc.com', '+19348993499'],
      ['00008502', 'Puru Mupunu', 'puru@gigya.com', '+19348993499'],
    ]);
    expect(a.subjects[1]!.addr).toBe('default|2513 Charleston Rd, #200|Mountain View|US-CA|94043;other|1000 East 1st Street|Anchorage|US-AK|99501-3901');
    expect(fields(a.subjects[1]!)).toMatchObject({ 'profile.custom.subscribe': 'false', 'addresses.address[2].phone': '8347459945' });
    expect(fields(a.subjects[0]!)['credentials.password']).toMatch(/^\$s0\$b0401\$BvP1z2xP5iRzBwdW3M9h9w==\$/);
  });

  it('a site-export <customer-list>: every customer, its header not one; a zoned xsd:date birthday is read', async () => {
    const a = await add('sfcc-refarch-customer-list.xml');
    expect([a.format, a.counts]).toEqual(['sfcc-customers-xml', [13, 13, 0, 0]]);
    expect(a.subjects.map((s) => s.source_id)).toEqual([
      'D00000001', 'W00000002', 'W00000009', 'W00000003', 'W00000004', 'W00000005', 'D00000002', 'W00000007', 'W00000010', 'W00000006', 'D00000003', 'W00000001', 'W00000008',
    ]);
    const [test1] = a.subjects;
    expect(test1).toMatchObject({ full_name: 'Test1 User1', email: 'testuser1@demandware.com', birth_date: '1988-10-21', phone: '+17815551212' });
    expect(test1!.addr).toBe('default|104 Presidential Way|Woburn|US-MA|01801;other|91 Middlesex Tpke|Burlington|US-MA|01803');
    const test3 = a.subjects.find((s) => s.source_id === 'D00000003')!;
    expect(fields(test3)['addresses.address[1].address-id']).toBe("Mom's");
    expect(a.subjects.find((s) => s.source_id === 'D00000002')).toMatchObject({ phone: null, addr: null });
    const text = readFileSync(corpusFile('sfcc-refarch-customer-list.xml'));
    const w2 = a.subjects[1]!;
    const span = text.subarray(w2.byte_offset as number, (w2.byte_offset as number) + (w2.byte_length as number)).toString();
    expect(span).toMatch(/^<customer customer-no="W00000002">[\s\S]*<\/customer>$/);
  });
});
