/** Counts for the affected-consumer summary: the stored summary of the analysis the table shows. */
import { useEffect, useState } from 'react';
import type { LedgerApi, ReconstructResult } from '../../../shared/contract/api';
import type { Basis } from '../../../shared/contract/elements';

export interface ConsumerSummary {
  analysis: number;
  total: number;
  byBasis: Record<Basis, number>;
  /** Consumers counted in each state (a consumer may count in several); null when the stored summary lacks it. */
  byState: Record<string, number> | null;
  /** Consumers with each data element exposed; null when the stored summary lacks it. */
  byElement: Record<string, number> | null;
  /** The fewest people the inferred upper bound certainly stands for. */
  inferredMinimum: number | null;
}

export function topEntries(counts: Record<string, number>, limit: number): Array<[string, number]> {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
}

export function topStates(byState: Record<string, number>, limit: number): Array<[string, number]> {
  return topEntries(byState, limit);
}

/** Stored summaries are JSON written by the engine version that ran the analysis; read them defensively. */
export function summaryOf(result: ReconstructResult): ConsumerSummary {
  const partial = result as Partial<ReconstructResult>;
  return {
    analysis: result.analysis,
    total: result.total,
    byBasis: { exact: partial.byBasis?.exact ?? 0, derived: partial.byBasis?.derived ?? 0, inferred: partial.byBasis?.inferred ?? 0 },
    byState: partial.byState ?? null,
    byElement: partial.byElement ?? null,
    inferredMinimum: partial.inferredMinimum ?? null,
  };
}

/**
 * The summary of analysis `analysisId` (the one the consumer table pages): this session's reconstruction
 * when it is that analysis, otherwise the engine's stored summary.
 */
export function useConsumerSummary(api: LedgerApi, caseDir: string, known: ReconstructResult | null, analysisId: number | null): { summary: ConsumerSummary | null; error: unknown } {
  const [stored, setStored] = useState<{ analysisId: number; summary: ConsumerSummary | null; error: unknown } | null>(null);
  const useKnown = known !== null && known.analysis === analysisId;
  useEffect(() => {
    if (useKnown || analysisId === null) return;
    let current = true;
    api.analysisSummary({ caseDir, analysisId }).then(
      (result) => current && setStored({ analysisId, summary: { ...summaryOf(result), analysis: analysisId }, error: null }),
      (error: unknown) => current && setStored({ analysisId, summary: null, error }),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, analysisId, useKnown]);
  if (useKnown) return { summary: summaryOf(known), error: null };
  if (stored === null || stored.analysisId !== analysisId) return { summary: null, error: null };
  return { summary: stored.summary, error: stored.error };
}
