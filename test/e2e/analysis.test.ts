/**
 * The analysis weeks, in real Chromium against the real engine through the browser bridge: triage a generated
 * breach, scope it, reconstruct, trace a consumer, read obligations and exposure; then a case with a million
 * consumers (seeded in SQL, see seed-consumers.ts) to show the consumer table stays fast.
 * Every number checked on screen is compared with what the engine answers for the same question.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../bridge/server';
import { startSourceEngineHost } from '../../bridge/engine';
import type { EngineHostClient } from '../../electron/engine-client';
import { generateBreach } from '../../shared/demo';
import { BASES } from '../../shared/contract/elements';
import { formatCents } from '../../shared/display/money';
import { launchChromium, type Browser } from '../helpers/browser';
import { buildRenderer } from './renderer-build';
import { seedConsumers } from './seed-consumers';

const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const MILLION = 1_000_000;

interface Scenario {
  attack: { window: { start: string; end: string }; attackerIps: string[]; connectedApp: { name: string } };
}

let engine: EngineHostClient;
let bridge: RunningBridge;
let browser: Browser;
let work: string;
let rendererDir: string;
let breachCase: string;
let bigCase: string;
let scenario: Scenario;
const timings: Record<string, number> = {};

const count = (n: number) => n.toLocaleString('en-US');

async function newPage(pageErrors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  // Main-thread tasks over 50 ms, to show scrolling and filtering never freeze the window.
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  return page;
}

async function openCase(page: Page, caseDir: string): Promise<void> {
  await page.goto(bridge.url);
  await page.fill('input[name=openPath]', caseDir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
}

/** Buckets the events-over-time chart draws: distinct buckets among its painted bar segments. */
async function chartBuckets(page: Page): Promise<string[]> {
  const starts = await page.getByTestId('events-chart').locator('rect[data-bucket]').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-bucket')!));
  return [...new Set(starts)].sort();
}

const HOUR_MS = 3_600_000;
const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

async function consumerTotalOnScreen(page: Page, expected: number): Promise<void> {
  await page.locator(`[data-testid=consumer-count][data-total="${expected}"]`).waitFor();
  // The header splits confirmed from inferred; the table holds every row that matched.
  if (expected > 0) await page.locator(`[data-testid=consumer-table] [role=grid][aria-rowcount="${expected + 1}"]`).waitFor();
  else await page.getByText('No consumers match these filters').waitFor();
}

