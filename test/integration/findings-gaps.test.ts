/**
 * Audit gaps on event log files written in the ELF format: a source that logs every day and misses one weekday is a
 * gap; a source people drive, silent on some weekend days, is not.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOrg } from '../../shared/demo/org';
import { ELF_HEADERS, elfEvent, loginEvent, newSession } from '../../shared/demo/log-events';
import { quotedCsvLine } from '../../shared/demo/output';
import { Random } from '../../shared/demo/random';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { tempDir } from '../helpers/tmp';

const DAY = 86_400_000;
const FIRST = Date.UTC(2025, 4, 5); // a Monday
const DAYS = 28;
const MISSING_WEEKDAY = '2025-05-21'; // a Wednesday
const QUIET_WEEKENDS = new Set(['2025-05-10', '2025-05-25']); // a Saturday and a Sunday

describe('audit gaps', () => {
  it('reports the weekday a daily log is missing, not the weekend days a user-driven log is quiet', async () => {
    const dir = tempDir('bl-gaps-');
    const data = path.join(dir, 'logs');
    mkdirSync(data);
    const org = buildOrg('gaps', 6);
    const random = Random.for('gaps', 'events');
    const files: string[] = [];
    for (let d = 0; d < DAYS; d++) {
      const start = FIRST + d * DAY;
      const day = new Date(start).toISOString().slice(0, 10);
      const session = newSession(random, org.agents[d % org.agents.length]!, '198.51.100.20', 'Mozilla/5.0', null);
      if (day !== MISSING_WEEKDAY) {
        const rows = [1, 7, 13].map((h) => loginEvent(start + h * 3_600_000, session, random, false));
        files.push(path.join(data, `${day}_Login.csv`));
        writeFileSync(files.at(-1)!, [ELF_HEADERS.Login, ...rows.map((r) => ELF_HEADERS.Login.map((h) => r.values[h] ?? ''))].map(quotedCsvLine).join(''));
      }
      if (!QUIET_WEEKENDS.has(day)) {
        const view = elfEvent('URI', start + 15 * 3_600_000, session, random, { URI: '/003', REQUEST_STATUS: 'S' });
        files.push(path.join(data, `${day}_URI.csv`));
        writeFileSync(files.at(-1)!, [ELF_HEADERS.URI, ELF_HEADERS.URI.map((h) => view.values[h] ?? '')].map(quotedCsvLine).join(''));
      }
    }
    const engine = new LedgerEngine();
    const caseDir = path.join(dir, 'case');
    await engine.createCase({ caseDir, name: 'Gaps', investigator: 'Test' });
    const added = await engine.addEvidence({ caseDir, files, actor: 'test' });
    expect(added.every((a) => a.status === 'added')).toBe(true);
    const report = await engine.findings({ caseDir });
    const gaps = report.findings.filter((f) => f.id === 'audit.log-gap');
    expect(gaps.map((f) => f.subject)).toEqual(['elf:Login']);
    expect(gaps[0]!.facts[0]!.text).toContain(`none on ${MISSING_WEEKDAY} (UTC)`);
    expect(gaps[0]!.facts[0]!.text).toContain('logged on 19 of 20 weekdays and 8 of 8 weekend days');
    // The rows shown are the last events of the days either side of the gap.
    expect(gaps[0]!.facts[0]!.rows.map((r) => r.file).sort()).toEqual(['2025-05-20_Login.csv', '2025-05-22_Login.csv']);
  }, 120_000);
});
