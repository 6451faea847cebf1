/**
 * What reviewers expect of the tables and of adding evidence, in real Chromium against the real engine:
 * a file kept but not imported is imported from the app with a format, zone and column mapping (and a bad option is
 * refused in the app's words, never command-line syntax); binary bytes never come back as text; an import's rejected
 * rows show line, byte offset and escaped bytes and filter by reason; Evidence, Custody and Triage sort by a column
 * header; Export waits for an analysis; the obligations and a consumer's walk-back print in full.
 * Screens at 1440×900 and 1024×700 in test-artifacts/tables-screens/, axe-core on each.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { pdfPageTexts } from '../helpers/pdf-text';
import { buildRenderer } from './renderer-build';
import { expectAccessible, newPage, screenshotter, SIZES } from './ui-harness';

const SCREENS = fileURLToPath(new URL('../../test-artifacts/tables-screens/', import.meta.url));
const shot = screenshotter(SCREENS);
/** One proxy log per window size, so each size sees a file not imported yet. */
const proxyLog = (width: number) => `perimeter-proxy-export-with-site-specific-column-names-2025-06-${width}.csv`;
const BINARY = 'unknown-appliance-dump.bin';
const BAD_ELF = 'EventLogFile_URI_with_bad_rows.csv';
/** Control characters other than tab and line breaks, and the replacement character of undecodable bytes. */
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;
const CLI_SYNTAX = /--[a-z]|<case>|<column>|ts=</;

interface Scenario {
  attack: { window: { start: string; end: string }; attackerIps: string[] };
}

let engine: EngineHostClient;
let bridge: RunningBridge;
let browser: Browser;
let work: string;
let caseDir: string;
let scenario: Scenario;
let badElfBytes: Buffer;

