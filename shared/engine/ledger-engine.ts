import type {
  AssessRequest,
  ClassifyFieldRequest,
  ConsumerPage,
  ConsumerQuery,
  EventPage,
  Explanation,
  ExposureResult,
  SubmissionsResult,
  StoredNoticeFacts,
  TemplateCheck,
  TemplateInUse,
  LetterPreview,
  ObligationsResult,
  HistogramBucket,
  ExportRequest,
  ExportView,
  ExportVerificationView,
  ReimportRequest,
  PageRequest,
  PopulationRecordView,
  PeoplePage,
  RejectPage,
  RejectQuery,
  ReconstructResult,
  ReviewItemView,
  ResidencyRuleName,
  ResolveRequest,
  RulePackView,
  ScopeRequest,
  ScopeView,
  TriageEntry,
  AddEvidenceOutcome,
  AddEvidenceRequest,
  CallContext,
  CaseRef,
  CaseSummary,
  CreateCaseRequest,
  CustodyView,
  EvidenceItem,
  FormatInfo,
  LedgerApi,
  VerifyResult,
  ChangePassphraseRequest,
  DisposeRequest,
  DisposeView,
  EncryptCaseRequest,
  EncryptCaseView,
  ShareRequest,
  ShareView,
  UnlockRequest,
  AnnotateRequest,
  AnnotationTarget,
  AnnotationView,
  CsvExportRequest,
  CsvExportView,
  ExportListItem,
  NoticePlanView,
} from '../contract/api';
import { LedgerError } from '../contract/errors';
import { noProgress } from '../contract/progress';
import { addEvidence } from '../ingest/acquire';
import type { EncodingName } from '../ingest/parser';
import { allParsers } from '../ingest/registry';
import { caseIsEncrypted, createCase, KEYS_DIR, openCase, unlockCase, type CaseHandle } from '../store/case-folder';
import { rewrapKeyFile, type VaultKey } from '../store/case-keys';
import { disposeCase } from '../store/dispose';
import { encryptCase, encryptionInterrupted, resumeEncryptCase } from '../store/encrypt-case';
import { shareRedacted } from '../export/redacted-share';
import { appendCustody, custodyHead, defaultActor, listCustody } from '../store/custody';
import { getEvidence, getEvidenceWithImport, listEvidence, type EvidenceWithImport } from '../store/evidence';
import { importEvidence } from '../ingest/import-pipeline';
import { isValidTimeZone } from '../util/dates';
import { verifyCase } from '../store/verify';
import { explainSystemError } from '../store/errors';
import path from 'node:path';
import { isElementCode } from '../contract/elements';
import { addCasePack, casePacks } from '../assess/case-packs';
import { assessAnalysis } from '../assess/assess-analysis';
import { exportCase, verifyExport } from '../export';
import { caseSubmissions } from '../submissions/case-submissions';
import { exportNoticePackage } from '../export/notice-package';
import { readNoticeFacts, recordNoticeFacts } from '../notices/facts-store';
import { recordNoticeTemplate, rulesFor, templateInUse } from '../notices/template-store';
import { checkTemplate } from '../notices/check-template';
import { previewLetter } from '../notices/plan-notices';
import { parseAssumptions } from '../law/assumptions';
import { loadPacks } from '../law/packs';
import { reconstruct, summaryOf } from '../reconstruct/analysis';
import { recordDecision } from '../reconstruct/decisions';
import { RESIDENCY_RULES } from '../reconstruct/residency';
import { normalizeScope, normalizeWindow } from '../scope/definition';
import { listScopes, recordScope, type ScopeVersion } from '../scope/scopes';
import { collectScopedEvents } from '../scope/select-events';
import { triage } from '../scope/triage';
import { runFindings } from '../findings/run-findings';
import { DEFAULT_FINDINGS_OPTIONS, type FindingsOptions, type FindingsReport } from '../findings/types';
import type { Db } from '../store/db';
import { explainConsumer, listConsumers } from './consumers-view';
import { listPopulation, listReview } from './review-view';
import { eventHistogram, listEvents, listPeople } from './events-view';
import { listRejects } from './rejects-view';
import { latestAnalysis } from '../assess/assessment-input';
import { annotate, listAnnotations } from './annotations';
import { exportCsv } from './csv-exports';
import { noticePlan } from './notice-plan';
import { checkExport, listExports } from './export-list';

