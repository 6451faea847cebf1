import { LedgerError } from '../../contract/errors';
import { readHead } from '../encoding';
import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { headerNames, readTable } from '../people/csv-table';
import { mappedEvent, resolveMapping } from './mapped-event';

export const genericCsvLogParser: SourceParser = {
  format: 'generic-csv',
  version: '1',
  description: 'Any CSV log with a header row, read through a column mapping (ts, clientIp, username, sessionKey, recordIds, …).',

  detect(sample: DetectSample): number {
    const names = headerNames(sample.head);
    const looksJson = names[0]?.startsWith('{') ?? false;
    return !looksJson && names.length >= 2 && names.every((n) => n !== '') ? 0.05 : 0;
  },

  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input);
    const header = headerNames(head);
    const mapping = resolveMapping(input.options.mapping, (key) => header.includes(key));
    const tsKey = mapping.get('ts');
    if (!tsKey || !header.includes(tsKey)) {
      throw new LedgerError('BAD_USAGE', `No timestamp column found in ${input.fileName}. Map the column that holds each row's time to the timestamp field (ts). ${columnsText(header)}`);
    }
    const result = await readTable(
      { open: () => input.open(), head, entry: null, fileName: input.fileName, encoding: input.options.encoding, signal: input.signal, onProgress: (n) => sink.progress(n) },
      sink,
      (row) => {
        const event = mappedEvent((key) => row.fields[key], Object.keys(row.fields), mapping, row.provenance, 'csv', row.raw(), input.options.timeZone);
        if (typeof event === 'string') {
          const p = row.provenance;
          sink.reject({ entry: null, recordNo: p.recordNo, lineNo: p.lineNo, byteOffset: p.byteOffset, byteLength: p.byteLength, reason: event, raw: row.raw() });
        } else sink.event(event);
      },
    );
    return { encoding: result.encoding, encodingGuessed: result.encodingGuessed };
  },
};

/** The header's names, unless they are not readable text (binary or another encoding): then it says so instead. */
function columnsText(header: readonly string[]): string {
  const unreadable = header.some((name) => /[\p{Cc}\p{Cs}\uFFFD]/u.test(name));
  if (unreadable) return 'Its first line is not readable text (binary data, or an encoding that was not detected).';
  const shown = header.slice(0, 30).map((name) => (name.length > 60 ? `${name.slice(0, 59)}…` : name));
  return `Columns: ${shown.join(', ')}${header.length > shown.length ? `, and ${header.length - shown.length} more` : ''}.`;
}