/** Deterministic bytes that are no text in any encoding (a SHA-256 chain). */
function binaryBytes(length: number): Buffer {
  const blocks: Buffer[] = [];
  let block = createHash('sha256').update('breach-ledger e2e binary').digest();
  while (blocks.length * 32 < length) {
    blocks.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(blocks).subarray(0, length);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'bl-e2e-tables-'));
  engine = startSourceEngineHost();
  const prepare = async () => {
    const breach = await generateBreach({ outDir: path.join(work, 'breach'), seed: 11, size: 'tiny' });
    scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as Scenario;
    caseDir = path.join(work, 'cases', 'larkspur');
    // A proxy log whose columns no parser knows by name: kept, not imported, until the examiner maps them.
    for (const { width } of SIZES) {
      const ip = `198.18.77.${width % 251}`;
      writeFileSync(path.join(work, proxyLog(width)), `when,addr,who,what\n2025-06-05 13:01:00,${ip},alice@example.test,/export\n2025-06-05 13:02:30,${ip},alice@example.test,/export?page=2\n`);
    }
    writeFileSync(path.join(work, BINARY), binaryBytes(4096));
    badElfBytes = Buffer.concat([
      Buffer.from('"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","CLIENT_IP","URI"\n"URI","20250601120000.000","r1","005000000000001AAA","10.0.0.1","/home"\n'),
      Buffer.from('"URI","not-a-time\u0000'),
      Buffer.from([0xff, 0x1b]),
      Buffer.from('","r2","005000000000001AAA","10.0.0.1","/x"\n"URI","","r3","005000000000001AAA","10.0.0.1","/y"\n'),
    ]);
    writeFileSync(path.join(work, BAD_ELF), badElfBytes);
    await engine.createCase({ caseDir, name: 'Larkspur Outfitters — tables and evidence options (tiny synthetic case)', investigator: 'E. Okafor (lead)', discovered: '2025-06-23', timeZone: 'America/Chicago' });
    await engine.addEvidence({ caseDir, files: [...breach.files.map((f) => path.join(work, 'breach', f.path)), ...[...SIZES.map((size) => proxyLog(size.width)), BINARY, BAD_ELF].map((f) => path.join(work, f))] });
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

async function openCase(page: Page, examiner: string): Promise<void> {
  await page.goto(bridge.url);
  await page.getByRole('heading', { name: 'New case' }).waitFor();
  await page.fill('input[name=openPath]', caseDir);
  await page.fill('input[name=examiner]', examiner);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('evidence-table').getByRole('row').nth(1).waitFor();
}

async function selectEvidence(page: Page, name: string): Promise<void> {
  await page.fill('input[name=evidenceSearch]', name);
  await page.getByTestId('evidence-table').getByRole('row').filter({ hasText: name }).first().click();
  await page.getByRole('heading', { name: new RegExp(`^Evidence \\d+ · ${name.replace(/\./g, '\\.')}$`) }).waitFor();
}

async function headIs(page: Page): Promise<void> {
  const head = (await engine.custody({ caseDir })).head;
  await page.locator(`[data-testid=topbar-head][data-value="${head.hash}"]`).waitFor();
}

/** Clicks a column header until it sorts in `direction`; returns the first data row's cells. */
async function sortBy(grid: Locator, header: string, direction: 'ascending' | 'descending'): Promise<string[]> {
  const column = grid.getByRole('columnheader', { name: new RegExp(`^${header}`) });
  for (let i = 0; i < 3 && (await column.getAttribute('aria-sort')) !== direction; i++) await column.getByRole('button').click();
  expect(await column.getAttribute('aria-sort'), `${header} sorts ${direction}`).toBe(direction);
  return grid.locator('[role=row][aria-rowindex="2"] [role=gridcell]').allTextContents();
}

describe('adding evidence and the tables reviewers use', () => {
  for (const size of SIZES) {
  it(`imports a kept file with a column mapping, says errors in app words, and shows rejected rows in full at ${size.width}×${size.height}`, async () => {
    const PROXY_LOG = proxyLog(size.width);
    const pageErrors: string[] = [];
    const page = await newPage(browser, size, pageErrors);
    await openCase(page, 'Dana Whitfield (evidence options)');
    // The examiner is changed in the top bar while the case is open: the next actions are logged under the new name.
    const examiner = `D. Whitfield-Oyelaran (took over the evidence at ${size.width})`;
    await page.getByTestId('examiner').click();
    await page.locator('.examiner-form input[name=examiner]').fill(examiner);
    await page.locator('.examiner-form').getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('examiner').textContent()).resolves.toContain(examiner);

    // The proxy log was kept, not imported: the reason is in the app's words and the options are open beside it.
    await selectEvidence(page, PROXY_LOG);
    const details = page.getByLabel(/^Details of evidence \d+$/);
    await expect(details.textContent()).resolves.toMatch(/Not imported \(kept as an original only\): No timestamp column found/);
    expect(await details.textContent()).not.toMatch(CLI_SYNTAX);
    const reimport = page.getByTestId('reimport');
    await expect(reimport.getByTestId('import-options').getAttribute('open')).resolves.not.toBeNull();
    await expectAccessible(page, 'evidence: a file kept but not imported');
    await shot(page, size, '01-evidence-not-imported', { fullPage: true });

    // A bad time zone is refused with one sentence in the app's words.
    await reimport.locator('input[name=importTimeZone]').fill('Mars/Olympus_Mons');
    await reimport.getByRole('button', { name: /^Import evidence \d+$/ }).click();
    const refused = reimport.getByRole('alert');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('The time zone must be an IANA time zone name');
    expect(await refused.textContent()).not.toMatch(CLI_SYNTAX);
    await shot(page, size, '02-evidence-reimport-refused', { fullPage: true });

    // Then the right zone and a mapping: the two rows are imported, read in that zone, and the import is logged.
    await reimport.locator('input[name=importTimeZone]').fill('America/Chicago');
    for (const [field, column] of [['ts', 'when'], ['clientIp', 'addr'], ['username', 'who'], ['uri', 'what']] as const) {
      await reimport.getByRole('button', { name: '+ Map a column' }).click();
      const row = reimport.locator('.mapping-row').last();
      await row.locator('select').selectOption(field);
      await row.locator('input').fill(column);
    }
    await reimport.getByRole('button', { name: /^Import evidence \d+$/ }).click();
    await reimport.getByTestId('reimport-result').getByText('Imported: 2 rows · 0 rejected · 0 duplicate.').waitFor();
    const proxy = (await engine.listEvidence({ caseDir })).find((e) => e.originalName === PROXY_LOG)!;
    expect(proxy.latestImport?.rowsImported).toBe(2);
    const imported = await engine.listEvents({ caseDir, limit: 100_000 });
    const proxyEvents = imported.events.filter((e) => e.clientIp === `198.18.77.${size.width % 251}`);
    // 13:01 in Chicago (CDT, UTC−5) is 18:01 UTC.
    expect(proxyEvents.map((e) => e.ts).sort()).toEqual(['2025-06-05T18:01:00.000Z', '2025-06-05T18:02:30.000Z']);
    const logged = (await engine.custody({ caseDir })).entries.filter((e) => e.subject.includes(PROXY_LOG)).at(-1)!;
    expect([logged.action, logged.actor, logged.osUser]).toEqual(['parse', examiner, userInfo().username]);
    await headIs(page);
    await expect(details.textContent()).resolves.toContain('2 imported');
    await expectAccessible(page, 'evidence: imported with a mapping');
    await shot(page, size, '03-evidence-reimported', { fullPage: true });

    // Binary bytes: the reason says so and nothing undecodable is echoed as text.
    await selectEvidence(page, BINARY);
    const binaryText = (await details.textContent())!;
    expect(binaryText).toContain('not readable text');
    expect(binaryText).not.toMatch(NOT_TEXT);
    expect(binaryText).not.toMatch(CLI_SYNTAX);

    // Rejected rows: line, byte offset (checked against the file's own bytes), the raw bytes escaped, a reason filter.
    await selectEvidence(page, BAD_ELF);
    const rejects = page.getByTestId('rejected-rows');
    const evidenceId = (await engine.listEvidence({ caseDir })).find((e) => e.originalName === BAD_ELF)!.id;
    const all = await engine.listRejects({ caseDir, evidenceId });
    expect(all.total).toBe(2);
    const lineStart = (line: number) => {
      let at = 0;
      for (let n = 1; n < line; n++) at = badElfBytes.indexOf(0x0a, at) + 1;
      return at;
    };
    const table = rejects.getByTestId('rejects-table');
    await table.getByRole('row').nth(2).waitFor();
    for (const [i, reject] of all.rejects.entries()) {
      expect(reject.byteOffset, `line ${reject.lineNo}`).toBe(lineStart(reject.lineNo!));
      const cells = await table.locator(`[role=row][aria-rowindex="${i + 2}"] [role=gridcell]`).allTextContents();
      expect(cells.slice(0, 3)).toEqual([String(reject.lineNo), reject.byteOffset.toLocaleString('en-US'), reject.reason]);
      expect(cells[3]).not.toMatch(NOT_TEXT);
    }
    const binaryRow = all.rejects.find((r) => r.lineNo === 3)!;
    expect(binaryRow.raw).toContain('not-a-time\\x00\\xFF\\x1B');
    await table.locator('[role=row][aria-rowindex="2"]').click();
    await expect(rejects.getByLabel('Raw bytes of the rejected row, escaped').textContent()).resolves.toBe(all.rejects[0]!.raw);
    const reason = all.rejects[0]!.reason;
    const narrowed = await engine.listRejects({ caseDir, evidenceId, reason });
    await rejects.locator('input[name=rejectFilter]').fill(reason);
    await expect.poll(() => table.locator('[role=row][aria-rowindex]').count()).toBe(narrowed.total + 1);
    await rejects.getByRole('button', { name: narrowed.total === 1 ? 'Export the one rejected row as CSV' : `Export these ${narrowed.total} rejected rows as CSV` }).waitFor();
    await expectAccessible(page, 'evidence: rejected rows');
    await shot(page, size, '04-evidence-rejects', { fullPage: true });

    // Export waits for an analysis and says why.
    await page.keyboard.press('Alt+9');
    const exportButton = page.getByRole('button', { name: 'Export case' });
    await exportButton.waitFor();
    await expect(exportButton.isDisabled()).resolves.toBe(true);
    await expect(page.locator('#export-needs-analysis').textContent()).resolves.toMatch(/\S/);
    await expectAccessible(page, 'exports before an analysis');
    await shot(page, size, '05-exports-before-analysis');

    expect(pageErrors).toEqual([]);
    await page.close();
  }, 240_000);
  }

  for (const size of SIZES) {
    it(`sorts Evidence, Custody and Triage by a header, and prints obligations and a walk-back in full at ${size.width}×${size.height}`, async () => {
      if ((await engine.listScopes({ caseDir })).length === 0) {
        await engine.defineScope({ caseDir, from: scenario.attack.window.start, to: scenario.attack.window.end, ips: scenario.attack.attackerIps });
        await engine.reconstruct({ caseDir });
      }
      const pageErrors: string[] = [];
      const page = await newPage(browser, size, pageErrors);
      await openCase(page, `Sorter ${size.width}`);

      const evidence = await engine.listEvidence({ caseDir });
      const evidenceGrid = page.getByTestId('evidence-table').getByRole('grid');
      expect((await sortBy(evidenceGrid, 'ID', 'descending'))[1]).toBe(String(Math.max(...evidence.map((e) => e.id))));
      expect((await sortBy(evidenceGrid, 'ID', 'ascending'))[1]).toBe(String(Math.min(...evidence.map((e) => e.id))));
      await shot(page, size, '06-evidence-sorted');

      await page.keyboard.press('Alt+3');
      const custodyGrid = page.getByTestId('custody-table').getByRole('grid');
      await custodyGrid.getByRole('row').nth(1).waitFor();
      const head = (await engine.custody({ caseDir })).head;
      expect((await sortBy(custodyGrid, 'Seq', 'descending'))[0]).toBe(String(head.seq));
      expect(Number((await sortBy(custodyGrid, 'Seq', 'ascending'))[0])).toBeLessThan(head.seq);

      await page.keyboard.press('Alt+4');
      await page.fill('input[name=from]', scenario.attack.window.start);
      await page.fill('input[name=to]', scenario.attack.window.end);
      await page.getByRole('button', { name: 'Run triage' }).click();
      const triageGrid = page.getByTestId('triage-table').getByRole('grid');
      await triageGrid.getByRole('row').nth(1).waitFor();
      const triage = await engine.triage({ caseDir, from: scenario.attack.window.start, to: scenario.attack.window.end, limit: 25 });
      await sortBy(triageGrid, 'Events', 'descending');
      const eventsAt = (await triageGrid.getByRole('columnheader').allTextContents()).findIndex((h) => h.startsWith('Events'));
      const shown = await triageGrid.locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])').evaluateAll(
        (rows, at) => rows.map((r) => Number(r.querySelectorAll('[role=gridcell]')[at]?.textContent?.replace(/,/g, '') ?? NaN)),
        eventsAt,
      );
      expect(shown[0]).toBe(Math.max(...triage.map((t) => t.events)));
      expect(shown).toEqual([...shown].sort((a, b) => b - a));
      // Timestamps in full: to the second with their zone, never cut by the column.
      const headers = await triageGrid.getByRole('columnheader').allTextContents();
      for (const header of ['First seen (UTC)', 'Last seen (UTC)']) {
        const at = headers.findIndex((h) => h.startsWith(header));
        const cells = await triageGrid.locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])').evaluateAll(
          (rows, i) => rows.map((r) => { const cell = r.querySelectorAll('[role=gridcell]')[i] as HTMLElement; return { text: cell.textContent, cut: cell.scrollWidth > cell.clientWidth + 1 }; }),
          at,
        );
        expect(cells.length).toBeGreaterThan(0);
        const full = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;
        for (const cell of cells) expect([cell.text ?? '', cell.cut], header).toEqual([expect.stringMatching(full) as string, false]);
      }
      // Search narrows the talkers to the values that contain the text.
      const ip = triage.find((t) => t.dimension === 'ip')!.value;
      await page.fill('input[name=triageSearch]', ip);
      await expect.poll(() => triageGrid.locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])').count()).toBe(triage.filter((t) => t.value.includes(ip) || t.names.some((n) => n.includes(ip))).length);
      await page.fill('input[name=triageSearch]', '');
      await expectAccessible(page, 'triage sorted by events');
      await shot(page, size, '07-triage-sorted');

      // Obligations print as every jurisdiction's card with its reasons, without the app's chrome.
      await page.keyboard.press('Alt+7');
      await page.getByTestId('deadline-timeline').waitFor();
      const obligations = await engine.obligations({ caseDir });
      const obligationsPdf = path.join(work, `obligations-${size.width}.pdf`);
      await page.pdf({ path: obligationsPdf, format: 'Letter', printBackground: false });
      const printed = (await pdfPageTexts(obligationsPdf)).join('\n').replace(/\s+/g, ' ');
      // The print is the view on screen (notice required or possible, the default), and says which view it is.
      const owed = obligations.jurisdictions.filter((j) => j.noticeRequired !== 'no');
      expect(owed.length).toBeGreaterThan(0);
      expect(printed).toContain(`Printed view: Notice required or possible · ${owed.length} of ${obligations.jurisdictions.length} jurisdictions`);
      for (const j of owed) expect(printed, `printed obligations name ${j.name}`).toContain(j.name);
      expect(printed).not.toContain('Print obligations');
      expect(printed).not.toContain('Find a state');

      // A consumer's walk-back prints alone, down to the file's SHA-256.
      await page.keyboard.press('Alt+6');
      await page.getByTestId('consumer-table').getByRole('row').nth(1).click();
      const drawer = page.getByTestId('consumer-drawer');
      await drawer.getByTestId('access').first().waitFor();
      const consumerId = Number((await drawer.locator('[data-testid^=notes-consumer-]').getAttribute('data-testid'))!.replace('notes-consumer-', ''));
      const explanation = await engine.explainConsumer({ caseDir, consumerId });
      const walkPdf = path.join(work, `walk-back-${size.width}.pdf`);
      await page.pdf({ path: walkPdf, format: 'Letter', printBackground: false });
      const walk = (await pdfPageTexts(walkPdf)).join('\n').replace(/\s+/g, '');
      for (const access of explanation.accesses) expect(walk, `walk-back prints the SHA-256 of ${access.source.evidenceName}`).toContain(access.source.sha256);
      expect(walk).not.toContain('Affectedconsumers');
      await shot(page, size, '08-consumer-walk-back');

      expect(pageErrors).toEqual([]);
      await page.close();
    }, 240_000);
  }
});
