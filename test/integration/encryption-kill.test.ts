import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { killAndResume, prepareKillTemplate, type KillTemplate } from '../helpers/encryption-kill';

const PASSPHRASE = 'kill harness passphrase';
let root: string;
let template: KillTemplate;

/** A plain case with a multi-chunk vault file, a small one and one export. */
async function plainCase(dir: string): Promise<void> {
  const big = path.join(root, 'big.bin');
  const small = path.join(root, 'notes.txt');
  writeFileSync(big, randomBytes(2.5 * 1024 * 1024));
  writeFileSync(small, 'Id,Email\n1,a@example.com\n');
  const engine = new LedgerEngine();
  try {
    await engine.createCase({ caseDir: dir, name: 'Kill harness', investigator: 'Test', discovered: '2025-02-10' });
    await engine.addEvidence({ caseDir: dir, files: [big, small], actor: 'test' });
    await engine.defineScope({ caseDir: dir, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', ips: ['203.0.113.9'], actor: 'test' });
    await engine.reconstruct({ caseDir: dir, actor: 'test' });
    await engine.exportCase({ caseDir: dir, actor: 'test' });
  } finally {
    engine.close();
  }
}

/** One boundary of every kind: each store step, and each step of the first vault file, first export file and the signing key. */
function boundariesToTest(steps: readonly string[]): number[] {
  const seenKinds = new Set<string>();
  const picked: number[] = [];
  steps.forEach((step, index) => {
    const [kind, file = ''] = step.split(':');
    const category = /^[0-9a-f]{64}$/.test(file) ? 'vault' : file === 'signing-key.pem' ? 'key' : file ? 'export' : 'case';
    const id = `${category}:${kind}`;
    if (category === 'case' || !seenKinds.has(id)) picked.push(index);
    seenKinds.add(id);
  });
  return picked;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-kill-'));
  await plainCase(path.join(root, 'template'));
  template = await prepareKillTemplate(path.join(root, 'template'), root, PASSPHRASE);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('case encrypt stopped at a step boundary', () => {
  it('the conversion has steps for the store, every vault file, every export file, the signing key and the key file', () => {
    expect(template.steps.filter((s) => s.startsWith('store-'))).toHaveLength(5);
    expect(template.steps.filter((s) => s.startsWith('wipe-plain:')).length).toBeGreaterThanOrEqual(4);
    expect(template.steps.at(-1)).toBe('commit-key');
  });

  it('resumes from every kind of boundary, also when the resume itself is stopped, and verify finds nothing lost', async () => {
    const indexes = boundariesToTest(template.steps);
    expect(indexes.length).toBeGreaterThan(15);
    const failures: unknown[] = [];
    for (const [n, index] of indexes.entries()) {
      // Every third run is also stopped at the first boundary of its resume.
      const outcome = await killAndResume(template, path.join(root, 'run'), index, n % 3 === 0 ? 0 : null);
      if (outcome.problems.length > 0) failures.push(outcome);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
