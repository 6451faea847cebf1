/** What the findings engine produces: facts traced to evidence rows, never a legal conclusion. */

export type Severity = 'high' | 'medium' | 'low' | 'info';

/** Where one supporting row sits in the evidence: enough to open the original file at that line and re-hash it. */
export interface RowProvenance {
  evidenceId: number;
  file: string;
  sha256: string;
  entry: string | null;
  record: number;
  line: number | null;
}

/** One stated fact and the rows it rests on. */
export interface FindingFact {
  text: string;
  rows: RowProvenance[];
}

/** A legal question a finding bears on: the question and its citation, from the versioned legal-questions file. */
export interface LegalQuestion {
  id: string;
  citation: string;
  question: string;
}

export interface Finding {
  /** Stable id of the finding kind, e.g. "auth.login-without-mfa". */
  id: string;
  /** What it is about within its kind (an app, user, address, object.field), so a run can hold several of one kind. */
  subject: string;
  title: string;
  severity: Severity;
  facts: FindingFact[];
  remediation: string;
  bearsOn: LegalQuestion[];
  /** What the finding cannot show from this evidence. */
  limits: string;
}

/** A check that could not run, or ran short, because the evidence it needs is absent. Not a finding. */
export interface AssessmentNote {
  check: string;
  status: 'not-assessable';
  reason: string;
}

/** An exposure assumption and the findings of a run that bear on it: shown next to the assumption, never applied to it. */
export interface AssumptionLink {
  /** Assumption key as set on the exposure screen and in `--assume` (e.g. "reasonable-security", "notice-date"). */
  assumption: string;
  /** How findings of these kinds bear on the assumption, from assumption-links.json. */
  bearing: string;
  findings: Array<Pick<Finding, 'id' | 'subject' | 'title' | 'severity'>>;
}

export interface FindingsReport {
  engineVersion: string;
  legalQuestionsVersion: string;
  assumptionLinksVersion: string;
  networkRanges: { version: string; origin: 'shipped' | 'case'; sha256: string };
  options: FindingsOptions;
  incidentWindow: { from: string; to: string } | null;
  inputDigest: string;
  outputDigest: string;
  findings: Finding[];
  notes: AssessmentNote[];
  assumptionLinks: AssumptionLink[];
}

export interface FindingsOptions {
  /** Records with sensitive fields untouched for longer than this count as kept past need. */
  retentionYears: number;
  /** Failed logins from one address or against one user within this many minutes form a burst... */
  burstWindowMinutes: number;
  /** ...when there are at least this many. */
  burstMinFailures: number;
  /** Queries, bulk results and report exports returning at least this many rows count as large. */
  largeRowCount: number;
  /** An app, client or address first seen this many days before the incident window counts as "shortly before". */
  leadDays: number;
}

export const DEFAULT_FINDINGS_OPTIONS: FindingsOptions = {
  retentionYears: 3,
  burstWindowMinutes: 10,
  burstMinFailures: 10,
  largeRowCount: 10_000,
  leadDays: 14,
};
