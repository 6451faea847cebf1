import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS, questionsFor } from '../../../shared/findings/legal-questions';
import { loadNetworkRanges, rangeMatcher } from '../../../shared/findings/network-ranges';
import { tempDir } from '../../helpers/tmp';
import { mkdirSync, writeFileSync } from 'node:fs';

const FAMILIES = path.resolve('shared/findings/families');

describe('findings data files', () => {
  it('every finding id a family emits has legal questions with citations in the data file, and no citation is in code', () => {
    const emitted = new Set<string>();
    for (const file of readdirSync(FAMILIES)) {
      const source = readFileSync(path.join(FAMILIES, file), 'utf8');
      for (const match of source.matchAll(/finding\('([a-z.-]+)'/g)) emitted.add(match[1]!);
      expect(source).not.toMatch(/§|CFR|CMR|Civ\. Code/);
    }
    expect(emitted.size).toBeGreaterThanOrEqual(12);
    for (const id of emitted) {
      expect(FINDING_IDS).toContain(id);
      for (const q of questionsFor(id)) expect(q.citation).not.toBe('');
    }
  });

  it('uses a case\'s own network-range list instead of the shipped one, and refuses a malformed one with a clear message', () => {
    const caseDir = tempDir('bl-ranges-');
    expect(loadNetworkRanges(caseDir).origin).toBe('shipped');
    mkdirSync(path.join(caseDir, 'rules'));
    writeFileSync(path.join(caseDir, 'rules', 'network-ranges.json'), JSON.stringify({ version: 't1', ranges: [{ cidr: '198.51.100.0/24', kind: 'tor-exit', label: 'test exits', source: 'test' }] }));
    const list = loadNetworkRanges(caseDir);
    expect(list.origin).toBe('case');
    expect(rangeMatcher(list)('198.51.100.7')?.kind).toBe('tor-exit');
    expect(rangeMatcher(list)('203.0.113.1')).toBeNull();
    writeFileSync(path.join(caseDir, 'rules', 'network-ranges.json'), JSON.stringify({ version: 't2', ranges: [{ cidr: 'not-an-ip', kind: 'cloud', label: 'x', source: 'y' }] }));
    expect(() => loadNetworkRanges(caseDir)).toThrow(/range 1 has no valid "cidr"/);
  });
});
