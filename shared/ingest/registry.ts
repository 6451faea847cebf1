import { LedgerError } from '../contract/errors';
import type { DetectSample, SourceParser } from './parser';
import { salesforceParsers } from './salesforce';
import { peopleParsers } from './people';
import { weblogParsers } from './weblogs';

export const UNPARSED = 'unparsed';

const PARSERS: readonly SourceParser[] = [...salesforceParsers, ...peopleParsers, ...weblogParsers];

export function allParsers(): readonly SourceParser[] {
  return PARSERS;
}

export function parserFor(format: string): SourceParser {
  const parser = PARSERS.find((p) => p.format === format);
  if (!parser) {
    const known = PARSERS.map((p) => p.format).join(', ') || 'none';
    throw new LedgerError('UNKNOWN_FORMAT', `Unknown format "${format}"; use one of: ${known}.`, { format });
  }
  return parser;
}

/** The most confident parser for a sample, or null when none recognises it. Ties go to registry order. */
export function detectParser(sample: DetectSample): SourceParser | null {
  let best: SourceParser | null = null;
  let bestScore = 0;
  for (const parser of PARSERS) {
    // A detector that trips over odd bytes must not refuse the file at the door: it just does not claim it.
    let score: number;
    try {
      score = parser.detect(sample);
    } catch {
      score = 0;
    }
    if (score > bestScore) {
      best = parser;
      bestScore = score;
    }
  }
  return best;
}
