import { readHead } from '../encoding';
import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser, SubjectRecordRow } from '../parser';
import { BirthDateNotes } from './birth-date-notes';
import { headerNames, readTable, type TableRow } from './csv-table';
import { subjectRecord, type RawIdentity } from './subject';

export interface TableFormat {
  format: string;
  /** Raised when the format's reading changes (defaults to the shared table reader's version). */
  version?: string;
  description: string;
  system: string;
  /** Confidence from the header names alone (0 when not this format). */
  score(names: ReadonlySet<string>): number;
  /** What one row (or, with `group`, one group of rows) says about its subject. */
  identify(fields: Record<string, string>): { objectType: string; sourceId: string | null; identity: RawIdentity };
  /** Rows that continue the previous one (Shopify order line items) are merged into it. */
  continues?(previous: Record<string, string>, next: Record<string, string>): boolean;
  /**
   * Continuation rows carry values of their own (Magento's extra-address rows), so every non-blank cell is kept as
   * `Header #n`, even one equal to the first row's; otherwise only the values that differ are (Shopify repeats them).
   */
  continuationsKeepEveryValue?: boolean;
}

/** Header names, with case kept, of a CSV head. */
function headerSet(sample: DetectSample): Set<string> {
  return new Set(headerNames(sample.head));
}

/**
 * Adds the line-specific values of a continuation row as `Header #n`, so no cell of the group is lost, and the row's
 * line as `(line) #n`, so each value can be traced to the row it came from.
 */
function mergeRows(group: TableRow[], keepEveryValue: boolean): Record<string, string> {
  const first = (group[0] as TableRow).fields;
  const merged: Record<string, string> = { ...first };
  group.slice(1).forEach((row, i) => {
    if (row.provenance.lineNo !== null) merged[`(line) #${i + 2}`] = String(row.provenance.lineNo);
    for (const [key, value] of Object.entries(row.fields)) {
      if (value.trim() !== '' && (keepEveryValue || value !== first[key])) merged[`${key} #${i + 2}`] = value;
    }
  });
  return merged;
}

/** A SourceParser for a CSV export with a header row, one subject per row (or per group of rows). */
export function tableParser(spec: TableFormat): SourceParser {
  return {
    format: spec.format,
    version: spec.version ?? '2',
    description: spec.description,
    detect: (sample) => spec.score(headerSet(sample)),
    async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
      const head = await readHead(input);
      const birthDates = new BirthDateNotes();
      const emit = (group: TableRow[]): void => {
        const first = group[0] as TableRow;
        const last = group[group.length - 1] as TableRow;
        const fields = group.length === 1 ? first.fields : mergeRows(group, spec.continuationsKeepEveryValue === true);
        const { objectType, sourceId, identity } = spec.identify(fields);
        const provenance = { ...first.provenance, byteLength: last.provenance.byteOffset + last.provenance.byteLength - first.provenance.byteOffset };
        const context = { system: spec.system, objectType, sourceId, locale: input.options.locale, timeZone: input.options.timeZone };
        const row: SubjectRecordRow = subjectRecord(provenance, context, fields, identity);
        birthDates.note(identity.birthDate, row);
        sink.subject(row);
      };
      let group: TableRow[] = [];
      const result = await readTable(
        { open: () => input.open(), head, entry: null, fileName: input.fileName, encoding: input.options.encoding, signal: input.signal, onProgress: (n) => sink.progress(n) },
        sink,
        (row) => {
          const previous = group[group.length - 1];
          if (previous && spec.continues?.(previous.fields, row.fields)) {
            group.push(row);
            return;
          }
          if (group.length > 0) emit(group);
          group = [row];
        },
      );
      if (group.length > 0) emit(group);
      birthDates.warn(sink, input.options.locale);
      return { encoding: result.encoding, encodingGuessed: result.encodingGuessed };
    },
  };
}
