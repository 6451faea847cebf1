/** `npm run bridge -- [--port N] [--renderer DIR]`: serves the built UI over loopback, backed by the real engine in a worker thread. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSourceEngineHost } from './engine';
import { startBridge } from './server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, renderer: { type: 'string', default: 'dist/renderer' } } });
const rendererDir = path.resolve(values.renderer);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  process.exit(2);
}
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  console.error(`No built renderer in ${rendererDir}; run "npm run build:renderer" first.`);
  process.exit(2);
}

const engine = startSourceEngineHost();
const bridge = await startBridge({ api: engine, rendererDir, port });
console.log(`Breach Ledger bridge (loopback only). Open:\n  ${bridge.url}`);

const stop = async () => {
  await bridge.close();
  await engine.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
