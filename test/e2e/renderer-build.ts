import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url));

/** Builds the real renderer (production mode) into `outDir`. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({ configFile: CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}
