import { describe, expect, test } from 'vitest';
import { neutralizeFormula } from '../../../shared/export/cell-safety';
import { csvRecord } from '../../../shared/export/csv';
import { escapeHtml } from '../../../shared/export/html';
import { elementsInWords } from '../../../shared/export/element-words';
import { formatRecordRefs } from '../../../shared/export/consumer-rows';

describe('spreadsheet injection', () => {
  test.each(['=SUM(A1)', '+1 555', '-2+3', '@cmd', '\tTAB', '\rCR'])('%j is prefixed with an apostrophe', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  test.each(['Adams', '', ' =x', "'=already", '1+1', 'a=b'])('%j is left alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });

  test('CSV records neutralize and quote fields, keep numbers and nulls', () => {
    expect(csvRecord([1, null, '=HYPERLINK("x")', 'a,b', 'plain'])).toBe(`1,,"'=HYPERLINK(""x"")","a,b",plain\r\n`);
    expect(csvRecord(['\r\nline'])).toBe(`"'\r\nline"\r\n`);
  });
});

test('HTML escaping covers markup and attribute quotes', () => {
  expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  expect(escapeHtml(null)).toBe('');
});

test('element lists read as words', () => {
  expect(elementsInWords(['name', 'email', 'ssn'])).toBe('Name, Email address and Social Security number');
  expect(elementsInWords(['ssn'])).toBe('Social Security number');
  expect(elementsInWords([])).toBe('');
});

test('record references group record numbers by evidence file', () => {
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);
  expect(formatRecordRefs([{ sha256: a, entry: null, recordNo: 3 }, { sha256: a, entry: null, recordNo: 9 }, { sha256: b, entry: 'x.csv', recordNo: 1 }])).toBe(
    `${a} records 3, 9; ${b} (x.csv) records 1`,
  );
});
