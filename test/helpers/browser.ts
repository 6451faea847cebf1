import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findBrowser, HOW_TO_GET_A_BROWSER } from '../../scripts/find-browser';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium (found by scripts/find-browser.ts) with a fresh profile folder (removed on close), at a
 * 1280×800 viewport. Without a browser it throws one sentence saying how to get one, so the suite fails, never skips.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = findBrowser();
  if (!browser) throw new Error(HOW_TO_GET_A_BROWSER);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'bl-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: browser.executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
