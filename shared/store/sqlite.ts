/**
 * The one place the SQLite module opens a database. Node (CLI, bridge, tests) loads the binding npm installed in
 * node_modules; Electron has its own ABI, so the app loads a second binding built for it by
 * `npm run build:electron-sqlite` into native/electron/ (unpacked from the asar in the packaged app).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the Electron build of the binding lives, relative to the app root (the folder of package.json). */
export const ELECTRON_BINDING_DIR = 'native/electron';
export const BINDING_FILE = 'better_sqlite3.node';

/** A path inside the packaged app's asar, moved to where asarUnpack put the file. */
export function unpackedFromAsar(file: string): string {
  return file.replace(/([\\/])app\.asar(?=$|[\\/])/, '$1app.asar.unpacked');
}

/** The binding to load: undefined (node_modules' own) under Node, the Electron build under Electron. */
export function sqliteBindingFor(runtime: { electron: string | undefined; appRoot: string }): string | undefined {
  if (!runtime.electron) return undefined;
  const p = runtime.appRoot.includes('\\') ? path.win32 : path.posix;
  return p.join(unpackedFromAsar(runtime.appRoot), ELECTRON_BINDING_DIR, BINDING_FILE);
}

/** The nearest folder holding package.json above this module (the repository, or the app inside the asar). */
function appRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}: cannot locate the app's SQLite module.`);
    dir = parent;
  }
  return dir;
}

let electronBinding: string | undefined;

function runtimeBinding(): string | undefined {
  if (!process.versions.electron) return undefined;
  if (electronBinding) return electronBinding;
  const binding = sqliteBindingFor({ electron: process.versions.electron, appRoot: appRoot() })!;
  if (!existsSync(binding)) {
    throw new Error(`The SQLite module built for Electron is missing (${binding}): run \`npm run build:electron-sqlite\` on a connected machine (\`npm start\` and \`npm run dist\` do it).`);
  }
  return (electronBinding = binding);
}

export function openDatabase(file: string, options: Omit<Database.Options, 'nativeBinding'> = {}): Database.Database {
  const nativeBinding = runtimeBinding();
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}

/** What a worker thread needs to open the store with the same module: its entry file, and the Electron binding if any. */
export function sqliteModuleForWorker(): { modulePath: string; nativeBinding: string | undefined } {
  return { modulePath: createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers'), nativeBinding: runtimeBinding() };
}
