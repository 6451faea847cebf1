/** Counts for the affected-consumer summary: from this session's reconstruction, or asked of the store. */
import { useEffect, useState } from 'react';
import type { LedgerApi, ReconstructResult } from '../../../shared/contract/api';
import { BASES, type Basis } from '../../../shared/contract/elements';

export interface ConsumerSummary {
  analysis: number;
  total: number;
  byBasis: Record<Basis, number>;
  /** Consumers counted in each state (a consumer may count in several); null when the engine cannot say. */
  byState: Record<string, number> | null;
}

export function topStates(byState: Record<string, number>, limit: number): Array<[string, number]> {
  return Object.entries(byState)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
}

/**
 * The contract has no call for a stored analysis' summary, so without a reconstruction in this session
 * the basis counts come from three one-row pages and the state counts are unknown.
 */
async function summaryFromStore(api: LedgerApi, caseDir: string): Promise<ConsumerSummary> {
  const pages = await Promise.all(BASES.map((basis) => api.listConsumers({ caseDir, basis, limit: 1 })));
  const byBasis = Object.fromEntries(BASES.map((basis, i) => [basis, pages[i]!.total])) as Record<Basis, number>;
  return { analysis: pages[0]!.analysis, total: pages.reduce((n, p) => n + p.total, 0), byBasis, byState: null };
}

export function useConsumerSummary(api: LedgerApi, caseDir: string, reconstructed: ReconstructResult | null, enabled: boolean): { summary: ConsumerSummary | null; error: unknown } {
  const [fromStore, setFromStore] = useState<ConsumerSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (reconstructed || !enabled) return;
    let current = true;
    summaryFromStore(api, caseDir).then(
      (s) => current && setFromStore(s),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, reconstructed, enabled]);
  if (reconstructed) return { summary: { analysis: reconstructed.analysis, total: reconstructed.total, byBasis: reconstructed.byBasis, byState: reconstructed.byState }, error: null };
  return { summary: fromStore, error };
}
