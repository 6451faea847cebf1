import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { benchDir, row, settle, timeCommand, timeTask, type Benchmark, type BenchRow } from './harness';
import { writeApiElf, writeContactExport } from './synthetic-files';

/** Times `sqlite3 new.db -cmd '.mode csv' '.import FILE t'`, the baseline both import benchmarks use. */
async function sqliteImport(dir: string, file: string) {
  const db = path.join(dir, 'baseline.sqlite');
  rmSync(db, { force: true });
  const timed = await timeCommand('sqlite3', [db, '-cmd', '.mode csv', `.import ${file} t`]);
  rmSync(db, { force: true });
  return timed;
}

async function importBench(name: string, file: string, rows: number, maxRatio: number, maxRssMb: number): Promise<BenchRow[]> {
  const dir = path.dirname(file);
  const caseDir = path.join(dir, 'case');
  rmSync(caseDir, { recursive: true, force: true });
  await settle(file);
  const baseline = await sqliteImport(dir, file);
  await settle(file);
  const ours = await timeTask('add-task.ts', [caseDir, file]);
  const result = JSON.parse(ours.stdout) as { rowsImported: number; rowsRejected: number };
  rmSync(caseDir, { recursive: true, force: true });
  if (result.rowsImported !== rows) throw new Error(`${name}: imported ${result.rowsImported} of ${rows} rows (${result.rowsRejected} rejected)`);
  await settle(file);
  const store = JSON.parse((await timeTask('store-task.ts', [caseDir, file])).stdout) as { rows: number; seconds: number };
  rmSync(caseDir, { recursive: true, force: true });
  if (store.rows !== rows) throw new Error(`${name}: the store task stored ${store.rows} of ${rows} rows`);
  const mb = statSync(file).size / 1e6;
  return [
    row({
      benchmark: name,
      figure: `add ${(rows / 1e6).toFixed(1)}M rows, ${mb.toFixed(0)} MB (hash, copy, parse, normalize, insert, index)`,
      value: ours.seconds,
      unit: 's',
      baseline: 'sqlite3 .import',
      baselineValue: baseline.seconds,
      target: `ratio ≤ ${maxRatio}, RSS < ${maxRssMb} MB`,
      peakRssMb: ours.peakRssMb,
      maxRatio,
      maxRssMb,
    }),
    row({ benchmark: name, figure: 'import rate', value: rows / ours.seconds, unit: 'rows/s', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    row({
      benchmark: name,
      figure: 'store alone: inserts, index builds, commit (parsing left out)',
      value: store.seconds,
      unit: 's',
      baseline: 'sqlite3 .import',
      baselineValue: baseline.seconds,
      target: 'the least ratio add could reach',
      peakRssMb: null,
    }),
  ];
}

export const importBenchmark: Benchmark = {
  name: 'import',
  description: 'Add a 2-million-row API EventLogFile CSV vs sqlite3 .import of the same file',
  async run(args) {
    const rows = Number(args[0] ?? 2_000_000);
    const file = path.join(benchDir('import'), `api-${rows}.csv`);
    await writeApiElf(file, rows);
    return importBench('import', file, rows, 1.5, 300);
  },
};

export const importPeopleBenchmark: Benchmark = {
  name: 'import-people',
  description: 'Add a Salesforce Contact export (default 1 million rows; pass a count, e.g. 5000000) vs sqlite3 .import',
  async run(args) {
    const rows = Number(args[0] ?? 1_000_000);
    const file = path.join(benchDir('import-people'), 'Contact.csv');
    rmSync(file, { force: true });
    await writeContactExport(file, rows);
    return importBench('import-people', file, rows, 2.5, 300);
  },
};
