import ExcelJS from 'exceljs';
import { outputFileStream } from '../../store/byte-streams';
import { setZipEntryTimes } from './zip-timestamps';

export interface WorkbookStamp {
  creator: string;
  /** Written as created/modified and as every zip entry's date, so re-exports are byte-identical. */
  at: Date;
}

type ZipAppend = (source: unknown, data: { name: string; date?: Date }) => unknown;

/**
 * With a key the workbook streams through encryption, so its zip dates cannot be patched on disk afterwards:
 * each entry is given the stamp as it is added instead (the same UTC DOS fields `setZipEntryTimes` writes).
 */
export function openWorkbook(file: string, stamp: WorkbookStamp, key: Buffer | null = null): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(key ? { stream: outputFileStream(file, key) } : { filename: file }),
    useStyles: true,
    useSharedStrings: false,
  });
  if (key) {
    const zip = (workbook as unknown as { zip: { append: ZipAppend } }).zip;
    const append = zip.append.bind(zip);
    zip.append = (source, data) => append(source, { ...data, date: stamp.at });
  }
  workbook.creator = stamp.creator;
  workbook.lastModifiedBy = stamp.creator;
  workbook.created = stamp.at;
  workbook.modified = stamp.at;
  return workbook;
}

export async function closeWorkbook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, file: string, stamp: WorkbookStamp, key: Buffer | null = null): Promise<void> {
  await workbook.commit();
  if (!key) await setZipEntryTimes(file, stamp.at);
}
