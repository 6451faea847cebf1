import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddEvidenceOutcome, EvidenceItem, LedgerApi } from '../../shared/contract/api';

// import.meta, not __dirname: the benchmarks (plain ESM under tsx) use these helpers too.
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLES = path.resolve(REPO, 'test/fixtures/samples');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (`node --import tsx cli/main.ts`) as `npm run cli` does. */
export function runCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'cli/main.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'cli/main.ts'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}

/** What a command prints with --json when it prints the engine method's result unchanged. */
export type Printed<M extends keyof LedgerApi> = Awaited<ReturnType<LedgerApi[M]>>;

/** Parses stdout as exactly one JSON document (fails the test otherwise), typed as the document the command prints. */
export function jsonOf<T>(result: CliResult): T {
  return JSON.parse(result.stdout) as T;
}

/** The evidence of an `add --json` outcome that was added; fails the test with the outcome otherwise. */
export function addedEvidence(outcome: AddEvidenceOutcome | undefined): EvidenceItem {
  if (outcome?.status !== 'added') throw new Error(`expected an added file, got ${JSON.stringify(outcome)}`);
  return outcome.evidence;
}
