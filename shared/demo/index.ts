export { generateBreach, SIZES } from './generate';
export { demoNoticeFacts, type DemoScenario } from './notice-facts';
export type { BreachCounts, BreachSize, FormatId, GeneratedFile, GenerateOptions, GenerateResult } from './generate';
export type { GroundTruthConsumer, GroundTruthRecord } from './ground-truth';
