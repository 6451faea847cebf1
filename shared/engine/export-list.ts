/**
 * The case's earlier exports, read from the custody log (which records every export, wherever it was written):
 * signed export folders and CSV exports. Checking one re-reads it from disk: a folder with verify-export plus the
 * manifest digest custody logged, a CSV against the SHA-256 and size custody logged.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ExportListItem, ExportVerificationView } from '../contract/api';
import { LedgerError } from '../contract/errors';
import { sha256File } from '../export/file-digest';
import { MANIFEST_FILE } from '../export/manifest';
import { verifyExport } from '../export/verify-export';
import type { CaseHandle } from '../store/case-folder';
import type { Db } from '../store/db';

interface LoggedExport {
  seq: number;
  at: string;
  actor: string;
  action: 'export' | 'csv-export';
  subject: string;
  details: string;
}

function loggedExports(db: Db): LoggedExport[] {
  return db.prepare(`SELECT seq, at, actor, action, subject, details FROM custody WHERE action IN ('export', 'csv-export') ORDER BY seq DESC`).all() as LoggedExport[];
}

export function listExports(handle: CaseHandle): ExportListItem[] {
  return loggedExports(handle.db).map((e): ExportListItem => {
    const details = JSON.parse(e.details) as { files?: unknown[]; table?: string; rows?: number; sha256?: string };
    const where = path.resolve(handle.dir, e.subject);
    if (e.action === 'export') {
      return { kind: 'package', path: where, manifestPath: path.join(where, MANIFEST_FILE), exportedAt: e.at, exportedBy: e.actor, files: details.files?.length ?? 0 };
    }
    return { kind: 'csv', path: where, table: details.table ?? 'unknown', exportedAt: e.at, exportedBy: e.actor, rows: details.rows ?? 0, sha256: details.sha256 ?? '', custodySeq: e.seq };
  });
}

export async function checkExport(handle: CaseHandle, target: string): Promise<ExportVerificationView> {
  if (!target) throw new LedgerError('BAD_USAGE', 'Name the export to check.');
  const wanted = path.resolve(handle.dir, target);
  const logged = loggedExports(handle.db).find((e) => path.resolve(handle.dir, e.subject) === wanted || path.join(path.resolve(handle.dir, e.subject), MANIFEST_FILE) === wanted);
  if (!logged) throw new LedgerError('NOT_FOUND', `${target} is not an export logged in this case's custody log.`);
  const where = path.resolve(handle.dir, logged.subject);
  const details = JSON.parse(logged.details) as { manifestSha256?: string; sha256?: string; size?: number };
  if (logged.action === 'export') {
    const manifestPath = path.join(where, MANIFEST_FILE);
    const result = await verifyExport(manifestPath, { publicKeyPem: handle.info.publicKeyPem });
    if (existsSync(manifestPath) && details.manifestSha256) {
      const { sha256 } = await sha256File(manifestPath);
      if (sha256 !== details.manifestSha256) {
        const problem = `${MANIFEST_FILE}: SHA-256 is ${sha256}, custody entry #${logged.seq} logged ${details.manifestSha256}`;
        return { ...result, ok: false, files: result.files.map((f) => (f.path === MANIFEST_FILE ? { ...f, ok: false, problem: f.problem ?? problem } : f)) };
      }
    }
    return result;
  }
  const name = path.basename(where);
  const problem = !existsSync(where)
    ? `${name} is missing`
    : await (async () => {
        const found = await sha256File(where);
        if (found.size !== details.size) return `${name}: size is ${found.size} bytes, custody entry #${logged.seq} logged ${String(details.size)}`;
        if (found.sha256 !== details.sha256) return `${name}: SHA-256 is ${found.sha256}, custody entry #${logged.seq} logged ${String(details.sha256)}`;
        return null;
      })();
  return { ok: problem === null, signatureOk: false, publicKeyFingerprint: null, files: [{ path: name, ok: problem === null, problem }] };
}
