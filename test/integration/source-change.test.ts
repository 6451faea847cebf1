import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-source-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a source that changes while it is copied', () => {
  it('is refused, nothing is kept, and the refusal and its reason are in custody', async () => {
    const caseDir = path.join(root, 'case');
    const source = path.join(root, 'growing.log');
    writeFileSync(source, randomBytes(24 * 1024 * 1024));
    const engine = new LedgerEngine();
    try {
      await engine.createCase({ caseDir, name: 'Source change', investigator: 'Test' });
      let appended = false;
      const outcomes = await engine.addEvidence({ caseDir, files: [source], actor: 'test' }, {
        onProgress: (event) => {
          if (event.phase === 'acquire' && !appended) {
            appended = true;
            appendFileSync(source, 'one more line\n');
          }
        },
      });
      expect(appended).toBe(true);
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toMatchObject({ status: 'failed' });
      expect((outcomes[0] as { message: string }).message).toMatch(/changed while it was being copied \(its size went from 25165824 to 25165838 bytes/);
      expect(await engine.listEvidence({ caseDir })).toEqual([]);
      expect(readdirSync(path.join(caseDir, 'vault'))).toEqual([]);
      const refused = (await engine.custody({ caseDir })).entries.filter((e) => e.action === 'acquire-refused');
      expect(refused).toHaveLength(1);
      expect(JSON.stringify(refused[0]!.details)).toMatch(/changed while it was being copied/);
    } finally {
      engine.close();
    }
  });
});
