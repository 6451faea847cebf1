#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the installed bin and `npm run cli` execute the same code.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
