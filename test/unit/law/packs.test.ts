import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../../shared/law/pack-schema';
import { addPack, compareVersions, DEFAULT_PACK_DIR, findPack, loadPackFile, loadPacks, packRefs } from '../../../shared/law/packs';
import { packs } from './helpers';

const STATES = 'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');
const EXPECTED = [...STATES, 'DC', 'PR', 'GU', 'VI'].map((s) => `US-${s}`).sort();
const REGIMES = ['US-FED-FTC-SAFEGUARDS', 'US-FED-GLBA', 'US-FED-HIPAA', 'US-FED-SEC-8K', 'US-SECTOR-NYDFS-500', 'US-SECTOR-PCI-CARD-BRANDS'];
const isState = (code: string) => /^US-[A-Z]{2}$/.test(code);
const RESEARCHED = ['US-AK', 'US-AL', 'US-AZ', 'US-CA', 'US-CO', 'US-CT', 'US-DC', 'US-DE', 'US-FL', 'US-HI', 'US-IA', 'US-ID', 'US-IL', 'US-IN', 'US-KS', 'US-LA', 'US-MA', 'US-MD', 'US-ME', 'US-MI', 'US-MO', 'US-MS', 'US-MT', 'US-NC', 'US-ND', 'US-NJ', 'US-NM', 'US-NV', 'US-NY', 'US-OH', 'US-OK', 'US-OR', 'US-PA', 'US-PR', 'US-RI', 'US-SC', 'US-SD', 'US-TN', 'US-TX', 'US-UT', 'US-VA', 'US-VT', 'US-WA', 'US-WI', 'US-WV'];

function caJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DEFAULT_PACK_DIR, 'US-CA.json'), 'utf8')) as Record<string, unknown>;
}

/** Breaks one field of a parsed pack: sets the value at a path of keys and indexes. */
function setAt(path: ReadonlyArray<string | number>, value: unknown): (pack: Record<string, unknown>) => void {
  return (pack) => {
    let node = pack as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1]!] = value;
  };
}

function errorsFor(mutate: (pack: Record<string, unknown>) => void): string[] {
  const pack = caJson();
  mutate(pack);
  const result = validatePack(pack, 'US-CA.json');
  return result.ok ? [] : result.errors;
}

describe('rule pack loading', () => {
  it('loads one valid pack for every US jurisdiction, sorted by code', () => {
    const codes = packs().packs.map((p) => p.pack.jurisdiction);
    expect(codes.filter(isState)).toEqual(EXPECTED);
    expect(codes.filter(isState)).toHaveLength(54);
    expect(codes.filter((c) => !isState(c))).toEqual(REGIMES);
    for (const code of REGIMES) expect(findPack(packs(), code)!.pack).toMatchObject({ scope: 'nationwide', status: 'researched' });
  });

  it('marks the researched jurisdictions researched and every other one unverified', () => {
    const researched = packs().packs.filter((p) => p.pack.status === 'researched' && isState(p.pack.jurisdiction)).map((p) => p.pack.jurisdiction);
    expect(researched).toEqual(RESEARCHED);
    expect(packs().packs.filter((p) => p.pack.status === 'unverified')).toHaveLength(EXPECTED.length - RESEARCHED.length);
  });

  it('seals each pack with the SHA-256 of its exact file bytes', () => {
    for (const file of readdirSync(DEFAULT_PACK_DIR)) {
      const expected = createHash('sha256').update(readFileSync(join(DEFAULT_PACK_DIR, file))).digest('hex');
      const code = file.replace('.json', '');
      expect(findPack(packs(), code)!.sha256).toBe(expected);
    }
    expect(packRefs(packs())[0]).toEqual({ jurisdiction: 'US-AK', version: findPack(packs(), 'US-AK')!.pack.version, sha256: findPack(packs(), 'US-AK')!.sha256, status: findPack(packs(), 'US-AK')!.pack.status });
  });

  it('a newer version of a jurisdiction supersedes the loaded one; an older or equal one is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    const shipped = caJson().version as string;
    const newer = { ...caJson(), version: '9.0.0' };
    const path = join(dir, 'california-update.json');
    writeFileSync(path, JSON.stringify(newer));
    const added = loadPackFile(path);
    const { set, superseded } = addPack(packs(), added);
    expect(superseded?.pack.version).toBe(shipped);
    expect(findPack(set, 'US-CA')!.pack.version).toBe('9.0.0');
    expect(set.packs.map((p) => p.pack.jurisdiction).filter(isState)).toEqual(EXPECTED);
    expect(() => addPack(set, loadPackFile(join(DEFAULT_PACK_DIR, 'US-CA.json')))).toThrow(/not newer than the loaded version 9.0.0/);
  });

  it('compares versions numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBe(1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBe(-1);
  });

  it('rejects a folder whose file name does not match the jurisdiction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    writeFileSync(join(dir, 'US-NV.json'), readFileSync(join(DEFAULT_PACK_DIR, 'US-CA.json')));
    expect(() => loadPacks(dir)).toThrow(/US-NV.json: jurisdiction: file must be named US-CA.json/);
  });

  it('reports invalid JSON with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    writeFileSync(join(dir, 'US-CA.json'), '{ "schema": ');
    expect(() => loadPacks(dir)).toThrow(/US-CA.json: not valid JSON/);
  });
});

