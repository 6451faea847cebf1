import type { ObligationsReport } from '../law/obligations';
import type { PackSet } from '../law/packs';
import { loadSubmissionForms, type FormSet } from '../law/submission-forms';
import type { AssessmentInput } from '../law/types';
import { qualifyingElements } from '../submissions/elements';
import { fillSubmissions, NO_FACTS, type FilledSubmission, type SubmissionFacts } from '../submissions/fill';
import { writeSubmissionFiles } from '../submissions/write';
import type { AnalysisRecord } from './analysis-record';

export interface NoticePackageInput {
  obligations: ObligationsReport;
  packs: PackSet;
  input: AssessmentInput;
  analysis: AnalysisRecord;
  caseName: string;
  plannedNoticeDate: string | null;
  key: Buffer | null;
  facts?: SubmissionFacts;
  forms?: FormSet;
}

/** Writes the export's `notices/` folder: the agencies' submissions, filled from the case. */
export async function writeNoticePackage(dir: string, options: NoticePackageInput): Promise<{ submissions: FilledSubmission[]; files: string[] }> {
  const facts = options.facts ?? { ...NO_FACTS, noticeDate: options.plannedNoticeDate };
  const byBasis = options.analysis.summary.byBasis;
  const submissions = fillSubmissions(options.forms ?? loadSubmissionForms(), {
    obligations: options.obligations,
    elements: qualifyingElements(options.packs, options.input),
    persons: { stated: (byBasis.exact ?? 0) + (byBasis.derived ?? 0), inferredUpperBound: byBasis.inferred ?? 0 },
    facts,
    templateCopies: new Map(),
  });
  const files = await writeSubmissionFiles(dir, submissions, options.caseName, options.key);
  return { submissions, files };
}
