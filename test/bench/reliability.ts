import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import path from 'node:path';
import { buildTinyCase } from '../helpers/breach';
import { runBitFlips } from '../helpers/bit-flip';
import { killAndResume, prepareKillTemplate } from '../helpers/encryption-kill';
import { runSharedCase } from '../helpers/shared-case';
import { runCli } from '../helpers/cli';
import { ADD_POINTS, ENCRYPT_POINTS, killAdd, killEncrypt, type KillPoint, type KillRun } from '../helpers/real-kill';
import { benchDir, row, type Benchmark, type BenchRow } from './harness';

/**
 * The reliability harnesses of issue 19 at full size: `case encrypt` stopped at every step boundary of a
 * case of 12 vault files and an export (and its resume stopped once more), the engine and two CLIs sharing a case for 50 rounds,
 * 250 bit flips in the store, and the real CLI's `add` and `case encrypt` killed with SIGKILL at step boundaries
 * and random moments. Arguments: `kill`, `shared`, `flips` or `sigkill` to run one; `--rounds N`, `--flips N`, `--kills N`.
 */
export const reliabilityBenchmark: Benchmark = {
  name: 'reliability',
  description: 'Kill harness of case encrypt at every step, engine + two CLIs on one case (50 rounds), 250 bit flips in the store, SIGKILL of the real CLI',
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
    if (!only || only === 'sigkill') rows.push(...(await sigkill(dir, number('--kills', 8))));
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

/** SIGKILL of the real CLI: each boundary of `add` and `case encrypt` twice, and `kills` random moments of each. */
async function sigkill(dir: string, kills: number): Promise<BenchRow[]> {
  const root = path.join(dir, 'sigkill');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const big = path.join(root, 'big.bin');
  writeFileSync(big, randomBytes(64 * 1024 * 1024));
  const small = path.join(root, 'people.csv');
  writeFileSync(small, 'Id,FirstName,LastName,Email\n' + Array.from({ length: 20000 }, (_, i) => `003${i},Ann${i},Lee,ann${i}@example.com`).join('\n') + '\n');
  const passphraseFile = path.join(root, 'passphrase.txt');
  writeFileSync(passphraseFile, 'sigkill bench passphrase\n');
  const template = path.join(root, 'template');
  const must = (args: string[]) => {
    const result = runCli(args);
    if (result.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  };
  must(['case', 'init', template, '--name', 'SIGKILL bench', '--investigator', 'Bench']);
  must(['add', template, small]);
  const random = (count: number, spreadMs: number): KillPoint[] =>
    Array.from({ length: count }, (_, i) => ({ name: `random ${i + 1}`, delayMs: 1000 + Math.floor(Math.random() * spreadMs) }));
  const runs: KillRun[] = [];
  for (const point of [...ADD_POINTS, ...ADD_POINTS, ...random(kills, 4000)]) runs.push(await killAdd(template, path.join(root, 'add'), [big], 1, point));
  const addRuns = runs.length;
  const encryptTemplate = path.join(root, 'encrypt-template');
  rmSync(encryptTemplate, { recursive: true, force: true });
  cpSync(template, encryptTemplate, { recursive: true });
  must(['add', encryptTemplate, big]);
  for (const point of [...ENCRYPT_POINTS, ...ENCRYPT_POINTS, ...random(kills, 6000)]) runs.push(await killEncrypt(encryptTemplate, path.join(root, 'encrypt'), 2, passphraseFile, point));
  for (const run of runs.filter((r) => r.problems.length > 0)) process.stdout.write(`  ${run.point}: ${run.problems.join('; ')}\n`);
  rmSync(root, { recursive: true, force: true });
  const figure = (name: string, value: number, target = '', extra: { maxValue?: number } = {}) =>
    row({ benchmark: 'reliability', figure: name, value, unit: '', baseline: null, baselineValue: null, target, peakRssMb: null, ...extra });
  return [
    figure('SIGKILL of the real CLI add: runs', addRuns),
    figure('  killed mid-command', runs.slice(0, addRuns).filter((r) => r.killed).length),
    figure('SIGKILL of the real CLI case encrypt: runs', runs.length - addRuns),
    figure('  killed mid-command', runs.slice(addRuns).filter((r) => r.killed).length),
    figure('runs with anything lost, left behind or failing verify after the second run', runs.filter((r) => r.problems.length > 0).length, '0', { maxValue: 0 }),
  ];
}
