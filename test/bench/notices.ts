import { rmSync } from 'node:fs';
import path from 'node:path';
import { benchDir, REPO, row, timeCommand, timeTask, type Benchmark } from './harness';

export const noticesBenchmark: Benchmark = {
  name: 'notices',
  description: 'Letters for 1,000,000 affected consumers (ten states) as streamed PDFs, with mail-merge CSVs and email templates; analysis rows seeded synthetically',
  async run() {
    const dir = benchDir('notices');
    const caseDir = path.join(dir, 'case');
    const outDir = path.join(dir, 'out');
    rmSync(caseDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    await timeTask('export-task.ts', ['seed', caseDir]);
    // No heap cap: the product runs the letters without one, so the figure is what a user's machine sees.
    const timed = await timeCommand(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/bench/tasks/notices-task.ts'), caseDir, outDir]);
    const inside = JSON.parse(timed.stdout) as { seconds: number; jurisdictions: number; letters: number; pages: number; bytes: number };
    rmSync(caseDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    return [
      row({
        benchmark: 'notices',
        figure: `1M consumers → ${inside.letters.toLocaleString('en-US')} letters, ${inside.pages.toLocaleString('en-US')} pages in ${inside.jurisdictions} PDFs (process wall time)`,
        value: timed.seconds,
        unit: 's',
        baseline: 'budget',
        baselineValue: 300,
        target: '< 5 min, RSS < 1 GB',
        peakRssMb: timed.peakRssMb,
        maxRatio: 1.0,
        maxRssMb: 1024,
      }),
      row({ benchmark: 'notices', figure: 'writeNotices() alone', value: inside.seconds, unit: 's', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
      row({ benchmark: 'notices', figure: 'letters per second', value: inside.letters / inside.seconds, unit: '/s', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
      row({ benchmark: 'notices', figure: 'bytes written', value: inside.bytes / 1024 / 1024, unit: 'MiB', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    ];
  },
};
