import type { ProgressListener } from '../contract/progress';
import type { Db } from '../store/db';
import { ENGINE_VERSION } from '../version';
import type { ExportData } from './export-data';
import { writeAssumptionsSheet, writeExposureSheet, writeObligationsSheet } from './sheets/assessment';
import { writeCustodySheet, writeEvidenceSheet, writeRejectsSheet } from './sheets/case-record';
import { writeConsumersSheet } from './sheets/consumers';
import { writeFindingsSheet } from './sheets/findings';
import { writeSummarySheet } from './sheets/summary';
import { closeWorkbook, openWorkbook } from './xlsx/workbook-file';

export const WORKBOOK_FILE = 'breach-ledger.xlsx';

/** Writes the workbook sheet by sheet; its metadata and zip dates are the analysis' finish time, never "now". */
export async function writeWorkbook(
  file: string,
  db: Db,
  data: ExportData,
  rowLimit: number,
  onProgress: ProgressListener,
  key: Buffer | null = null,
): Promise<string[]> {
  const stamp = { creator: `Breach Ledger ${ENGINE_VERSION}`, at: new Date(data.analysis.finishedAt) };
  const workbook = openWorkbook(file, stamp, key);
  const sheets = [
    ...(await writeSummarySheet(workbook, data, rowLimit)),
    ...(await writeExposureSheet(workbook, data, rowLimit)),
    ...(await writeObligationsSheet(workbook, data, rowLimit)),
    ...(await writeConsumersSheet(workbook, db, data.analysis.id, data.analysis.summary.total, rowLimit, onProgress)),
    ...(await writeEvidenceSheet(workbook, data, rowLimit)),
    ...(await writeCustodySheet(workbook, data, rowLimit)),
    ...(await writeAssumptionsSheet(workbook, data, rowLimit)),
    ...(await writeRejectsSheet(workbook, data, rowLimit)),
    ...(await writeFindingsSheet(workbook, data, rowLimit)),
  ];
  await closeWorkbook(workbook, file, stamp, key);
  return sheets;
}
