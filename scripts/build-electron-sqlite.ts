/**
 * Builds the second SQLite binding, for Electron's ABI, into native/electron/ (run by `npm start` and `npm run dist`).
 * node_modules is never touched: the module folder is copied to a temporary folder and the Electron binary is
 * fetched there (prebuild-install, the module's own prebuilt downloads), or compiled there against Electron's
 * headers (node-gyp) when no prebuilt exists. The CLI, the bridge and the tests keep node_modules' Node binding.
 *
 *   node --import tsx scripts/build-electron-sqlite.ts [--out <app root>]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BINDING_FILE, ELECTRON_BINDING_DIR } from '../shared/store/sqlite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'better-sqlite3-multiple-ciphers';
export const STAMP_FILE = 'binding.json';

/** What a built binding is for; a binding whose stamp matches is not built again. */
export interface BindingStamp {
  module: string;
  moduleVersion: string;
  electron: string;
  platform: string;
  arch: string;
}

export function bindingStamp(root: string, platform = process.platform, arch = process.arch): BindingStamp {
  const require = createRequire(path.join(root, 'package.json'));
  const version = (pkg: string): string => (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  return { module: MODULE, moduleVersion: version(MODULE), electron: version('electron'), platform, arch };
}

function sameStamp(a: BindingStamp, b: BindingStamp): boolean {
  return a.module === b.module && a.moduleVersion === b.moduleVersion && a.electron === b.electron && a.platform === b.platform && a.arch === b.arch;
}

/** True when <appRoot>/native/electron holds a binding built for exactly this stamp. */
export function isUpToDate(appRoot: string, stamp: BindingStamp): boolean {
  const dir = path.join(appRoot, ELECTRON_BINDING_DIR);
  try {
    return existsSync(path.join(dir, BINDING_FILE)) && sameStamp(JSON.parse(readFileSync(path.join(dir, STAMP_FILE), 'utf8')) as BindingStamp, stamp);
  } catch {
    return false;
  }
}

/**
 * Puts a built binding where the app loads it and electron-builder packs it (native/electron/, unpacked from the
 * asar): <appRoot>/native/electron/better_sqlite3.node and the stamp beside it. Returns the binding's path.
 */
export function layoutElectronBinding(built: string, appRoot: string, stamp: BindingStamp): string {
  const dir = path.join(appRoot, ELECTRON_BINDING_DIR);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, BINDING_FILE);
  copyFileSync(built, `${target}.partial`);
  renameSync(`${target}.partial`, target);
  writeFileSync(path.join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return target;
}

type Step = { ok: true } | { ok: false; error: string };

function run(command: string, args: string[], cwd: string, quiet: boolean): Step {
  const result = spawnSync(process.execPath, [command, ...args], { cwd, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit' });
  if (result.status === 0) return { ok: true };
  const said = `${result.stderr ?? ''}`.split('\n').filter((line) => /err|warn/i.test(line)).pop()?.trim();
  return { ok: false, error: said || result.error?.message || `exit status ${result.status ?? 'unknown'}` };
}

/** Fetches (or compiles) the Electron binary inside a copy of the module folder; returns the built .node file. */
function buildInCopy(root: string, stamp: BindingStamp, work: string): { built: string } | { error: string } {
  const require = createRequire(path.join(root, 'package.json'));
  const moduleDir = path.dirname(require.resolve(`${MODULE}/package.json`));
  const copy = path.join(work, MODULE);
  // Without the Node build: whatever is in build/Release afterwards was made for Electron.
  cpSync(moduleDir, copy, { recursive: true, filter: (source) => !['build', 'node_modules'].includes(path.relative(moduleDir, source)) });
  const built = path.join(copy, 'build', 'Release', BINDING_FILE);
  const target = ['--runtime', 'electron', '--target', stamp.electron, '--arch', stamp.arch, '--platform', stamp.platform];
  const moduleRequire = createRequire(path.join(moduleDir, 'package.json'));
  const prebuilt = run(moduleRequire.resolve('prebuild-install/bin.js'), target, copy, true);
  if (prebuilt.ok && existsSync(built)) return { built };
  console.warn(`No prebuilt ${MODULE} for Electron ${stamp.electron} (${prebuilt.ok ? 'nothing written' : prebuilt.error}); compiling it against Electron's headers.`);
  let nodeGyp: string;
  try {
    nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return { error: `prebuild-install: ${prebuilt.ok ? 'nothing written' : prebuilt.error}; node-gyp is not installed` };
  }
  const gyp = run(
    nodeGyp,
    ['rebuild', '--release', `--target=${stamp.electron}`, `--arch=${stamp.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    copy,
    false,
  );
  if (gyp.ok && existsSync(built)) return { built };
  return { error: `prebuild-install: ${prebuilt.ok ? 'nothing written' : prebuilt.error}; node-gyp: ${gyp.ok ? 'nothing written' : gyp.error}` };
}

export type BuildResult = { status: 'up-to-date' | 'built'; binding: string } | { status: 'failed'; message: string };

export function buildElectronSqlite(options: { root?: string; out?: string; env?: NodeJS.ProcessEnv } = {}): BuildResult {
  const root = options.root ?? ROOT;
  const out = options.out ?? root;
  const env = options.env ?? process.env;
  let stamp: BindingStamp;
  try {
    stamp = bindingStamp(root);
  } catch (error) {
    return { status: 'failed', message: `Cannot build the SQLite module for Electron: ${(error as Error).message} (run npm install first).` };
  }
  const binding = path.join(out, ELECTRON_BINDING_DIR, BINDING_FILE);
  if (isUpToDate(out, stamp)) return { status: 'up-to-date', binding };
  const what = `the SQLite module for Electron ${stamp.electron} (${stamp.platform}-${stamp.arch})`;
  if (env.npm_config_offline === 'true') {
    return { status: 'failed', message: `Cannot build ${what} offline: run \`npm run build:electron-sqlite\` once on a connected machine; node_modules and the CLI are unchanged.` };
  }
  const work = mkdtempSync(path.join(tmpdir(), 'bl-electron-sqlite-'));
  try {
    const result = buildInCopy(root, stamp, work);
    if ('error' in result) {
      return { status: 'failed', message: `Cannot build ${what} (${result.error}): connect to the internet, or install a C++ toolchain, and run \`npm run build:electron-sqlite\` again; node_modules and the CLI are unchanged.` };
    }
    return { status: 'built', binding: layoutElectronBinding(result.built, out, stamp) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outAt = process.argv.indexOf('--out');
  const result = buildElectronSqlite(outAt > 0 ? { out: path.resolve(process.argv[outAt + 1] ?? '.') } : {});
  if (result.status === 'failed') {
    console.error(result.message);
    process.exitCode = 1;
  } else {
    console.log(`${result.status === 'built' ? 'Built' : 'Up to date:'} ${path.relative(process.cwd(), result.binding)} (the SQLite module for Electron)`);
  }
}
