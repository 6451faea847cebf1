import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url));

/** Builds the real renderer into `outDir` as `npm run build` does; vitest's NODE_ENV=test would select React's dev JSX. */
export async function buildRenderer(outDir: string): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: CONFIG, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
