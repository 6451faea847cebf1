import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Scratch space for benchmark inputs and outputs (gitignored). */
export const BENCH_DIR = path.join(REPO, '.bench');

export interface BenchRow {
  benchmark: string;
  figure: string;
  value: number;
  unit: string;
  baseline: string | null;
  baselineValue: number | null;
  /** value / baselineValue, for time figures (lower is better). */
  ratio: number | null;
  target: string;
  peakRssMb: number | null;
  pass: boolean | null;
}

export interface Benchmark {
  name: string;
  description: string;
  run(args: readonly string[]): Promise<BenchRow[]>;
}

export function benchDir(name: string): string {
  const dir = path.join(BENCH_DIR, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface Timed {
  seconds: number;
  /** Peak resident set size of the child, in MB. */
  peakRssMb: number;
  stdout: string;
}

/** Runs a command and measures its wall time and peak RSS with GNU time when available. */
export async function timeCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '__MAXRSS_KB=%M', command, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
  const rss = /__MAXRSS_KB=(\d+)/.exec(stderr);
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, stdout };
}

/** Warms the page cache with `file` and waits until no earlier run's writes are still being flushed. */
export async function settle(file: string): Promise<void> {
  await timeCommand('bash', ['-c', `cat "${file}" > /dev/null && sync`]);
}

/** Runs a TypeScript task file in its own Node process (so its RSS is its own). */
export function timeTask(task: string, args: readonly string[]): Promise<Timed> {
  return timeCommand(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/bench/tasks', task), ...args]);
}

/** A table row; it is judged PASS/MISS against whichever of the limits are given. */
export function row(partial: Omit<BenchRow, 'ratio' | 'pass'> & { maxRatio?: number; maxRssMb?: number; maxValue?: number; minValue?: number }): BenchRow {
  const ratio = partial.baselineValue ? partial.value / partial.baselineValue : null;
  const { maxRatio, maxRssMb, maxValue, minValue, ...rest } = partial;
  const checks = [
    maxRatio === undefined || (ratio !== null && ratio <= maxRatio),
    maxRssMb === undefined || (partial.peakRssMb !== null && partial.peakRssMb <= maxRssMb),
    maxValue === undefined || partial.value <= maxValue,
    minValue === undefined || partial.value >= minValue,
  ];
  const judged = [maxRatio, maxRssMb, maxValue, minValue].some((limit) => limit !== undefined);
  return { ...rest, ratio, pass: judged ? checks.every(Boolean) : null };
}
