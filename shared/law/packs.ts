import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerError } from '../contract/errors';
import { sha256Hex } from '../util/hash';
import { validatePack } from './pack-schema';
import type { LoadedPack, PackRef } from './types';

export const DEFAULT_PACK_DIR = fileURLToPath(new URL('./packs/', import.meta.url));

/** Packs keyed by jurisdiction, always sorted by jurisdiction code. */
export interface PackSet {
  readonly packs: readonly LoadedPack[];
}

/** Loads and validates every `*.json` in `dir`; each file must be named after its jurisdiction. */
export function loadPacks(dir: string = DEFAULT_PACK_DIR): PackSet {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const packs: LoadedPack[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const result = parsePack(readFileSync(join(dir, file)), file);
    if ('errors' in result) {
      errors.push(...result.errors);
    } else if (`${result.pack.jurisdiction}.json` !== file) {
      errors.push(`${file}: jurisdiction: file must be named ${result.pack.jurisdiction}.json`);
    } else {
      packs.push(result);
    }
  }
  if (errors.length > 0) throw invalid(`${errors.length} problem(s) in rule packs in ${dir}`, errors);
  if (packs.length === 0) throw new LedgerError('NOT_FOUND', `No rule packs (*.json) found in ${dir}.`);
  return { packs: sortPacks(packs) };
}

/** Loads one pack file from any path (for `rules add`). */
export function loadPackFile(path: string): LoadedPack {
  const result = parsePack(readFileSync(path), basename(path));
  if ('errors' in result) throw invalid(`Rule pack ${path} is invalid`, result.errors);
  return result;
}

/** Validates pack bytes and seals them with the SHA-256 of exactly those bytes. */
export function parsePack(bytes: Buffer, file: string): LoadedPack | { errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { errors: [`${file}: not valid JSON: ${(error as Error).message}`] };
  }
  const validation = validatePack(json, file);
  if (!validation.ok) return { errors: validation.errors };
  return { pack: validation.pack, sha256: sha256Hex(bytes), file };
}

/** Adds a pack; it must be newer than any loaded pack for its jurisdiction, which it supersedes. */
export function addPack(set: PackSet, added: LoadedPack): { set: PackSet; superseded?: LoadedPack } {
  const current = findPack(set, added.pack.jurisdiction);
  if (current && compareVersions(added.pack.version, current.pack.version) <= 0) {
    throw new LedgerError(
      'INVALID_INPUT',
      `Rule pack ${added.file} (${added.pack.jurisdiction} ${added.pack.version}) is not newer than the loaded version ${current.pack.version}; bump its version to replace it.`,
    );
  }
  const packs = set.packs.filter((loaded) => loaded !== current).concat(added);
  return current ? { set: { packs: sortPacks(packs) }, superseded: current } : { set: { packs: sortPacks(packs) } };
}

export function findPack(set: PackSet, jurisdiction: string): LoadedPack | undefined {
  return set.packs.find((loaded) => loaded.pack.jurisdiction === jurisdiction);
}

export function packRefs(set: PackSet): PackRef[] {
  return set.packs.map(({ pack, sha256 }) => ({ jurisdiction: pack.jurisdiction, version: pack.version, sha256, status: pack.status }));
}

/** Numeric comparison of MAJOR.MINOR.PATCH versions. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

function sortPacks(packs: LoadedPack[]): LoadedPack[] {
  return [...packs].sort((a, b) => (a.pack.jurisdiction < b.pack.jurisdiction ? -1 : a.pack.jurisdiction > b.pack.jurisdiction ? 1 : 0));
}

function invalid(summary: string, errors: string[]): LedgerError {
  return new LedgerError('INVALID_INPUT', `${summary}: ${errors.join('; ')}.`, { errors });
}