const ENCODINGS: readonly EncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'];

export interface EngineOptions {
  /** Asked for an encrypted case's passphrase when it is opened without `unlockCase` (the CLI reads file, env or prompt). */
  passphraseFor?: (caseDir: string) => Promise<string>;
}

/**
 * The engine behind every front end. It keeps one open handle per case folder; calls on the same
 * case run one at a time so a long import and a listing never interleave inside a transaction.
 * An encrypted case's keys stay in memory only, from unlock until `close()`.
 */
export class LedgerEngine implements LedgerApi {
  private readonly handles = new Map<string, CaseHandle>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly keys = new Map<string, VaultKey>();

  constructor(private readonly options: EngineOptions = {}) {}

  async createCase(request: CreateCaseRequest): Promise<CaseSummary> {
    if (request.encrypt && !request.passphrase) throw new LedgerError('BAD_USAGE', 'An encrypted case needs a passphrase.');
    const handle = await createCase({
      dir: request.caseDir,
      name: request.name,
      investigator: request.investigator,
      matter: request.matter ?? null,
      discovered: request.discovered ?? null,
      timeZone: request.timeZone ?? null,
      passphrase: request.encrypt ? request.passphrase! : null,
    });
    this.handles.set(handle.dir, handle);
    if (handle.vaultKey) this.keys.set(handle.dir, handle.vaultKey);
    return summarize(handle);
  }

  async unlockCase(request: UnlockRequest): Promise<CaseSummary> {
    const dir = this.encryptedCaseDir(request);
    this.keys.set(dir, await unlockCase(dir, request.passphrase));
    return this.withCase(request, (handle) => summarize(handle));
  }

  async changePassphrase(request: ChangePassphraseRequest): Promise<CaseSummary> {
    const dir = this.encryptedCaseDir(request);
    this.keys.set(dir, await rewrapKeyFile(path.join(dir, KEYS_DIR), request.oldPassphrase, request.newPassphrase));
    return this.withCase(request, (handle) => {
      appendCustody(handle.db, { actor: request.actor ?? defaultActor(), action: 'passphrase-change', subject: 'case', details: { rewrapped: 'data key', reencrypted: 'nothing' } });
      return summarize(handle);
    });
  }

  async encryptCase(request: EncryptCaseRequest): Promise<EncryptCaseView> {
    if (caseIsEncrypted(request.caseDir)) throw new LedgerError('BAD_USAGE', `${path.resolve(request.caseDir)} is already encrypted; change its passphrase instead.`);
    const dir = path.resolve(request.caseDir);
    if (await encryptionInterrupted(dir)) {
      const { key, ...counts } = await resumeEncryptCase(dir, request.passphrase, request.actor ?? defaultActor());
      this.keys.set(dir, key);
      return counts;
    }
    return this.withCase(request, async (handle) => {
      const { key, ...counts } = await encryptCase(handle, request.passphrase, request.actor ?? defaultActor());
      this.handles.delete(handle.dir);
      this.keys.set(handle.dir, key);
      return counts;
    });
  }

  async shareRedacted(request: ShareRequest): Promise<ShareView> {
    if (!request.outDir) throw new LedgerError('BAD_USAGE', 'Name the folder to write the share into.');
    parseAssumptions(request.assumptions ?? []);
    return this.withCase(request, async (handle) => {
      const assessment = assessAnalysis(handle, { analysisId: request.analysisId ?? null, noticeDate: request.noticeDate ?? null, assumptions: request.assumptions ?? [] });
      return shareRedacted(handle, assessment, { outDir: request.outDir, actor: request.actor ?? defaultActor() });
    });
  }

  async disposeCase(request: DisposeRequest): Promise<DisposeView> {
    if (request.confirm !== true) throw new LedgerError('BAD_USAGE', 'Disposal destroys the case and cannot be undone; confirm it explicitly.');
    if (!request.certificatePath) throw new LedgerError('BAD_USAGE', 'Name the file, outside the case, to write the disposal certificate to.');
    return this.withCase(request, async (handle) => {
      const { certificatePath, certificate } = await disposeCase(handle, { certificatePath: request.certificatePath, actor: request.actor ?? defaultActor() });
      this.handles.delete(handle.dir);
      this.keys.delete(handle.dir);
      return {
        certificatePath,
        filesDestroyed: certificate.files.length,
        bytesDestroyed: certificate.files.reduce((sum, f) => sum + f.size, 0),
        encrypted: certificate.encrypted,
        custodyHead: certificate.custodyHead,
      };
    });
  }

