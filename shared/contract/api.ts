/**
 * The API every front end speaks (CLI, Electron preload, browser bridge). Requests and responses are
 * plain JSON-serializable data; progress and cancellation travel in the optional call context.
 */
import type { ObligationsReport } from '../law/obligations';
import type { ExposureReport } from '../law/exposure';
import type { FilledSubmission } from '../submissions/fill';
import type { StoredNoticeFacts } from '../notices/facts-store';
import type { TemplateInUse } from '../notices/template-store';
import type { TemplateCheck } from '../notices/check-template';
export type { TemplateInUse } from '../notices/template-store';
import type { LetterPreview } from '../notices/plan-notices';
export type { LetterPreview } from '../notices/plan-notices';
export type { TemplateCheck } from '../notices/check-template';
export type { StoredNoticeFacts } from '../notices/facts-store';
export type { NoticeFacts } from '../notices/notice-facts';
export type { FilledField, FilledSubmission, SubmissionSection } from '../submissions/fill';
import type { FindingsOptions, FindingsReport } from '../findings/types';
export type { Finding, FindingsOptions, FindingsReport, Severity as FindingSeverity } from '../findings/types';
import type { Basis, ElementCode } from './elements';
import type { ProgressListener } from './progress';

export interface CallContext {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface CaseRef {
  caseDir: string;
}

export interface CreateCaseRequest {
  caseDir: string;
  name: string;
  investigator: string;
  matter?: string | null;
  /** YYYY-MM-DD */
  discovered?: string | null;
  /** IANA zone, default UTC */
  timeZone?: string | null;
  /** Encrypt the store, vault and exports under a data key wrapped with `passphrase` (required then). */
  encrypt?: boolean | null;
  passphrase?: string | null;
}

/** Opens an encrypted case: the key derived from the passphrase stays in the engine's memory while it runs. */
export interface UnlockRequest extends CaseRef {
  passphrase: string;
}

export interface ChangePassphraseRequest extends CaseRef {
  oldPassphrase: string;
  newPassphrase: string;
  actor?: string | null;
}

export interface EncryptCaseRequest extends CaseRef {
  passphrase: string;
  actor?: string | null;
}

export interface EncryptCaseView {
  vaultFiles: number;
  exportFiles: number;
  exportsResigned: number;
}

export interface ShareRequest extends CaseRef {
  /** Must be new or empty, and outside the case folder. */
  outDir: string;
  analysisId?: number | null;
  assumptions?: string[];
  noticeDate?: string | null;
  actor?: string | null;
}

export interface ShareView {
  dir: string;
  manifestPath: string;
  manifestSha256: string;
  files: Array<{ path: string; sha256: string; size: number }>;
  consumers: number;
}

export interface DisposeRequest extends CaseRef {
  /** Written outside the case folder, which is destroyed. */
  certificatePath: string;
  /** Must be true: disposal cannot be undone. */
  confirm: boolean;
  actor?: string | null;
}

export interface DisposeView {
  certificatePath: string;
  filesDestroyed: number;
  bytesDestroyed: number;
  encrypted: boolean;
  custodyHead: { seq: number; hash: string };
}

export interface CaseSummary {
  caseDir: string;
  id: string;
  name: string;
  investigator: string;
  matter: string | null;
  discovered: string | null;
  timeZone: string;
  createdAt: string;
  publicKeyFingerprint: string;
  encrypted: boolean;
  evidenceCount: number;
  custodyHead: { seq: number; hash: string };
}

export interface ImportView {
  id: number;
  format: string;
  parserVersion: string;
  encoding: string;
  encodingGuessed: boolean;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  rowsDuplicate: number;
  warnings: string[];
  finishedAt: string;
}

export interface EvidenceItem {
  id: number;
  originalName: string;
  originalPath: string;
  source: string | null;
  size: number;
  sha256: string;
  sha1: string;
  md5: string;
  acquiredAt: string;
  acquiredBy: string;
  timeZone: string;
  format: string;
  formatForced: boolean;
  latestImport: ImportView | null;
  /** Why the file is kept but not imported (no parser recognised it, or its parse failed); null once imported. */
  notImported: string | null;
}

export interface AddEvidenceRequest extends CaseRef {
  files: string[];
  actor?: string | null;
  source?: string | null;
  format?: string | null;
  timeZone?: string | null;
  encoding?: string | null;
  locale?: string | null;
  /** Column mapping for generic CSV / JSON Lines logs: target field → source column or key. */
  mapping?: Record<string, string> | null;
}

/** One outcome per file: added (and maybe imported), or refused with the reason. */
export type AddEvidenceOutcome =
  | { file: string; status: 'added'; evidence: EvidenceItem }
  | { file: string; status: 'duplicate'; existingId: number; message: string }
  | { file: string; status: 'failed'; code: string; message: string };

export interface ReimportRequest extends CaseRef {
  evidenceId: number;
  format?: string | null;
  encoding?: string | null;
  locale?: string | null;
  timeZone?: string | null;
  mapping?: Record<string, string> | null;
  actor?: string | null;
}

export interface CustodyEntryView {
  seq: number;
  at: string;
  actor: string;
  osUser: string;
  host: string;
  appVersion: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  entryHash: string;
}

export interface CustodyView {
  entries: CustodyEntryView[];
  head: { seq: number; hash: string };
}

export interface VerifyResult {
  ok: boolean;
  evidence: Array<{ id: number; name: string; sha256: string; ok: boolean; problem: string | null }>;
  custody: { ok: boolean; entries: number; head: string; firstBadSeq: number | null; problem: string | null };
  store: { ok: boolean; problems: string[] };
  /** Evidence rows against their custody digests; every sealed row against its seal; the custody log against every export manifest and the expected head. */
  records: { ok: boolean; manifestsChecked: number; rowsChecked: number; problems: string[] };
  loggedAs: { seq: number; hash: string } | null;
}

export interface FormatInfo {
  format: string;
  version: string;
  description: string;
}

export interface RowProvenance {
  evidenceId: number;
  sha256: string;
  recordNo: number;
  lineNo: number | null;
  byteOffset: number;
}

export interface EventView {
  id: number;
  ts: string;
  sourceType: string;
  actorId: string | null;
  username: string | null;
  clientIp: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  app: string | null;
  client: string | null;
  operation: string | null;
  objectType: string | null;
  query: string | null;
  rowsProcessed: number | null;
  sessionKey: string | null;
  loginKey: string | null;
  /** The URI requested (web logs, Salesforce URIs and page URLs). */
  uri: string | null;
  /** The outcome as the source writes it (HTTP status, login status, …). */
  status: string | null;
  /** How many record ids the event names. */
  recordIds: number;
  /** Copies of this event found in overlapping files. */
  duplicates: number;
  /** `entry` names the archive or compressed member the row came from. */
  provenance: RowProvenance & { entry: string | null };
}

export interface EventPage {
  total: number;
  byType: Record<string, number>;
  events: EventView[];
}

export interface PersonView {
  id: number;
  system: string;
  objectType: string;
  sourceId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  regions: string[];
  provenance: RowProvenance & { entry: string | null };
}

export interface PeoplePage {
  total: number;
  people: PersonView[];
}

export interface PageRequest extends CaseRef {
  limit?: number | null;
  offset?: number | null;
}

export interface TriageEntry {
  dimension: 'ip' | 'user' | 'app' | 'client' | 'agent';
  value: string;
  events: number;
  rowsProcessed: number;
  bulkOrReportExports: number;
  firstSeen: string;
  lastSeen: string;
  firstSeenInWindow: boolean | null;
  hoursActive: number;
  /** Connected apps: the names the same events give the app beside its id (sorted); empty for other dimensions. */
  names: string[];
}

export interface ScopeRequest extends CaseRef {
  from: string;
  to: string;
  ips?: string[];
  users?: string[];
  sessions?: string[];
  loginKeys?: string[];
  apps?: string[];
  clients?: string[];
  agents?: string[];
  actor?: string | null;
}

export interface ScopeView {
  version: number;
  createdAt: string;
  actor: string;
  sha256: string;
  definition: { from: string; to: string; ips: string[]; users: string[]; sessions: string[]; loginKeys: string[]; apps: string[]; clients: string[]; agents: string[] };
  /** Events the definition selects now (indicator matches plus events sharing their login or session keys). */
  matchingEvents: number;
}

export type ResidencyRuleName = 'most-recent' | 'all-states';

export interface ReconstructResult {
  analysis: number;
  digest: string;
  inputDigest: string;
  scopeId: number;
  residencyRule: ResidencyRuleName;
  events: number;
  total: number;
  byBasis: Record<Basis, number>;
  byState: Record<string, number>;
  byElement: Record<string, number>;
  inferredMinimum: number;
  review: number;
  /**
   * Identity pairs held apart for review (weak matches, or strong ones with differing emails, phones, names or dates
   * of birth). `total` counts them as different people; `totalIfSamePeople` is the count if every pair is one person.
   */
  identityReview: { pairs: number; totalIfSamePeople: number };
  /** Consumers with an element found only by content (no supporting field name): listed for review, not deciding notice. */
  contentOnlyReview: { consumers: number; byElement: Record<string, number> };
  /** Users and other staff records reached: people, counted apart from consumers. */
  workforce: { total: number; byBasis: Record<Basis, number> };
  /** Records reached that are not people, per kind, with the reason ("business accounts reached, not people"). */
  excluded: ExcludedPopulation[];
  notes: Record<string, number>;
}

export interface ExcludedPopulation {
  kind: string;
  count: number;
  byBasis: Record<Basis, number>;
  reason: string;
}

/** One item of an analysis' review queue: records an identity decision or a classification is waiting on. */
export interface ReviewItemView {
  kind: 'conflict' | 'possible-match' | 'content-only';
  subjectIds: number[];
  reason: string;
}

/** A reached record that is not a consumer: the workforce, or a non-person with why. */
export interface PopulationRecordView {
  subjectId: number;
  population: 'workforce' | 'non-person';
  kind: string;
  basis: Basis;
  objectType: string;
  sourceId: string | null;
  name: string | null;
  eventId: number;
  reason: string;
}

export interface ConsumerQuery extends PageRequest {
  analysisId?: number | null;
  state?: string | null;
  basis?: Basis | null;
  element?: ElementCode | null;
  search?: string | null;
}

export interface ConsumerView {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** `US-CA`, `non-US` or `unknown`: the state the residency rule picked first. */
  state: string;
  countedIn: string[];
  basis: Basis;
  elements: Array<{ element: ElementCode; basis: Basis }>;
  records: number;
}

export interface ConsumerPage {
  analysis: number;
  total: number;
  consumers: ConsumerView[];
}

export interface SourceCitation {
  evidenceId: number;
  evidenceName: string;
  sha256: string;
  entry: string | null;
  recordNo: number;
  lineNo: number | null;
  byteOffset: number;
  byteLength: number;
  /** The original row, re-read from the vault (null for archive members). */
  text: string | null;
  truncated: boolean;
}

export interface Explanation {
  analysis: number;
  consumer: ConsumerView;
  residency: { countedIn: string[]; reason: string; candidates: Array<{ subjectId: number; kind: string; region: string | null; regionSource: string | null; country: string | null; updatedAt: string | null }> };
  records: Array<{ subjectId: number; system: string; objectType: string; sourceId: string | null; joinedBecause: string; source: SourceCitation }>;
  accesses: Array<{
    eventId: number;
    subjectId: number;
    basis: Basis;
    fields: string[] | '*';
    ts: string;
    sourceType: string;
    actor: string | null;
    ip: string | null;
    app: string | null;
    query: string | null;
    inScopeBecause: string;
    notes: string[];
    source: SourceCitation;
  }>;
  elements: Array<{ element: string; basis: string; subjectId: number; field: string; eventId: number }>;
}

export type ResolveRequest = CaseRef & { actor?: string | null; note?: string | null } & (
    | { action: 'merge'; subjectIds: number[] }
    | { action: 'split'; subjectId: number }
  );

export interface ClassifyFieldRequest extends CaseRef {
  objectType: string;
  field: string;
  /** Null: the field holds no statutory element. */
  element: ElementCode | null;
  note?: string | null;
  actor?: string | null;
}

export interface RulePackView {
  jurisdiction: string;
  name: string;
  version: string;
  status: 'researched' | 'unverified';
  lastReviewed: string;
  effectiveFrom: string;
  sha256: string;
  sources: number;
  /** Where it comes from: the bundled set or added to this case. */
  origin: 'bundled' | 'case';
}

export interface AssessRequest extends CaseRef {
  analysisId?: number | null;
  /** Planned or actual notice date, YYYY-MM-DD (late-notice penalties). */
  noticeDate?: string | null;
  /** `key=value` settings, e.g. `amount=max`, `ca.violations=per-consumer`. */
  assumptions?: string[];
}

export type ObligationsResult = ObligationsReport & { analysis: number; analysisDigest: string };
export type ExposureResult = ExposureReport & { analysis: number; analysisDigest: string };
/** The regulator and consumer-reporting-agency submissions the obligations call for, filled from the case. */
export type SubmissionsResult = { analysis: number; analysisDigest: string; submissions: FilledSubmission[] };

export interface ExportRequest extends CaseRef {
  /** Defaults to `<case>/exports/<UTC timestamp>/`; must be new or empty. */
  outDir?: string | null;
  analysisId?: number | null;
  assumptions?: string[];
  noticeDate?: string | null;
  actor?: string | null;
}

export interface ExportView {
  dir: string;
  manifestPath: string;
  manifestSha256: string;
  files: Array<{ path: string; sha256: string; size: number }>;
}

export interface ExportVerificationView {
  ok: boolean;
  signatureOk: boolean;
  publicKeyFingerprint: string | null;
  files: Array<{ path: string; ok: boolean; problem: string | null }>;
}

export interface HistogramBucket {
  /** UTC start of the bucket. */
  start: string;
  events: number;
  rowsProcessed: number;
  byType: Record<string, number>;
}

/** One row an import could not use, kept with its reason; `raw` is its bytes with anything unprintable escaped (\xNN). */
export interface RejectView {
  id: number;
  importId: number;
  entry: string | null;
  recordNo: number | null;
  lineNo: number | null;
  byteOffset: number;
  byteLength: number;
  reason: string;
  raw: string;
  rawTruncated: boolean;
}

export interface RejectQuery extends PageRequest {
  evidenceId: number;
  /** Default: the evidence's latest import. */
  importId?: number | null;
  /** Keeps rows whose reason contains this text (case-insensitive). */
  reason?: string | null;
}

export interface RejectPage {
  importId: number;
  total: number;
  /** Rejected rows of the import per reason, before the reason filter. */
  byReason: Record<string, number>;
  rejects: RejectView[];
}

/** What an examiner's note or tag is about: an access event, or a consumer of an analysis. */
export type AnnotationTarget = { kind: 'event'; id: number } | { kind: 'consumer'; id: number };

/** One version of the note and tags on a target; an edit adds a version and the earlier ones stay. */
export interface AnnotationView {
  id: number;
  target: AnnotationTarget;
  /** The analysis the consumer was seen in (consumers only). */
  analysisId: number | null;
  version: number;
  note: string;
  tags: string[];
  actor: string;
  createdAt: string;
  /** The custody entry that logged this version. */
  custodySeq: number;
  /** True for the newest version of its target. */
  current: boolean;
}

export interface AnnotateRequest extends CaseRef {
  target: AnnotationTarget;
  note: string;
  tags: string[];
  /** For a consumer: the analysis it belongs to (default the latest). */
  analysisId?: number | null;
  actor?: string | null;
}

/** A table written as CSV into the case's exports (`exports/csv/`), with the filter the screen shows. */
export type CsvExportRequest = CaseRef & { actor?: string | null } & (
    | { table: 'events'; type?: string | null; from?: string | null; to?: string | null }
    | { table: 'consumers'; analysisId?: number | null; state?: string | null; basis?: Basis | null; element?: ElementCode | null; search?: string | null }
    | { table: 'rejects'; evidenceId: number; importId?: number | null; reason?: string | null }
    | { table: 'notes' }
  );

export interface CsvExportView {
  table: CsvExportRequest['table'];
  path: string;
  /** The path inside the case folder. */
  relativePath: string;
  rows: number;
  size: number;
  sha256: string;
  /** The custody entry that logged the file and its digest. */
  custodySeq: number;
}

/** Per jurisdiction whose individual notice is required: the letters, the people held back for review, and delivery. */
export interface NoticePlanView {
  analysis: number;
  analysisDigest: string;
  jurisdictions: Array<{
    jurisdiction: string;
    name: string;
    letters: number;
    /** People owed notice whose records wait in the review queue: counted, never mailed until decided. */
    heldForReview: number;
    heldByKind: Partial<Record<'conflict' | 'possible-match' | 'content-only', number>>;
    /** People counted there only by inference: an upper bound, never mailed on inference. */
    inferredUpperBound: number;
    /** How each letter can go out with what the evidence holds: a postal address in the jurisdiction, else email. */
    byMethod: { 'postal mail': number; 'email only': number; 'no address or email': number };
  }>;
}

/** An earlier export found in the case: a signed export folder, or a CSV logged in custody. */
export type ExportListItem =
  | { kind: 'package'; path: string; manifestPath: string; exportedAt: string | null; exportedBy: string | null; files: number }
  | { kind: 'csv'; path: string; table: string; exportedAt: string; exportedBy: string; rows: number; sha256: string; custodySeq: number };

export interface LedgerApi {
  createCase(request: CreateCaseRequest): Promise<CaseSummary>;
  openCase(request: CaseRef): Promise<CaseSummary>;
  listFormats(): Promise<FormatInfo[]>;
  listEvidence(request: CaseRef): Promise<EvidenceItem[]>;
  addEvidence(request: AddEvidenceRequest, context?: CallContext): Promise<AddEvidenceOutcome[]>;
  /** Parses an acquired file again (another format, encoding, locale or zone); the new import supersedes the old. */
  reimportEvidence(request: ReimportRequest, context?: CallContext): Promise<EvidenceItem>;
  custody(request: CaseRef): Promise<CustodyView>;
  verify(request: CaseRef & { actor?: string | null; expectHead?: string | null }, context?: CallContext): Promise<VerifyResult>;
  listEvents(request: PageRequest & { type?: string | null }): Promise<EventPage>;
  listPeople(request: PageRequest): Promise<PeoplePage>;
  /** The rows an import rejected, with reason, position and escaped raw bytes. */
  listRejects(request: RejectQuery): Promise<RejectPage>;
  /** Events per hour or day (aggregated in the store, for the events-over-time chart). */
  eventHistogram(request: CaseRef & { from?: string | null; to?: string | null; bucket: 'hour' | 'day' }): Promise<HistogramBucket[]>;
  /** The stored summary of an analysis (the latest by default). */
  analysisSummary(request: CaseRef & { analysisId?: number | null }): Promise<ReconstructResult>;
  /** Reports one progress step per dimension and can be cancelled between them. */
  triage(request: CaseRef & { from?: string | null; to?: string | null; limit?: number | null }, context?: CallContext): Promise<TriageEntry[]>;
  /** Security findings from the evidence, each traced to its rows and the legal questions it bears on; logged in custody. */
  findings(request: CaseRef & { options?: Partial<FindingsOptions> | null; actor?: string | null }): Promise<FindingsReport>;
  defineScope(request: ScopeRequest): Promise<ScopeView>;
  listScopes(request: CaseRef): Promise<ScopeView[]>;
  reconstruct(request: CaseRef & { residency?: ResidencyRuleName | null; actor?: string | null }, context?: CallContext): Promise<ReconstructResult>;
  listConsumers(request: ConsumerQuery): Promise<ConsumerPage>;
  /** The analysis' review queue: identity pairs held apart, conflicts, elements found only by content. */
  listReview(request: CaseRef & PageRequest & { analysisId?: number | null }): Promise<{ analysis: number; total: number; items: ReviewItemView[] }>;
  /** Reached records that are not consumers: the workforce, or non-persons (business accounts, company-only leads). */
  listPopulation(request: CaseRef & PageRequest & { population: 'workforce' | 'non-person'; analysisId?: number | null }): Promise<{ analysis: number; total: number; records: PopulationRecordView[] }>;
  explainConsumer(request: CaseRef & { consumerId: number; analysisId?: number | null }): Promise<Explanation>;
  resolve(request: ResolveRequest): Promise<{ decision: number }>;
  classifyField(request: ClassifyFieldRequest): Promise<{ decision: number }>;
  listRules(request: { caseDir?: string | null; jurisdiction?: string | null }): Promise<RulePackView[]>;
  addRules(request: CaseRef & { file: string; actor?: string | null }): Promise<{ jurisdiction: string; version: string; sha256: string; supersedes: string | null }>;
  obligations(request: AssessRequest): Promise<ObligationsResult>;
  exposure(request: AssessRequest): Promise<ExposureResult>;
  /** Regulator and agency submissions with every field filled from the case or marked for counsel. */
  noticeSubmissions(request: AssessRequest): Promise<SubmissionsResult>;
  /** Counsel's notice facts in force (the latest recorded version), or null before any is recorded. */
  noticeFacts(request: CaseRef): Promise<StoredNoticeFacts | null>;
  /** Validates and records a new version of the notice facts (append-only, logged in custody). */
  setNoticeFacts(request: CaseRef & { facts: unknown; actor?: string | null }): Promise<StoredNoticeFacts>;
  /** The template a jurisdiction's letters use (counsel's latest, else the default from the pack), checked against the pack. */
  noticeTemplate(request: CaseRef & { jurisdiction: string }): Promise<TemplateInUse>;
  /** Checks a template against the jurisdiction's content rules without recording it. */
  checkNoticeTemplate(request: CaseRef & { jurisdiction: string; text: string }): Promise<TemplateCheck>;
  /** Records counsel's template (append-only, logged in custody); refuses one that fails the check, naming every problem. */
  setNoticeTemplate(request: CaseRef & { jurisdiction: string; text: string; actor?: string | null }): Promise<{ id: number; sha256: string; check: TemplateCheck }>;
  /** Per jurisdiction requiring individual notice: letters, people held back for review, letters by delivery method. */
  noticePlan(request: AssessRequest): Promise<NoticePlanView>;
  /** One real person's letter in a jurisdiction (the first letter when no consumer is named), as the letters print it. */
  previewLetter(request: CaseRef & { jurisdiction: string; consumerId?: number | null; analysisId?: number | null }): Promise<LetterPreview>;
  /** The notice package alone (letters and submissions) in a new folder with its own signed manifest; logged in custody. */
  writeNoticePackage(request: CaseRef & { outDir?: string | null; analysisId?: number | null; noticeDate?: string | null; actor?: string | null }, context?: CallContext): Promise<ExportView>;
  exportCase(request: ExportRequest, context?: CallContext): Promise<ExportView>;
  /** Checks an export's signature and every file's hash; with a case, also that this case's key signed it. */
  verifyExport(request: { manifestPath: string; caseDir?: string | null }): Promise<ExportVerificationView>;
  /** Writes a table (events, consumers, an import's rejects, the examiner notes) as CSV into the case's exports; logged with its digest. */
  exportCsv(request: CsvExportRequest, context?: CallContext): Promise<CsvExportView>;
  /** The signed export folders and CSV exports of the case, newest first. */
  listExports(request: CaseRef): Promise<ExportListItem[]>;
  /** Checks one listed export: a folder with verify-export, a CSV against the digest custody logged. */
  checkExport(request: CaseRef & { path: string }): Promise<ExportVerificationView>;
  /** Adds a version of the examiner's note and tags on an event or consumer; logged in custody. */
  annotate(request: AnnotateRequest): Promise<AnnotationView>;
  /** Every version of the notes on a target (or on all targets), oldest first. */
  listAnnotations(request: CaseRef & { target?: AnnotationTarget | null }): Promise<AnnotationView[]>;
  unlockCase(request: UnlockRequest): Promise<CaseSummary>;
  /** Re-wraps the data key under a new passphrase; no data is re-encrypted. */
  changePassphrase(request: ChangePassphraseRequest): Promise<CaseSummary>;
  /** Converts a plain case to an encrypted one, removing the plaintext copies. */
  encryptCase(request: EncryptCaseRequest): Promise<EncryptCaseView>;
  /** A redacted, signed copy of the results: counts, obligations, exposure, hashes; consumers as pseudonyms. */
  shareRedacted(request: ShareRequest): Promise<ShareView>;
  /** Destroys the case after writing a signed disposal certificate outside it. */
  disposeCase(request: DisposeRequest): Promise<DisposeView>;
}

export type LedgerMethod = keyof LedgerApi;
