import { parseAssumptions } from '../law/assumptions';
import { assessExposure, type ExposureReport } from '../law/exposure';
import { assessObligations, type ObligationsReport } from '../law/obligations';
import type { PackSet } from '../law/packs';
import type { AssessmentInput } from '../law/types';
import type { CaseHandle } from '../store/case-folder';
import { assessmentInputFor, latestAnalysis, type AnalysisRef } from './assessment-input';
import { casePacks } from './case-packs';

export interface AssessOptions {
  analysisId?: number | null;
  /** `key=value` exposure assumptions. */
  assumptions?: readonly string[];
  /** Planned or actual notice date (late-notice penalties). */
  noticeDate?: string | null;
}

export interface Assessment {
  analysis: AnalysisRef;
  packs: PackSet;
  /** The consumer groups the reports were computed from. */
  input: AssessmentInput;
  obligations: ObligationsReport;
  exposure: ExposureReport;
}

/**
 * Obligations and exposure for one analysis under the case's rule packs. The analysis' residency rule is
 * recorded among the assumptions it fed; the investigator's settings come after it.
 */
export function assessAnalysis(handle: CaseHandle, options: AssessOptions = {}): Assessment {
  parseAssumptions(options.assumptions ?? []);
  const analysis = latestAnalysis(handle, options.analysisId ?? null);
  const packs = casePacks(handle);
  const input = assessmentInputFor(handle, analysis, options.noticeDate ?? null);
  const settings = parseAssumptions([`residency=${analysis.summary.residencyRule}`, ...(options.assumptions ?? [])]);
  return { analysis, packs, input, obligations: assessObligations(packs, input, settings), exposure: assessExposure(packs, input, settings) };
}