  openCase(request: CaseRef): Promise<CaseSummary> {
    return this.withCase(request, (handle) => summarize(handle));
  }

  listFormats(): Promise<FormatInfo[]> {
    return Promise.resolve(allParsers().map((p) => ({ format: p.format, version: p.version, description: p.description })));
  }

  listEvidence(request: CaseRef): Promise<EvidenceItem[]> {
    return this.withCase(request, (handle) => listEvidence(handle.db).map(toEvidenceItem));
  }

  addEvidence(request: AddEvidenceRequest, context: CallContext = {}): Promise<AddEvidenceOutcome[]> {
    if (request.files.length === 0) throw new LedgerError('BAD_USAGE', 'Name at least one file to add.');
    checkEncoding(request.encoding);
    return this.withCase(request, async (handle) => {
      const outcomes: AddEvidenceOutcome[] = [];
      for (const file of request.files) {
        if (context.signal?.aborted) break;
        outcomes.push(await this.addOne(handle, request, file, context));
      }
      return outcomes;
    });
  }

  reimportEvidence(request: ReimportRequest, context: CallContext = {}): Promise<EvidenceItem> {
    checkEncoding(request.encoding);
    return this.withCase(request, async (handle) => {
      const evidence = getEvidence(handle.db, request.evidenceId);
      if (!evidence) throw new LedgerError('NOT_FOUND', `No evidence with id ${request.evidenceId}; list evidence first.`);
      const timeZone = request.timeZone ?? evidence.timeZone;
      if (!isValidTimeZone(timeZone)) throw new LedgerError('BAD_USAGE', `The time zone must be an IANA time zone name such as America/Chicago, not "${timeZone}".`);
      await importEvidence(
        handle,
        {
          evidenceId: evidence.id,
          actor: request.actor ?? defaultActor(),
          ...(request.format ? { format: request.format } : {}),
          options: {
            timeZone,
            ...(request.encoding ? { encoding: request.encoding as EncodingName } : {}),
            ...(request.locale ? { locale: request.locale } : {}),
            ...(request.mapping ? { mapping: checkMapping(request.mapping) } : {}),
          },
        },
        context.onProgress ?? noProgress,
        context.signal,
      );
      return toEvidenceItem(listEvidence(handle.db).find((e) => e.id === evidence.id)!);
    });
  }

  custody(request: CaseRef): Promise<CustodyView> {
    return this.withCase(request, (handle) => ({ entries: listCustody(handle.db), head: custodyHead(handle.db) }));
  }

  verify(request: CaseRef & { actor?: string | null; expectHead?: string | null }, context: CallContext = {}): Promise<VerifyResult> {
    return this.withCase(request, (handle) =>
      verifyCase(handle, request.actor ?? defaultActor(), context.onProgress ?? noProgress, context.signal, { expectHead: request.expectHead ?? null }),
    );
  }

  listEvents(request: PageRequest & { type?: string | null }): Promise<EventPage> {
    return this.withCase(request, (handle) => listEvents(handle.db, { type: request.type ?? null, ...page(request, 50) }));
  }

  listPeople(request: PageRequest): Promise<PeoplePage> {
    return this.withCase(request, (handle) => listPeople(handle.db, page(request, 50)));
  }

  listRejects(request: RejectQuery): Promise<RejectPage> {
    if (!Number.isInteger(request.evidenceId)) throw new LedgerError('BAD_USAGE', 'Name the evidence whose rejected rows to show.');
    return this.withCase(request, (handle) =>
      listRejects(handle.db, { evidenceId: request.evidenceId, importId: request.importId ?? null, reason: request.reason?.trim() || null, ...page(request, 200) }),
    );
  }

