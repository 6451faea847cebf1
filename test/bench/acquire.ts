import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { benchDir, row, timeCommand, timeTask, type Benchmark } from './harness';

const SIZE = 1024 * 1024 * 1024;

/** Pseudo-random bytes (xorshift), so the file does not compress or dedupe and needs no entropy. */
async function writeInputFile(file: string, size: number): Promise<void> {
  if (existsSync(file) && statSync(file).size === size) return;
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  let x = 0x9e3779b9;
  for (let written = 0; written < size; written += chunk.length) {
    for (let i = 0; i < chunk.length; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      chunk.writeUInt32LE(x >>> 0, i);
    }
    if (!out.write(chunk.subarray(0, Math.min(chunk.length, size - written)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export const acquireBenchmark: Benchmark = {
  name: 'acquire',
  description: 'Acquire a 1 GB file (SHA-256 + SHA-1 + MD5 + copy + store) vs `sha256sum FILE && cp FILE DEST`',
  async run() {
    const dir = benchDir('acquire');
    const input = path.join(dir, 'input-1g.bin');
    await writeInputFile(input, SIZE);
    const baselineDest = path.join(dir, 'baseline-copy.bin');
    const caseDir = path.join(dir, 'case');
    rmSync(caseDir, { recursive: true, force: true });
    rmSync(baselineDest, { force: true });
    // Warm the page cache the same way for both runs.
    await timeCommand('bash', ['-c', `cat "${input}" > /dev/null`]);

    const baseline = await timeCommand('bash', ['-c', `sha256sum "${input}" > /dev/null && cp "${input}" "${baselineDest}"`]);
    const ours = await timeTask('acquire-task.ts', [caseDir, input]);
    rmSync(baselineDest, { force: true });
    rmSync(caseDir, { recursive: true, force: true });
    const mb = SIZE / 1024 / 1024;
    return [
      row({
        benchmark: 'acquire',
        figure: 'acquire 1 GiB (3 digests + copy + store)',
        value: ours.seconds,
        unit: 's',
        baseline: 'sha256sum && cp',
        baselineValue: baseline.seconds,
        target: 'ratio ≤ 1.0, RSS < 200 MB',
        peakRssMb: ours.peakRssMb,
        maxRatio: 1.0,
        maxRssMb: 200,
      }),
      row({ benchmark: 'acquire', figure: 'acquire throughput', value: mb / ours.seconds, unit: 'MiB/s', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    ];
  },
};