describe('analysis screens in the browser', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    work = mkdtempSync(path.join(tmpdir(), 'bl-e2e-analysis-'));
    rendererDir = path.join(work, 'ui');
    engine = startSourceEngineHost();
    const breach = await generateBreach({ outDir: path.join(work, 'breach'), seed: 7, size: 'tiny' });
    scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as Scenario;
    breachCase = path.join(work, 'cases', 'breach');
    bigCase = path.join(work, 'cases', 'million');
    const prepareBreach = async () => {
      await engine.createCase({ caseDir: breachCase, name: 'Larkspur CRM breach — tiny synthetic case', investigator: 'E2E', discovered: '2025-06-23' });
      await engine.addEvidence({ caseDir: breachCase, files: breach.files.map((f) => path.join(work, 'breach', f.path)) });
    };
    const prepareMillion = async () => {
      await engine.createCase({ caseDir: bigCase, name: 'Scale check — one million seeded consumers', investigator: 'E2E', discovered: '2025-06-23' });
      const started = Date.now();
      seedConsumers(bigCase, MILLION);
      timings.seedMs = Date.now() - started;
    };
    [, browser] = await Promise.all([buildRenderer(rendererDir), launchChromium(), prepareBreach(), prepareMillion()]);
    bridge = await startBridge({ api: engine, rendererDir });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await engine?.close();
    rmSync(work, { recursive: true, force: true });
    console.log('analysis e2e timings (ms):', timings);
  });

  it('triages, scopes, reconstructs and shows consumers, obligations and exposure as the engine computes them', async () => {
    const pageErrors: string[] = [];
    let page = await newPage(pageErrors);
    const { attack } = scenario;
    await openCase(page, breachCase);

    await page.keyboard.press('Alt+5');
    await page.getByText('No scope yet').waitFor();
    await shot(page, '12-scope-empty');

    await page.keyboard.press('Alt+4');
    await page.getByTestId('triage-table').waitFor();
    // No window yet: every imported event, per day (the tiny breach spans months).
    const allDays = await engine.eventHistogram({ caseDir: breachCase, bucket: 'day' });
    await page.locator('[data-testid=events-chart][data-bucket-size=day] rect[data-bucket]').first().waitFor();
    await expect(chartBuckets(page)).resolves.toEqual(allDays.map((b) => b.start));
    const allEvents = await engine.listEvents({ caseDir: breachCase, limit: 1 });
    await expect(page.locator('.legend-summary').textContent()).resolves.toContain(`${count(allEvents.total)} events in ${count(allDays.length)} day buckets`);
    await shot(page, '13a-triage-all-events');
    await page.fill('input[name=from]', attack.window.start);
    await page.fill('input[name=to]', attack.window.end);
    await page.getByRole('button', { name: 'Run triage' }).click();
    const triage = await engine.triage({ caseDir: breachCase, from: attack.window.start, to: attack.window.end, limit: 25 });
    const topIp = triage.find((t) => t.dimension === 'ip' && attack.attackerIps.includes(t.value))!;
    const addTopIp = page.getByRole('button', { name: `Add ip ${topIp.value} to scope` });
    await addTopIp.waitFor();
    const topRow = page.getByTestId('triage-table').getByRole('row').filter({ hasText: topIp.value });
    await expect(topRow.textContent()).resolves.toContain(count(topIp.rowsProcessed));
    await addTopIp.click();
    await topRow.getByText('✓ indicator').waitFor();
    // A window under a week: per hour, with a quarter of its length (1 to 24 hours) either side, on hour boundaries.
    const pad = Math.min(24 * HOUR_MS, Math.max(HOUR_MS, (Date.parse(attack.window.end) - Date.parse(attack.window.start)) / 4));
    const hourRange = {
      from: new Date(floorHour(Date.parse(attack.window.start) - pad)).toISOString(),
      to: new Date(floorHour(Date.parse(attack.window.end) + pad) + HOUR_MS - 1).toISOString(),
    };
    const hours = await engine.eventHistogram({ caseDir: breachCase, bucket: 'hour', ...hourRange });
    expect(hours.length).toBeGreaterThan(1);
    await page.locator('[data-testid=events-chart][data-bucket-size=hour] rect[data-bucket]').first().waitFor();
    await expect(chartBuckets(page)).resolves.toEqual(hours.map((b) => b.start));
    await expect(page.getByTestId('events-chart').getAttribute('data-buckets')).resolves.toBe(String(hours.length));
    const hourEvents = hours.reduce((n, b) => n + b.events, 0);
    await expect(page.locator('.legend-summary').textContent()).resolves.toContain(`${count(hourEvents)} events in ${count(hours.length)} hour buckets`);
    await page.getByTestId('events-chart').locator('.recharts-reference-area').waitFor();
    await shot(page, '13-triage');

    await page.getByRole('button', { name: 'Open scope editor →' }).click();
    for (const ip of attack.attackerIps.filter((ip) => ip !== topIp.value)) {
      await page.selectOption('select[name=indicatorKind]', 'ips');
      await page.fill('input[name=indicatorValue]', ip);
      await page.getByRole('button', { name: 'Add indicator' }).click();
    }
    await page.selectOption('select[name=indicatorKind]', 'apps');
    await page.fill('input[name=indicatorValue]', attack.connectedApp.name);
    await page.getByRole('button', { name: 'Add indicator' }).click();
    const chips = page.getByTestId('scope-indicators');
    for (const value of [...attack.attackerIps, attack.connectedApp.name]) await chips.getByText(value, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByTestId('scope-saved').waitFor();
    const [scope] = await engine.listScopes({ caseDir: breachCase });
    await expect(page.getByTestId('scope-saved').textContent()).resolves.toBe(`Saved version 1: ${count(scope!.matchingEvents)} matching events`);
    await expect(page.getByTestId('scope-versions').getByRole('row').nth(1).textContent()).resolves.toContain(count(scope!.matchingEvents));

    await page.getByRole('radio', { name: 'All states on record' }).check();
    await page.getByRole('button', { name: 'Reconstruct' }).click();
    await page.getByTestId('reconstruct-result').waitFor({ timeout: 30_000 });
    await shot(page, '14-scope-reconstructed');

    const all = await engine.listConsumers({ caseDir: breachCase, limit: 1 });
    await page.getByRole('button', { name: 'Show affected consumers →' }).click();
    await consumerTotalOnScreen(page, all.total);
    await expect(page.getByTestId('reconstruct-result').count()).resolves.toBe(0);
    await shot(page, '15-consumers');

    const [topState] = (await page.locator('.state-chip .mono').allTextContents()).slice(0, 1);
    await page.fill('input[name=state]', topState!);
    const inState = await engine.listConsumers({ caseDir: breachCase, state: topState!, limit: 1 });
    await consumerTotalOnScreen(page, inState.total);
    expect(inState.total).toBeLessThan(all.total);
    const byBasis = await Promise.all(BASES.map((basis) => engine.listConsumers({ caseDir: breachCase, state: topState!, basis, limit: 1 })));
    const strongest = BASES.findIndex((_, i) => byBasis[i]!.total > 0);
    await page.selectOption('select[name=basis]', BASES[strongest]!);
    await consumerTotalOnScreen(page, byBasis[strongest]!.total);

    const consumer = byBasis[strongest]!.consumers[0]!;
    await page.getByTestId('consumer-table').getByRole('row').filter({ hasText: consumer.email ?? String(consumer.id) }).first().click();
    const drawer = page.getByTestId('consumer-drawer');
    const explanation = await engine.explainConsumer({ caseDir: breachCase, consumerId: consumer.id });
    await drawer.getByTestId('access').first().waitFor();
    await expect(drawer.getByTestId('access').count()).resolves.toBe(explanation.accesses.length);
    await expect(drawer.getByTestId('record').count()).resolves.toBe(explanation.records.length);
    const firstAccess = explanation.accesses[0]!;
    await expect(drawer.getByTestId('access').first().textContent()).resolves.toContain(firstAccess.inScopeBecause);
    await expect(drawer.getByTestId('access').first().textContent()).resolves.toContain(firstAccess.source.evidenceName);
    await expect(drawer.locator('code[data-value]').first().getAttribute('data-value')).resolves.toBe(firstAccess.source.sha256);
    await shot(page, '16-consumer-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    await page.keyboard.press('Alt+7');
    const obligations = await engine.obligations({ caseDir: breachCase });
    const first = obligations.jurisdictions[0]!;
    const card = page.getByTestId(`jurisdiction-${first.jurisdiction}`);
    await card.waitFor();
    if (first.earliestDue) await expect(card.textContent()).resolves.toContain(first.earliestDue);
    await page.getByTestId('deadline-timeline').waitFor();
    await shot(page, '17-obligations');

    await page.keyboard.press('Alt+8');
    const base = await engine.exposure({ caseDir: breachCase });
    await page.locator(`[data-testid=total-stated][data-cents="${base.totals.stated}"]`).waitFor();
    await expect(page.getByTestId('total-stated').textContent()).resolves.toContain(formatCents(base.totals.stated));
    await page.getByTestId('tornado-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await shot(page, '18-exposure');

    // The stated scenario counts a violation only once it is stated: establish the security-duty failure, then raise the amount.
    await page.selectOption('select[name=assumption-reasonable-security]', 'not-maintained');
    await page.selectOption('select[name=assumption-amount]', 'max');
    const atMax = await engine.exposure({ caseDir: breachCase, assumptions: ['amount=max', 'reasonable-security=not-maintained'] });
    expect(atMax.totals.stated).not.toBe(base.totals.stated);
    await page.locator(`[data-testid=total-stated][data-cents="${atMax.totals.stated}"]`).waitFor();
    await expect(page.getByTestId('total-stated').textContent()).resolves.toContain(formatCents(atMax.totals.stated));
    const unknownComponent = base.jurisdictions.flatMap((j) => j.components.map((c) => ({ j, c }))).find(({ c }) => typeof c.stated === 'string');
    if (unknownComponent) {
      const section = page.getByTestId(`exposure-${unknownComponent.j.code}`);
      await section.locator('summary').first().click();
      await section.getByText(String(unknownComponent.c.stated)).first().waitFor();
    }
    await shot(page, '19-exposure-amount-max');

    await page.fill('input[name=assumption-incidents]', '0');
    await page.keyboard.press('Enter');
    const refused = await engine.exposure({ caseDir: breachCase, assumptions: ['amount=max', 'incidents=0', 'reasonable-security=not-maintained'] }).catch((e: Error) => e.message);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(refused);
    await shot(page, '20-exposure-error');

    await page.keyboard.press('Alt+9');
    await page.getByText('No export in this session yet').waitFor();
    await page.getByRole('button', { name: 'Export case' }).click();
    await page.getByTestId('export-result').waitFor({ timeout: 30_000 });
    const manifestPath = await page.inputValue('input[name=manifestPath]');
    const engineCheck = await engine.verifyExport({ manifestPath, caseDir: breachCase });
    expect(engineCheck.ok).toBe(true);
    await expect(page.getByTestId('export-files').getByRole('row').count()).resolves.toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Verify export', exact: true }).click();
    const verdict = page.getByTestId('export-verdict');
    await verdict.getByText('Export intact').waitFor();
    await expect(verdict.textContent()).resolves.toContain(`${engineCheck.files.length} of ${engineCheck.files.length} files match`);
    await shot(page, '21-exports');

    // Reopen the case in a new window: a fresh session that only knows the stored analysis.
    const stored = await engine.analysisSummary({ caseDir: breachCase });
    expect(stored.analysis).toBe(all.analysis);
    await page.close();
    page = await newPage(pageErrors);
    await openCase(page, breachCase);
    await page.keyboard.press('Alt+6');
    await consumerTotalOnScreen(page, stored.total);
    const summary = page.locator(`[data-testid=consumer-summary][data-analysis="${stored.analysis}"]`);
    await summary.waitFor();
    await expect(summary.getByTestId('summary-confirmed').textContent()).resolves.toBe(count(stored.byBasis.exact + stored.byBasis.derived));
    await expect(summary.getByTestId('summary-inferred').textContent()).resolves.toBe(`≤ ${count(stored.byBasis.inferred)}`);
    await expect(summary.textContent()).resolves.toContain(`exact ${count(stored.byBasis.exact)} · derived ${count(stored.byBasis.derived)}`);
    const storedStates = Object.entries(stored.byState).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    await expect(summary.locator('.states-card .state-chip').count()).resolves.toBe(Math.min(10, storedStates.length));
    await expect(summary.locator('.states-card .state-chip').first().textContent()).resolves.toBe(`${storedStates[0]![0]} ${count(storedStates[0]![1])}`);
    await expect(summary.getByTestId('summary-elements').locator('.state-chip').count()).resolves.toBe(Math.min(6, Object.keys(stored.byElement).length));
    await shot(page, '21a-consumers-reopened');
    await page.keyboard.press('Alt+5');
    await expect(page.getByTestId('reconstruct-result').textContent()).resolves.toContain(`Analysis ${stored.analysis}`);
    await expect(page.getByRole('radio', { name: 'All states on record' }).isChecked()).resolves.toBe(true);
    await shot(page, '21b-scope-reopened');

    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('pages a million consumers from the store: first page under a second, scrolling and filtering without freezing', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(pageErrors);
    await openCase(page, bigCase);

    const table = page.getByTestId('consumer-table');
    let started = Date.now();
    await page.keyboard.press('Alt+6');
    await table.getByRole('row', { name: /Consumer 1\b/ }).first().waitFor();
    timings.firstPageMs = Date.now() - started;
    expect(timings.firstPageMs).toBeLessThan(1000);
    await consumerTotalOnScreen(page, MILLION);
    await expect(table.getByRole('row').count()).resolves.toBeLessThan(80);
    await page.getByTestId('consumer-summary').getByText(count(MILLION * 0.3)).waitFor();
    await shot(page, '22-million-first-page');

    const body = table.getByRole('grid');
    started = Date.now();
    await body.evaluate((el) => (el.scrollTop = 500_000 * 28));
    await table.getByText('Consumer 500001', { exact: true }).waitFor();
    timings.scrollToMiddleMs = Date.now() - started;
    await table.getByRole('row', { name: /Consumer 500001\b/ }).click();
    await page.getByTestId('consumer-drawer').getByText('seeded for the scale test').waitFor();
    await body.focus();
    started = Date.now();
    for (let i = 0; i < 20; i++) await page.keyboard.press('PageDown');
    // A page is the rows in view less one (430 px / 28 px → 14 rows).
    await table.getByText(`Consumer ${500_001 + 20 * 14}`, { exact: true }).waitFor();
    timings.pageDown20Ms = Date.now() - started;
    await shot(page, '23-million-scrolled');
    await page.keyboard.press('Escape');

    started = Date.now();
    await page.fill('input[name=state]', 'TX');
    const texas = await engine.listConsumers({ caseDir: bigCase, state: 'TX', limit: 1 });
    await consumerTotalOnScreen(page, texas.total);
    timings.stateFilterMs = Date.now() - started;
    started = Date.now();
    await page.fill('input[name=search]', 'consumer 99999');
    const searched = await engine.listConsumers({ caseDir: bigCase, state: 'TX', search: 'consumer 99999', limit: 1 });
    await consumerTotalOnScreen(page, searched.total);
    timings.searchMs = Date.now() - started;
    await shot(page, '24-million-filtered');
    expect(timings.stateFilterMs).toBeLessThan(5000);
    expect(timings.searchMs).toBeLessThan(5000);

    timings.longestMainThreadTaskMs = await longestTask(page);
    expect(timings.longestMainThreadTaskMs).toBeLessThan(500);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
