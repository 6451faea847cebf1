/**
 * The app as investigators and counsel use it, at 1440×900 and 1024×700, in real Chromium against the real engine:
 * the top bar shows the custody log's real head and the case's time zone and discovery date; actions are logged as
 * the examiner with the OS account; every table's key columns and actions are reachable; counts never add inferred
 * upper bounds to confirmed people; unknowns are listed, not hidden; axe-core finds no critical or serious
 * violation on any screen; and the main flow works from the keyboard alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../bridge/server';
import { startSourceEngineHost } from '../../bridge/engine';
import type { EngineHostClient } from '../../electron/engine-client';
import { generateBreach } from '../../shared/demo';
import { launchChromium, type Browser } from '../helpers/browser';
import { buildRenderer } from './renderer-build';
import { expectAccessible } from './ui-harness';

const SCREENS = fileURLToPath(new URL('../../test-artifacts/review-screens/', import.meta.url));
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const TIME_ZONE = 'America/Chicago';
const CASE_NAME = 'Larkspur Outfitters — Salesforce org 00D5e000000XyZ1 CRM exfiltration through a vished connected app (tiny synthetic case)';

interface Scenario {
  attack: { window: { start: string; end: string }; attackerIps: string[]; connectedApp: { name: string } };
}

let engine: EngineHostClient;
let bridge: RunningBridge;
let browser: Browser;
let work: string;
let caseDir: string;

const count = (n: number) => n.toLocaleString('en-US');

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

async function newPage(size: { width: number; height: number }, pageErrors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(size);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  return page;
}


async function shot(page: Page, size: { width: number }, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS, `${size.width}-${name}.png`) });
}

/** Scrolled into view (a grid scrolls sideways), inside the window, and the topmost element at its centre. */
async function expectReachable(locator: Locator, what: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const hit = await locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const top = document.elementFromPoint(x, y);
    return { inWindow: box.left >= 0 && box.right <= window.innerWidth + 0.5 && box.top >= 0 && box.bottom <= window.innerHeight + 0.5, onTop: top !== null && (el === top || el.contains(top)) };
  });
  expect(hit, what).toEqual({ inWindow: true, onTop: true });
}

/** Fully visible: inside the window and not cut off by an ellipsis or an overflowing parent. */
async function expectFullyShown(locator: Locator, what: string): Promise<void> {
  const shown = await locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth + 0.5 && el.scrollWidth <= el.clientWidth + 1;
  });
  expect(shown, what).toBe(true);
}

/** A grid wider than its box scrolls sideways, and its first (identifying) column stays in view while it does. */
async function expectStickyFirstColumn(page: Page, testId: string): Promise<void> {
  const grid = page.getByTestId(testId).getByRole('grid');
  const scrolls = await grid.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  if (!scrolls) return;
  await grid.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const [gridLeft, firstLeft] = await Promise.all([
    grid.evaluate((el) => el.getBoundingClientRect().left),
    grid.getByRole('columnheader').first().evaluate((el) => el.getBoundingClientRect().left),
  ]);
  expect(Math.abs(firstLeft - gridLeft), `${testId}: first column kept in view`).toBeLessThan(3);
  await grid.evaluate((el) => (el.scrollLeft = 0));
}

async function expectTopBarTruthful(page: Page, examiner: string): Promise<void> {
  const facts = page.getByTestId('case-facts');
  await expect(facts.textContent()).resolves.toContain(TIME_ZONE);
  await expect(facts.textContent()).resolves.toContain('2025-06-23');
  for (const fact of await facts.locator('dd').all()) await expectFullyShown(fact, 'time zone and discovery date in the top bar');
  const head = (await engine.custody({ caseDir })).head;
  await page.locator(`[data-testid=topbar-head][data-value="${head.hash}"]`).waitFor();
  await expect(page.getByTestId('custody-head-seq').textContent()).resolves.toBe(`Head #${head.seq}`);
  await expect(page.getByTestId('examiner').textContent()).resolves.toContain(examiner);
}

