import type ExcelJS from 'exceljs';
import { assumptionLabel } from '../../display/assumption-labels';
import type { FindingsReport } from '../../findings/types';
import type { ExportData } from '../export-data';
import type { CellValue } from '../xlsx/sheet-stream';
import { SheetStream } from '../xlsx/sheet-stream';

/** One row per supporting evidence row of each fact, so a filter on a finding lists every row it rests on; then the checks that could not run. */
export async function writeFindingsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(
    workbook,
    'Findings',
    [
      { header: 'Severity' },
      { header: 'Finding' },
      { header: 'Subject', maxWidth: 50 },
      { header: 'Title', maxWidth: 70 },
      { header: 'Fact', maxWidth: 100 },
      { header: 'Evidence id', kind: 'number' },
      { header: 'File', maxWidth: 50 },
      { header: 'Entry', maxWidth: 40 },
      { header: 'Record', kind: 'number' },
      { header: 'Line', kind: 'number' },
      { header: 'File SHA-256', maxWidth: 66 },
      { header: 'Bears on (legal questions, no conclusion)', maxWidth: 90 },
      { header: 'Exposure assumptions it bears on', maxWidth: 50 },
      { header: 'Remediation', maxWidth: 90 },
      { header: 'Limits', maxWidth: 90 },
    ],
    rowLimit,
  );
  for (const row of findingsRows(data.findings)) await sheet.add(row);
  return sheet.finish();
}

export function findingsRows(report: FindingsReport): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const f of report.findings) {
    const bearsOn = f.bearsOn.map((q) => `${q.citation}: ${q.question}`).join('; ');
    const assumptions = report.assumptionLinks
      .filter((l) => l.findings.some((x) => x.id === f.id && x.subject === f.subject))
      .map((l) => assumptionLabel(l.assumption))
      .join('; ');
    for (const fact of f.facts) {
      for (const r of fact.rows) {
        rows.push([f.severity, f.id, f.subject, f.title, fact.text, r.evidenceId, r.file, r.entry, r.record, r.line, r.sha256, bearsOn, assumptions || null, f.remediation, f.limits]);
      }
    }
  }
  for (const n of report.notes) rows.push(['not assessable', n.check, null, null, n.reason, null, null, null, null, null, null, null, null, null, null]);
  rows.push(['run', 'digests', null, null, `engine ${report.engineVersion}; legal questions ${report.legalQuestionsVersion}; assumption links ${report.assumptionLinksVersion}; network ranges ${report.networkRanges.version} (${report.networkRanges.origin}); input digest ${report.inputDigest}; output digest ${report.outputDigest}`, null, null, null, null, null, null, null, null, null, null]);
  return rows;
}
