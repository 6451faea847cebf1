/**
 * The investigator's first hour, in real Chromium against the real engine through the browser bridge:
 * create a case, add sample evidence by path, watch progress, verify, read the custody log.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../bridge/server';
import { startSourceEngineHost } from '../../bridge/engine';
import type { EngineHostClient } from '../../electron/engine-client';
import { launchChromium, type Browser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { writeApacheLog } from '../unit/electron/apache-log';
import { buildRenderer } from './renderer-build';

const SAMPLES = fileURLToPath(new URL('../fixtures/samples/', import.meta.url));
const SAMPLE_FILES = [
  'appomni__salesforce_rtem_apieventstream_activity_audit_download_resource_apieventstream.json',
  'elastic-integrations__salesforce_login_test-login-eventlogfile.log',
  'magento2__ImportExport_Sample_customer.csv',
  'elastic-beats__apache_access_test.log',
].map((name) => path.join(SAMPLES, name));
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const CASE_NAME = 'Acme Corp CRM exfiltration via compromised integration user — Salesforce org 00D5e000000XyZ1 and Magento storefront';

/** The real engine in its worker thread, shared by the bridge and by the test's own assertions. */
let engine: EngineHostClient;
let bridge: RunningBridge;
let browser: Browser;
let page: Page;
let work: string;
let rendererDir: string;
const pageErrors: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('browser journey through the bridge', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Not tempDir(): that is emptied after every test, and the built UI serves them all.
    rendererDir = mkdtempSync(path.join(tmpdir(), 'bl-e2e-ui-'));
    engine = startSourceEngineHost();
    [, browser] = await Promise.all([buildRenderer(rendererDir), launchChromium()]);
    bridge = await startBridge({ api: engine, rendererDir });
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await engine?.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('walks from a new case to a verified custody log, showing what the engine computed', async () => {
    // tempDir() folders are removed after each test, so this test owns its whole journey.
    work = tempDir('bl-e2e-');
    const caseDir = path.join(work, 'cases', '2024-017-acme');
    const bigLog = path.join(work, 'edge-proxy-access-2024-03-05-full-day-export-from-siem.log');
    writeApacheLog(bigLog, 16);

    await page.goto(bridge.url);
    await page.getByRole('heading', { name: 'New case' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await shot('01-case-picker-empty');

    await page.fill('input[name=caseDir]', caseDir);
    await page.fill('input[name=name]', CASE_NAME);
    await page.fill('input[name=investigator]', 'J. Rivera (Rivera Forensics LLC)');
    await page.fill('input[name=matter]', 'M-2024-017');
    await page.fill('input[name=discovered]', '2024-03-07');
    await page.fill('input[name=timeZone]', 'America/Chicago');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
    await page.getByText('No evidence yet').waitFor();
    await shot('02-evidence-empty');

    await page.fill('textarea[name=paths]', [bigLog, ...SAMPLE_FILES].join('\n'));
    await page.getByRole('button', { name: /^Add 5 files$/ }).click();
    const progress = page.getByTestId('job-progress');
    await progress.filter({ hasText: 'edge-proxy-access' }).filter({ hasText: 'Parsing rows' }).filter({ hasText: 'rows/s' }).waitFor();
    await shot('03-evidence-progress');
    await progress.waitFor({ state: 'detached', timeout: 90_000 });
    await page.getByTestId('add-outcomes').getByText('5 of 5 files added').waitFor();

    const evidence = await engine.listEvidence({ caseDir });
    expect(evidence).toHaveLength(5);
    for (const item of evidence) {
      await expect(page.getByTestId(`sha256-${item.id}`).getAttribute('title')).resolves.toBe(item.sha256);
    }
    await expect(page.getByTestId('evidence-summary').textContent()).resolves.toContain('5 files');
    await page.getByRole('row').filter({ hasText: 'magento2__ImportExport_Sample_customer.csv' }).click();
    const magento = evidence.find((e) => e.originalName === 'magento2__ImportExport_Sample_customer.csv')!;
    await expect(page.getByTestId('detail-sha256').textContent()).resolves.toBe(magento.sha256);
    await shot('04-evidence-table');

    const missing = path.join(work, 'not-collected-yet.csv');
    await page.fill('textarea[name=paths]', missing);
    await page.getByRole('button', { name: /^Add file$/ }).click();
    const failure = page.getByTestId('add-outcomes');
    await failure.getByText('0 of 1 file added').waitFor();
    const [engineAnswer] = await engine.addEvidence({ caseDir, files: [missing] });
    expect(engineAnswer?.status).toBe('failed');
    await expect(failure.textContent()).resolves.toContain(engineAnswer?.status === 'failed' ? engineAnswer.message : '?');
    await shot('05-evidence-add-failed');

    await page.getByRole('button', { name: /^Verify/ }).click();
    await page.getByRole('button', { name: 'Verify case' }).waitFor();
    await shot('06-verify-before');
    await page.getByRole('button', { name: 'Verify case' }).click();
    const verdict = page.getByTestId('verify-verdict');
    await verdict.getByText('All checks passed').waitFor();
    await expect(verdict.textContent()).resolves.toContain('5 of 5 files intact');
    await expect(page.getByTestId('verify-table').getByText('Pass', { exact: true }).count()).resolves.toBe(5);
    await shot('07-verify-passed');

    await page.getByRole('button', { name: /^Custody log/ }).click();
    const head = (await engine.custody({ caseDir })).head;
    await expect(page.getByTestId('custody-head').textContent()).resolves.toBe(head.hash);
    await page.getByText(`Head · entry #${head.seq}`).waitFor();
    await page.getByTestId('custody-verification').getByText('Verified').waitFor();
    await page.getByTestId('custody-table').getByRole('row').filter({ hasText: 'verify' }).click();
    await shot('08-custody-log');

    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { name: 'Affected consumers' }).waitFor();
    await page.getByText('No analysis yet').waitFor();
    await shot('09-consumers-no-analysis');

    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('list', { name: 'Recent cases' }).getByText(caseDir).waitFor();
    await page.fill('input[name=openPath]', path.join(work, 'no-such-case'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const openError = await engine.openCase({ caseDir: path.join(work, 'no-such-case') }).catch((e: Error) => e.message);
    await expect(alert.textContent()).resolves.toContain(openError);
    await shot('10-case-picker-recent-and-error');

    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('shows a clear message when the page has no bridge token', async () => {
    const stranger = await browser.context.newPage();
    await stranger.goto(`http://127.0.0.1:${bridge.port}/`);
    await stranger.getByText('No connection to the Breach Ledger engine').waitFor();
    await stranger.screenshot({ path: path.join(SCREENSHOTS, '11-no-token.png') });
    await stranger.close();
  });
});
