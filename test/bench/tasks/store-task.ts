// The store's share of `add`: the file is acquired, then parsed (each row turned into its stored columns, as the
// import's parsing thread does), and every slice of 200 rows is fed to the import's own StoreSink (small slices, so
// the rows are still young in the heap, as in a real import). Parsing is timed apart and left out: what is reported
// is the inserts, the index builds and the commit alone, the least an import storing these rows could take even if
// all its parsing ran on another core.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { addEvidence, detectFormat } from '../../../shared/ingest/acquire';
import { StoreSink } from '../../../shared/ingest/import-pipeline';
import type { RowSink } from '../../../shared/ingest/parser';
import {
  addressColumns,
  eventColumns,
  linkColumns,
  subjectColumns,
  type AddressColumns,
  type EventColumns,
  type LinkColumns,
  type SubjectColumns,
} from '../../../shared/ingest/store-columns';
import { parserFor, UNPARSED } from '../../../shared/ingest/registry';
import { createCase } from '../../../shared/store/case-folder';
import { inBulkTransaction } from '../../../shared/store/transaction';

const SLICE = 200;
const [caseDir, file] = process.argv.slice(2) as [string, string];

const handle = await createCase({ dir: caseDir, name: 'bench', investigator: 'bench', passphrase: null });
const { evidence } = await addEvidence(handle, { file, actor: 'bench', format: UNPARSED });
const parser = parserFor(await detectFormat(file, path.basename(file), evidence.size));

let parseSeconds = 0;
let rows = 0;
const started = process.hrtime.bigint();
await inBulkTransaction(handle.db, undefined, async () => {
  const store = new StoreSink(handle.db, evidence.id, 1, () => {});
  // Rows as the parsing thread hands them over: their stored columns, built while parsing (untimed).
  const events: Array<[EventColumns, readonly string[]]> = [];
  const subjects: Array<[SubjectColumns, AddressColumns[], LinkColumns[]]> = [];
  let storeNs = 0n;
  const flush = () => {
    const t = process.hrtime.bigint();
    for (const [columns, recordIds] of events) store.storeEvent(columns, recordIds);
    for (const [columns, addresses, links] of subjects) store.storeSubject(columns, addresses, links);
    storeNs += process.hrtime.bigint() - t;
    rows += events.length + subjects.length;
    events.length = 0;
    subjects.length = 0;
  };
  const buffering: RowSink = {
    event: (row) => events.push([eventColumns(row), row.recordIds]) >= SLICE && flush(),
    subject: (row) => subjects.push([subjectColumns(row), row.addresses.map(addressColumns), row.links.map(linkColumns)]) >= SLICE && flush(),
    reject: (row) => store.reject(row),
    warn: () => {},
    progress: () => {},
    archiveEntry: (info) => store.archiveEntry(info),
  };
  const parseStarted = process.hrtime.bigint();
  await parser.parse(
    {
      fileName: evidence.originalName,
      size: evidence.size,
      open: (range) => createReadStream(file, range ? { start: range.start, end: range.end } : {}),
      options: { timeZone: 'UTC' },
      signal: new AbortController().signal,
    },
    buffering,
  );
  flush();
  parseSeconds = Number(process.hrtime.bigint() - parseStarted - storeNs) / 1e9;
  store.indexes.rebuild(() => {});
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9 - parseSeconds;
handle.close();
process.stdout.write(JSON.stringify({ rows, seconds, parseSeconds }));
