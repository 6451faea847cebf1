import { rmSync } from 'node:fs';
import path from 'node:path';
import { benchDir, row, timeTask, type Benchmark } from './harness';

export const exportBenchmark: Benchmark = {
  name: 'export',
  description: 'Export 1,000,000 affected consumers (workbook, notification lists, custody report, signed manifest); analysis rows seeded synthetically',
  async run() {
    const dir = benchDir('export');
    const caseDir = path.join(dir, 'case');
    const outDir = path.join(dir, 'out');
    rmSync(caseDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    await timeTask('export-task.ts', ['seed', caseDir]);
    const timed = await timeTask('export-task.ts', ['export', caseDir, outDir]);
    const inside = JSON.parse(timed.stdout) as { seconds: number; files: number; bytes: number };
    rmSync(caseDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    return [
      row({
        benchmark: 'export',
        figure: 'export 1M consumers (process wall time)',
        value: timed.seconds,
        unit: 's',
        baseline: 'budget',
        baselineValue: 60,
        target: '< 60 s, RSS < 1 GB',
        peakRssMb: timed.peakRssMb,
        maxRatio: 1.0,
        maxRssMb: 1024,
      }),
      row({ benchmark: 'export', figure: 'exportCase() alone', value: inside.seconds, unit: 's', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
      row({ benchmark: 'export', figure: 'exported bytes', value: inside.bytes / 1024 / 1024, unit: 'MiB', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    ];
  },
};
