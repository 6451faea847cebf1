import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../../bridge/server';
import { createBridgeClient } from '../../../renderer/src/api/bridge-client';
import type { ProgressEvent } from '../../../shared/contract/progress';
import { LedgerEngine } from '../../../shared/engine/ledger-engine';
import { tempDir } from '../../helpers/tmp';
import { writeApacheLog } from '../electron/apache-log';

let bridge: RunningBridge | null = null;
let engine: LedgerEngine | null = null;
afterEach(async () => {
  await bridge?.close();
  engine?.close();
  bridge = engine = null;
});

async function running() {
  const work = tempDir('bl-bridge-');
  const rendererDir = path.join(work, 'ui');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  engine = new LedgerEngine();
  bridge = await startBridge({ api: engine, rendererDir });
  const base = `http://127.0.0.1:${bridge.port}`;
  return { work, base, bridge, client: createBridgeClient(base, bridge.token) };
}

describe('browser bridge and its client (real engine, real HTTP)', () => {
  it('speaks the contract with progress, and maps engine errors to LedgerErrors', async () => {
    const { work, client } = await running();
    const caseDir = path.join(work, 'case');
    await client.createCase({ caseDir, name: 'Bridge', investigator: 'R. Examiner' });
    const file = path.join(work, 'access.log');
    const sha256 = writeApacheLog(file, 1);
    const events: ProgressEvent[] = [];
    const [outcome] = await client.addEvidence({ caseDir, files: [file] }, { onProgress: (e) => events.push(e) });
    expect(outcome?.status === 'added' && outcome.evidence.sha256).toBe(sha256);
    expect(events.length).toBeGreaterThan(0);
    await expect(client.openCase({ caseDir: path.join(work, 'none') })).rejects.toMatchObject({ name: 'LedgerError', code: 'NOT_A_CASE' });
  });

  it('cancels an add when the signal aborts, keeping nothing', async () => {
    const { work, client } = await running();
    const caseDir = path.join(work, 'case');
    await client.createCase({ caseDir, name: 'Bridge', investigator: 'R. Examiner' });
    const file = path.join(work, 'big.log');
    writeApacheLog(file, 40);
    const controller = new AbortController();
    const outcomes = await client.addEvidence({ caseDir, files: [file] }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'failed', code: 'CANCELLED' })]);
    expect(await client.listEvidence({ caseDir })).toEqual([]);
  });

  it('requires the token on every API call and refuses foreign hosts and origins', async () => {
    const { base, bridge: b } = await running();
    const call = (headers: Record<string, string>) =>
      fetch(`${base}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ callId: '1', method: 'listFormats' }) });
    expect((await call({})).status).toBe(401);
    expect((await call({ Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call({ Authorization: `Bearer ${b.token}`, Origin: 'http://attacker.example' })).status).toBe(403);
    expect((await call({ Authorization: `Bearer ${b.token}` })).status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) =>
      request({ host: '127.0.0.1', port: b.port, path: '/', headers: { Host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0)).end(),
    );
    expect(status).toBe(403);
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect(b.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
  });
});
