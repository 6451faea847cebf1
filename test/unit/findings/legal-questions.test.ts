import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSUMPTION_LINKS_VERSION, assumptionLinks, LINKED_FINDING_IDS } from '../../../shared/findings/assumption-links';
import { finding } from '../../../shared/findings/finding';
import { FINDING_IDS, questionsFor } from '../../../shared/findings/legal-questions';
import { ASSUMPTIONS } from '../../../shared/law/assumptions';
import { VIOLATION_KINDS } from '../../../shared/law/types';
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

  it('every shipped range names a dated published source, and matches addresses inside it only', () => {
    const list = loadNetworkRanges(tempDir('bl-ranges-shipped-'));
    expect(list.ranges.length).toBeGreaterThan(0);
    for (const r of list.ranges) expect(r.source).toMatch(/createDate \d{4}-\d{2}-\d{2}.*commit [0-9a-f]{40}/);
    const match = rangeMatcher(list);
    expect(match('52.4.1.1')?.cidr).toBe('52.4.0.0/14');
    expect(match('52.8.0.1')).toBeNull();
  });

  it('links only real assumption keys to known finding kinds, and links a run\'s findings without touching anything else', () => {
    expect(ASSUMPTION_LINKS_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}/);
    for (const id of LINKED_FINDING_IDS) expect(FINDING_IDS).toContain(id);
    const keys = new Set([...Object.keys(ASSUMPTIONS), ...VIOLATION_KINDS.map((k) => `violation.${k}`)]);
    const mfa = finding('auth.login-without-mfa', 'user@example.com', { title: 'Logins without MFA', severity: 'high', facts: [], remediation: '', limits: '' });
    const stale = finding('retention.stale-sensitive-records', 'Contact', { title: 'Stale', severity: 'medium', facts: [], remediation: '', limits: '' });
    const links = assumptionLinks([mfa, stale]);
    for (const l of links) expect(keys).toContain(l.assumption);
    expect(links.find((l) => l.assumption === 'reasonable-security')!.findings.map((f) => f.id)).toEqual(['auth.login-without-mfa', 'retention.stale-sensitive-records']);
    expect(links.find((l) => l.assumption === 'notice-date')!.findings).toEqual([]);
    expect(assumptionLinks([]).every((l) => l.findings.length === 0)).toBe(true);
  });
});
