import { rmSync } from 'node:fs';
import path from 'node:path';
import { benchDir, REPO, row, settle, timeCommand, timeTask, type Benchmark } from './harness';

/**
 * `npm run demo` as a whole (generate, add, scope, reconstruct, export, verify), then on its generated breach the
 * `add` of all its files into a fresh case and the `verify` of that case, each against shell tools reading the
 * same bytes in the same run.
 */
export const demoBenchmark: Benchmark = {
  name: 'demo',
  description: 'npm run demo (20,000 consumers); add of its 424 files; verify of that case vs sha256sum + PRAGMA integrity_check',
  async run() {
    const dir = benchDir('demo');
    const out = path.join(dir, 'out');
    const caseDir = path.join(dir, 'case');
    const copy = path.join(dir, 'copy');
    rmSync(out, { recursive: true, force: true });
    rmSync(caseDir, { recursive: true, force: true });
    const demo = await timeCommand(process.execPath, ['--import', 'tsx', path.join(REPO, 'cli/demo.ts'), '--out', out]);
    const breach = path.join(out, 'breach');
    await settle(path.join(breach, 'scenario.json'));
    const copyBaseline = await timeCommand('bash', ['-c', `find "${breach}" -type f -exec sha256sum {} + > /dev/null && cp -r "${breach}" "${copy}"`]);
    rmSync(copy, { recursive: true, force: true });
    const add = await timeTask('add-files-task.ts', [caseDir, breach]);
    const added = JSON.parse(add.stdout) as { files: number; added: number; seconds: number };
    if (added.added !== added.files) throw new Error(`demo add: ${added.added} of ${added.files} files added`);
    await settle(path.join(caseDir, 'ledger.sqlite'));
    const verifyBaseline = await timeCommand('bash', ['-c', `cd "${caseDir}" && sha256sum vault/* > /dev/null && sqlite3 ledger.sqlite 'PRAGMA integrity_check' > /dev/null`]);
    const verify = await timeTask('verify-task.ts', [caseDir]);
    const verified = JSON.parse(verify.stdout) as { ok: boolean; files: number; seconds: number };
    if (!verified.ok) throw new Error('demo verify: the case did not verify');
    rmSync(out, { recursive: true, force: true });
    rmSync(caseDir, { recursive: true, force: true });
    return [
      row({
        benchmark: 'demo',
        figure: 'npm run demo, 20,000 consumers (process wall time)',
        value: demo.seconds,
        unit: 's',
        baseline: 'budget',
        baselineValue: 45,
        target: '< 45 s, RSS < 600 MB',
        peakRssMb: demo.peakRssMb,
        maxRatio: 1.0,
        maxRssMb: 600,
      }),
      row({
        benchmark: 'demo',
        figure: `add of the demo's ${added.files} files (hash, copy, parse, insert)`,
        value: added.seconds,
        unit: 's',
        baseline: 'sha256sum && cp -r',
        baselineValue: copyBaseline.seconds,
        target: '',
        peakRssMb: add.peakRssMb,
      }),
      row({
        benchmark: 'demo',
        figure: `verify of that case (${verified.files} files re-hashed, custody, integrity)`,
        value: verified.seconds,
        unit: 's',
        baseline: 'sha256sum vault/* && PRAGMA integrity_check',
        baselineValue: verifyBaseline.seconds,
        target: 'ratio ≤ 3',
        peakRssMb: verify.peakRssMb,
        maxRatio: 3,
      }),
    ];
  },
};
