import { appendFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caseSessionApi } from '../../../renderer/src/api/case-session';
import { ACTOR_METHODS, CUSTODY_WRITING_METHODS } from '../../../shared/contract/custody-writing';
import { LedgerEngine } from '../../../shared/engine/ledger-engine';
import { escapeBytes } from '../../../shared/engine/rejects-view';
import { MAPPING_FIELDS } from '../../../shared/contract/column-mapping';
import { MAPPING_TARGETS } from '../../../shared/ingest/weblogs/mapped-event';
import { tempDir } from '../../helpers/tmp';
import { writeApacheLog } from '../electron/apache-log';

let engine: LedgerEngine | null = null;
afterEach(() => {
  engine?.close();
  engine = null;
});

describe('the case session the screens use (real engine, real case folder)', () => {
  it('logs every action as the examiner with the OS account, and re-reads the head after each custody-writing call', async () => {
    engine = new LedgerEngine();
    const work = tempDir('bl-session-');
    const caseDir = path.join(work, 'case');
    await engine.createCase({ caseDir, name: 'Session', investigator: 'R. Lead' });
    const file = path.join(work, 'access.log');
    writeApacheLog(file, 1);
    // A line of binary garbage: the import must reject it and show its bytes escaped, never as text.
    appendFileSync(file, Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0xc3, 0x28, 0x0a]));
    let writes = 0;
    const api = caseSessionApi(engine, { examiner: () => 'D. Whitfield', onCustodyWritten: () => writes++ });

    const [outcome] = await api.addEvidence({ caseDir, files: [file] });
    expect(outcome?.status).toBe('added');
    expect(writes).toBe(1);
    await api.listEvidence({ caseDir });
    expect(writes).toBe(1);
    await api.verify({ caseDir });
    expect(writes).toBe(2);

    const { entries, head } = await engine.custody({ caseDir });
    const byApp = entries.filter((e) => e.action === 'verify' || e.subject.includes('access.log'));
    expect(byApp.length).toBeGreaterThan(1);
    for (const entry of byApp) {
      expect(entry.actor).toBe('D. Whitfield');
      expect(entry.osUser).toBe(userInfo().username);
    }
    expect((await api.openCase({ caseDir })).custodyHead).toEqual(head);

    const evidenceId = outcome?.status === 'added' ? outcome.evidence.id : -1;
    const rejects = await api.listRejects({ caseDir, evidenceId });
    expect(rejects.total).toBe(1);
    expect(rejects.rejects[0]!.raw).toBe('\\x00\\xFF\\xFE\\x1B[2J\\xC3(');
    expect(rejects.rejects[0]!.raw).toMatch(/^[\x20-\x7e]*$/);
    const none = await api.listRejects({ caseDir, evidenceId, reason: 'no such reason' });
    expect(none.total).toBe(0);
    expect(none.byReason).toEqual(rejects.byReason);
  });

  it('lists every custody-writing method the engine has', () => {
    expect(CUSTODY_WRITING_METHODS).toEqual(expect.arrayContaining(['addEvidence', 'verify', 'defineScope', 'reconstruct', 'exportCase']));
    // A method that logs who acted writes custody, so the top bar re-reads the head after it (disposal removes the case).
    expect(ACTOR_METHODS.filter((m) => m !== 'disposeCase' && !(CUSTODY_WRITING_METHODS as readonly string[]).includes(m))).toEqual([]);
  });
});

describe('escaped bytes and mapping fields', () => {
  it('shows printable ASCII as itself and every other byte as \\xNN', () => {
    expect(escapeBytes(Buffer.from('a,b\tc\\d'))).toBe('a,b\\tc\\\\d');
    expect(escapeBytes(Buffer.from([0xe9, 0x0d, 0x7f]))).toBe('\\xE9\\x0D\\x7F');
  });

  it('offers exactly the fields the generic log parsers accept', () => {
    expect(MAPPING_FIELDS.map((f) => f.field)).toEqual(MAPPING_TARGETS);
  });
});
