import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCli, spawnCli } from './cli';

/**
 * The real-SIGKILL harness: the real CLI (`add`, `case encrypt`) in a child process, killed with SIGKILL when a
 * step boundary shows on disk (a staging file, a half-converted vault file) or after a random delay, then the same
 * command run again and the case checked through the CLI: it opens, nothing is lost, `verify` passes (vault digests,
 * custody chain, row seals), nothing half-done is left behind.
 */

/** When to kill: when `reached` first holds on the case folder, or `delayMs` after the start. */
export type KillPoint = { name: string; reached: (caseDir: string) => boolean } | { name: string; delayMs: number };

const vaultNames = (caseDir: string): string[] => {
  try {
    return readdirSync(path.join(caseDir, 'vault'));
  } catch {
    return [];
  }
};

/** Step boundaries of `add` visible on disk. */
export const ADD_POINTS: KillPoint[] = [
  { name: 'staging file written', reached: (dir) => vaultNames(dir).some((n) => n.startsWith('.partial-')) },
  { name: 'vault file in place', reached: (dir) => vaultNames(dir).some((n) => /^[0-9a-f]{64}$/.test(n)) },
];

/** Step boundaries of `case encrypt` visible on disk. */
export const ENCRYPT_POINTS: KillPoint[] = [
  { name: 'a ciphertext being written', reached: (dir) => vaultNames(dir).some((n) => n.endsWith('.encrypting')) },
  { name: 'a plaintext set aside', reached: (dir) => vaultNames(dir).some((n) => n.endsWith('.plaintext')) },
];

export interface KillRun {
  point: string;
  /** False when the command finished before the kill point came. */
  killed: boolean;
  problems: string[];
}

/** Spawns the CLI and SIGKILLs it at the point; resolves when the child is gone. */
export async function runAndKill(args: readonly string[], caseDir: string, point: KillPoint, env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  const child = spawnCli(args, env);
  child.stdout?.resume();
  child.stderr?.resume();
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void gone.then(() => (exited = true));
  const started = Date.now();
  let killed = false;
  while (!exited) {
    const due = 'delayMs' in point ? Date.now() - started >= point.delayMs : point.reached(caseDir);
    if (due) {
      killed = child.kill('SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await gone;
  return killed && child.signalCode === 'SIGKILL';
}

/** What must hold after a kill and a second run of the command. */
function checkCase(caseDir: string, expectedFiles: number, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const verify = runCli(['verify', caseDir, '--json'], { env });
  if (verify.status !== 0) {
    problems.push(`verify exited ${verify.status}: ${verify.stdout.slice(0, 2000)}${verify.stderr.slice(0, 500)}`);
    return problems;
  }
  const report = JSON.parse(verify.stdout) as { ok: boolean; evidence: unknown[]; custody: { ok: boolean } };
  if (report.evidence.length !== expectedFiles) problems.push(`${report.evidence.length} evidence files, expected ${expectedFiles}`);
  if (!report.custody.ok) problems.push('custody chain broken');
  const leftovers = readdirSync(caseDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(encrypting|plaintext|pending)$|\.partial-/.test(f));
  if (leftovers.length > 0) problems.push(`left behind: ${leftovers.join(', ')}`);
  return problems;
}

/** `add` of `files` into a copy of `template` (holding `existing` files), killed at `point`, then run again. */
export async function killAdd(template: string, dir: string, files: string[], existing: number, point: KillPoint): Promise<KillRun> {
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true });
  const killed = await runAndKill(['add', dir, ...files], dir, point);
  const again = runCli(['add', dir, ...files, '--json']);
  const problems: string[] = [];
  // Files the killed run had registered are refused as already in the case; any other outcome is a failure.
  const outcomes = again.stdout.trim() ? (JSON.parse(again.stdout) as { results: Array<{ status: string }> }).results : [];
  const bad = outcomes.filter((o) => o.status !== 'added' && o.status !== 'duplicate');
  if (bad.length > 0 || outcomes.length !== files.length) problems.push(`second add: ${again.stdout.slice(0, 1000)} ${again.stderr.slice(0, 500)}`);
  problems.push(...checkCase(dir, existing + files.length, {}));
  return { point: point.name, killed, problems };
}

/** `case encrypt` of a copy of `template` (holding `files` files), killed at `point`, then run again. */
export async function killEncrypt(template: string, dir: string, files: number, passphraseFile: string, point: KillPoint): Promise<KillRun> {
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true });
  const killed = await runAndKill(['case', 'encrypt', dir, '--passphrase-file', passphraseFile], dir, point);
  const problems: string[] = [];
  const again = runCli(['case', 'encrypt', dir, '--passphrase-file', passphraseFile]);
  // Killed after the conversion finished (or not killed): the second run is told the case is already encrypted.
  const finished = again.status !== 0 && /already encrypted/.test(again.stderr + again.stdout);
  if (again.status !== 0 && !finished) problems.push(`second case encrypt exited ${again.status}: ${again.stdout.slice(0, 500)}${again.stderr.slice(0, 500)}`);
  problems.push(...checkCase(dir, files, { BREACH_LEDGER_PASSPHRASE: readFileSync(passphraseFile, 'utf8').replace(/\r?\n$/, '') }));
  return { point: point.name, killed, problems };
}
