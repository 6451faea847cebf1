import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import path from 'node:path';
import { buildTinyCase } from '../helpers/breach';
import { runBitFlips } from '../helpers/bit-flip';
import { killAndResume, prepareKillTemplate } from '../helpers/encryption-kill';
import { runSharedCase } from '../helpers/shared-case';
import { benchDir, row, type Benchmark, type BenchRow } from './harness';

/**
 * The reliability harnesses of issue 19 at full size: `case encrypt` stopped at every step boundary of a
 * case of 12 vault files and an export (and its resume stopped once more), the engine and two CLIs sharing a case for 50 rounds,
 * and 250 bit flips in the store. Arguments: `kill`, `shared` or `flips` to run one; `--rounds N`, `--flips N`.
 */
export const reliabilityBenchmark: Benchmark = {
  name: 'reliability',
  description: 'Kill harness of case encrypt at every step, engine + two CLIs on one case (50 rounds), 250 bit flips in the store',
  async run(args) {
    const only = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
    const number = (flag: string, fallback: number) => {
      const at = args.indexOf(flag);
      return at >= 0 ? Number(args[at + 1]) : fallback;
    };
    const rows: BenchRow[] = [];
    const dir = benchDir('reliability');
    if (!only || only === 'kill') rows.push(...(await killHarness(dir)));
    if (!only || only === 'shared') rows.push(...(await sharedCase(dir, number('--rounds', 50))));
    if (!only || only === 'flips') rows.push(...(await bitFlips(dir, number('--flips', 250))));
    return rows;
  },
};

async function killHarness(dir: string): Promise<BenchRow[]> {
  const root = path.join(dir, 'kill');
  rmSync(root, { recursive: true, force: true });
  const caseDir = await caseWithExport(root, 12);
  const template = await prepareKillTemplate(caseDir, root, 'reliability bench passphrase');
  let failures = 0;
  let runs = 0;
  for (let index = 0; index < template.steps.length; index++) {
    // Each boundary twice: resumed straight to the end, and resumed after being stopped again at a boundary of the resume.
    for (const resumeIndex of [null, index % 7]) {
      const outcome = await killAndResume(template, path.join(root, 'run'), index, resumeIndex);
      runs++;
      if (outcome.problems.length > 0) {
        failures++;
        process.stdout.write(`  kill at ${outcome.step} (resume stopped at ${outcome.resumeStoppedAt ?? 'none'}): ${outcome.problems.join('; ')}\n`);
      }
    }
  }
  rmSync(root, { recursive: true, force: true });
  return [
    row({ benchmark: 'reliability', figure: `case encrypt stopped at each of ${template.steps.length} step boundaries (x2): runs`, value: runs, unit: '', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    row({ benchmark: 'reliability', figure: 'runs where resume + verify found anything lost', value: failures, unit: '', baseline: null, baselineValue: null, target: '0', peakRssMb: null, maxValue: 0 }),
  ];
}

/** A plain case with `files` vault files (one of several 1 MiB chunks), an analysis and a signed export. */
async function caseWithExport(root: string, files: number): Promise<string> {
  const caseDir = path.join(root, 'case');
  mkdirSync(root, { recursive: true });
  const paths = Array.from({ length: files }, (_, i) => {
    const file = path.join(root, `file-${i}.bin`);
    writeFileSync(file, randomBytes(i === 0 ? 3.5 * 1024 * 1024 : 4096 + i));
    return file;
  });
  const engine = new LedgerEngine();
  try {
    await engine.createCase({ caseDir, name: 'Kill bench', investigator: 'Bench', discovered: '2025-02-10' });
    await engine.addEvidence({ caseDir, files: paths, actor: 'bench' });
    await engine.defineScope({ caseDir, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', ips: ['203.0.113.9'], actor: 'bench' });
    await engine.reconstruct({ caseDir, actor: 'bench' });
    await engine.exportCase({ caseDir, actor: 'bench' });
  } finally {
    engine.close();
  }
  return caseDir;
}

async function sharedCase(dir: string, rounds: number): Promise<BenchRow[]> {
  const root = path.join(dir, 'shared');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const started = Date.now();
  const outcome = await runSharedCase(root, rounds, 4 * 1024 * 1024);
  for (const failure of outcome.failures) process.stdout.write(`  ${failure}\n`);
  rmSync(root, { recursive: true, force: true });
  return [
    row({ benchmark: 'reliability', figure: `engine + 2 CLIs, ${rounds} rounds: files added and kept`, value: outcome.added, unit: '', baseline: null, baselineValue: null, target: `${2 * rounds}`, peakRssMb: null, minValue: 2 * rounds }),
    row({ benchmark: 'reliability', figure: 'failures (lost files, cleanups of live work, failed commands, verify)', value: outcome.failures.length, unit: '', baseline: null, baselineValue: null, target: '0', peakRssMb: null, maxValue: 0 }),
    row({ benchmark: 'reliability', figure: 'commands told "busy in another program"', value: outcome.busyMessages, unit: '', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
    row({ benchmark: 'reliability', figure: 'shared-case wall time', value: (Date.now() - started) / 1000, unit: 's', baseline: null, baselineValue: null, target: '', peakRssMb: null }),
  ];
}

async function bitFlips(dir: string, flips: number): Promise<BenchRow[]> {
  const root = path.join(dir, 'flips');
  rmSync(root, { recursive: true, force: true });
  const built = await buildTinyCase(root);
  await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'bench' });
  built.engine.close();
  const { summary } = await runBitFlips(built.caseDir, root, flips);
  rmSync(root, { recursive: true, force: true });
  process.stdout.write(`  silent changes missed, by table: ${JSON.stringify(summary.missedByTable)}\n  found, by table: ${JSON.stringify(summary.detectedByTable)}\n`);
  const figure = (name: string, value: number, target = '', extra: { maxValue?: number } = {}) =>
    row({ benchmark: 'reliability', figure: name, value, unit: '', baseline: null, baselineValue: null, target, peakRssMb: null, ...extra });
  return [
    figure(`bit flips in ledger.sqlite`, summary.flips),
    figure('flips with no visible effect (free or slack space)', summary.noEffect),
    figure('flips that made the store unreadable / reported', summary.unreadable),
    figure('  of those reported by verify or open', summary.unreadableDetected),
    figure('flips that silently changed row content', summary.silentChanges),
    figure('  of those reported by verify', summary.silentDetected, 'all (goal)'),
  ];
}
