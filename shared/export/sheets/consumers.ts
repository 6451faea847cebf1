import type ExcelJS from 'exceljs';
import type { ProgressListener } from '../../contract/progress';
import type { Db } from '../../store/db';
import { consumerRows, formatRecordRefs } from '../consumer-rows';
import { elementsWithBasis } from '../element-words';
import { SheetStream } from '../xlsx/sheet-stream';

export const CONSUMERS_SHEET = 'Affected consumers';
const PROGRESS_EVERY = 10_000;

export async function writeConsumersSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  db: Db,
  analysisId: number,
  total: number,
  rowLimit: number,
  onProgress: ProgressListener,
): Promise<string[]> {
  const sheet = new SheetStream(
    workbook,
    CONSUMERS_SHEET,
    [
      { header: 'Consumer id', kind: 'number' },
      { header: 'Name' },
      { header: 'Email' },
      { header: 'Phone' },
      { header: 'State' },
      { header: 'Counted in' },
      { header: 'Basis' },
      { header: 'Exposed elements [basis]', maxWidth: 80 },
      { header: 'Evidence records (file SHA-256 and record numbers)', maxWidth: 100 },
      { header: 'Event ids', maxWidth: 40 },
    ],
    rowLimit,
  );
  let done = 0;
  for (const c of consumerRows(db, analysisId)) {
    await sheet.add([c.id, c.name, c.email, c.phone, c.region, c.countedIn.join(', '), c.basis, elementsWithBasis(c.elements), formatRecordRefs(c.records), c.events.join(', ')]);
    if (++done % PROGRESS_EVERY === 0) onProgress({ phase: 'export', label: 'affected consumers', done, total, unit: 'rows' });
  }
  onProgress({ phase: 'export', label: 'affected consumers', done, total, unit: 'rows' });
  return sheet.finish();
}
