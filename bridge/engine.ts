/**
 * The bridge's engine: the same worker-thread host the desktop app uses, started from TypeScript
 * source (the bridge runs under tsx), so long imports never stall the HTTP server or its progress stream.
 */
import { startEngineHost, type EngineHostClient } from '../electron/engine-client';

const HOST_SOURCE = new URL('../electron/engine-host.ts', import.meta.url).href;

export function startSourceEngineHost(): EngineHostClient {
  // A .ts worker entry cannot be loaded directly; register tsx inside the worker first.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(HOST_SOURCE)}); })`;
  return startEngineHost(bootstrap, { eval: true });
}