describe('the app at laptop and small-window sizes', () => {
  let scenario: Scenario;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    work = mkdtempSync(path.join(tmpdir(), 'bl-e2e-review-'));
    engine = startSourceEngineHost();
    const breach = await generateBreach({ outDir: path.join(work, 'breach'), seed: 11, size: 'tiny' });
    scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as Scenario;
    caseDir = path.join(work, 'cases', 'larkspur');
    const prepare = async () => {
      await engine.createCase({ caseDir, name: CASE_NAME, investigator: 'E. Okafor (lead)', matter: 'M-2025-044', discovered: '2025-06-23', timeZone: TIME_ZONE });
      await engine.addEvidence({ caseDir, files: breach.files.map((f) => path.join(work, 'breach', f.path)) });
      const { attack } = scenario;
      await engine.defineScope({ caseDir, from: attack.window.start, to: attack.window.end, ips: attack.attackerIps, apps: [attack.connectedApp.name] });
      await engine.reconstruct({ caseDir });
    };
    [, browser] = await Promise.all([buildRenderer(path.join(work, 'ui')), launchChromium(), prepare()]);
    bridge = await startBridge({ api: engine, rendererDir: path.join(work, 'ui') });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await engine?.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const size of SIZES) {
    it(`every screen at ${size.width}×${size.height}: true head and examiner, reachable tables, honest numbers, no serious axe violation`, async () => {
      const pageErrors: string[] = [];
      const page = await newPage(size, pageErrors);
      const examiner = `Dana Whitfield (examiner at ${size.width})`;
      await page.goto(bridge.url);
      await page.getByRole('heading', { name: 'New case' }).waitFor();
      await expectAccessible(page, 'case picker');
      await shot(page, size, '01-case-picker');
      await page.fill('input[name=openPath]', caseDir);
      await page.fill('input[name=examiner]', examiner);
      await page.getByRole('button', { name: 'Open', exact: true }).click();

      // Evidence: the Acquired column and the sticky file column at any width.
      await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
      await page.getByTestId('evidence-table').getByRole('row').nth(1).waitFor();
      await expectTopBarTruthful(page, examiner);
      await expectReachable(page.getByTestId('evidence-table').getByRole('columnheader', { name: 'Acquired (UTC)' }), 'Evidence: Acquired column');
      await expectStickyFirstColumn(page, 'evidence-table');
      await expectAccessible(page, 'evidence');
      await shot(page, size, '02-evidence');

      // Verify writes custody: the top bar follows without any screen asking it to.
      await page.keyboard.press('Alt+2');
      await page.getByRole('button', { name: 'Verify case' }).click();
      await page.getByTestId('verify-verdict').getByText('All checks passed').waitFor({ timeout: 60_000 });
      await expectTopBarTruthful(page, examiner);
      const verified = (await engine.custody({ caseDir })).entries.at(-1)!;
      expect(verified.action).toBe('verify');
      expect(verified.actor).toBe(examiner);
      expect(verified.osUser).toBe(userInfo().username);
      await expectAccessible(page, 'verify');
      await shot(page, size, '03-verify');

      await page.keyboard.press('Alt+3');
      await page.getByTestId('custody-table').getByRole('row').nth(1).waitFor();
      await page.fill('input[name=custodySearch]', examiner);
      await page.getByTestId('custody-table').getByRole('row').filter({ hasText: examiner }).first().click();
      await page.getByRole('region', { name: /^Custody entry / }).or(page.locator('.details')).first().waitFor();
      await expectStickyFirstColumn(page, 'custody-table');
      await expectAccessible(page, 'custody log');
      await shot(page, size, '04-custody');
      // Printed, the log is every entry in a plain table, without the app's chrome.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      const logged = (await engine.custody({ caseDir })).entries.length;
      await expect(page.locator('table.print-only tbody tr').count()).resolves.toBe(logged);
      await expect(page.locator('nav.sidebar').isVisible()).resolves.toBe(false);
      await shot(page, size, '04b-custody-print');
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.locator('table.print-only').waitFor({ state: 'detached' });

      // Triage: the main action, "+ Scope", is reachable beside the identifying value.
      await page.keyboard.press('Alt+4');
      await page.fill('input[name=from]', scenario.attack.window.start);
      await page.fill('input[name=to]', scenario.attack.window.end);
      await page.getByRole('button', { name: 'Run triage' }).click();
      const triage = page.getByTestId('triage-table');
      const newPill = triage.getByText('New', { exact: true }).first();
      await newPill.waitFor();
      await expectReachable(newPill, 'Triage: NEW');
      const addButton = triage.getByRole('button', { name: /^Add .* to scope$/ }).first();
      await expectReachable(addButton, 'Triage: + Scope');
      await addButton.click();
      await triage.getByText('✓ indicator').first().waitFor();
      await expectStickyFirstColumn(page, 'triage-table');
      await expectAccessible(page, 'triage');
      await shot(page, size, '05-triage');
      // The rows-processed view: the same buckets, measured by rows the events moved.
      await page.getByRole('button', { name: 'Rows processed', exact: true }).click();
      await expect(page.locator('.legend-summary').textContent()).resolves.toMatch(/^[\d,]+ rows processed/);
      await page.getByTestId('events-chart').locator('rect[data-bucket]').first().waitFor();
      await shot(page, size, '05b-triage-rows-processed');

      await page.keyboard.press('Alt+5');
      await page.getByTestId('scope-versions').waitFor();
      await expectAccessible(page, 'scope');
      await shot(page, size, '06-scope');

      // Consumers: confirmed and inferred side by side, never summed; the Records column reachable.
      await page.keyboard.press('Alt+6');
      const summary = await engine.analysisSummary({ caseDir });
      await page.getByTestId('header-confirmed').waitFor();
      await expect(page.getByTestId('header-confirmed').textContent()).resolves.toBe(count(summary.byBasis.exact + summary.byBasis.derived));
      await expect(page.getByTestId('header-inferred').textContent()).resolves.toBe(count(summary.byBasis.inferred));
      await expect(page.getByTestId('consumer-count').textContent()).resolves.toMatch(/confirmed \+ up to [\d,]+ inferred/);
      await expectReachable(page.getByTestId('consumer-table').getByRole('columnheader', { name: 'Records' }), 'Consumers: Records column');
      await expectStickyFirstColumn(page, 'consumer-table');
      await expectAccessible(page, 'consumers');
      await shot(page, size, '07-consumers');
      await page.getByTestId('consumer-table').getByRole('row').nth(1).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByTestId('access').first().waitFor();
      await expectReachable(drawer.getByRole('button', { name: 'Close details' }), 'drawer close button');
      await expectAccessible(page, 'consumer drawer');
      await shot(page, size, '08-consumer-drawer');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      // Obligations: a today line, deadlines with their zone, the why as a list, chips that jump to their card.
      await page.keyboard.press('Alt+7');
      const obligations = await engine.obligations({ caseDir });
      await page.getByTestId('deadline-timeline').waitFor();
      await expect(page.getByTestId('today-line').textContent()).resolves.toContain(todayIn(TIME_ZONE));
      const dated = obligations.jurisdictions.find((j) => j.earliestDue !== null);
      if (dated) {
        await expect(page.getByTestId('deadline-timeline').textContent()).resolves.toMatch(/overdue by \d+ d|\d+ d left|due today/);
        const card = page.getByTestId(`jurisdiction-${dated.jurisdiction}`);
        await expect(card.textContent()).resolves.toContain(`end of day, ${TIME_ZONE}`);
        const chip = page.getByTestId('deadline-timeline').getByRole('button', { name: new RegExp(`^${dated.jurisdiction.replace(/^US-/, '')} · `) }).first();
        await chip.click();
        await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(`card-${dated.jurisdiction}`);
      }
      for (const row of await page.locator('.duties tbody tr').all()) {
        const cells = await row.locator('td').allTextContents();
        expect(cells[1] === 'Not required' && cells[2]!.includes('unknown — counsel must review'), `duty row ${cells.join(' | ')}`).toBe(false);
      }
      // Confidence on every duty line, as the engine reports it.
      const firstCard = obligations.jurisdictions[0]!;
      const dutyConfidences = await page.getByTestId(`jurisdiction-${firstCard.jurisdiction}`).locator('.duties tbody tr td:last-child').allTextContents();
      expect(dutyConfidences).toEqual([firstCard.individuals.confidence, firstCard.regulator.confidence, firstCard.consumerReportingAgencies.confidence]);
      await expect(page.locator('.why-list li').count()).resolves.toBeGreaterThan(0);
      await page.fill('input[name=jurisdictionSearch]', obligations.jurisdictions[0]!.name);
      await page.getByTestId(`jurisdiction-${obligations.jurisdictions[0]!.jurisdiction}`).waitFor();
      await expect(page.locator('article.jurisdiction').count()).resolves.toBeLessThan(Math.max(2, obligations.jurisdictions.length));
      await page.fill('input[name=jurisdictionSearch]', '');
      await expectAccessible(page, 'obligations');
      await shot(page, size, '09-obligations');

      // Exposure: unknown components listed under the totals; unknown qualification said; the chart explained.
      await page.keyboard.press('Alt+8');
      const exposure = await engine.exposure({ caseDir });
      await page.getByTestId('exposure-totals').waitFor();
      if (exposure.totals.complete) {
        await expect(page.getByTestId('unknown-components').count()).resolves.toBe(0);
      } else {
        await expect(page.getByTestId('unknown-components').locator('li').count()).resolves.toBe(exposure.totals.unknownComponents.length);
      }
      for (const j of exposure.jurisdictions) {
        const qualifying = j.qualifying.exact + j.qualifying.derived + j.qualifying.inferredUpperBound;
        const undetermined = j.undetermined.exact + j.undetermined.derived + j.undetermined.inferredUpperBound;
        if (qualifying === 0 && undetermined > 0) await page.getByTestId(`exposure-${j.code}`).getByTestId('qualification-unknown').waitFor();
      }
      // Confidence on every component line, as the engine reports it.
      const withComponents = exposure.jurisdictions.find((j) => j.components.length > 0);
      if (withComponents) {
        const jurisdiction = page.getByTestId(`exposure-${withComponents.code}`);
        await jurisdiction.locator(':scope > summary').click();
        const shown = await jurisdiction.locator('tr.component td:last-child').allTextContents();
        expect(shown).toEqual(withComponents.components.map((c) => c.confidence));
        await jurisdiction.locator(':scope > summary').click();
      }
      if (exposure.sensitivity.length > 0) await page.getByTestId('tornado-legend').waitFor();
      await page.getByTestId('tornado-left-out').waitFor();
      await expect(page.locator('.assumptions label > span:first-child').allTextContents()).resolves.not.toContain(expect.stringMatching(/^reasonable-security /));
      await expectAccessible(page, 'exposure');
      await shot(page, size, '10-exposure');

      // Export writes custody: the head in the top bar is the log's real head afterwards.
      await page.keyboard.press('Alt+9');
      await page.getByRole('button', { name: 'Export case' }).click();
      await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
      await expectTopBarTruthful(page, examiner);
      const exported = (await engine.custody({ caseDir })).entries.filter((e) => e.action === 'export').at(-1)!;
      expect(exported.actor).toBe(examiner);
      expect(exported.osUser).toBe(userInfo().username);
      await expectAccessible(page, 'exports');
      await shot(page, size, '11-exports');

      expect(pageErrors).toEqual([]);
      await page.close();
    }, 240_000);

    it(`the main flow from the keyboard alone at ${size.width}×${size.height}`, async () => {
      const pageErrors: string[] = [];
      const page = await newPage(size, pageErrors);
      const examiner = `Keyboard examiner ${size.width}`;
      const focused = () => page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { name: el?.getAttribute('name') ?? null, role: el?.getAttribute('role') ?? null, label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '', copy: Boolean(el?.classList.contains('copy') && el.closest('[role=row]')) };
      });
      /** Presses Tab until `done` holds; no stop on the way may be a row's Copy button. */
      const tabTo = async (done: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string) => {
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          const f = await focused();
          expect(f.copy, `Tab stopped on a Copy button on the way to ${what}`).toBe(false);
          if (done(f)) return;
        }
        throw new Error(`Tab never reached ${what}`);
      };

      await page.goto(bridge.url);
      await page.getByRole('heading', { name: 'New case' }).waitFor();
      await tabTo((f) => f.name === 'openPath', 'the case folder field');
      await page.keyboard.type(caseDir);
      await tabTo((f) => f.name === 'examiner', 'the examiner field');
      await page.keyboard.type(examiner);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
      await tabTo((f) => f.role === 'grid' && f.label === 'Evidence files', 'the evidence grid');
      await page.keyboard.press('ArrowDown');
      await page.getByTestId('detail-sha256').waitFor();

      await page.keyboard.press('Alt+4');
      await page.getByTestId('triage-table').waitFor();
      await tabTo((f) => f.role === 'grid' && f.label === 'Top talkers', 'the triage grid');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByTestId('triage-table').locator('[aria-selected=true]').getByText('✓ indicator').waitFor();

      await page.keyboard.press('Alt+6');
      await page.getByTestId('consumer-table').waitFor();
      await tabTo((f) => f.role === 'grid' && f.label === 'Affected consumers', 'the consumer grid');
      await page.keyboard.press('ArrowDown');
      const drawer = page.getByRole('dialog');
      await drawer.getByTestId('access').first().waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      await page.keyboard.press('Alt+9');
      await tabTo((f) => f.label === 'Export case', 'the Export button');
      await page.keyboard.press('Enter');
      await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
      await expectTopBarTruthful(page, examiner);
      expect((await engine.custody({ caseDir })).entries.at(-1)!.actor).toBe(examiner);
      await shot(page, size, '12-keyboard-exported');

      expect(pageErrors).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('follows a dark system theme, still with no serious axe violation (contrast included)', async () => {
    const pageErrors: string[] = [];
    const size = SIZES[1];
    const page = await newPage(size, pageErrors);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(bridge.url);
    await page.fill('input[name=openPath]', caseDir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('evidence-table').getByRole('row').nth(1).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(244, 245, 247)');
    await expectAccessible(page, 'evidence (dark)');
    await shot(page, size, 'dark-02-evidence');
    const screens: Array<[string, string, string]> = [
      ['Alt+6', 'header-confirmed', 'dark-07-consumers'],
      ['Alt+7', 'deadline-timeline', 'dark-09-obligations'],
      ['Alt+8', 'exposure-totals', 'dark-10-exposure'],
    ];
    for (const [key, testId, name] of screens) {
      await page.keyboard.press(key);
      await page.getByTestId(testId).waitFor();
      await expectAccessible(page, `${name} (dark)`);
      await shot(page, size, name);
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
