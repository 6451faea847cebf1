/** Browser-test helpers shared by the screen tests: pages that collect errors, axe-core, screenshots. */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Browser } from '../helpers/browser';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
export type Size = (typeof SIZES)[number];

export async function newPage(browser: Browser, size: { width: number; height: number }, pageErrors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(size);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  return page;
}

/** axe-core in the page (evaluated over DevTools, so the page's CSP does not apply): no critical or serious violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; failureSummary: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} (${n.failureSummary.replace(/\s+/g, ' ')})`).join('; ')}`);
  });
  expect(violations, `axe on ${screen}`).toEqual([]);
}

/** Screenshots go to `dir` as `<width>-<name>.png`; full page when the screen is taller than the window. */
export function screenshotter(dir: string): (page: Page, size: { width: number }, name: string, options?: { fullPage?: boolean }) => Promise<string> {
  mkdirSync(dir, { recursive: true });
  return async (page, size, name, options = {}) => {
    const file = path.join(dir, `${size.width}-${name}.png`);
    await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
    return file;
  };
}

/** Inside the window horizontally once scrolled into view, and the topmost element at its centre. */
export async function expectReachable(locator: ReturnType<Page['locator']>, what: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const hit = await locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return { inWindow: box.left >= 0 && box.right <= window.innerWidth + 0.5 && box.top >= 0 && box.bottom <= window.innerHeight + 0.5, onTop: top !== null && (el === top || el.contains(top)) };
  });
  expect(hit, what).toEqual({ inWindow: true, onTop: true });
}
