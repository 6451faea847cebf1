/**
 * Finds a Chromium-based browser for the browser tests, in this order: the BREACH_LEDGER_BROWSER environment
 * variable; Playwright's own browser cache (PLAYWRIGHT_BROWSERS_PATH, else its per-OS default); the usual install
 * paths of Chromium, Google Chrome and Microsoft Edge on Linux, macOS and Windows.
 * Everything it reads from the machine comes through `BrowserHost`, so the order is testable without a browser.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';

export interface BrowserHost {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
  cwd: string;
  /** The playwright-core package folder (PLAYWRIGHT_BROWSERS_PATH=0 keeps browsers inside it), when installed. */
  playwrightCoreDir: string | null;
  isExecutableFile(file: string): boolean;
  /** Entry names of a folder; [] when it does not exist. */
  list(dir: string): string[];
}

export type BrowserSource = 'BREACH_LEDGER_BROWSER' | 'playwright-cache' | 'system';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
}

export const HOW_TO_GET_A_BROWSER =
  'No Chromium, Google Chrome or Microsoft Edge was found for the browser tests: run `npx playwright-core install chromium`, install one of them (e.g. `apt-get install chromium`), or set BREACH_LEDGER_BROWSER to its executable.';

/** Executables inside one Playwright browser folder (chromium-<rev>, chromium_headless_shell-<rev>), newest layout first. */
const PLAYWRIGHT_EXECUTABLES: Readonly<Record<'linux' | 'darwin' | 'win32', { chromium: string[][]; shell: string[][] }>> = {
  linux: {
    chromium: [['chrome-linux64', 'chrome'], ['chrome-linux-arm64', 'chrome'], ['chrome-linux', 'chrome']],
    shell: [['chrome-headless-shell-linux64', 'chrome-headless-shell'], ['chrome-headless-shell-linux-arm64', 'chrome-headless-shell'], ['chrome-linux', 'headless_shell']],
  },
  darwin: {
    chromium: [
      ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
      ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
      ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
    ],
    shell: [['chrome-headless-shell-mac-arm64', 'chrome-headless-shell'], ['chrome-headless-shell-mac-x64', 'chrome-headless-shell'], ['chrome-mac', 'headless_shell']],
  },
  win32: {
    chromium: [['chrome-win64', 'chrome.exe'], ['chrome-win', 'chrome.exe']],
    shell: [['chrome-headless-shell-win64', 'chrome-headless-shell.exe'], ['chrome-win', 'headless_shell.exe']],
  },
};

function pathApi(host: BrowserHost): path.PlatformPath {
  return host.platform === 'win32' ? path.win32 : path.posix;
}

function osOf(host: BrowserHost): 'linux' | 'darwin' | 'win32' {
  return host.platform === 'darwin' || host.platform === 'win32' ? host.platform : 'linux';
}

/** Playwright's registry folder, as playwright-core computes it. */
export function playwrightCacheDir(host: BrowserHost): string | null {
  const p = pathApi(host);
  const configured = host.env.PLAYWRIGHT_BROWSERS_PATH;
  if (configured === '0') return host.playwrightCoreDir ? p.join(host.playwrightCoreDir, '.local-browsers') : null;
  if (configured) return p.resolve(host.env.INIT_CWD ?? host.cwd, configured);
  switch (osOf(host)) {
    case 'darwin':
      return p.join(host.homedir, 'Library', 'Caches', 'ms-playwright');
    case 'win32':
      return p.join(host.env.LOCALAPPDATA ?? p.join(host.homedir, 'AppData', 'Local'), 'ms-playwright');
    default:
      return p.join(host.env.XDG_CACHE_HOME ?? p.join(host.homedir, '.cache'), 'ms-playwright');
  }
}

/** Complete installs in Playwright's cache: full Chromium before the headless shell, newest revision first. */
function playwrightCandidates(host: BrowserHost): string[] {
  const cache = playwrightCacheDir(host);
  if (!cache) return [];
  const p = pathApi(host);
  const entries = host.list(cache);
  const layouts = PLAYWRIGHT_EXECUTABLES[osOf(host)];
  const installed = (prefix: string): string[] =>
    entries
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)))
      .filter((name) => host.list(p.join(cache, name)).includes('INSTALLATION_COMPLETE'));
  return [
    ...installed('chromium-').flatMap((dir) => layouts.chromium.map((tokens) => p.join(cache, dir, ...tokens))),
    ...installed('chromium_headless_shell-').flatMap((dir) => layouts.shell.map((tokens) => p.join(cache, dir, ...tokens))),
  ];
}

/** The usual install paths: Chromium, then Google Chrome, then Microsoft Edge. */
function systemCandidates(host: BrowserHost): string[] {
  const p = pathApi(host);
  switch (osOf(host)) {
    case 'darwin': {
      const apps = [
        ['Chromium.app', 'Chromium'],
        ['Google Chrome.app', 'Google Chrome'],
        ['Microsoft Edge.app', 'Microsoft Edge'],
      ];
      return apps.flatMap(([app, binary]) =>
        ['/Applications', p.join(host.homedir, 'Applications')].map((root) => p.join(root, app!, 'Contents', 'MacOS', binary!)),
      );
    }
    case 'win32': {
      const roots = [host.env.LOCALAPPDATA, host.env.PROGRAMFILES ?? 'C:\\Program Files', host.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'].filter(
        (root): root is string => Boolean(root),
      );
      const installs = [
        ['Chromium', 'Application', 'chrome.exe'],
        ['Google', 'Chrome', 'Application', 'chrome.exe'],
        ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
      ];
      return installs.flatMap((tokens) => roots.map((root) => p.join(root, ...tokens)));
    }
    default:
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/snap/bin/chromium',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/opt/google/chrome/chrome',
        '/usr/bin/microsoft-edge',
        '/usr/bin/microsoft-edge-stable',
        '/opt/microsoft/msedge/msedge',
      ];
  }
}

/** Every place looked at, in order. */
export function browserCandidates(host: BrowserHost): FoundBrowser[] {
  const configured = host.env.BREACH_LEDGER_BROWSER;
  return [
    ...(configured ? [{ executablePath: configured, source: 'BREACH_LEDGER_BROWSER' as const }] : []),
    ...playwrightCandidates(host).map((executablePath) => ({ executablePath, source: 'playwright-cache' as const })),
    ...systemCandidates(host).map((executablePath) => ({ executablePath, source: 'system' as const })),
  ];
}

/**
 * The first browser that exists, or null. A BREACH_LEDGER_BROWSER that names no executable is an error, not a
 * reason to quietly use another browser.
 */
export function findBrowser(host: BrowserHost = realHost()): FoundBrowser | null {
  const configured = host.env.BREACH_LEDGER_BROWSER;
  if (configured && !host.isExecutableFile(configured)) {
    throw new Error(`BREACH_LEDGER_BROWSER is set to ${configured}, which is not an executable file: point it at a Chromium, Chrome or Edge executable, or unset it.`);
  }
  return browserCandidates(host).find((candidate) => host.isExecutableFile(candidate.executablePath)) ?? null;
}

function playwrightCoreDir(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  } catch {
    return null;
  }
}

export function realHost(): BrowserHost {
  return {
    env: process.env,
    platform: process.platform,
    homedir: homedir(),
    cwd: process.cwd(),
    playwrightCoreDir: playwrightCoreDir(),
    isExecutableFile(file) {
      try {
        if (!statSync(file).isFile()) return false;
        accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    list(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
  };
}
