/**
 * The Notices screen in real Chromium against the real engine: counsel's facts, per jurisdiction the template with
 * its required and forbidden checks, a real person's letter, the counts and the export. Editing a template to drop a
 * required heading is refused, and the refusal names the heading; a forbidden inclusion is refused by name.
 * Screens at 1440×900 and 1024×700 (and the empty state of a case without analysis), axe-core on each.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../bridge/server';
import { startSourceEngineHost } from '../../bridge/engine';
import type { EngineHostClient } from '../../electron/engine-client';
import { generateBreach } from '../../shared/demo';
import { launchChromium, type Browser } from '../helpers/browser';
import { buildRenderer } from './renderer-build';
import { expectAccessible, newPage, screenshotter, SIZES } from './ui-harness';

const shot = screenshotter(fileURLToPath(new URL('../../test-artifacts/notices-screens/', import.meta.url)));

interface Scenario {
  discovery: string;
  attack: { window: { start: string; end: string }; attackerIps: string[] };
}

let engine: EngineHostClient;
let bridge: RunningBridge;
let browser: Browser;
let work: string;
let caseDir: string;
let emptyCaseDir: string;

const FACTS = {
  company: { name: 'Larkspur Outfitters, Inc.', address: ['1200 Harbor Blvd, Suite 400', 'Oakland, CA 94607'], tollFreePhone: '1-888-555-0142', website: 'https://larkspur.example/notice', email: 'privacy@larkspur.example' },
  contact: { name: 'Morgan Ellis', title: 'Privacy Officer', phone: '1-888-555-0142', email: 'privacy@larkspur.example' },
  incident: { start: '2025-06-16', end: '2025-06-17' },
  noticeDate: '2025-07-15',
  whatHappened: 'An unauthorized party used a connected application approved through a deceptive phone call to read customer records.',
  whatWeAreDoing: 'We revoked the application, reset credentials and engaged a forensic firm.',
  lawEnforcementDelay: null,
  identityProtection: { provider: 'Kroll', months: null, enrollBy: '2025-10-15', url: 'https://enroll.example', phone: '1-888-555-0199', instructions: null },
};

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'bl-e2e-notices-'));
  engine = startSourceEngineHost();
  const prepare = async () => {
    const breach = await generateBreach({ outDir: path.join(work, 'breach'), seed: 11, size: 'tiny' });
    const scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as Scenario;
    caseDir = path.join(work, 'cases', 'larkspur');
    await engine.createCase({ caseDir, name: 'Larkspur Outfitters — notices (tiny synthetic case)', investigator: 'E. Okafor', discovered: scenario.discovery.slice(0, 10), timeZone: 'America/Los_Angeles' });
    await engine.addEvidence({ caseDir, files: breach.files.map((f) => path.join(work, 'breach', f.path)) });
    await engine.defineScope({ caseDir, from: scenario.attack.window.start, to: scenario.attack.window.end, ips: scenario.attack.attackerIps });
    await engine.reconstruct({ caseDir });
    await engine.setNoticeFacts({ caseDir, facts: FACTS, actor: 'Counsel (setup)' });
    emptyCaseDir = path.join(work, 'cases', 'empty');
    await engine.createCase({ caseDir: emptyCaseDir, name: 'A case with nothing analysed yet', investigator: 'E. Okafor', discovered: '2025-06-23' });
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

async function openNotices(page: Page, dir: string, examiner: string): Promise<void> {
  await page.goto(bridge.url);
  await page.getByRole('heading', { name: 'New case' }).waitFor();
  await page.fill('input[name=openPath]', dir);
  await page.fill('input[name=examiner]', examiner);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Case screens' }).getByRole('button', { name: 'Notices' }).click();
  await page.getByRole('heading', { name: 'Notices', level: 1 }).waitFor();
}

describe('the Notices screen', () => {
  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: template checks, a refused edit named, a real letter, counts and the export`, async () => {
      const pageErrors: string[] = [];
      const page = await newPage(browser, size, pageErrors);
      const examiner = `Counsel A. Lindqvist-Barros (${size.width})`;
      await openNotices(page, caseDir, examiner);

      // Facts with a required field emptied are refused, the field named; nothing is recorded.
      const factsPanel = page.getByTestId('notice-facts');
      const factsBefore = await engine.noticeFacts({ caseDir });
      await factsPanel.getByRole('button', { name: 'Edit facts' }).click();
      await factsPanel.locator('input[name=fact-companyName]').fill('');
      await factsPanel.getByRole('button', { name: 'Save facts as a new version' }).click();
      await expect(factsPanel.getByRole('alert').textContent()).resolves.toContain('company.name');
      expect((await engine.noticeFacts({ caseDir }))!.id).toBe(factsBefore!.id);
      await expectAccessible(page, 'notice facts refused');
      await shot(page, size, '00-notices-facts-refused');
      await factsPanel.getByRole('button', { name: 'Hide' }).click();

      const plan = await engine.noticePlan({ caseDir });
      const ca = plan.jurisdictions.find((j) => j.jurisdiction === 'US-CA');
      expect(ca, 'California requires notice in the demo').toBeDefined();
      await page.getByTestId('notice-US-CA').click();
      const counts = page.getByTestId('notice-counts');
      await expect(counts.getByTestId('count-letters').textContent()).resolves.toBe(ca!.letters.toLocaleString('en-US'));
      await expect(counts.getByTestId('count-held').textContent()).resolves.toBe(ca!.heldForReview.toLocaleString('en-US'));
      await expect(counts.getByTestId('count-postal-mail').textContent()).resolves.toBe(ca!.byMethod['postal mail'].toLocaleString('en-US'));
      expect(ca!.byMethod['postal mail'] + ca!.byMethod['email only'] + ca!.byMethod['no address or email']).toBe(ca!.letters);

      // The default template passes; every required heading is listed as present.
      const editor = page.getByTestId('template-editor');
      const checks = editor.getByTestId('template-checks');
      await checks.waitFor();
      for (const heading of ['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information']) {
        await expect(checks.locator(`tr[data-requirement="heading:${heading}"]`).getAttribute('data-status')).resolves.toBe('met');
      }

      // A real person's letter: the engine's own preview, title first, the person's elements in reader's words.
      const preview = page.getByTestId('letter-preview');
      const letter = preview.locator('article.letter');
      await letter.waitFor();
      const expected = await engine.previewLetter({ caseDir, jurisdiction: 'US-CA', consumerId: null });
      const shown = await letter.innerText();
      expect(shown.trimStart().startsWith('Notice of Data Breach') || shown.includes('\nNotice of Data Breach')).toBe(true);
      for (const paragraph of expected.paragraphs.filter((p) => p.text.trim())) expect(shown).toContain(paragraph.text);
      await expect(preview.textContent()).resolves.toContain(`consumer ${expected.consumerId}`);
      const person = (await engine.explainConsumer({ caseDir, consumerId: expected.consumerId })).consumer;
      if (person.name) expect(shown).toContain(person.name);
      await expectAccessible(page, 'notices');
      await shot(page, size, '01-notices-ca');
      await preview.scrollIntoViewIfNeeded();
      // Two frames, so the scrolled letter is painted before the picture is taken.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await shot(page, size, '01b-notices-letter-preview');

      // Drop a required heading: the engine refuses, and the refusal names it.
      const textarea = editor.locator('textarea[name=templateText]');
      const original = await textarea.inputValue();
      const sourceBefore = await editor.getByTestId('template-source').textContent();
      expect(original).toContain('[section: What Happened]');
      await textarea.fill(original.replace('[section: What Happened]', '[text]'));
      await editor.getByRole('button', { name: 'Save template' }).click();
      const refusal = editor.getByRole('alert');
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toContain('What Happened');
      await checks.locator('tr[data-requirement="heading:What Happened"][data-status=missing]').waitFor();
      await expect(editor.getByTestId('template-problems').textContent()).resolves.toContain('What Happened');
      // Nothing was recorded: the template in force is the one before the refused edit.
      await expect(editor.getByTestId('template-source').textContent()).resolves.toBe(sourceBefore);
      await expectAccessible(page, 'notices (refused template)');
      await shot(page, size, '02-notices-refused', { fullPage: true });

      // An edit that keeps every rule is saved as counsel's version, logged in custody as the examiner.
      await textarea.fill(original.replace('[section: What We Are Doing]', `[section: What We Are Doing]\nWe reviewed this notice on ${size.width}.\n`));
      await editor.getByRole('button', { name: 'Save template' }).click();
      await editor.getByText(/Saved as a new version/).waitFor();
      await expect(editor.getByTestId('template-source').textContent()).resolves.toContain('counsel');
      const logged = (await engine.custody({ caseDir })).entries.at(-1)!;
      expect(logged.actor).toBe(examiner);
      await letter.getByText(`We reviewed this notice on ${size.width}.`).waitFor();

      // Export: the notice package goes into a signed export.
      await page.getByTestId('notice-export').getByRole('button', { name: 'Export notice package' }).click();
      const result = page.getByTestId('notice-export-result');
      await result.waitFor({ timeout: 180_000 });
      await expect(result.textContent()).resolves.toMatch(/US-CA\//);
      await expectAccessible(page, 'notices (exported)');
      await shot(page, size, '03-notices-exported', { fullPage: true });

      expect(pageErrors).toEqual([]);
      await page.close();
    }, 300_000);
  }

  it('Massachusetts: a template that states the resident count is refused by name', async () => {
    const plan = await engine.noticePlan({ caseDir });
    const pageErrors: string[] = [];
    const size = SIZES[0];
    const page = await newPage(browser, size, pageErrors);
    await openNotices(page, caseDir, 'Counsel MA');
    // Massachusetts is in the list when it has letters, else its template is opened as another jurisdiction's.
    if (plan.jurisdictions.some((j) => j.jurisdiction === 'US-MA')) await page.getByTestId('notice-US-MA').click();
    else await page.selectOption('select[name=otherJurisdiction]', 'US-MA');
    await page.getByTestId('rules-in-force').getByText(/US-MA v/).waitFor();
    const editor = page.getByTestId('template-editor');
    const textarea = editor.locator('textarea[name=templateText]');
    await editor.getByTestId('template-checks').waitFor();
    const original = await textarea.inputValue();
    await textarea.fill(`${original.trimEnd()}\n\n[text]\nThis notice goes to {{residents.count}} residents.\n`);
    await editor.getByRole('button', { name: 'Save template' }).click();
    const refusal = editor.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/resident/i);
    await editor.getByTestId('template-checks').locator('tr[data-status=present]').first().waitFor();
    await expectAccessible(page, 'notices MA refused');
    await shot(page, size, '04-notices-ma-refused', { fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a case with no analysis says what to do first, at both sizes', async () => {
    for (const size of SIZES) {
      const pageErrors: string[] = [];
      const page = await newPage(browser, size, pageErrors);
      await openNotices(page, emptyCaseDir, 'Counsel empty');
      await page.getByText('No analysis yet').waitFor();
      await expectAccessible(page, 'notices empty');
      await shot(page, size, '05-notices-empty');
      expect(pageErrors).toEqual([]);
      await page.close();
    }
  }, 120_000);
});
