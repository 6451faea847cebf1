// The store's share of `add`: the file is acquired, then parsed, and every slice of 200 parsed rows is fed to the
// import's own StoreSink (small slices, so the rows are still young in the heap, as in a real import). Parsing is
// timed apart and left out: what is reported is the inserts, the index builds and the commit alone, the least an
// import storing these rows could take even if all its parsing ran on another core.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { addEvidence, detectFormat } from '../../../shared/ingest/acquire';
import { StoreSink } from '../../../shared/ingest/import-pipeline';
import type { AccessEventRow, RowSink, SubjectRecordRow } from '../../../shared/ingest/parser';
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
  const events: AccessEventRow[] = [];
  const subjects: SubjectRecordRow[] = [];
  let storeNs = 0n;
  const flush = () => {
    const t = process.hrtime.bigint();
    for (const row of events) store.event(row);
    for (const row of subjects) store.subject(row);
    storeNs += process.hrtime.bigint() - t;
    rows += events.length + subjects.length;
    events.length = 0;
    subjects.length = 0;
  };
  const buffering: RowSink = {
    event: (row) => events.push(row) >= SLICE && flush(),
    subject: (row) => subjects.push(row) >= SLICE && flush(),
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
