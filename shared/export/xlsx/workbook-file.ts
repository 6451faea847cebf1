import ExcelJS from 'exceljs';
import { setZipEntryTimes } from './zip-timestamps';

export interface WorkbookStamp {
  creator: string;
  /** Written as created/modified and as every zip entry's date, so re-exports are byte-identical. */
  at: Date;
}

export function openWorkbook(file: string, stamp: WorkbookStamp): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = stamp.creator;
  workbook.lastModifiedBy = stamp.creator;
  workbook.created = stamp.at;
  workbook.modified = stamp.at;
  return workbook;
}

export async function closeWorkbook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, file: string, stamp: WorkbookStamp): Promise<void> {
  await workbook.commit();
  await setZipEntryTimes(file, stamp.at);
}
