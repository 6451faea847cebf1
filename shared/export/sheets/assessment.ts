import type ExcelJS from 'exceljs';
import type { NoticeObligation } from '../../law/obligations';
import type { ExportData } from '../export-data';
import { moneyCell, centsToDollars } from '../money';
import { SheetStream } from '../xlsx/sheet-stream';
import { valueText } from '../../util/value-text';

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

export async function writeExposureSheet(workbook: Workbook, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(
    workbook,
    'Exposure',
    [
      { header: 'Jurisdiction' },
      { header: 'Name' },
      { header: 'Component' },
      { header: 'Kind' },
      { header: 'Status' },
      { header: 'Low: no violation beyond the breach (USD)', kind: 'money' },
      { header: 'Stated: the stated facts and assumptions (USD)', kind: 'money' },
      { header: 'High: every violation the facts allow (USD)', kind: 'money' },
      { header: 'Triggering violations', maxWidth: 90 },
      { header: 'Formula', maxWidth: 80 },
      { header: 'Citation', maxWidth: 50 },
      { header: 'Pack version' },
      { header: 'Confidence' },
      { header: 'Reason / review', maxWidth: 80 },
    ],
    rowLimit,
  );
  for (const j of data.exposure.jurisdictions) {
    for (const c of j.components) {
      await sheet.add([
        j.code, j.name, c.label, c.kind, c.status, moneyCell(c.low), moneyCell(c.stated), moneyCell(c.high),
        c.violations.map((v) => `${v.violation} [${v.citation}]: ${v.status}`).join('; '), c.formula, c.citation, c.packVersion, c.confidence, [c.reason, c.review].filter(Boolean).join(' — ') || null,
      ]);
    }
  }
  const t = data.exposure.totals;
  const note = t.complete ? 'all components known' : `sum of known components only; unknown: ${t.unknownComponents.join(', ')}`;
  await sheet.add(['TOTAL', null, 'All jurisdictions', null, t.complete ? 'complete' : 'incomplete', centsToDollars(t.low), centsToDollars(t.stated), centsToDollars(t.high), null, null, null, null, null, note]);
  return sheet.finish();
}

export async function writeObligationsSheet(workbook: Workbook, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(
    workbook,
    'Obligations and deadlines',
    [
      { header: 'Jurisdiction' },
      { header: 'Name' },
      { header: 'Pack version' },
      { header: 'Individual notice decision' },
      { header: 'Qualifying residents (exact)', kind: 'number' },
      { header: 'Qualifying residents (derived)', kind: 'number' },
      { header: 'Qualifying residents (inferred upper bound)', kind: 'number' },
      { header: 'Party' },
      { header: 'Duty' },
      { header: 'Due date' },
      { header: 'Deadline rule', maxWidth: 70 },
      { header: 'Recipients', maxWidth: 50 },
      { header: 'Threshold', maxWidth: 50 },
      { header: 'Citation', maxWidth: 50 },
      { header: 'Confidence' },
      { header: 'Reason', maxWidth: 90 },
    ],
    rowLimit,
  );
  for (const j of data.obligations.jurisdictions) {
    const head = [j.jurisdiction, j.name, j.packVersion, j.noticeRequired, j.qualifying.exact, j.qualifying.derived, j.qualifying.inferredUpperBound];
    const parties: Array<[string, NoticeObligation]> = [
      ['individuals', j.individuals],
      ['regulator', j.regulator],
      ['consumer reporting agencies', j.consumerReportingAgencies],
      ...(j.media ? [['media', j.media] as [string, NoticeObligation]] : []),
    ];
    for (const [party, o] of parties) {
      await sheet.add([
        ...head, party, o.duty, o.due.kind === 'date' ? o.due.date : null, o.due.text, o.recipients,
        o.threshold ? `${o.threshold.rule} (${o.threshold.status})` : null, o.citation, o.confidence, [o.reason, o.note].filter(Boolean).join(' — '),
      ]);
    }
    const ip = j.identityProtection;
    await sheet.add([...head, 'identity protection offer', ip.status, null, ip.months !== null ? `${ip.months} months` : null, null, null, ip.citation, null, ip.text]);
  }
  for (const u of data.obligations.unassigned) {
    await sheet.add([u.jurisdiction, null, null, 'not assessed', u.residents.exact, u.residents.derived, u.residents.inferredUpperBound, null, null, null, null, null, null, null, null, u.reason]);
  }
  return sheet.finish();
}

export async function writeAssumptionsSheet(workbook: Workbook, data: ExportData, rowLimit: number): Promise<string[]> {
  const sheet = new SheetStream(workbook, 'Assumptions', [{ header: 'Assumption' }, { header: 'Value' }, { header: 'Source' }, { header: 'Meaning', maxWidth: 100 }], rowLimit);
  for (const [key, a] of Object.entries(data.exposure.assumptions)) await sheet.add([key, a.value, a.source, a.description]);
  for (const link of data.findings.assumptionLinks) {
    const titles = link.findings.map((f) => `[${f.severity}] ${f.title}`).join('; ');
    await sheet.add([`findings bearing on ${link.assumption}`, link.findings.length > 0 ? `${link.findings.length} finding(s): ${titles}` : 'none from this evidence', 'findings (shown, not applied)', `${link.bearing} See the Findings sheet for the rows.`]);
  }
  await sheet.add(['residency rule', valueText(data.analysis.options.residency ?? ''), 'analysis', 'How a consumer’s state of residence was chosen during reconstruction']);
  await sheet.add(['planned notice date', data.plannedNoticeDate ?? 'not given', data.plannedNoticeDate ? 'input' : 'default', 'Anchors deadlines that run from notice to individuals']);
  await sheet.add(['assumptions as given', data.assumptionArgs.join(' ') || 'none (defaults)', 'input', 'The assumption settings passed to this export']);
  await sheet.add(['holiday calendar', `${data.obligations.holidayCalendar.name} (${data.obligations.holidayCalendar.sha256})`, 'engine', 'Business-day deadlines skip these holidays']);
  await sheet.add(['rounding', data.exposure.rounding, 'engine', 'How money figures are computed']);
  for (const pack of data.rulePacks) await sheet.add([`rule pack ${pack.jurisdiction}`, `${pack.version} (${pack.status})`, 'engine', `SHA-256 ${pack.sha256}`]);
  return sheet.finish();
}