  eventHistogram(request: CaseRef & { from?: string | null; to?: string | null; bucket: 'hour' | 'day' }): Promise<HistogramBucket[]> {
    if (request.bucket !== 'hour' && request.bucket !== 'day') throw new LedgerError('BAD_USAGE', 'The histogram bucket must be hour or day.');
    if (Boolean(request.from) !== Boolean(request.to)) throw new LedgerError('BAD_USAGE', 'Give both from and to, or neither.');
    return this.withCase(request, (handle) => {
      const window = request.from && request.to ? normalizeWindow(request.from, request.to) : null;
      return eventHistogram(handle.db, request.bucket, window);
    });
  }

  analysisSummary(request: CaseRef & { analysisId?: number | null }): Promise<ReconstructResult> {
    return this.withCase(request, (handle) => {
      const analysis = latestAnalysis(handle, request.analysisId ?? null);
      return summaryOf(handle.db.prepare('SELECT summary FROM analyses WHERE id = ?').pluck().get(analysis.id) as string);
    });
  }

  findings(request: CaseRef & { options?: Partial<FindingsOptions> | null; actor?: string | null }): Promise<FindingsReport> {
    const options = { ...DEFAULT_FINDINGS_OPTIONS, ...(request.options ?? {}) };
    for (const [key, value] of Object.entries(options)) {
      if (!(key in DEFAULT_FINDINGS_OPTIONS)) throw new LedgerError('BAD_USAGE', `Unknown findings option "${key}".`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new LedgerError('BAD_USAGE', `The findings option ${key} must be a positive number, not "${String(value)}".`);
    }
    return this.withCase(request, (handle) => Promise.resolve(runFindings(handle, options, request.actor ?? defaultActor())));
  }

  triage(request: CaseRef & { from?: string | null; to?: string | null; limit?: number | null }, context: CallContext = {}): Promise<TriageEntry[]> {
    return this.withCase(request, async (handle) => {
      if (Boolean(request.from) !== Boolean(request.to)) throw new LedgerError('BAD_USAGE', 'Give both the start and the end of the window, or neither.');
      const window = request.from && request.to ? normalizeWindow(request.from, request.to) : null;
      return triage(handle.db, { from: window?.from ?? null, to: window?.to ?? null }, request.limit ?? 20, context.onProgress ?? noProgress, context.signal);
    });
  }

  defineScope(request: ScopeRequest): Promise<ScopeView> {
    return this.withCase(request, (handle) => {
      const definition = normalizeScope(request);
      return scopeView(handle.db, recordScope(handle.db, definition, request.actor ?? defaultActor()));
    });
  }

  listScopes(request: CaseRef): Promise<ScopeView[]> {
    return this.withCase(request, (handle) => listScopes(handle.db).map((s) => scopeView(handle.db, s)));
  }

  reconstruct(request: CaseRef & { residency?: ResidencyRuleName | null; actor?: string | null }, context: CallContext = {}): Promise<ReconstructResult> {
    const residency = request.residency ?? 'most-recent';
    if (!RESIDENCY_RULES.includes(residency)) throw new LedgerError('BAD_USAGE', `The residency rule must be one of ${RESIDENCY_RULES.join(', ')}, not "${residency}".`);
    return this.withCase(request, (handle) => reconstruct(handle, { residency }, request.actor ?? defaultActor(), context.onProgress ?? noProgress));
  }

  listConsumers(request: ConsumerQuery): Promise<ConsumerPage> {
    if (request.basis && !['exact', 'derived', 'inferred'].includes(request.basis)) throw new LedgerError('BAD_USAGE', `The basis must be exact, derived or inferred, not "${request.basis}".`);
    if (request.element && !isElementCode(request.element)) throw new LedgerError('BAD_USAGE', `Unknown element "${String(request.element)}"; see the element list in the README.`);
    return this.withCase(request, (handle) => listConsumers(handle, { ...request, ...page(request, 100) }));
  }

  listReview(request: CaseRef & PageRequest & { analysisId?: number | null }): Promise<{ analysis: number; total: number; items: ReviewItemView[] }> {
    return this.withCase(request, (handle) => {
      const { limit, offset } = page(request, 100);
      return listReview(handle, request.analysisId ?? null, limit, offset);
    });
  }

  listPopulation(request: CaseRef & PageRequest & { population: 'workforce' | 'non-person'; analysisId?: number | null }): Promise<{ analysis: number; total: number; records: PopulationRecordView[] }> {
    if (request.population !== 'workforce' && request.population !== 'non-person') throw new LedgerError('BAD_USAGE', `The population must be workforce or non-person, not "${String(request.population)}".`);
    return this.withCase(request, (handle) => {
      const { limit, offset } = page(request, 100);
      return listPopulation(handle, request.population, request.analysisId ?? null, limit, offset);
    });
  }

  explainConsumer(request: CaseRef & { consumerId: number; analysisId?: number | null }): Promise<Explanation> {
    if (!Number.isInteger(request.consumerId)) throw new LedgerError('BAD_USAGE', 'Name a consumer by its numeric id.');
    return this.withCase(request, (handle) => explainConsumer(handle, request.consumerId, request.analysisId ?? null));
  }

  resolve(request: ResolveRequest): Promise<{ decision: number }> {
    return this.withCase(request, (handle) => {
      const actor = request.actor ?? defaultActor();
      const note = request.note ?? null;
      const decision =
        request.action === 'merge'
          ? recordDecision(handle.db, { kind: 'merge', subjectIds: [...request.subjectIds], note }, actor)
          : recordDecision(handle.db, { kind: 'split', subjectId: request.subjectId, note }, actor);
      return { decision };
    });
  }

  classifyField(request: ClassifyFieldRequest): Promise<{ decision: number }> {
    if (request.element !== null && !isElementCode(request.element)) throw new LedgerError('BAD_USAGE', `Unknown element "${String(request.element)}".`);
    return this.withCase(request, (handle) => ({
      decision: recordDecision(handle.db, { kind: 'classify', objectType: request.objectType, field: request.field, element: request.element, note: request.note ?? null }, request.actor ?? defaultActor()),
    }));
  }

  async listRules(request: { caseDir?: string | null; jurisdiction?: string | null } = {}): Promise<RulePackView[]> {
    const bundled = new Set(loadPacks().packs.map((p) => p.sha256));
    const set = request.caseDir ? await this.withCase({ caseDir: request.caseDir }, (handle) => casePacks(handle)) : loadPacks();
    const wanted = request.jurisdiction ? normalizeJurisdiction(request.jurisdiction) : null;
    const views = set.packs
      .filter((p) => !wanted || p.pack.jurisdiction === wanted)
      .map(({ pack, sha256 }) => ({
        jurisdiction: pack.jurisdiction,
        name: pack.name,
        version: pack.version,
        status: pack.status,
        lastReviewed: pack.lastReviewed,
        effectiveFrom: pack.effectiveFrom,
        sha256,
        sources: pack.sources.length,
        origin: bundled.has(sha256) ? ('bundled' as const) : ('case' as const),
      }));
    if (wanted && views.length === 0) throw new LedgerError('NOT_FOUND', `No rule pack for ${wanted} is installed.`);
    return views;
  }

  addRules(request: CaseRef & { file: string; actor?: string | null }) {
    return this.withCase(request, (handle) => addCasePack(handle, request.file, request.actor ?? defaultActor()));
  }

  obligations(request: AssessRequest): Promise<ObligationsResult> {
    parseAssumptions(request.assumptions ?? []);
    return this.withCase(request, (handle) => {
      const { analysis, obligations } = assessAnalysis(handle, { analysisId: request.analysisId ?? null, noticeDate: request.noticeDate ?? null, assumptions: request.assumptions ?? [] });
      return { analysis: analysis.id, analysisDigest: analysis.outputDigest, ...obligations };
    });
  }

  exposure(request: AssessRequest): Promise<ExposureResult> {
    parseAssumptions(request.assumptions ?? []);
    return this.withCase(request, (handle) => {
      const { analysis, exposure } = assessAnalysis(handle, { analysisId: request.analysisId ?? null, noticeDate: request.noticeDate ?? null, assumptions: request.assumptions ?? [] });
      return { analysis: analysis.id, analysisDigest: analysis.outputDigest, ...exposure };
    });
  }

  noticeFacts(request: CaseRef): Promise<StoredNoticeFacts | null> {
    return this.withCase(request, (handle) => readNoticeFacts(handle.db));
  }

  setNoticeFacts(request: CaseRef & { facts: unknown; actor?: string | null }): Promise<StoredNoticeFacts> {
    return this.withCase(request, (handle) => recordNoticeFacts(handle.db, request.facts, request.actor ?? defaultActor()));
  }

  noticeTemplate(request: CaseRef & { jurisdiction: string }): Promise<TemplateInUse> {
    return this.withCase(request, (handle) => templateInUse(handle.db, casePacks(handle), noticeJurisdiction(request.jurisdiction), lawDate(handle)));
  }

  checkNoticeTemplate(request: CaseRef & { jurisdiction: string; text: string }): Promise<TemplateCheck> {
    return this.withCase(request, (handle) => checkTemplate(request.text, rulesFor(casePacks(handle), noticeJurisdiction(request.jurisdiction), lawDate(handle))));
  }

  setNoticeTemplate(request: CaseRef & { jurisdiction: string; text: string; actor?: string | null }): Promise<{ id: number; sha256: string; check: TemplateCheck }> {
    return this.withCase(request, (handle) =>
      recordNoticeTemplate(handle.db, casePacks(handle), noticeJurisdiction(request.jurisdiction), request.text, request.actor ?? defaultActor(), lawDate(handle)),
    );
  }

  previewLetter(request: CaseRef & { jurisdiction: string; consumerId?: number | null; analysisId?: number | null }): Promise<LetterPreview> {
    return this.withCase(request, (handle) => {
      const stored = readNoticeFacts(handle.db);
      if (!stored) throw new LedgerError('BAD_USAGE', 'No notice facts are recorded, so no letter can be written yet; record the notice facts first.');
      const assessment = assessAnalysis(handle, { analysisId: request.analysisId ?? null });
      return previewLetter(handle.db, assessment, stored.facts, noticeJurisdiction(request.jurisdiction), request.consumerId ?? null);
    });
  }

  writeNoticePackage(request: CaseRef & { outDir?: string | null; analysisId?: number | null; noticeDate?: string | null; actor?: string | null }, context: CallContext = {}): Promise<ExportView> {
    return this.withCase(request, async (handle) => {
      const result = await exportNoticePackage(
        handle,
        {
          actor: request.actor ?? defaultActor(),
          ...(request.outDir ? { outDir: request.outDir } : {}),
          analysisId: request.analysisId ?? null,
          plannedNoticeDate: request.noticeDate ?? null,
        },
        context.onProgress ?? noProgress,
      );
      return { dir: result.dir, manifestPath: result.manifestPath, manifestSha256: result.manifestSha256, files: result.files };
    });
  }

  noticeSubmissions(request: AssessRequest): Promise<SubmissionsResult> {
    parseAssumptions(request.assumptions ?? []);
    return this.withCase(request, (handle) => {
      const { assessment, submissions } = caseSubmissions(handle, { analysisId: request.analysisId ?? null, noticeDate: request.noticeDate ?? null, assumptions: request.assumptions ?? [] });
      return { analysis: assessment.analysis.id, analysisDigest: assessment.analysis.outputDigest, submissions };
    });
  }

  exportCase(request: ExportRequest, context: CallContext = {}): Promise<ExportView> {
    parseAssumptions(request.assumptions ?? []);
    return this.withCase(request, async (handle) => {
      const result = await exportCase(
        handle,
        {
          actor: request.actor ?? defaultActor(),
          assumptions: request.assumptions ?? [],
          ...(request.outDir ? { outDir: request.outDir } : {}),
          ...(request.analysisId ? { analysisId: request.analysisId } : {}),
          ...(request.noticeDate ? { plannedNoticeDate: request.noticeDate } : {}),
        },
        context.onProgress ?? noProgress,
      );
      return { dir: result.dir, manifestPath: result.manifestPath, manifestSha256: result.manifestSha256, files: result.files };
    });
  }

  async verifyExport(request: { manifestPath: string; caseDir?: string | null }): Promise<ExportVerificationView> {
    if (!request.manifestPath) throw new LedgerError('BAD_USAGE', 'Name the manifest.json of an export.');
    const publicKeyPem = request.caseDir ? await this.withCase({ caseDir: request.caseDir }, (handle) => handle.info.publicKeyPem) : undefined;
    return verifyExport(request.manifestPath, publicKeyPem ? { publicKeyPem } : {});
  }

  noticePlan(request: AssessRequest): Promise<NoticePlanView> {
    parseAssumptions(request.assumptions ?? []);
    return this.withCase(request, (handle) =>
      noticePlan(handle.db, assessAnalysis(handle, { analysisId: request.analysisId ?? null, noticeDate: request.noticeDate ?? null, assumptions: request.assumptions ?? [] })),
    );
  }

  exportCsv(request: CsvExportRequest): Promise<CsvExportView> {
    return this.withCase(request, (handle) => exportCsv(handle, request, request.actor ?? defaultActor()));
  }

  listExports(request: CaseRef): Promise<ExportListItem[]> {
    return this.withCase(request, (handle) => listExports(handle));
  }

  checkExport(request: CaseRef & { path: string }): Promise<ExportVerificationView> {
    return this.withCase(request, (handle) => checkExport(handle, request.path));
  }

  annotate(request: AnnotateRequest): Promise<AnnotationView> {
    return this.withCase(request, (handle) =>
      annotate(handle.db, { target: request.target, note: request.note, tags: request.tags ?? [], analysisId: request.analysisId ?? null, actor: request.actor ?? defaultActor() }),
    );
  }

  listAnnotations(request: CaseRef & { target?: AnnotationTarget | null }): Promise<AnnotationView[]> {
    return this.withCase(request, (handle) => listAnnotations(handle.db, request.target ?? null));
  }

  /** Closes every open case (the engine can be used again afterwards). */
  close(): void {
    for (const handle of this.handles.values()) handle.close();
    this.handles.clear();
    this.keys.clear();
  }

  /** Runs `work` with the case open, serialized with other calls on the same case. */
  async withCase<T>(ref: CaseRef, work: (handle: CaseHandle) => T | Promise<T>): Promise<T> {
    if (!ref.caseDir) throw new LedgerError('BAD_USAGE', 'Name the case folder.');
    const dir = path.resolve(ref.caseDir);
    const previous = this.queues.get(dir) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => work(await this.handleFor(dir)))
      .catch((error: unknown) => {
        throw explainSystemError(error, dir);
      });
    this.queues.set(dir, run);
    return run;
  }

