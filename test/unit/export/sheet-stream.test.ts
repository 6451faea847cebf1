import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SheetStream } from '../../../shared/export/xlsx/sheet-stream';
import { closeWorkbook, openWorkbook } from '../../../shared/export/xlsx/workbook-file';
import { tempDir } from '../../helpers/tmp';

async function writeNumbers(file: string, count: number, rowLimit: number, creator = 'test'): Promise<string[]> {
  const stamp = { creator, at: new Date('2025-06-23T16:20:07Z') };
  const workbook = openWorkbook(file, stamp);
  const sheet = new SheetStream(workbook, 'Numbers', [{ header: 'n', kind: 'number' }, { header: 'text' }], rowLimit);
  for (let n = 1; n <= count; n++) await sheet.add([n, n === 2 ? '=2+2' : `row ${n}`]);
  const names = await sheet.finish();
  await closeWorkbook(workbook, file, stamp);
  return names;
}

describe('SheetStream', () => {
  test('continues on "Name (2)", "Name (3)" once a sheet holds the row limit, each with its header, frozen and filtered', async () => {
    const file = path.join(tempDir(), 'split.xlsx');
    expect(await writeNumbers(file, 7, 4)).toEqual(['Numbers', 'Numbers (2)', 'Numbers (3)']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheets = workbook.worksheets;
    expect(sheets.map((s) => s.name)).toEqual(['Numbers', 'Numbers (2)', 'Numbers (3)']);
    expect(sheets.map((s) => s.rowCount)).toEqual([4, 4, 2]);
    const values = sheets.flatMap((s) => s.getRows(2, s.rowCount - 1)!.map((r) => r.getCell(1).value));
    expect(values).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const s of sheets) {
      expect(s.getRow(1).values).toEqual([undefined, 'n', 'text']);
      expect(s.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.autoFilter).toBeTruthy();
    }
    expect(sheets[0]!.getRow(3).getCell(2).value).toBe("'=2+2");
  });

  test('an empty sheet still gets its header', async () => {
    const file = path.join(tempDir(), 'empty.xlsx');
    expect(await writeNumbers(file, 0, 10)).toEqual(['Numbers']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets[0]!.rowCount).toBe(1);
  });

  test('the same rows written at different times give identical bytes (fixed metadata and zip entry dates)', async () => {
    const dir = tempDir();
    await writeNumbers(path.join(dir, 'a.xlsx'), 50, 100);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await writeNumbers(path.join(dir, 'b.xlsx'), 50, 100);
    expect(readFileSync(path.join(dir, 'b.xlsx')).equals(readFileSync(path.join(dir, 'a.xlsx')))).toBe(true);
    await writeNumbers(path.join(dir, 'c.xlsx'), 50, 100, 'someone else');
    expect(readFileSync(path.join(dir, 'c.xlsx')).equals(readFileSync(path.join(dir, 'a.xlsx')))).toBe(false);
  });

  test('workbook metadata carries the fixed creator and date', async () => {
    const file = path.join(tempDir(), 'meta.xlsx');
    await writeNumbers(file, 1, 10, 'Breach Ledger test');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.creator).toBe('Breach Ledger test');
    expect(workbook.created.toISOString()).toBe('2025-06-23T16:20:07.000Z');
    expect(workbook.modified.toISOString()).toBe('2025-06-23T16:20:07.000Z');
  });
});
