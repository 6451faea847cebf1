/** The offline list of Tor-exit and hosting ranges, with a newer list a case may hold in rules/network-ranges.json. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../contract/errors';
import { parseIpOrCidr, rangeContains, type IpRange } from '../scope/ip';
import { sha256Hex } from '../util/hash';
import shipped from './network-ranges.json';

export type RangeKind = 'tor-exit' | 'cloud';

export interface NetworkRange {
  cidr: string;
  kind: RangeKind;
  label: string;
  source: string;
}

export interface NetworkRangeList {
  version: string;
  /** SHA-256 of the list's bytes (the case's file) or of its canonical text (the shipped list). */
  sha256: string;
  origin: 'shipped' | 'case';
  ranges: NetworkRange[];
}

export const CASE_RANGES_FILE = join('rules', 'network-ranges.json');

/** The case's list when it has one (it replaces the shipped list), else the shipped list. */
export function loadNetworkRanges(caseDir: string): NetworkRangeList {
  const path = join(caseDir, CASE_RANGES_FILE);
  if (!existsSync(path)) return { ...validate(shipped, 'the shipped network-ranges.json'), sha256: sha256Hex(JSON.stringify(shipped)), origin: 'shipped' };
  const bytes = readFileSync(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', `${CASE_RANGES_FILE} is not valid JSON (${(error as Error).message}); fix or remove it.`);
  }
  return { ...validate(parsed, CASE_RANGES_FILE), sha256: sha256Hex(bytes), origin: 'case' };
}

function validate(value: unknown, name: string): { version: string; ranges: NetworkRange[] } {
  const list = value as { version?: unknown; ranges?: unknown };
  if (typeof list?.version !== 'string' || !Array.isArray(list.ranges)) throw new LedgerError('INVALID_INPUT', `${name} needs a "version" string and a "ranges" list.`);
  const ranges = list.ranges.map((entry: unknown, n: number) => {
    const range = entry as Partial<NetworkRange>;
    if (typeof range.cidr !== 'string' || !parseIpOrCidr(range.cidr)) throw new LedgerError('INVALID_INPUT', `${name}: range ${n + 1} has no valid "cidr".`);
    if (range.kind !== 'tor-exit' && range.kind !== 'cloud') throw new LedgerError('INVALID_INPUT', `${name}: range ${n + 1} "kind" must be tor-exit or cloud.`);
    if (typeof range.label !== 'string' || typeof range.source !== 'string') throw new LedgerError('INVALID_INPUT', `${name}: range ${n + 1} needs a "label" and a "source".`);
    return { cidr: range.cidr, kind: range.kind, label: range.label, source: range.source };
  });
  return { version: list.version, ranges };
}

/** Finds which listed range an address falls in. */
export function rangeMatcher(list: NetworkRangeList): (address: string) => NetworkRange | null {
  const parsed: Array<[IpRange, NetworkRange]> = list.ranges.map((range) => [parseIpOrCidr(range.cidr)!, range]);
  return (address) => parsed.find(([ip]) => rangeContains(ip, address))?.[1] ?? null;
}
