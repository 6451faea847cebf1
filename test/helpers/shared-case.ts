import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerEngine } from '../../shared/engine/ledger-engine';

/**
 * The concurrency harness: the engine (as the app runs it) and two CLI processes work on one case at once, round
 * after round: each adds a new file, one CLI verifies, the other exports. Afterwards every file must be evidence
 * with its vault file, nothing may have been cleaned up as "interrupted", and verify must pass.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface SharedCaseOutcome {
  rounds: number;
  added: number;
  failures: string[];
  busyMessages: number;
}

function cli(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'cli/main.ts'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

function newFile(dir: string, name: string, bytes: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, randomBytes(bytes));
  return file;
}

export async function runSharedCase(root: string, rounds: number, fileBytes: number): Promise<SharedCaseOutcome> {
  const caseDir = path.join(root, 'shared-case');
  const engine = new LedgerEngine();
  const outcome: SharedCaseOutcome = { rounds, added: 0, failures: [], busyMessages: 0 };
  const expected: string[] = [];
  try {
    await engine.createCase({ caseDir, name: 'Shared', investigator: 'Test', discovered: '2025-02-10' });
    await engine.defineScope({ caseDir, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', ips: ['203.0.113.9'], actor: 'test' });
    await engine.reconstruct({ caseDir, actor: 'test' });
    for (let round = 0; round < rounds; round++) {
      const byEngine = newFile(root, `engine-${round}.bin`, fileBytes);
      const byCli = newFile(root, `cli-${round}.bin`, fileBytes);
      expected.push(byEngine, byCli);
      const [engineAdd, cliAdd, verify, exported] = await Promise.all([
        engine.addEvidence({ caseDir, files: [byEngine], actor: 'engine' }),
        cli(['add', caseDir, byCli, '--actor', 'cli-1']),
        cli(['verify', caseDir]),
        round % 2 === 0 ? cli(['export', caseDir]) : engine.verify({ caseDir, actor: 'engine' }).then((r) => ({ status: r.ok ? 0 : 3, stdout: '', stderr: JSON.stringify(r) })),
      ]);
      for (const [what, result] of [
        ['cli add', cliAdd],
        ['cli verify', verify],
        ['export or engine verify', exported],
      ] as const) {
        if (/busy in another program/.test(result.stderr)) outcome.busyMessages++;
        else if (result.status !== 0) outcome.failures.push(`round ${round} ${what}: exit ${result.status}: ${result.stderr.trim()}`);
      }
      for (const o of engineAdd) if (o.status !== 'added') outcome.failures.push(`round ${round} engine add: ${JSON.stringify(o)}`);
    }
    const evidence = await engine.listEvidence({ caseDir });
    const names = new Set(evidence.map((e) => e.originalName));
    for (const file of expected) if (!names.has(path.basename(file))) outcome.failures.push(`${path.basename(file)} is not evidence`);
    outcome.added = evidence.length;
    const cleanups = (await engine.custody({ caseDir })).entries.filter((e) => e.action === 'cleanup');
    if (cleanups.length > 0) outcome.failures.push(`live acquisitions cleaned up: ${JSON.stringify(cleanups.map((c) => c.subject))}`);
    const final = await engine.verify({ caseDir, actor: 'test' });
    if (!final.ok) outcome.failures.push(`final verify: ${JSON.stringify(final)}`);
  } finally {
    engine.close();
  }
  return outcome;
}
