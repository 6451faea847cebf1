import { rmSync } from 'node:fs';
import path from 'node:path';
import { benchDir, row, timeCommand, timeTask, type Benchmark } from './harness';

export const triageBenchmark: Benchmark = {
  name: 'triage',
  description: 'Triage table and events-over-time chart over 1.2 million web-log events (pass a count, e.g. 5000000; seeded in SQL) vs one sqlite3 pass over the events',
  async run(args) {
    const events = Number(args[0] ?? 1_200_000);
    const limit = events <= 1_200_000 ? 2 : 8;
    const caseDir = path.join(benchDir('triage'), 'case');
    rmSync(caseDir, { recursive: true, force: true });
    await timeTask('triage-seed.ts', [caseDir, String(events)]);
    const baseline = await timeCommand('sqlite3', [path.join(caseDir, 'ledger.sqlite'), 'SELECT COUNT(*), SUM(rows_processed) FROM access_events']);
    const ours = await timeTask('triage-task.ts', [caseDir]);
    rmSync(caseDir, { recursive: true, force: true });
    const t = JSON.parse(ours.stdout) as { table: number; chart: number; tableWindow: number; chartWindow: number };
    const label = `${(events / 1e6).toFixed(1)}M events`;
    const timed = (figure: string, value: number) =>
      row({ benchmark: 'triage', figure, value, unit: 's', baseline: 'sqlite3 one pass', baselineValue: baseline.seconds, target: `< ${limit} s`, peakRssMb: null, maxValue: limit });
    return [
      timed(`table, ${label}, no window (5 dimensions, top 25 each)`, t.table),
      timed(`chart, ${label}, no window (per day)`, t.chart),
      timed(`table, ${label}, one-day window`, t.tableWindow),
      timed(`chart, ${label}, three days per hour`, t.chartWindow),
    ];
  },
};
