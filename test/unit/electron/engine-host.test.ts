import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/contract/progress';
import type { EngineHostClient } from '../../../electron/engine-client';
import { startSourceEngineHost } from '../../../bridge/engine';
import { tempDir } from '../../helpers/tmp';
import { writeApacheLog } from './apache-log';

const startHost = startSourceEngineHost;

let host: EngineHostClient | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function hostWithCase(): Promise<{ engine: EngineHostClient; caseDir: string; work: string }> {
  host = startHost();
  const work = tempDir('bl-host-');
  const caseDir = path.join(work, 'case');
  await host.createCase({ caseDir, name: 'Host test', investigator: 'R. Examiner' });
  return { engine: host, caseDir, work };
}

describe('engine worker host (real worker thread, real case folder)', () => {
  it('streams progress and returns the engine result', async () => {
    const { engine, caseDir, work } = await hostWithCase();
    const file = path.join(work, 'access.log');
    const sha256 = writeApacheLog(file, 2);
    const events: ProgressEvent[] = [];

    const [outcome] = await engine.addEvidence({ caseDir, files: [file] }, { onProgress: (e) => events.push(e) });

    expect(outcome?.status).toBe('added');
    expect(outcome?.status === 'added' && outcome.evidence.sha256).toBe(sha256);
    expect(events.some((e) => e.phase === 'acquire' && e.unit === 'bytes')).toBe(true);
    expect(events.some((e) => e.phase === 'parse')).toBe(true);
    const listed = await engine.listEvidence({ caseDir });
    expect(listed.map((e) => e.sha256)).toEqual([sha256]);
  });

  it('turns engine errors into LedgerErrors with the engine code and message', async () => {
    host = startHost();
    const missing = path.join(tempDir('bl-host-'), 'nothing-here');
    await expect(host.openCase({ caseDir: missing })).rejects.toMatchObject({ name: 'LedgerError', code: expect.stringMatching(/NOT_A_CASE|NOT_FOUND/) as unknown });
    await expect(host.listFormats()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ format: expect.any(String) as unknown })]));
  });

  it('cancels an add in flight and keeps nothing from it', async () => {
    const { engine, caseDir, work } = await hostWithCase();
    const file = path.join(work, 'big.log');
    writeApacheLog(file, 60);
    const controller = new AbortController();
    const headBefore = (await engine.custody({ caseDir })).head;

    const outcomes = await engine.addEvidence(
      { caseDir, files: [file] },
      { signal: controller.signal, onProgress: (e) => e.done > 0 && controller.abort() },
    );

    expect(outcomes).toEqual([expect.objectContaining({ status: 'failed', code: 'CANCELLED' })]);
    expect(await engine.listEvidence({ caseDir })).toEqual([]);
    expect((await engine.custody({ caseDir })).head).toEqual(headBefore);
    const vault = path.join(caseDir, 'vault');
    expect(existsSync(vault) ? readdirSync(vault).filter((n) => !n.startsWith('.')) : []).toEqual([]);
  });
});
