import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, HOW_TO_GET_A_BROWSER, playwrightCacheDir, realHost, type BrowserHost } from '../../../scripts/find-browser';
import { browserFetchDecision, ensureBrowser, installPlaywrightChromium } from '../../../scripts/postinstall';
import { tempDir } from '../../helpers/tmp';

/** A machine described by its environment and the files on it. */
function fakeHost(options: { platform?: NodeJS.Platform; env?: Record<string, string>; files?: string[] }): BrowserHost {
  const platform = options.platform ?? 'linux';
  const p = platform === 'win32' ? path.win32 : path.posix;
  const files = new Set(options.files ?? []);
  return {
    env: options.env ?? {},
    platform,
    homedir: platform === 'win32' ? 'C:\\Users\\ann' : platform === 'darwin' ? '/Users/ann' : '/home/ann',
    cwd: platform === 'win32' ? 'C:\\work\\repo' : '/work/repo',
    playwrightCoreDir: platform === 'win32' ? 'C:\\work\\repo\\node_modules\\playwright-core' : '/work/repo/node_modules/playwright-core',
    isExecutableFile: (file) => files.has(file),
    list(dir) {
      const prefix = dir.endsWith(p.sep) ? dir : dir + p.sep;
      return [...new Set([...files].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split(p.sep)[0]!))];
    },
  };
}

const PW_LINUX = '/home/ann/.cache/ms-playwright';
const pwChromium = (rev: number): string[] => [`${PW_LINUX}/chromium-${rev}/INSTALLATION_COMPLETE`, `${PW_LINUX}/chromium-${rev}/chrome-linux64/chrome`];