  private async handleFor(dir: string): Promise<CaseHandle> {
    const open = this.handles.get(dir);
    if (open && open.db.open) return open;
    let key = this.keys.get(dir) ?? null;
    if (!key && this.options.passphraseFor && caseIsEncrypted(dir)) {
      key = await unlockCase(dir, await this.options.passphraseFor(dir));
      this.keys.set(dir, key);
    }
    const handle = await openCase(dir, { key });
    this.handles.set(dir, handle);
    return handle;
  }

  private encryptedCaseDir(ref: CaseRef): string {
    if (!ref.caseDir) throw new LedgerError('BAD_USAGE', 'Name the case folder.');
    const dir = path.resolve(ref.caseDir);
    if (!caseIsEncrypted(dir)) throw new LedgerError('BAD_USAGE', `${dir} is not an encrypted case; encrypt it first.`);
    return dir;
  }

  private async addOne(handle: CaseHandle, request: AddEvidenceRequest, file: string, context: CallContext): Promise<AddEvidenceOutcome> {
    try {
      const result = await addEvidence(
        handle,
        {
          file,
          actor: request.actor ?? defaultActor(),
          source: request.source ?? null,
          format: request.format ?? null,
          timeZone: request.timeZone ?? null,
          parseOptions: {
            ...(request.encoding ? { encoding: request.encoding as EncodingName } : {}),
            ...(request.locale ? { locale: request.locale } : {}),
            ...(request.mapping ? { mapping: checkMapping(request.mapping) } : {}),
          },
        },
        context.onProgress ?? noProgress,
        context.signal,
      );
      const item = getEvidenceWithImport(handle.db, result.evidence.id)!;
      return { file, status: 'added', evidence: toEvidenceItem(item) };
    } catch (raw) {
      const error = explainSystemError(raw, handle.dir);
      if (error instanceof LedgerError && error.details.reason === 'source-changed') {
        appendCustody(handle.db, { actor: request.actor ?? defaultActor(), action: 'acquire-refused', subject: file, details: { reason: error.message, change: error.details.change } });
      }
      if (error instanceof LedgerError && error.code === 'DUPLICATE_EVIDENCE') {
        return { file, status: 'duplicate', existingId: Number(error.details.existingId), message: error.message };
      }
      if (error instanceof LedgerError && error.code !== 'INTERNAL') return { file, status: 'failed', code: error.code, message: error.message };
      throw error;
    }
  }
}

