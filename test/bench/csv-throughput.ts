import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { readCsv } from '../../shared/ingest/csv/reader';
import { benchDir, row, type Benchmark } from './harness';
import { writeApiElf } from './synthetic-files';

const ROWS = 2_000_000;

/** The shared CSV reader alone, on the same 2-million-row API EventLogFile the import benchmark uses. */
export const csvBenchmark: Benchmark = {
  name: 'csv',
  description: 'CSV reader throughput on a 2-million-row API EventLogFile CSV (reader only, no store)',
  async run() {
    const file = path.join(benchDir('import'), 'api-2m.csv');
    await writeApiElf(file, ROWS);
    const size = statSync(file).size;
    let records = 0;
    const started = process.hrtime.bigint();
    await readCsv(createReadStream(file, { highWaterMark: 1 << 20 }), { onRecord: () => void records++, onBad: () => undefined });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return [
      row({ benchmark: 'csv', figure: 'reader throughput', value: size / 1e6 / seconds, unit: 'MB/s', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
      row({ benchmark: 'csv', figure: 'reader rows', value: records / seconds, unit: 'rows/s', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    ];
  },
};
