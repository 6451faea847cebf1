/**
 * Card-number and SSN false positives on real address and phone columns (test/fixtures/classification-real, see
 * SOURCES.txt). A bare pattern flags some of these values; the field's classification must flag none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyField, findCardNumbers, findSsns, isCardNumber, isValidSsn, luhnValid } from '../../../../shared/reconstruct/classify';

const DIR = path.join(__dirname, '../../../fixtures/classification-real');

/** RFC 4180 rows: quoted fields may hold commas and doubled quotes. */
function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...data] = rows;
  return data.filter((r) => r.some((v) => v !== '')).map((r) => Object.fromEntries(header!.map((h, n) => [h, r[n] ?? ''])));
}

/** The address and phone columns of each real file, named here by reading the files, not by the classifier. */
const COLUMNS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['magento-customer_address.csv', 'customer_address', ['street', 'city', 'postcode', 'region', 'country_id', 'telephone', 'fax']],
  ['dataloader-upsertAccountSmallTemplate.csv', 'Account', ['PHONE']],
  ['dataloader-insertAccountCsv.csv', 'Account', ['PHONE']],
];

/** What a bare pattern would call a card number or an SSN, value by value. */
const patternHit = (value: string): boolean => {
  const digits = value.replace(/\D/g, '');
  return isValidSsn(value) || findSsns(value).length > 0 || isCardNumber(value) || findCardNumbers(value).length > 0 || (/^\d{13,19}$/.test(digits) && luhnValid(digits));
};

describe('card numbers and SSNs on real address and phone columns', () => {
  it('classifies none of them as a card number or an SSN, and reports the false-positive rate', () => {
    let values = 0;
    let patternHits = 0;
    const columns: string[] = [];
    const wrong: string[] = [];
    for (const [file, object, names] of COLUMNS) {
      const rows = readCsv(file);
      expect(rows.length, file).toBeGreaterThan(0);
      for (const name of names) {
        expect(Object.keys(rows[0]!), `${file} has ${name}`).toContain(name);
        const sample = rows.map((r) => r[name]!).filter((v) => v !== '');
        if (sample.length === 0) continue;
        values += sample.length;
        patternHits += sample.filter(patternHit).length;
        columns.push(`${file}:${name}`);
        const verdict = classifyField(object, name, sample);
        if (verdict.element === 'card_number' || verdict.element === 'ssn') wrong.push(`${file}:${name} → ${verdict.element}`);
      }
    }
    console.log(
      `classification on ${columns.length} real address/phone columns (${values} values): ${wrong.length} card/SSN classifications ` +
        `(false-positive rate ${(wrong.length / columns.length).toFixed(3)} per column); a bare pattern flags ${patternHits} values (${((100 * patternHits) / values).toFixed(1)}%)`,
    );
    expect(columns.length).toBeGreaterThanOrEqual(8);
    // The Magento sample's telephone (123456789) is shaped like a valid SSN: the pattern alone is fooled.
    expect(patternHits).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});
