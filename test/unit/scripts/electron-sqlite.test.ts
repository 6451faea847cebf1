/**
 * Two SQLite bindings: node_modules' one for Node (CLI, bridge, tests) and a second one built for Electron into
 * native/electron/, packed unpacked from the asar. The Electron binary cannot be downloaded on the build machines,
 * so these tests cover the choice of binding, the folder layout against electron-builder.yml, and that the build
 * script leaves node_modules and the CLI working when it cannot download anything.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindingStamp, buildElectronSqlite, isUpToDate, layoutElectronBinding, STAMP_FILE } from '../../../scripts/build-electron-sqlite';
import { BINDING_FILE, ELECTRON_BINDING_DIR, sqliteBindingFor } from '../../../shared/store/sqlite';
import { REPO, runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

const NODE_BINDING = path.join(path.dirname(createRequire(path.join(REPO, 'package.json')).resolve('better-sqlite3-multiple-ciphers/package.json')), 'build', 'Release', BINDING_FILE);
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The string lists under a top-level key of electron-builder.yml (`key:` followed by `  - item` lines). */
function yamlList(yaml: string, key: string): string[] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line === `${key}:`);
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*#/.test(line)) continue;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (!item) break;
    items.push(item[1]!.trim().replace(/^"(.*)"$/, '$1'));
  }
  return items;
}

function yamlScalar(yaml: string, key: string): string | undefined {
  return new RegExp(`^${key}:\\s*(\\S+)\\s*$`, 'm').exec(yaml)?.[1];
}

/** electron-builder's glob semantics for the patterns used here: `**`, `*`, `{a,b}`. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a path (relative to the app folder) is selected by a pattern list with `!` exclusions, last match wins. */
function selects(patterns: readonly string[], file: string): boolean {
  let selected = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (globToRegExp(pattern.slice(1)).test(file)) selected = false;
    } else if (globToRegExp(pattern).test(file)) selected = true;
  }
  return selected;
}

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

const STAMP = { module: 'better-sqlite3-multiple-ciphers', moduleVersion: '12.11.1', electron: '45.5.0', platform: 'linux', arch: 'x64' };

const WORKER = 'shared/store/store-check-worker.ts';

