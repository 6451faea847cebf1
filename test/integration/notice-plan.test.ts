/**
 * The Notices screen's counts (`noticePlan`) against the letter engine's own plan on a real case: the same
 * jurisdictions, letters and people held for review, and every letter counted under exactly one delivery method.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { assessAnalysis } from '../../shared/assess/assess-analysis';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { planNotices } from '../../shared/notices';
import { buildBreachCase, type BreachCase } from '../unit/export/breach-case';

let root: string;
let breach: BreachCase;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-notice-plan-'));
  breach = await buildBreachCase(root);
}, 240_000);

afterAll(() => {
  breach?.handle.close();
  rmSync(root, { recursive: true, force: true });
});

test('letters, held and delivery methods per jurisdiction agree with the letter engine', async () => {
  const assessment = assessAnalysis(breach.handle, {});
  const reference = planNotices(breach.handle.db, assessment, assessment.obligations.discoveredDate);
  const engine = new LedgerEngine();
  try {
    const plan = await engine.noticePlan({ caseDir: breach.handle.dir });
    expect(plan.analysis).toBe(assessment.analysis.id);
    expect(plan.jurisdictions.map((j) => j.jurisdiction)).toEqual(reference.map((j) => j.jurisdiction));
    expect(plan.jurisdictions.length).toBeGreaterThan(0);
    for (const j of plan.jurisdictions) {
      const r = reference.find((x) => x.jurisdiction === j.jurisdiction)!;
      expect({ letters: j.letters, held: j.heldForReview, heldByKind: j.heldByKind, inferred: j.inferredUpperBound }, j.jurisdiction).toEqual({
        letters: r.letters,
        held: r.heldForReview.consumers,
        heldByKind: r.heldForReview.byKind,
        inferred: r.inferredUpperBound,
      });
      expect(j.byMethod['postal mail'] + j.byMethod['email only'] + j.byMethod['no address or email']).toBe(j.letters);
      expect(j.byMethod['postal mail']).toBe(r.letters - r.withoutPostalAddress);
    }
    expect(plan.jurisdictions.reduce((n, j) => n + j.letters, 0)).toBeGreaterThan(0);
  } finally {
    engine.close();
  }
});
