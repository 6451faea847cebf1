import { existsSync, promises as fsp, readdirSync } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';

export async function prepareDir(dir: string): Promise<{ dir: string; created: boolean }> {
  const resolved = path.resolve(dir);
  const exists = existsSync(resolved);
  if (exists && readdirSync(resolved).length > 0) {
    throw new LedgerError('BAD_USAGE', `${resolved} is not empty; export into a new or empty folder.`);
  }
  await fsp.mkdir(resolved, { recursive: true });
  return { dir: resolved, created: !exists };
}

/** The folder as the custody log names it: relative to the case when inside it. */
export function displayPath(caseDir: string, dir: string): string {
  const relative = path.relative(caseDir, dir);
  return relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative.split(path.sep).join('/');
}
