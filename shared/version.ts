import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

/** The engine version recorded in custody entries and analyses. */
export const ENGINE_VERSION: string = pkg.version;
