import { acquireBenchmark } from './acquire';
import { csvBenchmark } from './csv-throughput';
import { importBenchmark, importPeopleBenchmark } from './import';
import { reconstructBenchmark } from './reconstruct';
import { accuracyBenchmark } from './accuracy';
import { exportBenchmark } from './export';
import { reliabilityBenchmark } from './reliability';
import { demoBenchmark } from './demo';
import { triageBenchmark } from './triage';
import { noticesBenchmark } from './notices';
import type { Benchmark, BenchRow } from './harness';
import { cpus, totalmem } from 'node:os';

const BENCHMARKS: readonly Benchmark[] = [acquireBenchmark, csvBenchmark, importBenchmark, importPeopleBenchmark, reconstructBenchmark, exportBenchmark, noticesBenchmark, triageBenchmark, demoBenchmark, accuracyBenchmark, reliabilityBenchmark];

function format(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'figure', 'value', 'baseline', 'ratio', 'target', 'peak RSS', 'result'];
  const lines = rows.map((r) => [
    r.benchmark,
    r.figure,
    `${r.value.toFixed(r.value < 10 ? (r.unit ? 2 : 3) : 0)} ${r.unit}`.trim(),
    r.baseline ? `${r.baselineValue!.toFixed(2)} ${r.unit} (${r.baseline})` : '',
    r.ratio !== null ? r.ratio.toFixed(2) : '',
    r.target,
    r.peakRssMb !== null ? `${r.peakRssMb.toFixed(0)} MB` : '',
    r.pass === null ? '' : r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const selected = name ? BENCHMARKS.filter((b) => b.name === name) : BENCHMARKS;
  if (selected.length === 0) {
    process.stderr.write(`Unknown benchmark "${name}"; choose from: ${BENCHMARKS.map((b) => b.name).join(', ')}.\n`);
    return 2;
  }
  process.stdout.write(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  const rows: BenchRow[] = [];
  for (const benchmark of selected) {
    process.stdout.write(`running ${benchmark.name}: ${benchmark.description}\n`);
    rows.push(...(await benchmark.run(rest)));
  }
  process.stdout.write(`\n${format(rows)}\n`);
  return 0;
}

void main().then((code) => (process.exitCode = code));
