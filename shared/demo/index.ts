export { generateBreach, SIZES } from './generate';
export type { BreachCounts, BreachSize, FormatId, GeneratedFile, GenerateOptions, GenerateResult } from './generate';
export type { GroundTruthConsumer, GroundTruthRecord } from './ground-truth';
