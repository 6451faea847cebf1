import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGroundTruth, scoreAnalysis } from '../bench/accuracy-metrics';
import { buildTinyCase, type BuiltCase } from '../helpers/breach';
import { jsonOf, runCli, type Printed } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

let built: BuiltCase;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-reconstruct-'));
  built = await buildTinyCase(root);
});

afterAll(() => {
  built?.engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('reconstruction on a generated breach', () => {
  it('finds the ground truth with precision and recall of 1 for every basis, residency and elements', async () => {
    const summary = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    const db = new Database(path.join(built.caseDir, 'ledger.sqlite'), { readonly: true });
    const score = scoreAnalysis(db, summary.analysis, readGroundTruth(built.groundTruthPath));
    db.close();
    for (const basis of ['exact', 'derived', 'inferred'] as const) {
      expect(score.byBasis[basis].truth, basis).toBeGreaterThan(0);
      expect(score.byBasis[basis].precision, `${basis} precision`).toBeGreaterThanOrEqual(0.99);
      expect(score.byBasis[basis].recall, `${basis} recall`).toBeGreaterThanOrEqual(0.99);
    }
    expect(score.residency).toBeGreaterThanOrEqual(0.99);
    expect(score.elements).toBeGreaterThanOrEqual(0.9);
    expect(summary.total).toBe(summary.byBasis.exact + summary.byBasis.derived + summary.byBasis.inferred);
  });

  it('gives the same digest on a re-run and when the same files are added in another order', async () => {
    const first = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    const second = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    expect(second.digest).toBe(first.digest);
    expect(second.analysis).toBe(first.analysis + 1);
    const otherRoot = tempDir();
    const reversed = await buildTinyCase(otherRoot, { reverse: true });
    const third = await reversed.engine.reconstruct({ caseDir: reversed.caseDir, actor: 'test' });
    reversed.engine.close();
    expect(third.digest).toBe(first.digest);
    expect(third.byBasis).toEqual(first.byBasis);
  });

  it('keeps the re-run out of the way of the records: a second scope version changes the result', async () => {
    const before = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    const a = built.scenario.attack;
    await built.engine.defineScope({ caseDir: built.caseDir, from: a.window.start, to: a.window.end, ips: [a.attackerIps[0]!], actor: 'test' });
    const narrower = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    expect(narrower.scopeId).toBe(before.scopeId + 1);
    expect(narrower.total).toBeLessThan(before.total);
    expect((await built.engine.listScopes({ caseDir: built.caseDir })).map((s) => s.version)).toEqual([1, 2]);
    await built.engine.defineScope({ caseDir: built.caseDir, from: a.window.start, to: a.window.end, ips: a.attackerIps, apps: [a.connectedApp.name], actor: 'test' });
  });

  it('explains a consumer down to the log line and file hash, re-read from the vault', async () => {
    const page = await built.engine.listConsumers({ caseDir: built.caseDir, basis: 'exact', limit: 1 });
    const consumer = page.consumers[0]!;
    const x = await built.engine.explainConsumer({ caseDir: built.caseDir, consumerId: consumer.id });
    expect(x.records.length).toBeGreaterThan(0);
    const exact = x.accesses.find((a) => a.basis === 'exact')!;
    expect(exact.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(exact.source.text).toBeTruthy();
    const evidence = await built.engine.listEvidence({ caseDir: built.caseDir });
    expect(evidence.find((e) => e.id === exact.source.evidenceId)!.sha256).toBe(exact.source.sha256);
    const sourceIds = x.records.map((r) => r.sourceId).filter((id): id is string => id !== null);
    expect(sourceIds.some((id) => exact.source.text!.includes(id) || exact.source.text!.includes(id.slice(0, 15)))).toBe(true);
    for (const e of x.elements) expect(x.accesses.some((a) => a.eventId === e.eventId)).toBe(true);
  });

  it('applies an investigator split and a field classification on the next run, each logged in custody', async () => {
    const before = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    const page = await built.engine.listConsumers({ caseDir: built.caseDir, basis: 'exact', limit: 500 });
    // A consumer with a record the attacker did not touch: detaching it must leave the consumer affected.
    let merged: (typeof page.consumers)[number] | undefined;
    let detached = 0;
    for (const candidate of page.consumers.filter((c) => c.records > 1)) {
      const x = await built.engine.explainConsumer({ caseDir: built.caseDir, consumerId: candidate.id });
      const untouched = x.records.find((r) => r.subjectId !== candidate.id && !x.accesses.some((a) => a.subjectId === r.subjectId));
      if (untouched) {
        merged = candidate;
        detached = untouched.subjectId;
        break;
      }
    }
    expect(merged).toBeDefined();
    await built.engine.resolve({ caseDir: built.caseDir, action: 'split', subjectId: detached, note: 'different person', actor: 'test' });
    await built.engine.classifyField({ caseDir: built.caseDir, objectType: 'Contact', field: 'Email', element: null, note: 'test override', actor: 'test' });
    const after = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    expect(after.digest).not.toBe(before.digest);
    const again = await built.engine.explainConsumer({ caseDir: built.caseDir, consumerId: merged!.id });
    expect(again.records.map((r) => r.subjectId)).not.toContain(detached);
    const custody = await built.engine.custody({ caseDir: built.caseDir });
    expect(custody.entries.filter((e) => e.action === 'resolve' || e.action === 'override')).toHaveLength(2);
    expect(again.elements.some((e) => e.field === 'Email')).toBe(false);
  });
});

describe('aggregates for the screens', () => {
  it('buckets events per hour and per day in the store, summing to the event count', async () => {
    const { total } = await built.engine.listEvents({ caseDir: built.caseDir, limit: 1 });
    for (const bucket of ['hour', 'day'] as const) {
      const histogram = await built.engine.eventHistogram({ caseDir: built.caseDir, bucket });
      expect(histogram.reduce((sum, b) => sum + b.events, 0)).toBe(total);
      for (const b of histogram) expect(Object.values(b.byType).reduce((x, y) => x + y, 0)).toBe(b.events);
      expect([...histogram.map((b) => b.start)].sort()).toEqual(histogram.map((b) => b.start));
    }
    const a = built.scenario.attack;
    const inWindow = await built.engine.eventHistogram({ caseDir: built.caseDir, bucket: 'hour', from: a.window.start, to: a.window.end });
    expect(inWindow.every((b) => b.start >= a.window.start.slice(0, 13))).toBe(true);
  });

  it('returns the stored summary of the latest analysis', async () => {
    const run = await built.engine.reconstruct({ caseDir: built.caseDir, actor: 'test' });
    expect(await built.engine.analysisSummary({ caseDir: built.caseDir })).toEqual(run);
  });
});

describe('analysis commands', () => {
  it('reconstruct, consumers, explain, obligations and exposure speak JSON with the documented shapes', () => {
    const reconstruct = jsonOf<Printed<'reconstruct'>>(runCli(['reconstruct', built.caseDir, '--json']));
    expect(Object.keys(reconstruct)).toEqual(expect.arrayContaining(['analysis', 'digest', 'total', 'byBasis', 'byState', 'byElement']));
    const consumers = jsonOf<Printed<'listConsumers'>>(runCli(['consumers', built.caseDir, '--state', 'CA', '--limit', '5', '--json']));
    expect(consumers.consumers.every((c) => c.state === 'US-CA' || c.countedIn.includes('US-CA'))).toBe(true);
    expect(consumers.total).toBe(reconstruct.byState['US-CA']);
    const explained = runCli(['explain', built.caseDir, String(consumers.consumers[0]?.id)]);
    expect(explained.status, explained.stderr).toBe(0);
    expect(explained.stdout).toMatch(/SHA-256 [0-9a-f]{64}/);
    const obligations = jsonOf<Printed<'obligations'>>(runCli(['obligations', built.caseDir, '--json']));
    expect(obligations.analysis).toBe(reconstruct.analysis);
    expect(obligations.jurisdictions.length).toBeGreaterThan(0);
    const exposure = jsonOf<Printed<'exposure'>>(runCli(['exposure', built.caseDir, '--assume', 'amount=max', '--json']));
    expect(exposure.assumptions.amount?.value).toBe('max');
    expect(exposure.assumptions.residency?.value).toBe('most-recent');
    expect(Number.isInteger(exposure.totals.stated)).toBe(true);
    expect(exposure.rulePacks.length).toBeGreaterThan(50);
    const bad = runCli(['exposure', built.caseDir, '--assume', 'amount=lots']);
    expect(bad.status).toBe(2);
  });
});
