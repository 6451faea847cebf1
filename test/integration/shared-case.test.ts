import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { explainSystemError } from '../../shared/store/errors';
import { LedgerError } from '../../shared/contract/errors';
import { runSharedCase } from '../helpers/shared-case';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-shared-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function newCase(name: string): Promise<string> {
  const caseDir = path.join(root, name);
  const engine = new LedgerEngine();
  await engine.createCase({ caseDir, name, investigator: 'Test' });
  engine.close();
  return caseDir;
}

const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

describe('two programs on one case', () => {
  it('an open never removes a file another program is registering (it holds the write lock), nor a live or foreign staging file', async () => {
    const caseDir = await newCase('in-flight');
    const vault = path.join(caseDir, 'vault');
    const sleeper = spawn('sleep', ['30']);
    try {
      const sha = 'a'.repeat(64);
      const live = `.partial-${sleeper.pid}-${HOST_TAG}-000000000001`;
      const foreign = `.partial-999999-00000000-000000000002`;
      const dead = `.partial-999999-${HOST_TAG}-000000000003`;
      for (const name of [live, foreign, dead]) writeFileSync(path.join(vault, name), 'staging');
      // Another program mid-add: it holds the write lock and has put its file at vault/<sha256>, not yet registered.
      const other = new Database(path.join(caseDir, 'ledger.sqlite'));
      other.exec('BEGIN IMMEDIATE');
      writeFileSync(path.join(vault, sha), 'in flight');
      const engine = new LedgerEngine();
      await engine.listEvidence({ caseDir });
      expect(readdirSync(vault).sort()).toEqual([live, foreign, dead, sha].sort());
      other.exec('ROLLBACK');
      other.close();
      engine.close();

      // With the lock free and the file still unregistered, its writer is gone: the next open cleans up and logs it.
      const later = new LedgerEngine();
      const custody = await later.custody({ caseDir });
      expect(readdirSync(vault).sort()).toEqual([live, foreign].sort());
      expect(custody.entries.filter((e) => e.action === 'cleanup').map((e) => e.subject).sort()).toEqual([`vault/${dead}`, `vault/${sha}`].sort());
      later.close();
    } finally {
      sleeper.kill();
    }
  });

  it('a store locked by another program is "busy in another program", not an internal error', () => {
    const file = path.join(root, 'busy.sqlite');
    const holder = new Database(file);
    holder.exec('CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
    const waiter = new Database(file);
    waiter.pragma('busy_timeout = 50');
    let caught: unknown = null;
    try {
      waiter.exec('BEGIN IMMEDIATE');
    } catch (error) {
      caught = error;
    }
    holder.exec('ROLLBACK');
    holder.close();
    waiter.close();
    const explained = explainSystemError(caught, root);
    expect(explained).toBeInstanceOf(LedgerError);
    expect((explained as LedgerError).code).toBe('STORE_LOCKED');
    expect((explained as LedgerError).message).toMatch(/busy in another program/);
  });

  it('the engine and two CLIs add, verify and export at once: nothing lost, verify passes', async () => {
    const outcome = await runSharedCase(root, 1, 256 * 1024);
    expect(outcome.failures).toEqual([]);
    expect(outcome.added).toBe(2);
  }, 60_000);
});