describe('finding a browser for the browser tests', () => {
  it('takes BREACH_LEDGER_BROWSER first, then Playwright\'s cache, then the system installs', () => {
    const files = ['/opt/custom/chrome', ...pwChromium(1255), '/usr/bin/chromium', '/usr/bin/google-chrome'];
    expect(findBrowser(fakeHost({ env: { BREACH_LEDGER_BROWSER: '/opt/custom/chrome' }, files }))).toEqual({
      executablePath: '/opt/custom/chrome',
      source: 'BREACH_LEDGER_BROWSER',
    });
    expect(findBrowser(fakeHost({ files }))).toEqual({ executablePath: `${PW_LINUX}/chromium-1255/chrome-linux64/chrome`, source: 'playwright-cache' });
    expect(findBrowser(fakeHost({ files: ['/usr/bin/chromium', '/usr/bin/google-chrome'] }))).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
    expect(findBrowser(fakeHost({ files: ['/usr/bin/microsoft-edge', '/usr/bin/google-chrome'] }))?.executablePath).toBe('/usr/bin/google-chrome');
    expect(findBrowser(fakeHost({ files: ['/opt/microsoft/msedge/msedge'] }))?.executablePath).toBe('/opt/microsoft/msedge/msedge');
  });

  it('refuses a BREACH_LEDGER_BROWSER that names no executable instead of quietly using another browser', () => {
    expect(() => findBrowser(fakeHost({ env: { BREACH_LEDGER_BROWSER: '/no/such/chrome' }, files: ['/usr/bin/chromium'] }))).toThrow(/BREACH_LEDGER_BROWSER is set to \/no\/such\/chrome/);
  });

  it('in Playwright\'s cache uses only complete installs, newest revision first, full Chromium before the headless shell', () => {
    const shell = [`${PW_LINUX}/chromium_headless_shell-1300/INSTALLATION_COMPLETE`, `${PW_LINUX}/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell`];
    const partial = `${PW_LINUX}/chromium-1400/chrome-linux64/chrome`;
    expect(findBrowser(fakeHost({ files: [...pwChromium(1200), ...pwChromium(1255), partial, ...shell] }))?.executablePath).toBe(`${PW_LINUX}/chromium-1255/chrome-linux64/chrome`);
    expect(findBrowser(fakeHost({ files: [partial, ...shell] }))?.executablePath).toBe(shell[1]);
  });

  it('finds Playwright\'s cache where playwright-core puts it on each OS and under PLAYWRIGHT_BROWSERS_PATH', () => {
    expect(playwrightCacheDir(fakeHost({}))).toBe(PW_LINUX);
    expect(playwrightCacheDir(fakeHost({ env: { XDG_CACHE_HOME: '/xdg' } }))).toBe('/xdg/ms-playwright');
    expect(playwrightCacheDir(fakeHost({ platform: 'darwin' }))).toBe('/Users/ann/Library/Caches/ms-playwright');
    expect(playwrightCacheDir(fakeHost({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' } }))).toBe('C:\\Users\\ann\\AppData\\Local\\ms-playwright');
    expect(playwrightCacheDir(fakeHost({ env: { PLAYWRIGHT_BROWSERS_PATH: '/srv/pw' } }))).toBe('/srv/pw');
    expect(playwrightCacheDir(fakeHost({ env: { PLAYWRIGHT_BROWSERS_PATH: 'browsers' } }))).toBe('/work/repo/browsers');
    expect(playwrightCacheDir(fakeHost({ env: { PLAYWRIGHT_BROWSERS_PATH: '0' } }))).toBe('/work/repo/node_modules/playwright-core/.local-browsers');
    const custom = ['/srv/pw/chromium-1255/INSTALLATION_COMPLETE', '/srv/pw/chromium-1255/chrome-linux64/chrome', ...pwChromium(1255)];
    expect(findBrowser(fakeHost({ env: { PLAYWRIGHT_BROWSERS_PATH: '/srv/pw' }, files: custom }))?.executablePath).toBe('/srv/pw/chromium-1255/chrome-linux64/chrome');
  });

  it('knows the usual install paths on macOS and Windows, Chromium before Chrome before Edge', () => {
    const mac = browserCandidates(fakeHost({ platform: 'darwin' })).map((c) => c.executablePath);
    expect(mac.indexOf('/Applications/Chromium.app/Contents/MacOS/Chromium')).toBeLessThan(mac.indexOf('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
    expect(mac.indexOf('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')).toBeLessThan(mac.indexOf('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'));
    const winEnv = { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(fakeHost({ platform: 'win32', env: winEnv, files: [edge] }))?.executablePath).toBe(edge);
    expect(findBrowser(fakeHost({ platform: 'win32', env: winEnv, files: [edge, chrome] }))?.executablePath).toBe(chrome);
    const pwWin = 'C:\\Users\\ann\\AppData\\Local\\ms-playwright\\chromium-1255';
    expect(findBrowser(fakeHost({ platform: 'win32', env: winEnv, files: [chrome, `${pwWin}\\INSTALLATION_COMPLETE`, `${pwWin}\\chrome-win64\\chrome.exe`] }))?.source).toBe('playwright-cache');
  });

  it('returns null when there is nothing, and the message says how to get a browser in one sentence', () => {
    expect(findBrowser(fakeHost({}))).toBeNull();
    expect(HOW_TO_GET_A_BROWSER).toMatch(/playwright-core install chromium/);
    expect(HOW_TO_GET_A_BROWSER.split(/[.:] [A-Z]/)).toHaveLength(1);
  });

  it('reads a real file system through the real host', () => {
    const dir = tempDir('bl-browser-');
    const exe = path.join(dir, 'chrome');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    mkdirSync(path.join(dir, 'not-a-file'));
    const host = realHost();
    expect(findBrowser({ ...host, env: { BREACH_LEDGER_BROWSER: exe } })).toEqual({ executablePath: exe, source: 'BREACH_LEDGER_BROWSER' });
    expect(() => findBrowser({ ...host, env: { BREACH_LEDGER_BROWSER: path.join(dir, 'not-a-file') } })).toThrow(/not an executable file/);
  });
});

describe('npm install fetching a browser (postinstall)', () => {
  const none = fakeHost({});
  const some = fakeHost({ files: ['/usr/bin/chromium'] });

  it('fetches only on a workstation without a browser, never in CI or offline', () => {
    expect(browserFetchDecision({}, null)).toEqual({ fetch: true });
    expect(browserFetchDecision({ CI: 'true' }, null)).toEqual({ fetch: false, reason: 'CI' });
    expect(browserFetchDecision({ CI: 'false' }, null)).toEqual({ fetch: true });
    expect(browserFetchDecision({ npm_config_offline: 'true' }, null)).toEqual({ fetch: false, reason: 'offline' });
    expect(browserFetchDecision({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }, null)).toEqual({ fetch: false, reason: 'offline' });
    expect(browserFetchDecision({}, { executablePath: '/usr/bin/chromium', source: 'system' }).fetch).toBe(false);
  });

  it('does nothing when a browser is found or in CI, and reports a download in one line', () => {
    const calls: string[] = [];
    const install = () => (calls.push('install'), { ok: true as const });
    expect(ensureBrowser(some, install)).toBeNull();
    expect(ensureBrowser(fakeHost({ env: { CI: 'true' } }), install)).toBeNull();
    expect(calls).toEqual([]);
    expect(ensureBrowser(none, install)).toBe("breach-ledger: downloaded Playwright's Chromium for the browser tests.");
    expect(calls).toEqual(['install']);
  });

  it('turns a failed download of the real installer into one line of warning', () => {
    const cache = tempDir('bl-pw-cache-');
    const env = { ...process.env, PLAYWRIGHT_BROWSERS_PATH: cache, PLAYWRIGHT_DOWNLOAD_HOST: 'http://127.0.0.1:9' };
    const line = ensureBrowser(none, () => installPlaywrightChromium(env));
    expect(line).toMatch(/^breach-ledger: warning: could not download Playwright's Chromium for the browser tests \(.+\)\. No Chromium/);
    expect(line).not.toContain('\n');
  });

  it('a BREACH_LEDGER_BROWSER pointing nowhere is a warning, not a failed install', () => {
    expect(ensureBrowser(fakeHost({ env: { BREACH_LEDGER_BROWSER: '/nowhere' } }), () => ({ ok: true }))).toMatch(/^breach-ledger: warning: BREACH_LEDGER_BROWSER is set to \/nowhere/);
  });
});
