import type { FindingsReport } from '../findings/types';
import type { ExposureReport } from '../law/exposure';
import type { ObligationsReport } from '../law/obligations';
import type { PackRef } from '../law/types';
import type { CaseInfo } from '../store/case-folder';
import type { EvidenceWithImport } from '../store/evidence';
import type { AnalysisRecord } from './analysis-record';
import type { CustodyCut } from './custody-cut';

/** Everything an export shows besides the per-consumer rows, read once from one snapshot. */
export interface ExportData {
  info: CaseInfo;
  analysis: AnalysisRecord;
  obligations: ObligationsReport;
  exposure: ExposureReport;
  rulePacks: PackRef[];
  evidence: EvidenceWithImport[];
  custody: CustodyCut;
  rejects: RejectCount[];
  assumptionArgs: string[];
  plannedNoticeDate: string | null;
  /** Security findings over the same snapshot, with default options (the Findings sheet, custody report and findings report). */
  findings: FindingsReport;
}

export interface RejectCount {
  evidenceId: number;
  name: string;
  sha256: string;
  reason: string;
  count: number;
}
