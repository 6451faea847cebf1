/** The recent-case list, kept in localStorage (newest first, at most 10). */
import type { CaseSummary } from '../../shared/contract/api';

export interface RecentCase {
  caseDir: string;
  name: string;
  matter: string | null;
  openedAt: string;
}

const KEY = 'breach-ledger.recent-cases';
const LIMIT = 10;

export function loadRecentCases(storage: Storage = localStorage): RecentCase[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as unknown[]).filter((r): r is RecentCase => typeof (r as Partial<RecentCase> | null)?.caseDir === 'string' && typeof (r as Partial<RecentCase> | null)?.name === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCase(summary: CaseSummary, storage: Storage = localStorage): RecentCase[] {
  const entry: RecentCase = { caseDir: summary.caseDir, name: summary.name, matter: summary.matter, openedAt: new Date().toISOString() };
  const next = [entry, ...loadRecentCases(storage).filter((r) => r.caseDir !== summary.caseDir)].slice(0, LIMIT);
  storage.setItem(KEY, JSON.stringify(next));
  return next;
}

export function forgetCase(caseDir: string, storage: Storage = localStorage): RecentCase[] {
  const next = loadRecentCases(storage).filter((r) => r.caseDir !== caseDir);
  storage.setItem(KEY, JSON.stringify(next));
  return next;
}
