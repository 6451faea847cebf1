import type ExcelJS from 'exceljs';
import { canonicalJson } from '../../util/canonical-json';
import type { ExportData } from '../export-data';
import { SheetStream } from '../xlsx/sheet-stream';

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

export async function writeEvidenceSheet(workbook: Workbook, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(
    workbook,
    'Evidence',
    [
      { header: 'Evidence id', kind: 'number' },
      { header: 'Original name' },
      { header: 'Original path', maxWidth: 60 },
      { header: 'Size (bytes)', kind: 'number' },
      { header: 'SHA-256', maxWidth: 66 },
      { header: 'SHA-1', maxWidth: 42 },
      { header: 'MD5', maxWidth: 34 },
      { header: 'Format' },
      { header: 'Acquired at (UTC)' },
      { header: 'Acquired by' },
      { header: 'Source time zone' },
      { header: 'Parser version' },
      { header: 'Rows read', kind: 'number' },
      { header: 'Rows imported', kind: 'number' },
      { header: 'Rows rejected', kind: 'number' },
    ],
    rowLimit,
  );
  for (const e of data.evidence) {
    const i = e.latestImport;
    await sheet.add([
      e.id, e.originalName, e.originalPath, e.size, e.sha256, e.sha1, e.md5, e.format, e.acquiredAt, e.acquiredBy, e.timeZone,
      i?.parserVersion ?? null, i?.rowsRead ?? null, i?.rowsImported ?? null, i?.rowsRejected ?? null,
    ]);
  }
  return sheet.finish();
}

export async function writeCustodySheet(workbook: Workbook, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(
    workbook,
    'Custody log',
    [
      { header: 'Seq', kind: 'number' },
      { header: 'At (UTC)' },
      { header: 'Actor' },
      { header: 'OS user' },
      { header: 'Host' },
      { header: 'App version' },
      { header: 'Action' },
      { header: 'Subject', maxWidth: 50 },
      { header: 'Details (canonical JSON)', maxWidth: 80 },
      { header: 'Previous hash', maxWidth: 66 },
      { header: 'Entry hash', maxWidth: 66 },
    ],
    rowLimit,
  );
  for (const c of data.custody.entries) {
    await sheet.add([c.seq, c.at, c.actor, c.osUser, c.host, c.appVersion, c.action, c.subject, canonicalJson(c.details), c.prevHash, c.entryHash]);
  }
  return sheet.finish();
}

export async function writeRejectsSheet(workbook: Workbook, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(
    workbook,
    'Rejected rows',
    [{ header: 'Evidence id', kind: 'number' }, { header: 'File' }, { header: 'SHA-256', maxWidth: 66 }, { header: 'Reason', maxWidth: 90 }, { header: 'Rows', kind: 'number' }],
    rowLimit,
  );
  for (const r of data.rejects) await sheet.add([r.evidenceId, r.name, r.sha256, r.reason, r.count]);
  return sheet.finish();
}
