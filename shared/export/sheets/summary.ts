import type ExcelJS from 'exceljs';
import type { CellValue } from '../xlsx/sheet-stream';
import { SheetStream } from '../xlsx/sheet-stream';
import type { ExportData } from '../export-data';
import { jurisdictionsRequiringNotice } from '../notification-lists';
import { centsToDollars } from '../money';

export async function writeSummarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(workbook, 'Summary', [{ header: 'Item', maxWidth: 45 }, { header: 'Value', maxWidth: 100 }], rowLimit);
  for (const row of summaryRows(data)) await sheet.add(row);
  return sheet.finish();
}

export function summaryRows(data: ExportData): CellValue[][] {
  const { info, analysis, obligations, exposure, custody } = data;
  const scope = analysis.scope;
  const indicators = ['ips', 'users', 'sessions', 'loginKeys', 'apps', 'clients', 'agents']
    .flatMap((key) => (Array.isArray(scope[key]) && (scope[key] as unknown[]).length > 0 ? [`${key}: ${(scope[key] as string[]).join(', ')}`] : []))
    .join('; ');
  const noticeStates = jurisdictionsRequiringNotice(obligations).map((j) => j.jurisdiction);
  const earliest = obligations.jurisdictions.map((j) => j.earliestDue).filter((d): d is string => d !== null).sort()[0] ?? 'none fixed';
  const byBasis = analysis.summary.byBasis;
  const totals = exposure.totals;
  const rows: CellValue[][] = [
    ['Case', info.name],
    ['Case id', info.id],
    ['Matter', info.matter],
    ['Examiner', info.investigator],
    ['Breach discovered', info.discovered],
    ['Signing key fingerprint (SHA-256 of public key)', info.publicKeyFingerprint],
    ['Scope window (UTC)', `${String(scope.from)} to ${String(scope.to)}`],
    ['Scope indicators', indicators],
    ['Scope SHA-256', analysis.scopeSha256],
    ['Analysis id', analysis.id],
    ['Analysis started (UTC)', analysis.startedAt],
    ['Analysis finished (UTC)', analysis.finishedAt],
    ['Analysis options', JSON.stringify(analysis.options)],
    ['Analysis input digest (SHA-256)', analysis.inputDigest],
    ['Analysis output digest (SHA-256)', analysis.outputDigest],
    ['Engine version of analysis', analysis.engineVersion],
    ['Custody head at export (sequence)', custody.head.seq],
    ['Custody head at export (hash)', custody.head.hash],
    ['Affected consumers', analysis.summary.total],
    ['  on exact evidence', byBasis.exact ?? 0],
    ['  on derived evidence (re-evaluated queries)', byBasis.derived ?? 0],
    ['  inferred (upper bound)', byBasis.inferred ?? 0],
    ['Inferred consumers, overall minimum', analysis.summary.inferredMinimum],
    ['Jurisdictions assessed', obligations.jurisdictions.length],
    ['Jurisdictions requiring individual notice', noticeStates.length > 0 ? noticeStates.join(', ') : 'none'],
    ['Earliest fixed notice deadline', earliest],
    ['Exposure total, low: no violation beyond the breach (USD)', centsToDollars(totals.low)],
    ['Exposure total, stated: the stated facts and assumptions (USD)', centsToDollars(totals.stated)],
    ['Exposure total, high: every violation the facts allow (USD)', centsToDollars(totals.high)],
    ['Exposure totals complete', totals.complete ? 'yes' : `no — ${totals.unknownComponents.length} component(s) unknown, counsel must review (see Exposure)`],
    ['Money', exposure.rounding],
    ['Spreadsheet safety', "Text cells starting with =, +, -, @, tab or carriage return are prefixed with ' and stored as text so no spreadsheet evaluates them."],
  ];
  return rows;
}