describe('rule pack validation errors', () => {
  it('accepts the shipped California pack', () => {
    expect(errorsFor(() => {})).toEqual([]);
  });

  it('names the path and the bad value for an impossible date', () => {
    expect(errorsFor(setAt(['remedies', 0, 'schedule', 1, 'from'], '2025-02-30'))).toContain(
      'US-CA.json: remedies[0].schedule[1].from: expected a calendar date YYYY-MM-DD, got "2025-02-30"',
    );
  });

  it('rejects an element code outside the contract vocabulary', () => {
    const errors = errorsFor(setAt(['definitions', 0, 'combinations', 0, 'requires', 1], ['social_security']));
    expect(errors.join('\n')).toMatch(/definitions\[0\]\.combinations\[0\]\.requires\[1\]\[0\]: expected one of name, email/);
  });

  it('rejects a minimum above the maximum and non-integer cents', () => {
    expect(errorsFor(setAt(['remedies', 0, 'schedule', 0, 'standard'], { minCents: 80000, maxCents: 75000 }))).toContain(
      'US-CA.json: remedies[0].schedule[0].standard.minCents: exceeds maxCents 75000, got number 80000',
    );
    expect(errorsFor(setAt(['remedies', 0, 'schedule', 0, 'standard', 'maxCents'], 750.5)).join('\n')).toMatch(/standard\.maxCents: expected an integer from 0/);
  });

  it('rejects overlapping amount tables', () => {
    expect(errorsFor(setAt(['remedies', 0, 'schedule', 1, 'from'], '2024-12-31'))).toContain(
      'US-CA.json: remedies[0].schedule[1].from: overlaps the previous period ending 2024-12-31, got "2024-12-31"',
    );
  });

  it('rejects a gap in notice periods and a missing party', () => {
    expect(errorsFor(setAt(['notices', 0, 'periods', 1, 'from'], '2026-01-05')).join('\n')).toMatch(/notices\[0\]\.periods\[1\]\.from: leaves a gap after 2025-12-31/);
    expect(errorsFor((p) => (p.notices as unknown[]).pop()).join('\n')).toMatch(/needs an entry for party "consumer-reporting-agencies"/);
  });

  it('rejects unknown fields, unknown source ids and unknown definition ids', () => {
    expect(errorsFor(setAt(['penalty'], 5)).join('\n')).toMatch(/US-CA.json: penalty: is not a known field/);
    expect(errorsFor(setAt(['remedies', 0, 'sourceIds'], ['nowhere'])).join('\n')).toMatch(/remedies\[0\]\.sourceIds\[0\]: is not an id declared in sources/);
    expect(errorsFor(setAt(['remedies', 0, 'definitionId'], 'gdpr')).join('\n')).toMatch(/remedies\[0\]\.definitionId: expected a definition id \(notice, statutory-damages\), got "gdpr"/);
  });

  it('rejects a condition value the assumption cannot take, and a lone exclusive-group member', () => {
    expect(errorsFor(setAt(['remedies', 0, 'conditions', 0, 'appliesWhen'], ['maybe'])).join('\n')).toMatch(/conditions\[0\]\.appliesWhen\[0\]: expected one of false, true/);
    const onlyCppa = (p: Record<string, unknown>) => {
      for (const r of p.remedies as Array<{ enforcer?: { id?: string }; exclusiveGroup?: string }>) if (r.enforcer?.id === 'ag') delete r.exclusiveGroup;
    };
    expect(errorsFor(onlyCppa).join('\n')).toMatch(/exclusiveGroup "ca-fine-or-penalty" has only one member/);
  });

  it('rejects deadline fields on a duty that does not exist', () => {
    expect(errorsFor(setAt(['notices', 2, 'periods', 0, 'deadline'], { kind: 'unknown', text: 'x' })).join('\n')).toMatch(/notices\[2\]\.periods\[0\]\.deadline: must be omitted when duty is "none"/);
  });
});

describe('law is data', () => {
  it('keeps statute citations and dollar figures out of the TypeScript engine', () => {
    const dir = join(DEFAULT_PACK_DIR, '..');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/§|U\.S\.C\.|\$\d/);
      expect(source, file).not.toMatch(/from ['"](electron|react)/);
    }
  });
});
