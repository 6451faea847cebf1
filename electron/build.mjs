// Bundles the Electron main process and preload (dist/electron/*.cjs) and the engine worker
// (dist/engine-host.mjs). The renderer is built by vite (renderer/vite.config.ts).
import { build } from 'esbuild';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const source = (file) => path.join(root, file);
const common = { bundle: true, platform: 'node', target: 'node22', logLevel: 'warning' };

await Promise.all([
  build({ ...common, format: 'cjs', entryPoints: [source('electron/main.ts')], outfile: path.join(dist, 'electron/main.cjs'), external: ['electron'] }),
  // A sandboxed preload may require only 'electron' (and a few polyfilled modules).
  build({ ...common, format: 'cjs', entryPoints: [source('electron/preload.ts')], outfile: path.join(dist, 'electron/preload.cjs'), external: ['electron'] }),
  // ESM, one level under the package root: the engine finds ../package.json, ./packs/ and ./calendar/
  // through import.meta.url. Dependencies (better-sqlite3 is native, asarUnpack) load from node_modules.
  build({ ...common, format: 'esm', entryPoints: [source('electron/engine-host.ts')], outfile: path.join(dist, 'engine-host.mjs'), packages: 'external' }),
  // The import's parsing thread, beside the engine: shared/ingest/worker-parse.ts starts ./parse-worker.mjs from it.
  build({ ...common, format: 'esm', entryPoints: [source('shared/ingest/parse-worker.ts')], outfile: path.join(dist, 'parse-worker.mjs'), packages: 'external' }),
]);
cpSync(source('shared/law/packs'), path.join(dist, 'packs'), { recursive: true });
cpSync(source('shared/law/calendar'), path.join(dist, 'calendar'), { recursive: true });
cpSync(source('shared/law/submission-forms'), path.join(dist, 'submission-forms'), { recursive: true });
console.log('Built dist/electron/main.cjs, dist/electron/preload.cjs, dist/engine-host.mjs, dist/parse-worker.mjs');
