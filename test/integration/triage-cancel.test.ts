/** Long triage reports progress per dimension and stops when cancelled, through the engine's call context. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LedgerError } from '../../shared/contract/errors';
import type { ProgressEvent } from '../../shared/contract/progress';
import { LedgerEngine } from '../../shared/engine/ledger-engine';

const fixtures = path.resolve(__dirname, '../fixtures');
let root: string;
let caseDir: string;
let engine: LedgerEngine;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-triage-cancel-'));
  caseDir = path.join(root, 'case');
  engine = new LedgerEngine();
  await engine.createCase({ caseDir, name: 'Triage', investigator: 'Test' });
  await engine.addEvidence({ caseDir, files: ['elf-RestApi.csv', 'elf-API-hourly.csv', 'elf-Login.csv'].map((f) => path.join(fixtures, 'salesforce', f)), actor: 'test' });
}, 120_000);

afterAll(() => {
  engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('triage progress and cancellation', () => {
  test('reports a step per dimension and finishes when left alone', async () => {
    const steps: ProgressEvent[] = [];
    const rows = await engine.triage({ caseDir, limit: 10 }, { onProgress: (e) => steps.push(e) });
    expect(rows.length).toBeGreaterThan(0);
    expect(steps.map((s) => s.phase)).toEqual(steps.map(() => 'triage'));
    expect(steps.map((s) => s.label)).toEqual(['ip', 'user', 'app', 'client', 'agent']);
    expect(steps.every((s) => s.total === 5)).toBe(true);
  });

  test('stops with CANCELLED when cancelled after its first step', async () => {
    const abort = new AbortController();
    const steps: ProgressEvent[] = [];
    const run = engine.triage({ caseDir, limit: 10 }, { signal: abort.signal, onProgress: (e) => (steps.push(e), abort.abort()) });
    const error = await run.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('CANCELLED');
    expect(steps).toHaveLength(1);
  });
});
