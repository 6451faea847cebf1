/** The desktop's recent-case list (for the Open Recent menu and the OS's recent documents). */
import { readFileSync, writeFileSync } from 'node:fs';

const LIMIT = 10;

export function readRecentCases(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, LIMIT) : [];
  } catch {
    return [];
  }
}

export function addRecentCase(file: string, caseDir: string): string[] {
  const next = [caseDir, ...readRecentCases(file).filter((p) => p !== caseDir)].slice(0, LIMIT);
  writeFileSync(file, JSON.stringify(next, null, 2));
  return next;
}
