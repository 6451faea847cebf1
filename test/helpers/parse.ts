import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type {
  AccessEventRow,
  ArchiveEntryInfo,
  ParseOptions,
  ParseResult,
  RejectRow,
  RowSink,
  SourceParser,
  SubjectRecordRow,
} from '../../shared/ingest/parser';

export interface ParseRun {
  events: AccessEventRow[];
  subjects: SubjectRecordRow[];
  rejects: RejectRow[];
  warnings: string[];
  entries: ArchiveEntryInfo[];
  result: ParseResult;
  bytesRead: number;
}

/** Runs a parser over a file or buffer with an in-memory sink. `chunkSize` splits the bytes to exercise streaming. */
export async function runParser(
  parser: SourceParser,
  source: string | Buffer,
  options: ParseOptions = {},
  settings: { fileName?: string; chunkSize?: number } = {},
): Promise<ParseRun> {
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  const fileName = settings.fileName ?? (typeof source === 'string' ? (source.split('/').pop() ?? source) : 'input');
  const chunkSize = settings.chunkSize ?? 64 * 1024;
  const run: Omit<ParseRun, 'result'> = { events: [], subjects: [], rejects: [], warnings: [], entries: [], bytesRead: 0 };
  const sink: RowSink = {
    event: (row) => run.events.push(row),
    subject: (row) => run.subjects.push(row),
    reject: (row) => run.rejects.push(row),
    warn: (message) => run.warnings.push(message),
    progress: (n) => (run.bytesRead = n),
    archiveEntry: (info) => run.entries.push(info),
  };
  const result = await parser.parse(
    {
      fileName,
      size: bytes.length,
      open: (range) => Readable.from(chunks(bytes.subarray(range?.start ?? 0, range?.end === undefined ? bytes.length : range.end + 1), chunkSize)),
      options,
      signal: new AbortController().signal,
    },
    sink,
  );
  return { ...run, result };
}

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The detection sample the registry would see for these bytes. */
export function sampleOf(source: string | Buffer, fileName?: string): { fileName: string; size: number; head: Buffer } {
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  const name = fileName ?? (typeof source === 'string' ? (source.split('/').pop() ?? source) : 'input');
  return { fileName: name, size: bytes.length, head: bytes.subarray(0, 64 * 1024) };
}
