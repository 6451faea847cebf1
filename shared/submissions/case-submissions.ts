import { assessAnalysis, type AssessOptions, type Assessment } from '../assess/assess-analysis';
import { loadSubmissionForms, type FormSet } from '../law/submission-forms';
import type { CaseHandle } from '../store/case-folder';
import { readNoticeFacts } from '../notices/facts-store';
import { qualifyingElements } from './elements';
import { submissionFacts } from './from-notice-facts';
import { fillSubmissions, NO_FACTS, type FilledSubmission, type SubmissionFacts } from './fill';

export interface SubmissionOptions {
  /** The case's notice facts; none stated by default (every such field goes to counsel). */
  facts?: SubmissionFacts;
  /** Per jurisdiction, the export path of its notice template copy. */
  templateCopies?: ReadonlyMap<string, string>;
  forms?: FormSet;
}

/** The submissions of an assessed analysis: counts and elements from it, dates and contacts from the facts. */
export function submissionsFor(assessment: Assessment, options: SubmissionOptions & { plannedNoticeDate?: string | null } = {}): FilledSubmission[] {
  // The stored summary holds every basis count; AnalysisRef types only the fields the law engine reads.
  const byBasis = (assessment.analysis.summary as { byBasis?: Record<string, number> }).byBasis ?? {};
  const facts = options.facts ?? NO_FACTS;
  return fillSubmissions(options.forms ?? loadSubmissionForms(), {
    obligations: assessment.obligations,
    elements: qualifyingElements(assessment.packs, assessment.input),
    persons: { stated: (byBasis.exact ?? 0) + (byBasis.derived ?? 0), inferredUpperBound: byBasis.inferred ?? 0 },
    facts: facts.noticeDate === null && options.plannedNoticeDate ? { ...facts, noticeDate: options.plannedNoticeDate } : facts,
    templateCopies: options.templateCopies ?? new Map(),
  });
}

/** Assesses the case's analysis and fills its submissions from the notice facts in force. */
export function caseSubmissions(handle: CaseHandle, assess: AssessOptions, options: SubmissionOptions = {}): { assessment: Assessment; submissions: FilledSubmission[] } {
  const assessment = assessAnalysis(handle, assess);
  const facts = options.facts ?? submissionFacts(readNoticeFacts(handle.db)?.facts ?? null);
  return { assessment, submissions: submissionsFor(assessment, { ...options, facts, plannedNoticeDate: assess.noticeDate ?? null }) };
}
