import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessAnalysis } from '../../shared/assess/assess-analysis';
import { addCasePack } from '../../shared/assess/case-packs';
import { DEFAULT_PACK_DIR } from '../../shared/law/packs';
import { normalizeScope } from '../../shared/scope/definition';
import { recordScope } from '../../shared/scope/scopes';
import { createCase, type CaseHandle } from '../../shared/store/case-folder';
import { listCustody } from '../../shared/store/custody';
import { jsonOf, runCli, type Printed } from '../helpers/cli';
import { readJson } from '../helpers/json';

/**
 * The issue-17 probe: 700 residents in 7 states (100 each) with name + email + SSN exposed (New York's without a
 * name), notice on time, reasonable security maintained. A breach alone is not a violation: every penalty and
 * damages line must be $0, each with its reason.
 */
const STATES = ['US-CA', 'US-CO', 'US-FL', 'US-IL', 'US-NY', 'US-TX', 'US-WA'];
const PROBE = ['--assume', 'notice-date=on-time', '--assume', 'reasonable-security=maintained'];

let root: string;
let handle: CaseHandle;
let caseDir: string;

/** Writes a sealed analysis straight into the real case store, as reconstruction would, with chosen residents. */
function writeAnalysis(h: CaseHandle, incidentScope: number): void {
  const summary = { total: 700, byBasis: { exact: 700 }, residencyRule: 'billing-address', inferredMinimum: 0 };
  const now = '2026-02-10T00:00:00.000Z';
  const analysisId = Number(
    h.db
      .prepare(
        `INSERT INTO analyses (scope_id, options, inputs, input_digest, output_digest, engine_version, summary, started_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(incidentScope, '{"residency":"billing-address"}', '[]', 'probe-input', 'probe-output', 'probe', JSON.stringify(summary), now, now).lastInsertRowid,
  );
  const insert = h.db.prepare(
    'INSERT INTO analysis_consumers (analysis_id, consumer_id, basis, region, regions, elements, full_name, email, phone, records) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)',
  );
  let id = 0;
  for (const state of STATES) {
    const elements = state === 'US-NY' ? { email: 'exact', ssn: 'exact' } : { name: 'exact', email: 'exact', ssn: 'exact' };
    for (let i = 0; i < 100; i++) {
      id++;
      insert.run(analysisId, id, 'exact', state, JSON.stringify({ countedIn: [state] }), JSON.stringify(elements), state === 'US-NY' ? null : `Person ${id}`, `p${id}@example.com`, null);
    }
  }
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-probe-'));
  caseDir = path.join(root, 'case');
  handle = await createCase({ dir: caseDir, name: 'Probe', investigator: 'Dana Examiner', discovered: '2026-02-02' });
  const scope = recordScope(handle.db, normalizeScope({ from: '2026-01-20T00:00:00Z', to: '2026-01-25T00:00:00Z', ips: ['203.0.113.7'] }), 'Dana Examiner');
  writeAnalysis(handle, scope.id);
});

afterAll(() => {
  handle?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the probe: on-time notice and reasonable security give no penalty and no damages', () => {
  it('every penalty and damages line is $0 in every scenario, each with its reason', () => {
    const { exposure } = assessAnalysis(handle, { assumptions: PROBE.filter((a) => a !== '--assume') });
    expect(exposure.jurisdictions.map((j) => j.code)).toEqual(STATES);
    const components = exposure.jurisdictions.flatMap((j) => j.components.map((c) => ({ code: j.code, c })));
    expect(components.length).toBeGreaterThanOrEqual(STATES.length);
    for (const { code, c } of components) {
      expect([code, c.id, c.low, c.stated, c.high]).toEqual([code, c.id, 0, 0, 0]);
      expect(c.reason, `${code}/${c.id}`).toBeTruthy();
    }
    expect(exposure.totals).toEqual({ low: 0, stated: 0, high: 0, complete: true, unknownComponents: [] });
    const il = exposure.jurisdictions.find((j) => j.code === 'US-IL')!.components.find((c) => c.id === 'il-cfa-penalty')!;
    expect(il.reason).toContain('security-duty [815 ILCS 530/45]: ruled-out — reasonable-security=maintained');
    expect(il.reason).toContain('late-notice-individuals [815 ILCS 530/10(a)]: ruled-out');
  });

  it('the CLI says $0 on every line, with the violation each line needs and the confidence', () => {
    const text = runCli(['exposure', caseDir, ...PROBE]);
    expect(text.status, text.stderr).toBe(0);
    const lines = text.stdout.split('\n').filter((l) => /^ {2}\S.*: low /.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(STATES.length);
    for (const line of lines) expect(line).toMatch(/: low \$0\.00, stated \$0\.00, high \$0\.00 .*\[confidence [a-z-]+\]$/);
    expect(text.stdout).toContain('needs security-duty [Tex. Bus. & Com. Code § 521.052(a)]: ruled-out — reasonable-security=maintained');
    expect(text.stdout).toContain('TOTAL low $0.00, stated $0.00, high $0.00');
    const json = jsonOf<Printed<'exposure'>>(runCli(['exposure', caseDir, ...PROBE, '--json']));
    expect(json.totals).toMatchObject({ low: 0, stated: 0, high: 0 });
  });

  it('with notice on 2026-04-20 (late where a deadline is fixed) and security not maintained, the case shows exposure, and Illinois stays within $50,000', () => {
    const { exposure } = assessAnalysis(handle, { assumptions: ['notice-date=2026-04-20', 'reasonable-security=not-maintained'] });
    const il = exposure.jurisdictions.find((j) => j.code === 'US-IL')!;
    const cfa = il.components.find((c) => c.id === 'il-cfa-penalty')!;
    expect(cfa.high).toBe(5000000);
    expect(il.components.find((c) => c.id === 'il-cfa-penalty-intent')!.status).toBe('not-applicable');
    const tx = exposure.jurisdictions.find((j) => j.code === 'US-TX')!.components.find((c) => c.id === 'tx-late-notice')!;
    // Tex. § 521.151(a-1) counts everyone owed notice under § 521.053(b), resident anywhere: the 600 named residents of every state qualify
    expect(tx.inputs.qualifyingStated).toBe(600);
    expect(exposure.totals.stated).toBeGreaterThan(0);
  });

  it('email + SSN without a name requires notice in New York', () => {
    const { obligations } = assessAnalysis(handle, { assumptions: PROBE.filter((a) => a !== '--assume') });
    const ny = obligations.jurisdictions.find((j) => j.jurisdiction === 'US-NY')!;
    expect(ny.noticeRequired).toBe('yes');
    expect(ny.individuals.duty).toBe('required');
  });
});

describe('amount tables end honestly', () => {
  it('after 2026-12-31 California amounts are "CPI adjustment pending"; rules add loads a 2027 table', async () => {
    const h = await createCase({ dir: path.join(root, 'case-2027'), name: 'Probe 2027', investigator: 'Dana Examiner', discovered: '2027-02-01' });
    try {
      const scope = recordScope(h.db, normalizeScope({ from: '2027-01-20T00:00:00Z', to: '2027-01-25T00:00:00Z', ips: ['203.0.113.7'] }), 'Dana Examiner');
      writeAnalysis(h, scope.id);
      const damages = (report: ReturnType<typeof assessAnalysis>) =>
        report.exposure.jurisdictions.find((j) => j.code === 'US-CA')!.components.find((c) => c.id === 'ccpa-statutory-damages')!;
      const before = damages(assessAnalysis(h, { assumptions: ['reasonable-security=not-maintained'] }));
      expect(before.status).toBe('unknown');
      expect(before.reason).toMatch(/^unknown — CPI adjustment pending: .* end 2026-12-31; the CPPA adjusts these amounts/);

      const pack = readJson<{ version: string; remedies: Array<{ id: string; schedule: unknown[] }> }>(path.join(DEFAULT_PACK_DIR, 'US-CA.json'));
      const remedy = pack.remedies.find((r) => r.id === 'ccpa-statutory-damages')!;
      remedy.schedule.push({ from: '2027-01-01', to: '2028-12-31', citation: 'test table: 2027 CPI adjustment', standard: { minCents: 11000, maxCents: 82000 } });
      pack.version = '99.0.0';
      const file = path.join(root, 'US-CA-2027.json');
      writeFileSync(file, JSON.stringify(pack));
      expect(addCasePack(h, file, 'Dana Examiner')).toMatchObject({ jurisdiction: 'US-CA', version: '99.0.0' });
      expect(listCustody(h.db).some((entry) => entry.action === 'rules-add')).toBe(true);

      const after = damages(assessAnalysis(h, { assumptions: ['reasonable-security=not-maintained'] }));
      expect(after.status).toBe('computed');
      // 100 exact California residents: low 0 (no violation beyond the breach), stated 100 × $465 (midpoint), high 100 × $820
      expect([after.low, after.stated, after.high]).toEqual([0, 100 * 46500, 100 * 82000]);
      expect(after.citation).toBe('test table: 2027 CPI adjustment');
    } finally {
      h.close();
    }
  });
});
