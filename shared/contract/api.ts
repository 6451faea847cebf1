/**
 * The API every front end speaks (CLI, Electron preload, browser bridge). Requests and responses are
 * plain JSON-serializable data; progress and cancellation travel in the optional call context.
 */
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
}

export interface AddEvidenceRequest extends CaseRef {
  files: string[];
  actor?: string | null;
  source?: string | null;
  format?: string | null;
  timeZone?: string | null;
  encoding?: string | null;
  locale?: string | null;
}

/** One outcome per file: added (and maybe imported), or refused with the reason. */
export type AddEvidenceOutcome =
  | { file: string; status: 'added'; evidence: EvidenceItem }
  | { file: string; status: 'duplicate'; existingId: number; message: string }
  | { file: string; status: 'failed'; code: string; message: string };

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
  loggedAs: { seq: number; hash: string } | null;
}

export interface FormatInfo {
  format: string;
  version: string;
  description: string;
}

export interface LedgerApi {
  createCase(request: CreateCaseRequest): Promise<CaseSummary>;
  openCase(request: CaseRef): Promise<CaseSummary>;
  listFormats(): Promise<FormatInfo[]>;
  listEvidence(request: CaseRef): Promise<EvidenceItem[]>;
  addEvidence(request: AddEvidenceRequest, context?: CallContext): Promise<AddEvidenceOutcome[]>;
  custody(request: CaseRef): Promise<CustodyView>;
  verify(request: CaseRef & { actor?: string | null }, context?: CallContext): Promise<VerifyResult>;
}

export type LedgerMethod = keyof LedgerApi;

/** Methods whose work is long enough to report progress and accept cancellation. */
export const LONG_RUNNING_METHODS: readonly LedgerMethod[] = ['addEvidence', 'verify'];
