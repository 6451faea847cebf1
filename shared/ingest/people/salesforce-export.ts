import { hasWrongSuffix, toId18 } from '../../util/salesforce-id';
import { peekStream } from '../archive/peek';
import { firstZipEntryName, isZip, visitZipEntries } from '../archive/zip';
import { readHead } from '../encoding';
import type { DetectSample, EncodingName, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { headerNames, readTable, type TableSource } from './csv-table';
import { objectFromFileName, objectFromId, salesforceIdentity } from './salesforce-objects';
import { subjectRecord } from './subject';
import { BirthDateNotes } from './birth-date-notes';

/**
 * Fields every exported or extracted Salesforce object has; two of them next to `Id` mark a Salesforce CSV. Headers
 * are compared in lower case: Data Loader and Bulk API extracts write them in upper case (`ID`, `ISDELETED`).
 */
const SYSTEM_FIELDS = ['isdeleted', 'createddate', 'createdbyid', 'lastmodifieddate', 'lastmodifiedbyid', 'systemmodstamp', 'ownerid'];
const HEAD_BYTES = 64 * 1024;

function salesforceHeaderScore(names: readonly string[]): number {
  const lower = names.map((n) => n.toLowerCase());
  if (!lower.includes('id')) return 0;
  const system = SYSTEM_FIELDS.filter((f) => lower.includes(f)).length;
  if (system >= 2) return 0.85;
  return names.some((n) => /__c$/i.test(n) || /^[A-Z][A-Za-z]+Id$/.test(n)) ? 0.5 : 0;
}

/** A Data Loader file without ids (an insert or upsert input) still names custom fields `…__c`. */
function customFieldsOnly(names: readonly string[]): boolean {
  return !names.some((n) => n.toLowerCase() === 'id') && names.some((n) => /^[A-Za-z][A-Za-z0-9_]*__c$/i.test(n));
}

/** The record id column, however the header spells `Id`. */
function idOf(fields: Readonly<Record<string, string>>): string | null {
  if (fields.Id !== undefined) return fields.Id;
  for (const key in fields) if (key.toLowerCase() === 'id') return fields[key]!;
  return null;
}

async function parseCsv(source: TableSource, input: ParseInput, sink: RowSink): Promise<{ encoding: EncodingName; encodingGuessed: boolean }> {
  const fileName = source.entry ?? source.fileName;
  const fileObject = objectFromFileName(fileName);
  const stem = (fileName.split('/').pop() ?? fileName).replace(/\.csv$/i, '');
  const birthDates = new BirthDateNotes();
  const suspectIds: number[] = [];
  const result = await readTable(source, sink, (row) => {
    const rawId = idOf(row.fields);
    const objectType = fileObject ?? objectFromId(rawId) ?? stem;
    const identity = salesforceIdentity(objectType, row.fields);
    if (hasWrongSuffix(rawId)) suspectIds.push(row.provenance.recordNo);
    const subject = subjectRecord(
      row.provenance,
      { system: 'salesforce', objectType, sourceId: toId18(rawId), locale: input.options.locale, timeZone: input.options.timeZone },
      row.fields,
      identity,
    );
    birthDates.note(identity.birthDate, subject);
    sink.subject(subject);
  });
  birthDates.warn(sink, input.options.locale);
  if (suspectIds.length > 0) {
    const shown = suspectIds.slice(0, 10).join(', ');
    sink.warn(`${suspectIds.length} row(s) have an 18-character Id whose case-safe suffix does not match its first 15 characters (records ${shown}${suspectIds.length > 10 ? ', …' : ''}); they are kept as written.`);
  }
  return result;
}

async function parseArchive(input: ParseInput, sink: RowSink): Promise<ParseResult> {
  let guessed = false;
  await visitZipEntries(input, sink, async (entry) => {
    if (!/\.csv$/i.test(entry.name)) return;
    const peeked = await peekStream(entry.open(), HEAD_BYTES);
    const source = { open: () => peeked.stream, head: peeked.head, entry: entry.name, fileName: input.fileName, encoding: input.options.encoding, signal: input.signal };
    const result = await parseCsv(source, input, sink);
    guessed ||= result.encodingGuessed;
  });
  sink.progress(input.size);
  return { encoding: 'binary', encodingGuessed: guessed };
}

export const salesforceDataExportParser: SourceParser = {
  format: 'salesforce-data-export',
  version: '2',
  readsZip: true,
  description: 'Salesforce Data Export ZIP or per-object CSV (also Data Loader / Bulk API extracts): who is in the CRM and where they live.',

  detect(sample: DetectSample): number {
    if (isZip(sample.head)) {
      const first = firstZipEntryName(sample.head);
      if (first !== null && /\.csv$/i.test(first)) return 0.8;
      return /\.zip$/i.test(sample.fileName) ? 0.3 : 0;
    }
    const names = headerNames(sample.head);
    const score = salesforceHeaderScore(names);
    const namedAfterObject = objectFromFileName(sample.fileName) !== null;
    // A trimmed extract may lack the system fields, but an object-named file with an Id column is still one.
    if (score === 0) {
      if (namedAfterObject && names.some((n) => n.toLowerCase() === 'id')) return 0.5;
      return customFieldsOnly(names) ? 0.3 : 0;
    }
    return namedAfterObject ? Math.min(1, score + 0.1) : score;
  },

  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input, HEAD_BYTES);
    if (isZip(head)) return parseArchive(input, sink);
    const result = await parseCsv(
      { open: () => input.open(), head, entry: null, fileName: input.fileName, encoding: input.options.encoding, signal: input.signal, onProgress: (n) => sink.progress(n) },
      input,
      sink,
    );
    return { encoding: result.encoding, encodingGuessed: result.encodingGuessed };
  },
};