function checkMapping(mapping: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(mapping);
  if (entries.length === 0 || entries.some(([key, value]) => !key || typeof value !== 'string' || !value)) {
    throw new LedgerError('BAD_USAGE', 'A column mapping is a JSON object of target field → source column, e.g. {"ts": "time", "clientIp": "ip"}.');
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function checkEncoding(encoding: string | null | undefined): void {
  if (encoding && !(ENCODINGS as readonly string[]).includes(encoding)) {
    throw new LedgerError('BAD_USAGE', `The encoding must be one of ${ENCODINGS.join(', ')}, not "${encoding}".`);
  }
}

function page(request: { limit?: number | null; offset?: number | null }, defaultLimit: number): { limit: number; offset: number } {
  const limit = request.limit ?? defaultLimit;
  const offset = request.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new LedgerError('BAD_USAGE', 'The page size must be a whole number from 1 to 100000.');
  if (!Number.isInteger(offset) || offset < 0) throw new LedgerError('BAD_USAGE', 'The page offset must be a whole number, 0 or more.');
  return { limit, offset };
}

function normalizeJurisdiction(code: string): string {
  const trimmed = code.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(trimmed) ? `US-${trimmed}` : trimmed;
}

function scopeView(db: Db, scope: ScopeVersion): ScopeView {
  return {
    version: scope.id,
    createdAt: scope.createdAt,
    actor: scope.actor,
    sha256: scope.sha256,
    definition: scope.definition,
    matchingEvents: collectScopedEvents(db, scope.definition),
  };
}

function summarize(handle: CaseHandle): CaseSummary {
  const count = handle.db.prepare('SELECT COUNT(*) FROM evidence').pluck().get() as number;
  const { info } = handle;
  return {
    caseDir: handle.dir,
    id: info.id,
    name: info.name,
    investigator: info.investigator,
    matter: info.matter,
    discovered: info.discovered,
    timeZone: info.timeZone,
    createdAt: info.createdAt,
    publicKeyFingerprint: info.publicKeyFingerprint,
    encrypted: handle.vaultKey !== null,
    evidenceCount: count,
    custodyHead: custodyHead(handle.db),
  };
}

function toEvidenceItem(e: EvidenceWithImport): EvidenceItem {
  const i = e.latestImport;
  return {
    id: e.id,
    originalName: e.originalName,
    originalPath: e.originalPath,
    source: e.source,
    size: e.size,
    sha256: e.sha256,
    sha1: e.sha1,
    md5: e.md5,
    acquiredAt: e.acquiredAt,
    acquiredBy: e.acquiredBy,
    timeZone: e.timeZone,
    format: e.format,
    formatForced: e.formatForced,
    latestImport: i
      ? {
          id: i.id,
          format: i.format,
          parserVersion: i.parserVersion,
          encoding: i.encoding,
          encodingGuessed: i.encodingGuessed,
          rowsRead: i.rowsRead,
          rowsImported: i.rowsImported,
          rowsRejected: i.rowsRejected,
          rowsDuplicate: i.rowsDuplicate,
          warnings: i.warnings,
          finishedAt: i.finishedAt,
        }
      : null,
    notImported: e.notImported,
  };
}

/** `CA`, `ca` or `US-CA` as the pack code `US-CA`; anything else is bad usage. */
function noticeJurisdiction(text: string): string {
  const code = (text ?? '').trim().toUpperCase();
  const full = code.startsWith('US-') ? code : `US-${code}`;
  if (!/^US-[A-Z]{2}$|^US-(?:FED|SECTOR)-[A-Z0-9-]+$/.test(full)) throw new LedgerError('BAD_USAGE', `Name the jurisdiction as a code like US-CA or CA, not "${text}".`);
  return full;
}

/** Notice content is read as the law stands on the letters' date (the notice facts), else on the discovery date, as the letters are. */
function lawDate(handle: CaseHandle): string {
  const date = readNoticeFacts(handle.db)?.facts.noticeDate ?? handle.info.discovered;
  if (!date) throw new LedgerError('BAD_USAGE', 'The case has no discovery date or notice facts; the notice rules in force depend on the date. Record the notice facts first.');
  return date;
}
