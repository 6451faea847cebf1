import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatUtc, parsePathList, plural } from '../../../renderer/src/format';
import { withRates } from '../../../renderer/src/job';
import { forgetCase, loadRecentCases, rememberCase } from '../../../renderer/src/recent-cases';
import type { CaseSummary } from '../../../shared/contract/api';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

describe('display helpers', () => {
  it('formats sizes, durations, counts and UTC times for examiners', () => {
    expect(formatBytes(870)).toBe('870 B');
    expect(formatBytes(16 * 1024 * 1024)).toBe('16.0 MB');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(43292, 'row')).toBe('43,292 rows');
    expect(formatUtc('2024-03-05T14:02:11.123Z')).toBe('2024-03-05 14:02:11Z');
  });

  it('reads a pasted path list, one per line, with quotes and blanks removed', () => {
    expect(parsePathList('  /a/b.csv\r\n\n"/c d/e.log"\n')).toEqual(['/a/b.csv', '/c d/e.log']);
  });

  it('derives rate and ETA from progress events', () => {
    const p = withRates({ phase: 'parse', label: 'x', done: 500, total: 1000, unit: 'bytes', rows: 50 }, 0, 1000);
    expect(p).toMatchObject({ rate: 500, rowsPerSecond: 50, etaSeconds: 1 });
    expect(withRates({ phase: 'acquire', label: 'x', done: 0, total: null, unit: 'bytes' }, 0, 100).etaSeconds).toBeNull();
  });

  it('keeps recent cases newest first without duplicates', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const summary = (caseDir: string) => ({ caseDir, name: caseDir.toUpperCase(), matter: null }) as CaseSummary;
    rememberCase(summary('/a'), storage);
    rememberCase(summary('/b'), storage);
    rememberCase(summary('/a'), storage);
    expect(loadRecentCases(storage).map((r) => r.caseDir)).toEqual(['/a', '/b']);
    expect(forgetCase('/a', storage).map((r) => r.caseDir)).toEqual(['/b']);
  });
});
