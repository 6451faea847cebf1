import { rmSync } from 'node:fs';
import path from 'node:path';
import { benchDir, row, timeTask, type Benchmark } from './harness';

export const reconstructBenchmark: Benchmark = {
  name: 'reconstruct',
  description: 'Reconstruct over 1 million subject records and 5 million events (seeded in SQL; scope, hits, consumers, residency, elements)',
  async run(args) {
    const subjects = Number(args[0] ?? 1_000_000);
    const events = Number(args[1] ?? 5_000_000);
    const caseDir = path.join(benchDir('reconstruct'), 'case');
    rmSync(caseDir, { recursive: true, force: true });
    const seed = await timeTask('reconstruct-seed.ts', [caseDir, String(subjects), String(events)]);
    const ours = await timeTask('reconstruct-task.ts', [caseDir]);
    const summary = JSON.parse(ours.stdout) as { total: number; events: number; byBasis: Record<string, number> };
    rmSync(caseDir, { recursive: true, force: true });
    return [
      row({
        benchmark: 'reconstruct',
        figure: `${(subjects / 1e6).toFixed(1)}M records, ${(events / 1e6).toFixed(1)}M events → ${summary.total.toLocaleString('en-US')} consumers (${summary.events} events in scope)`,
        value: ours.seconds,
        unit: 's',
        baseline: null,
        baselineValue: null,
        target: '< 60 s, RSS < 2 GB',
        peakRssMb: ours.peakRssMb,
        maxValue: 60,
        maxRssMb: 2048,
      }),
      row({ benchmark: 'reconstruct', figure: 'seeding the tables (not part of the figure)', value: seed.seconds, unit: 's', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    ];
  },
};
