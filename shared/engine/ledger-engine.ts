import type {
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
} from '../contract/api';
import { LedgerError } from '../contract/errors';
import { noProgress } from '../contract/progress';
import { addEvidence } from '../ingest/acquire';
import type { EncodingName } from '../ingest/parser';
import { allParsers } from '../ingest/registry';
import { createCase, openCase, type CaseHandle } from '../store/case-folder';
import { custodyHead, defaultActor, listCustody } from '../store/custody';
import { listEvidence, type EvidenceWithImport } from '../store/evidence';
import { verifyCase } from '../store/verify';
import path from 'node:path';

const ENCODINGS: readonly EncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'];

/**
 * The engine behind every front end. It keeps one open handle per case folder; calls on the same
 * case run one at a time so a long import and a listing never interleave inside a transaction.
 */
export class LedgerEngine implements LedgerApi {
  private readonly handles = new Map<string, CaseHandle>();
  private readonly queues = new Map<string, Promise<unknown>>();

  async createCase(request: CreateCaseRequest): Promise<CaseSummary> {
    const handle = await createCase({
      dir: request.caseDir,
      name: request.name,
      investigator: request.investigator,
      matter: request.matter ?? null,
      discovered: request.discovered ?? null,
      timeZone: request.timeZone ?? null,
    });
    this.handles.set(handle.dir, handle);
    return summarize(handle);
  }

  openCase(request: CaseRef): Promise<CaseSummary> {
    return this.withCase(request, async (handle) => summarize(handle));
  }

  async listFormats(): Promise<FormatInfo[]> {
    return allParsers().map((p) => ({ format: p.format, version: p.version, description: p.description }));
  }

  listEvidence(request: CaseRef): Promise<EvidenceItem[]> {
    return this.withCase(request, async (handle) => listEvidence(handle.db).map(toEvidenceItem));
  }

  addEvidence(request: AddEvidenceRequest, context: CallContext = {}): Promise<AddEvidenceOutcome[]> {
    if (request.files.length === 0) throw new LedgerError('BAD_USAGE', 'Name at least one file to add.');
    if (request.encoding && !(ENCODINGS as readonly string[]).includes(request.encoding)) {
      throw new LedgerError('BAD_USAGE', `--encoding must be one of ${ENCODINGS.join(', ')}, not "${request.encoding}".`);
    }
    return this.withCase(request, async (handle) => {
      const outcomes: AddEvidenceOutcome[] = [];
      for (const file of request.files) {
        if (context.signal?.aborted) break;
        outcomes.push(await this.addOne(handle, request, file, context));
      }
      return outcomes;
    });
  }

  custody(request: CaseRef): Promise<CustodyView> {
    return this.withCase(request, async (handle) => ({ entries: listCustody(handle.db), head: custodyHead(handle.db) }));
  }

  verify(request: CaseRef & { actor?: string | null }, context: CallContext = {}): Promise<VerifyResult> {
    return this.withCase(request, (handle) => verifyCase(handle, request.actor ?? defaultActor(), context.onProgress ?? noProgress));
  }

  /** Closes every open case (the engine can be used again afterwards). */
  close(): void {
    for (const handle of this.handles.values()) handle.close();
    this.handles.clear();
  }

  /** Runs `work` with the case open, serialized with other calls on the same case. */
  async withCase<T>(ref: CaseRef, work: (handle: CaseHandle) => Promise<T>): Promise<T> {
    if (!ref.caseDir) throw new LedgerError('BAD_USAGE', 'Name the case folder.');
    const dir = path.resolve(ref.caseDir);
    const previous = this.queues.get(dir) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => work(await this.handleFor(dir)));
    this.queues.set(dir, run);
    return run;
  }

  private async handleFor(dir: string): Promise<CaseHandle> {
    const open = this.handles.get(dir);
    if (open && open.db.open) return open;
    const handle = await openCase(dir);
    this.handles.set(dir, handle);
    return handle;
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
          },
        },
        context.onProgress ?? noProgress,
        context.signal,
      );
      const item = listEvidence(handle.db).find((e) => e.id === result.evidence.id)!;
      return { file, status: 'added', evidence: toEvidenceItem(item) };
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'DUPLICATE_EVIDENCE') {
        return { file, status: 'duplicate', existingId: Number(error.details.existingId), message: error.message };
      }
      if (error instanceof LedgerError && error.code !== 'INTERNAL') return { file, status: 'failed', code: error.code, message: error.message };
      throw error;
    }
  }
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
  };
}
