import { defineConfig } from 'vitest/config';

/**
 * Files that time something against a budget, or kill a process at a moment they watch for, run alone after the
 * rest: beside another test file on a 2-core machine their clocks would measure the neighbour. Everything else
 * runs two files at a time.
 */
const TIMED = [
  'test/e2e/analysis.test.ts',
  'test/unit/ingest/hostile-archive.test.ts',
  'test/unit/ingest/hostile-depth.test.ts',
  'test/unit/ingest/hostile-xml.test.ts',
  'test/unit/demo/determinism.test.ts',
  'test/integration/real-kill.test.ts',
];

const shared = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: { ...shared, name: 'suite', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: TIMED, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        test: { ...shared, name: 'timed', include: TIMED, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
