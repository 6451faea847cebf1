import { existsSync, readdirSync, writeFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addedEvidence, jsonOf, runCli, SAMPLES, spawnCli, type Printed } from '../helpers/cli';
import { parseJson } from '../helpers/json';
import { tempDir } from '../helpers/tmp';

/** `verify --json` prints these fields of the engine's result. */
type PrintedVerify = Pick<Printed<'verify'>, 'ok' | 'evidence' | 'custody' | 'store' | 'records' | 'loggedAs'>;

const SAMPLE = path.join(SAMPLES, 'newrelic__sample_log_lines.csv');

function initCase(): string {
  const dir = path.join(tempDir(), 'case');
  const result = runCli(['case', 'init', dir, '--name', 'CLI case', '--investigator', 'Ada', '--discovered', '2025-06-10', '--tz', 'America/New_York']);
  expect(result.status, result.stderr).toBe(0);
  return dir;
}

describe('CLI', () => {
  it('prints exactly one JSON document with --json and readable text without it', () => {
    const dir = initCase();
    const added = runCli(['add', dir, SAMPLE, '--format', 'unparsed', '--json']);
    expect(added.status, added.stderr).toBe(0);
    const doc = jsonOf<{ results: Printed<'addEvidence'> }>(added);
    expect(doc.results[0]).toMatchObject({ status: 'added', evidence: { id: 1, originalName: 'newrelic__sample_log_lines.csv' } });

    const listed = runCli(['evidence', dir]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('#1  newrelic__sample_log_lines.csv');
    expect(listed.stdout).toContain(addedEvidence(doc.results[0]).sha256);
    expect(() => parseJson<unknown>(listed.stdout)).toThrow();

    const custody = jsonOf<Printed<'custody'>>(runCli(['custody', dir, '--json']));
    expect(custody.entries.map((e) => e.action)).toEqual(['case-create', 'acquire']);
    const head = runCli(['custody', dir, '--head']);
    expect(head.stdout.trim()).toBe(custody.head.hash);
    expect(head.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses exit 2 for bad usage, 1 for failures with one sentence on stderr, 3 for verification problems', () => {
    expect(runCli([]).status).toBe(2);
    expect(runCli(['no-such-command']).status).toBe(2);
    const missing = runCli(['case', 'init', path.join(tempDir(), 'x'), '--investigator', 'A']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--name/);
    expect(runCli(['verify', '/definitely/not/a/case']).status).toBe(1);
    expect(runCli(['verify', '/definitely/not/a/case']).stderr.trim().split('\n')).toHaveLength(1);

    const dir = initCase();
    runCli(['add', dir, SAMPLE, '--format', 'unparsed']);
    const vault = path.join(dir, 'vault');
    const [file] = readdirSync(vault);
    writeFileSync(path.join(vault, file!), 'tampered', { mode: 0o644 });
    const verify = runCli(['verify', dir, '--json']);
    expect(verify.status).toBe(3);
    const report = jsonOf<PrintedVerify>(verify);
    expect(report.ok).toBe(false);
    expect(report.evidence[0]).toMatchObject({ id: 1, ok: false });
    expect(report.custody).toMatchObject({ ok: true, firstBadSeq: null });
    expect(report.store).toMatchObject({ ok: true });
  }, 180_000);

  it('refuses a duplicate with the existing evidence id and exit 1', () => {
    const dir = initCase();
    runCli(['add', dir, SAMPLE, '--format', 'unparsed']);
    const again = runCli(['add', dir, SAMPLE]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already evidence 1/);
  });

  it('survives SIGKILL in the middle of acquiring a large file: reopens, cleans up, verifies, nothing half-registered', async () => {
    const dir = initCase();
    runCli(['add', dir, SAMPLE, '--format', 'unparsed']);
    const big = path.join(tempDir(), 'big.bin');
    writeFileSync(big, '');
    truncateSync(big, 1536 * 1024 * 1024);
    const child = spawnCli(['add', dir, big, '--format', 'unparsed']);
    const vault = path.join(dir, 'vault');
    const deadline = Date.now() + 30_000;
    while (!readdirSync(vault).some((n) => n.startsWith('.partial-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(vault).some((n) => n.startsWith('.partial-'))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const verify = runCli(['verify', dir, '--json']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(jsonOf<PrintedVerify>(verify).evidence).toHaveLength(1);
    expect(readdirSync(vault).filter((n) => n.startsWith('.partial-'))).toEqual([]);
    const custody = jsonOf<Printed<'custody'>>(runCli(['custody', dir, '--json']));
    expect(custody.entries.some((e) => e.action === 'cleanup' && typeof e.details.reason === 'string' && /interrupted/.test(e.details.reason))).toBe(true);
    expect(existsSync(big)).toBe(true);
  }, 120_000);
});
