import { CONFIDENCES, type Confidence, type RulePack } from './types';

/** The weakest confidence among the cited sources: a figure is only as strong as its weakest support. */
export function leastConfidence(pack: RulePack, sourceIds: readonly string[]): Confidence {
  let weakest = 0;
  for (const id of sourceIds) {
    const source = pack.sources.find((s) => s.id === id);
    const rank = source ? CONFIDENCES.indexOf(source.confidence) : CONFIDENCES.length - 1;
    weakest = Math.max(weakest, rank);
  }
  return CONFIDENCES[weakest]!;
}