describe('which SQLite binding the store loads', () => {
  it('node_modules\' own under Node, the Electron build under Electron', () => {
    expect(sqliteBindingFor({ electron: undefined, appRoot: '/work/repo' })).toBeUndefined();
    expect(sqliteBindingFor({ electron: '45.5.0', appRoot: '/work/repo' })).toBe('/work/repo/native/electron/better_sqlite3.node');
  });

  it('in the packaged app, from app.asar.unpacked', () => {
    expect(sqliteBindingFor({ electron: '45.5.0', appRoot: '/opt/Breach Ledger/resources/app.asar' })).toBe(
      '/opt/Breach Ledger/resources/app.asar.unpacked/native/electron/better_sqlite3.node',
    );
    expect(sqliteBindingFor({ electron: '45.5.0', appRoot: 'C:\\Program Files\\Breach Ledger\\resources\\app.asar' })).toBe(
      'C:\\Program Files\\Breach Ledger\\resources\\app.asar.unpacked\\native\\electron\\better_sqlite3.node',
    );
    expect(sqliteBindingFor({ electron: '45.5.0', appRoot: '/Applications/Breach Ledger.app/Contents/Resources/app.asar' })).toBe(
      '/Applications/Breach Ledger.app/Contents/Resources/app.asar.unpacked/native/electron/better_sqlite3.node',
    );
  });

  it('every database the engine opens goes through that choice', () => {
    const offenders = ['shared', 'electron', 'bridge', 'cli']
      .flatMap((dir) => filesUnder(path.join(REPO, dir), REPO))
      .filter((file) => /\.(ts|tsx|mts)$/.test(file) && file !== 'shared/store/sqlite.ts' && file !== WORKER)
      .filter((file) => /new\s+Database\s*\(/.test(readFileSync(path.join(REPO, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it("verify's second connection, on a worker thread, opens the module and binding that choice names", () => {
    const source = readFileSync(path.join(REPO, WORKER), 'utf8');
    expect(source).toMatch(/workerData: \{ \.\.\.sqliteModuleForWorker\(\),/);
    expect(source).toMatch(/const Database = require\(modulePath\);\n\s*const db = new Database\(file, nativeBinding \? \{[^}]*nativeBinding \}/);
  });
});

describe('the Electron binding\'s folder and electron-builder.yml', () => {
  const yaml = readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8');

  it('the build lays the binding out where the store looks for it, and better-sqlite3 loads it from there', () => {
    const app = tempDir('bl-app-');
    // node_modules' binding stands in for the Electron build: same file name and layout, loadable under Node.
    const placed = layoutElectronBinding(NODE_BINDING, app, STAMP);
    expect(placed).toBe(sqliteBindingFor({ electron: STAMP.electron, appRoot: app }));
    expect(filesUnder(app).sort()).toEqual([`${ELECTRON_BINDING_DIR}/${BINDING_FILE}`, `${ELECTRON_BINDING_DIR}/${STAMP_FILE}`]);
    const db = new Database(':memory:', { nativeBinding: placed });
    expect(db.prepare('SELECT 41 + 1 AS n').get()).toEqual({ n: 42 });
    db.close();
    expect(isUpToDate(app, STAMP)).toBe(true);
    expect(isUpToDate(app, { ...STAMP, electron: '46.0.0' })).toBe(false);
  });

  it('electron-builder packs every file of that folder, unpacked from the asar, and not node_modules\' Node binding', () => {
    const app = tempDir('bl-app-');
    layoutElectronBinding(NODE_BINDING, app, STAMP);
    const files = yamlList(yaml, 'files');
    const unpack = yamlList(yaml, 'asarUnpack');
    expect(files.length).toBeGreaterThan(0);
    for (const file of filesUnder(app)) {
      expect(selects(files, file), `files: ${file}`).toBe(true);
      expect(selects(unpack, file), `asarUnpack: ${file}`).toBe(true);
    }
    expect(selects(files, 'dist/engine-host.mjs')).toBe(true);
    expect(selects(files, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node')).toBe(false);
  });

  it('electron-builder never rebuilds node_modules in place', () => {
    expect(yamlScalar(yaml, 'npmRebuild')).toBe('false');
    expect(yamlScalar(yaml, 'buildDependenciesFromSource')).toBe('false');
    const scripts = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toMatch(/npm run build:electron-sqlite && electron \./);
    expect(scripts.dist).toMatch(/npm run build:electron-sqlite && electron-builder/);
  });
});

describe('after the build script ran where it could not download', () => {
  it('fails with one clear sentence, writes nothing, and leaves node_modules\' binding and the CLI working', () => {
    const before = sha256(NODE_BINDING);
    const out = tempDir('bl-app-');
    const result = buildElectronSqlite({ out, env: { npm_config_offline: 'true' } });
    expect(result).toEqual({ status: 'failed', message: expect.stringMatching(/^Cannot build the SQLite module for Electron \d+\.\d+\.\d+ \(.+\) offline: run `npm run build:electron-sqlite` once on a connected machine; node_modules and the CLI are unchanged\.$/) as unknown });
    expect(readdirSync(out)).toEqual([]);

    const script = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build-electron-sqlite.ts'), '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, npm_config_offline: 'true' },
    });
    expect(script.status).toBe(1);
    expect(script.stderr.trim().split('\n')).toHaveLength(1);

    expect(sha256(NODE_BINDING)).toBe(before);
    const dir = path.join(tempDir(), 'case');
    const init = runCli(['case', 'init', dir, '--name', 'After the build', '--investigator', 'Ada']);
    expect(init.status, init.stderr).toBe(0);
    writeFileSync(path.join(out, 'note.txt'), 'x');
    const added = runCli(['add', dir, path.join(out, 'note.txt'), '--format', 'unparsed']);
    expect(added.status, added.stderr).toBe(0);
    expect(runCli(['verify', dir]).status).toBe(0);
  });

  it('records what the Electron binding is built for', () => {
    const stamp = bindingStamp(REPO, 'linux', 'x64');
    expect(stamp.module).toBe('better-sqlite3-multiple-ciphers');
    expect(stamp.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(stamp.moduleVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
