/** Setup → View Setup Audit Trail → "Download setup audit trail for last six months" (CSV). */
import type { DetailValue, DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { readHead } from '../encoding';
import { sniffCsvHeader } from '../csv/table';
import { blankEvent, dedupKeyOf, putDetail } from './event-row';
import { startsLikeJson, textDecoding } from './input';
import { cellAt, collectCsvRows, columnFinder, datedRows, labelKey } from './ui-csv';

function detectSetupAuditTrail(sample: DetectSample): number {
  if (startsLikeJson(sample.head)) return 0;
  const keys = new Set((sniffCsvHeader(sample.head) ?? []).map(labelKey));
  return keys.has('date') && keys.has('user') && keys.has('action') && keys.has('section') ? 0.95 : 0;
}

export const setupAuditTrailParser: SourceParser = {
  format: 'salesforce-setup-audit-trail',
  version: '1',
  description: 'Salesforce Setup Audit Trail CSV download: configuration changes (connected apps, users, permissions)',
  detect: detectSetupAuditTrail,
  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input);
    const decoding = textDecoding(input, head);
    const { header, rows } = await collectCsvRows(input, sink, decoding);
    const col = columnFinder(header);
    const date = col('Date');
    const user = col('User');
    const action = col('Action');
    const section = col('Section');
    const delegate = col('Delegate User');
    const namespace = col('Source Namespace Prefix');
    for (const { row, iso, text: dateText } of datedRows(rows, date, 'Date', input.options, sink)) {
      const event = blankEvent(row.place, 'setup-audit-trail', iso);
      event.username = cellAt(row.fields, user);
      event.operation = cellAt(row.fields, action);
      const details: Record<string, DetailValue> = {};
      putDetail(details, 'Section', cellAt(row.fields, section));
      putDetail(details, 'DelegateUser', cellAt(row.fields, delegate));
      putDetail(details, 'SourceNamespacePrefix', cellAt(row.fields, namespace));
      putDetail(details, 'localDate', dateText);
      event.details = details;
      event.dedupKey = dedupKeyOf(['setup-audit-trail', iso, event.username, event.operation, details.Section as string, details.DelegateUser as string]);
      sink.event(event);
    }
    return decoding.result;
  },
};
