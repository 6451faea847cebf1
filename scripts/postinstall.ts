/**
 * `npm install`'s postinstall: on a connected workstation with no browser for the browser tests, fetches
 * Playwright's Chromium (`playwright-core install --no-shell chromium`). It does nothing in CI (CI=true; .ci/run
 * installs Debian's Chromium), offline (`npm --offline`, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD) or when a browser is
 * found. It never fails the install: a failed download is one line of warning.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findBrowser, HOW_TO_GET_A_BROWSER, realHost, type BrowserHost, type FoundBrowser } from './find-browser';

export type BrowserFetchDecision = { fetch: true } | { fetch: false; reason: string };

const isSet = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

export function browserFetchDecision(env: BrowserHost['env'], found: FoundBrowser | null): BrowserFetchDecision {
  if (isSet(env.CI)) return { fetch: false, reason: 'CI' };
  if (isSet(env.npm_config_offline) || isSet(env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD)) return { fetch: false, reason: 'offline' };
  if (found) return { fetch: false, reason: `browser found: ${found.executablePath}` };
  return { fetch: true };
}

export type InstallOutcome = { ok: true } | { ok: false; error: string };

/** Runs playwright-core's own installer for Chromium (no headless shell: the tests run the full browser headless). */
export function installPlaywrightChromium(env: NodeJS.ProcessEnv = process.env): InstallOutcome {
  let cli: string;
  try {
    cli = path.join(path.dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  } catch {
    return { ok: false, error: 'playwright-core is not installed (were the devDependencies omitted?)' };
  }
  const run = spawnSync(process.execPath, [cli, 'install', '--no-shell', 'chromium'], { encoding: 'utf8', env, timeout: 15 * 60_000 });
  if (run.status === 0) return { ok: true };
  const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const firstError = output.split('\n').find((line) => /^Error: /.test(line))?.replace(/^Error: /, '').replace(/,? caused by$/, '');
  return { ok: false, error: firstError ?? run.error?.message ?? `the installer exited with status ${run.status ?? 'unknown'}` };
}

/** What the postinstall prints: nothing, one line of success, or one line of warning. Never throws. */
export function ensureBrowser(host: BrowserHost, install: () => InstallOutcome): string | null {
  let found: FoundBrowser | null;
  try {
    found = findBrowser(host);
  } catch (error) {
    return `breach-ledger: warning: ${(error as Error).message}`;
  }
  const decision = browserFetchDecision(host.env, found);
  if (!decision.fetch) return null;
  const outcome = install();
  if (outcome.ok) return "breach-ledger: downloaded Playwright's Chromium for the browser tests.";
  return `breach-ledger: warning: could not download Playwright's Chromium for the browser tests (${outcome.error}). ${HOW_TO_GET_A_BROWSER}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const line = ensureBrowser(realHost(), () => installPlaywrightChromium());
    if (line) console.warn(line);
  } catch (error) {
    console.warn(`breach-ledger: warning: the browser check failed (${(error as Error).message}); npm install is otherwise complete.`);
  }
}
