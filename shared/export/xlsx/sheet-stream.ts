import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { EventEmitter } from 'node:events';
import { neutralizeFormula } from '../cell-safety';

/** The XLSX format's hard limit of rows per sheet, header included. */
export const XLSX_MAX_ROWS = 1_048_576;
/** Excel refuses cells longer than this. */
export const XLSX_MAX_CELL_CHARS = 32_767;

export type CellKind = 'text' | 'number' | 'money';
export type CellValue = string | number | null;

export interface Column {
  header: string;
  kind?: CellKind;
  /** Upper bound for the fitted width (characters); long hashes and texts wrap past it. */
  maxWidth?: number;
}

const WIDTH_SAMPLE_ROWS = 500;
const MIN_WIDTH = 8;
const DEFAULT_MAX_WIDTH = 60;
const DRAIN_CHECK_EVERY_ROWS = 1_000;

// One frozen object per style: exceljs caches style ids by object identity.
const HEADER_STYLE: Partial<ExcelJS.Style> = Object.freeze({
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3A5F' } },
  alignment: { vertical: 'middle' },
  border: { bottom: { style: 'thin', color: { argb: 'FF000000' } } },
}) as Partial<ExcelJS.Style>;
const MONEY_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: '#,##0.00' });

/**
 * Streams rows into one logical sheet: styled, frozen header with an autofilter, column widths fitted to the
 * first rows, and continuation sheets "Name (2)", "Name (3)"… once a sheet holds `rowLimit` rows.
 * Sheets must be written one after another: the zip writer consumes them in the order they were opened.
 */
export class SheetStream {
  private readonly pending: CellValue[][] = [];
  private sheet: ExcelJS.Worksheet | null = null;
  private widths: number[] | null = null;
  private rowsInSheet = 0;
  private rowsSinceYield = 0;
  readonly sheetNames: string[] = [];

  constructor(
    private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly name: string,
    private readonly columns: readonly Column[],
    private readonly rowLimit: number = XLSX_MAX_ROWS,
  ) {
    if (rowLimit < 2) throw new RangeError('A sheet must hold at least a header and one row');
  }

  async add(values: readonly CellValue[]): Promise<void> {
    if (!this.widths) {
      this.pending.push([...values]);
      if (this.pending.length >= WIDTH_SAMPLE_ROWS) await this.flushPending();
      return;
    }
    await this.write(values);
  }

  /** Commits the last sheet; a sheet with no rows still gets its header. */
  async finish(): Promise<string[]> {
    if (!this.widths) await this.flushPending();
    if (!this.sheet) this.openSheet();
    this.commitSheet();
    return this.sheetNames;
  }

  private async flushPending(): Promise<void> {
    this.widths = fitWidths(this.columns, this.pending);
    for (const values of this.pending.splice(0)) await this.write(values);
  }

  private async write(values: readonly CellValue[]): Promise<void> {
    if (!this.sheet || this.rowsInSheet >= this.rowLimit) {
      if (this.sheet) this.commitSheet();
      this.openSheet();
    }
    const row = this.sheet!.addRow(values.map(cellValue));
    this.columns.forEach((column, i) => {
      if (column.kind === 'money' && typeof values[i] === 'number') row.getCell(i + 1).style = MONEY_STYLE;
    });
    row.commit();
    this.rowsInSheet++;
    if (++this.rowsSinceYield >= DRAIN_CHECK_EVERY_ROWS) {
      this.rowsSinceYield = 0;
      await zipInputDrained(this.sheet!);
    }
  }

  private openSheet(): void {
    const name = this.sheetNames.length === 0 ? this.name : `${this.name} (${this.sheetNames.length + 1})`;
    this.sheetNames.push(name);
    this.sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    this.sheet.columns = this.widths!.map((width) => ({ width }));
    const header = this.sheet.addRow(this.columns.map((c) => c.header));
    this.columns.forEach((_, i) => (header.getCell(i + 1).style = HEADER_STYLE));
    header.commit();
    this.rowsInSheet = 1;
  }

  private commitSheet(): void {
    const sheet = this.sheet!;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.rowsInSheet, column: this.columns.length } };
    sheet.commit();
  }
}

/**
 * exceljs pushes committed rows into the zip writer's input without backpressure (exceljs#734), so a fast
 * producer buffers the whole sheet in memory. The sheet's buffer pipes into one PassThrough that the zip
 * writer drains while compressing (a `readable-stream` PassThrough, hence `_writableState`); waiting for it
 * keeps memory flat. Only safe because sheets are written one at a time (the zip writer reads entries in order).
 */
async function zipInputDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  type ZipInput = EventEmitter & { _writableState?: { needDrain: boolean } };
  const zipInput = (sheet as unknown as { stream: { pipes?: ZipInput[] } }).stream.pipes?.[0];
  if (zipInput?._writableState?.needDrain) await once(zipInput, 'drain');
}

function cellValue(value: CellValue): CellValue {
  return typeof value === 'string' ? fitCell(neutralizeFormula(value)) : value;
}

function fitCell(text: string): string {
  if (text.length <= XLSX_MAX_CELL_CHARS) return text;
  const note = ` … [cut at Excel's ${XLSX_MAX_CELL_CHARS}-character cell limit; ${text.length} characters in full]`;
  return text.slice(0, XLSX_MAX_CELL_CHARS - note.length) + note;
}

function fitWidths(columns: readonly Column[], sample: readonly CellValue[][]): number[] {
  return columns.map((column, i) => {
    let longest = column.header.length;
    for (const values of sample) {
      const value = values[i];
      const length = value === null || value === undefined ? 0 : typeof value === 'number' ? displayLength(value, column.kind) : value.length;
      if (length > longest) longest = length;
    }
    return Math.min(column.maxWidth ?? DEFAULT_MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
}

function displayLength(value: number, kind: CellKind | undefined): number {
  return kind === 'money' ? value.toFixed(2).length + Math.floor(Math.abs(Math.trunc(value)).toString().length / 3) : String(value).length;
}
