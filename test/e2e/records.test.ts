/**
 * The examiner's records in real Chromium against the real engine: CSV exports of the current filter (consumers,
 * triage window events, an import's rejects, the notes) written into the case and shown with path and digest;
 * notes and tags on consumers and events kept as versions; earlier exports listed and verified, a tampered one
 * named; connected apps shown by name and id. Screens at 1440×900 and 1024×700, axe-core on each.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../bridge/server';
import { startSourceEngineHost } from '../../bridge/engine';
import type { EngineHostClient } from '../../electron/engine-client';
import { generateBreach } from '../../shared/demo';
import { launchChromium, type Browser } from '../helpers/browser';
import { buildRenderer } from './renderer-build';
import { expectAccessible, expectReachable, newPage, screenshotter, SIZES } from './ui-harness';

const shot = screenshotter(fileURLToPath(new URL('../../test-artifacts/records-screens/', import.meta.url)));
const CASE_NAME = 'Larkspur Outfitters — Salesforce org 00D5e000000XyZ1 CRM exfiltration (records and notes, tiny synthetic case)';
const BAD_FILE = 'web-export-with-bad-rows-from-the-second-proxy-appliance-2025-06.csv';

interface Scenario {
  attack: { window: { start: string; end: string }; attackerIps: string[]; connectedApp: { name: string; id18: string } };
}

let engine: EngineHostClient;
let bridge: RunningBridge;
let browser: Browser;
let work: string;
let caseDir: string;
let scenario: Scenario;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'bl-e2e-records-'));
  engine = startSourceEngineHost();
  const prepare = async () => {
    const breach = await generateBreach({ outDir: path.join(work, 'breach'), seed: 11, size: 'tiny' });
    scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as Scenario;
    caseDir = path.join(work, 'cases', 'larkspur');
    const bad = path.join(work, BAD_FILE);
    writeFileSync(
      bad,
      Buffer.concat([
        Buffer.from('"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","CLIENT_IP","URI"\n"URI","20250601120000.000","r1","005000000000001AAA","10.0.0.1","/home"\n'),
        // A row that a spreadsheet would run as a formula, with a NUL and a 0xFF byte in it.
        Buffer.from("=cmd|' /C calc'!A0,"),
        Buffer.from([0x00, 0xff]),
        Buffer.from(',"r2","005000000000001AAA","10.0.0.1","/x"\n"URI","","r3","005000000000001AAA","10.0.0.1","/y"\n'),
      ]),
    );
    await engine.createCase({ caseDir, name: CASE_NAME, investigator: 'E. Okafor (lead)', discovered: '2025-06-23', timeZone: 'America/Chicago' });
    await engine.addEvidence({ caseDir, files: [...breach.files.map((f) => path.join(work, 'breach', f.path)), bad] });
    const { attack } = scenario;
    await engine.defineScope({ caseDir, from: attack.window.start, to: attack.window.end, ips: attack.attackerIps });
    await engine.reconstruct({ caseDir });
  };
  [, browser] = await Promise.all([buildRenderer(path.join(work, 'ui')), launchChromium(), prepare()]);
  bridge = await startBridge({ api: engine, rendererDir: path.join(work, 'ui') });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await engine?.close();
  rmSync(work, { recursive: true, force: true });
});

async function openCase(page: Awaited<ReturnType<typeof newPage>>, examiner: string) {
  await page.goto(bridge.url);
  await page.getByRole('heading', { name: 'New case' }).waitFor();
  await page.fill('input[name=openPath]', caseDir);
  await page.fill('input[name=examiner]', examiner);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('evidence-table').getByRole('row').nth(1).waitFor();
}

async function headIs(page: Awaited<ReturnType<typeof newPage>>): Promise<void> {
  const head = (await engine.custody({ caseDir })).head;
  await page.locator(`[data-testid=topbar-head][data-value="${head.hash}"]`).waitFor();
}

describe('CSV exports, notes and earlier exports in the app', () => {
  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}`, async () => {
      const pageErrors: string[] = [];
      const page = await newPage(browser, size, pageErrors);
      const examiner = `Dana Whitfield-Oyelaran (records, ${size.width})`;
      await openCase(page, examiner);

      // Evidence: the rejects of the bad file, exported as CSV; the app says where and logs it.
      await page.fill('input[name=evidenceSearch]', 'bad-rows');
      await page.getByTestId('evidence-table').getByRole('row').filter({ hasText: 'bad-rows' }).first().click();
      const rejects = page.getByTestId('rejected-rows');
      await rejects.getByTestId('rejects-table').waitFor();
      await rejects.getByRole('button', { name: /^Export all 2 rejected rows as CSV$/ }).click();
      const rejectsWritten = rejects.getByTestId('rejects-csv-written');
      await rejectsWritten.waitFor();
      const rejectsEntry = (await engine.custody({ caseDir })).entries.at(-1)!;
      expect(rejectsEntry).toMatchObject({ action: 'csv-export', actor: examiner });
      const rejectsFile = path.join(caseDir, rejectsEntry.subject);
      await expect(rejectsWritten.textContent()).resolves.toContain(rejectsFile);
      const rejectsCsv = readFileSync(rejectsFile, 'utf8');
      expect(rejectsCsv).toContain(`'=cmd|`);
      expect(rejectsCsv).toContain('\\x00\\xFF');
      await headIs(page);
      await expectAccessible(page, 'evidence rejects export');
      await shot(page, size, '01-evidence-rejects-csv', { fullPage: true });

      // Triage: the vished app by name and id; "+ Scope" adds the id the scope matches; the window's events as CSV.
      await page.keyboard.press('Alt+4');
      await page.fill('input[name=from]', scenario.attack.window.start);
      await page.fill('input[name=to]', scenario.attack.window.end);
      await page.getByRole('button', { name: 'Run triage' }).click();
      const triage = page.getByTestId('triage-table');
      await triage.getByRole('row').nth(1).waitFor();
      await page.getByRole('button', { name: /^App / }).click();
      const app = triage.getByTestId('app-identity').filter({ hasText: scenario.attack.connectedApp.name });
      await app.waitFor();
      await expect(app.textContent()).resolves.toContain(scenario.attack.connectedApp.id18);
      const addApp = triage.getByRole('button', { name: `Add app ${scenario.attack.connectedApp.name} (${scenario.attack.connectedApp.id18}) to scope` });
      await expectReachable(addApp, 'Triage: + Scope on the named app');
      await page.getByTestId('events-csv').getByRole('button', { name: 'Export the events in this window as CSV' }).click();
      const eventsWritten = page.getByTestId('events-csv-written');
      await eventsWritten.waitFor();
      const eventsEntry = (await engine.custody({ caseDir })).entries.at(-1)!;
      expect(eventsEntry.details).toMatchObject({ table: 'events', filter: { from: new Date(scenario.attack.window.start).toISOString(), to: new Date(scenario.attack.window.end).toISOString() } });
      expect(existsSync(path.join(caseDir, eventsEntry.subject))).toBe(true);
      await headIs(page);
      await expectAccessible(page, 'triage with app names and events export');
      await shot(page, size, '02-triage-apps-events-csv');

      // Consumers: the filtered rows as CSV (row count = the filtered total), then notes on a consumer and an event.
      await page.keyboard.press('Alt+6');
      await page.getByTestId('consumer-table').getByRole('row').nth(1).waitFor();
      await page.selectOption('select[name=basis]', 'exact');
      const count = page.getByTestId('consumer-count');
      await page.waitForFunction(() => document.querySelector('[data-testid=consumer-count]')?.textContent?.includes('match the filters') && !document.querySelector('[data-testid=consumer-count]')?.textContent?.includes('updating'));
      const total = Number(await count.getAttribute('data-total'));
      await page.getByTestId('consumers-csv').getByRole('button', { name: /filtered consumers as CSV$/ }).click();
      await page.getByTestId('consumers-csv-written').waitFor();
      const consumersEntry = (await engine.custody({ caseDir })).entries.at(-1)!;
      expect(consumersEntry.details).toMatchObject({ table: 'consumers', rows: total, filter: { basis: 'exact' } });
      await expect(page.getByTestId('consumers-csv-written').textContent()).resolves.toContain(`${total.toLocaleString('en-US')} rows`);
      await expectAccessible(page, 'consumers with export');
      await shot(page, size, '03-consumers-csv');

      await page.getByTestId('consumer-table').getByRole('row').nth(1).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByTestId('access').first().waitFor();
      const consumerNotes = drawer.locator('[data-testid^=notes-consumer-]');
      const consumerId = Number((await consumerNotes.getAttribute('data-testid'))!.replace('notes-consumer-', ''));
      const before = (await engine.listAnnotations({ caseDir, target: { kind: 'consumer', id: consumerId } })).length;
      await consumerNotes.getByRole('button', { name: /^(Add note or tags|Edit note \(keeps this version\))$/ }).click();
      await consumerNotes.locator('textarea').fill(`Second address in the shop export; confirm residency (${size.width}).`);
      await consumerNotes.locator('input[name^=tags-]').fill('follow-up, residency');
      await consumerNotes.getByRole('button', { name: 'Save as new version' }).click();
      await consumerNotes.getByText(`version ${before + 1}`).waitFor();
      await consumerNotes.getByRole('button', { name: 'Edit note (keeps this version)' }).click();
      await consumerNotes.locator('textarea').fill('Residency confirmed: one address (CA).');
      await consumerNotes.locator('input[name^=tags-]').fill('resolved');
      await consumerNotes.getByRole('button', { name: 'Save as new version' }).click();
      await consumerNotes.getByText(`version ${before + 2}`).waitFor();
      await consumerNotes.getByText(/^Earlier versions \(\d+\)$/).click();
      await expect(consumerNotes.getByTestId('note-version').first().textContent()).resolves.toContain('confirm residency');
      const versions = await engine.listAnnotations({ caseDir, target: { kind: 'consumer', id: consumerId } });
      expect(versions.slice(-2).map((v) => [v.note, v.tags, v.actor, v.current])).toEqual([
        [`Second address in the shop export; confirm residency (${size.width}).`, ['follow-up', 'residency'], examiner, false],
        ['Residency confirmed: one address (CA).', ['resolved'], examiner, true],
      ]);
      const noteEntries = (await engine.custody({ caseDir })).entries.filter((e) => e.action === 'note' && e.subject === `consumer ${consumerId}`);
      expect(noteEntries.slice(-2).map((e) => e.actor)).toEqual([examiner, examiner]);
      await headIs(page);

      const access = drawer.getByTestId('access').first();
      await access.getByRole('button', { name: /^Notes and tags on event \d+$/ }).click();
      const eventNotes = access.locator('[data-testid^=notes-event-]');
      await eventNotes.getByRole('button', { name: /^(Add note or tags|Edit note \(keeps this version\))$/ }).click();
      await eventNotes.locator('input[name^=tags-]').fill('attacker, bulk-query');
      await eventNotes.getByRole('button', { name: 'Save as new version' }).click();
      await eventNotes.getByRole('list', { name: 'Tags' }).getByText('bulk-query').waitFor();
      await expectAccessible(page, 'consumer drawer with notes');
      await shot(page, size, '04-consumer-notes');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      // Exports: the earlier exports (every CSV above), verified from disk; a tampered CSV fails and says why.
      await page.keyboard.press('Alt+9');
      const earlier = page.getByTestId('earlier-exports');
      await earlier.getByTestId('export-item').first().waitFor();
      const listed = await engine.listExports({ caseDir });
      await expect.poll(() => earlier.getByTestId('export-item').count()).toBe(listed.length);
      await page.getByTestId('notes-csv').getByRole('button', { name: 'Export examiner notes as CSV' }).click();
      await page.getByTestId('notes-csv-written').waitFor();
      // The list re-reads custody once the CSV is written.
      await expect.poll(() => earlier.getByTestId('export-item').count()).toBe(listed.length + 1);
      const rejectsItem = earlier.getByTestId('export-item').filter({ hasText: path.basename(rejectsFile) });
      await rejectsItem.getByRole('button', { name: /^Verify CSV / }).click();
      await rejectsItem.getByText('Verified').waitFor();
      appendFileSync(rejectsFile, 'tampered\r\n');
      await rejectsItem.getByRole('button', { name: /^Verify CSV / }).click();
      await rejectsItem.getByText('Fails').waitFor();
      await expect(rejectsItem.getByTestId('export-check').textContent()).resolves.toMatch(/size is \d+ bytes, custody entry #\d+ logged/);
      await expectAccessible(page, 'exports with earlier exports');
      await shot(page, size, '05-exports-earlier', { fullPage: true });

      expect(pageErrors).toEqual([]);
      await page.close();
    }, 240_000);
  }
});
