/**
 * The Findings screen in real Chromium against the real engine, at 1440×900 and 1024×700: a run is logged in custody,
 * every finding of the engine is listed with its severity, the severity filter hides what it should, a fact opens onto
 * its evidence rows, the exposure assumptions list the findings that bear on them (on this screen and on the Exposure
 * screen), and axe-core finds no critical or serious violation.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../bridge/server';
import { startSourceEngineHost } from '../../bridge/engine';
import type { EngineHostClient } from '../../electron/engine-client';
import { generateBreach } from '../../shared/demo';
import type { FindingsReport } from '../../shared/findings/types';
import { launchChromium, type Browser } from '../helpers/browser';
import { buildRenderer } from './renderer-build';
import { expectAccessible } from './ui-harness';

const SCREENS = fileURLToPath(new URL('../../test-artifacts/findings-screens/', import.meta.url));
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

interface Scenario {
  attack: { window: { start: string; end: string }; attackerIps: string[]; connectedApp: { name: string }; signals: { spraying: { ip: string; attempts: number } } };
}

let engine: EngineHostClient;
let bridge: RunningBridge;
let browser: Browser;
let work: string;
let caseDir: string;
let scenario: Scenario;
let expected: FindingsReport;


describe('the Findings screen', () => {
  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    work = mkdtempSync(path.join(tmpdir(), 'bl-e2e-findings-'));
    engine = startSourceEngineHost();
    const breach = await generateBreach({ outDir: path.join(work, 'breach'), seed: 11, size: 'tiny' });
    scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as Scenario;
    caseDir = path.join(work, 'cases', 'larkspur');
    const prepare = async () => {
      await engine.createCase({ caseDir, name: 'Larkspur Outfitters (tiny synthetic case)', investigator: 'E. Okafor', discovered: '2025-06-23' });
      await engine.addEvidence({ caseDir, files: breach.files.map((f) => path.join(work, 'breach', f.path)) });
      const { attack } = scenario;
      await engine.defineScope({ caseDir, from: attack.window.start, to: attack.window.end, ips: attack.attackerIps, apps: [attack.connectedApp.name] });
      await engine.reconstruct({ caseDir });
      expected = await engine.findings({ caseDir });
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
    it(`at ${size.width}×${size.height}: runs, lists every finding, filters, opens rows, links assumptions`, async () => {
      const errors: string[] = [];
      const page = await browser.context.newPage();
      await page.setViewportSize(size);
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(bridge.url);
      await page.fill('input[name=openPath]', caseDir);
      await page.fill('input[name=examiner]', `Examiner ${size.width}`);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Case screens' }).getByRole('button', { name: /Security findings/ }).click();
      await page.getByRole('heading', { name: 'Security findings', level: 1 }).waitFor();
      await expectAccessible(page, 'findings before a run');

      const before = (await engine.custody({ caseDir })).entries.length;
      await page.getByTestId('run-findings').click();
      await page.getByTestId('finding').first().waitFor({ timeout: 120_000 });
      const logged = (await engine.custody({ caseDir })).entries;
      expect(logged.length).toBe(before + 1);
      expect(logged.at(-1)!.action).toBe('findings');
      expect(logged.at(-1)!.actor).toBe(`Examiner ${size.width}`);

      // Same evidence, same findings: the screen shows the engine's run, finding for finding.
      const titles = await page.getByTestId('finding').locator('h2').allTextContents();
      expect(titles.map((t) => t.replace(/^(high|medium|low|info)\s*/, '').trim())).toEqual(expected.findings.map((f) => f.title));
      await expect(page.locator('.screen-head').textContent()).resolves.toContain(`output digest ${expected.outputDigest.slice(0, 16)}`);

      // Assumptions: the reasonable-security line links to the spraying finding, and the link scrolls to it.
      const security = page.getByTestId('assumption-link-reasonable-security');
      const spray = expected.findings.find((f) => f.id === 'auth.failed-login-burst')!;
      await expect(security.textContent()).resolves.toMatch(/Failed login burst\s*1 finding, 1 high/);
      await security.getByRole('link', { name: 'Failed login burst' }).click();
      const sprayCard = page.getByTestId('finding').filter({ hasText: spray.title });
      await expect(sprayCard.isVisible()).resolves.toBe(true);

      // A fact opens onto its evidence rows: one table row per failed login of the burst.
      await sprayCard.locator('summary').first().click();
      await expect(sprayCard.locator('tbody tr').count()).resolves.toBe(scenario.attack.signals.spraying.attempts);
      await expect(sprayCard.locator('tbody tr').first().textContent()).resolves.toMatch(/Login\.csv/);
      await expectAccessible(page, 'findings with rows open');
      await page.screenshot({ path: path.join(SCREENS, `${size.width}-findings-rows.png`) });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('main, .screen').first().evaluate((el) => el.scrollTo?.(0, 0));
      await page.getByTestId('assumption-links').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENS, `${size.width}-findings-top.png`) });

      // The severity filter: without medium, only the other severities remain.
      await page.getByRole('checkbox', { name: /^medium/ }).uncheck();
      await expect(page.getByTestId('finding').count()).resolves.toBe(expected.findings.filter((f) => f.severity !== 'medium').length);
      await page.getByRole('checkbox', { name: /^medium/ }).check();

      // The Exposure screen links its security assumptions to the same run's findings, without running them again.
      const runs = (await engine.custody({ caseDir })).entries.length;
      await page.getByRole('navigation', { name: 'Case screens' }).getByRole('button', { name: /Exposure/ }).click();
      const bearing = page.getByTestId('findings-bearing');
      await bearing.waitFor({ timeout: 60_000 });
      const securityRow = bearing.getByTestId('bearing-reasonable-security');
      await expect(securityRow.textContent()).resolves.toMatch(/Failed login burst\s*1 finding, 1 high/);
      await expect(securityRow.textContent()).resolves.not.toMatch(/none found/);
      await securityRow.scrollIntoViewIfNeeded();
      await expectAccessible(page, 'exposure with findings');
      await page.screenshot({ path: path.join(SCREENS, `${size.width}-exposure-bearing.png`) });
      await securityRow.getByRole('button', { name: 'Failed login burst' }).click();
      await page.getByRole('heading', { name: 'Security findings', level: 1 }).waitFor();
      await expect(page.getByTestId('finding').count()).resolves.toBe(expected.findings.length);
      expect((await engine.custody({ caseDir })).entries.length).toBe(runs);
      expect(errors).toEqual([]);
      await page.close();
    }, 240_000);
  }
});
