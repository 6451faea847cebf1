import { promises as fsp, readdirSync } from 'node:fs';
import path from 'node:path';
import { noProgress, throttleProgress, type ProgressListener } from '../contract/progress';
import { assessAnalysis } from '../assess/assess-analysis';
import { packRefs } from '../law/packs';
import { writeOutputFile } from '../store/byte-streams';
import { EXPORTS_DIR, type CaseHandle } from '../store/case-folder';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { listEvidence } from '../store/evidence';
import { readAnalysis } from './analysis-record';
import { custodyAtExport } from './custody-cut';
import { CUSTODY_REPORT_FILE, custodyReportHtml } from './custody-report';
import { computeFindings } from '../findings/run-findings';
import { FINDINGS_REPORT_FILE, findingsReportHtml } from '../findings/report-html';
import { DEFAULT_FINDINGS_OPTIONS } from '../findings/types';
import type { ExportData, RejectCount } from './export-data';
import { displayPath, prepareDir } from './export-dir';
import { signExportFolder, type ManifestFile } from './manifest';
import { writeNoticePackage } from './notice-package';
import { writeNotificationLists } from './notification-lists';
import { NOTES_FILE, writeNotesCsv } from './notes-csv';
import { openSnapshotReader } from './store-reader';
import { WORKBOOK_FILE, writeWorkbook } from './workbook';
import { XLSX_MAX_ROWS } from './xlsx/sheet-stream';

export interface ExportOptions {
  /** Defaults to `<case>/exports/<UTC timestamp>/`; must be new or empty. */
  outDir?: string;
  /** Defaults to the latest analysis. */
  analysisId?: number;
  /** Exposure assumptions as `key=value` (e.g. `ca.amount=max`). */
  assumptions?: string[];
  plannedNoticeDate?: string;
  actor: string;
  now?: Date;
  /** Rows per sheet, header included, before a continuation sheet starts; lowered only by tests. */
  sheetRowLimit?: number;
}

export interface ExportResult {
  dir: string;
  manifestPath: string;
  manifestSha256: string;
  files: ManifestFile[];
}

const STEPS = 6;

/**
 * Writes the workbook, the notice package (letters per jurisdiction requiring individual notice and the agencies'
 * submissions; the notification lists instead of letters while no notice facts are recorded), the custody report
 * and the signed manifest, then logs the export in custody. Everything but the manifest is a function of the
 * analysis and the custody chain up to the last non-export entry, so re-exports are byte-identical.
 */
export async function exportCase(handle: CaseHandle, options: ExportOptions, onProgress: ProgressListener = noProgress): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const progress = throttleProgress(onProgress);
  const step = (done: number, label: string) => progress({ phase: 'export', label, done, total: STEPS, unit: 'steps' });

  step(0, 'assessing the analysis');
  const assessment = assessAnalysis(handle, {
    analysisId: options.analysisId ?? null,
    assumptions: options.assumptions ?? [],
    noticeDate: options.plannedNoticeDate ?? null,
  });
  const { analysis: analysisRef, packs, obligations, exposure } = assessment;

  const { dir, created } = await prepareDir(options.outDir ?? path.join(handle.dir, EXPORTS_DIR, now.toISOString().replace(/:/g, '-')));
  const reader = openSnapshotReader(handle);
  try {
    const data: ExportData = {
      info: handle.info,
      analysis: readAnalysis(reader.db, analysisRef.id),
      obligations,
      exposure,
      rulePacks: packRefs(packs),
      evidence: listEvidence(reader.db),
      custody: custodyAtExport(reader.db),
      rejects: rejectCounts(reader.db),
      assumptionArgs: [...(options.assumptions ?? [])],
      plannedNoticeDate: options.plannedNoticeDate ?? null,
      findings: computeFindings(reader.db, handle.dir, DEFAULT_FINDINGS_OPTIONS),
    };

    // In an encrypted case every file but the manifest is written encrypted; the manifest lists their ciphertext.
    const key = handle.vaultKey?.files ?? null;
    step(1, 'workbook');
    await writeWorkbook(path.join(dir, WORKBOOK_FILE), reader.db, data, options.sheetRowLimit ?? XLSX_MAX_ROWS, progress, key);
    step(2, 'notice package');
    const notices = await writeNoticePackage(dir, { assessment, db: reader.db, caseName: handle.info.name, plannedNoticeDate: data.plannedNoticeDate, key, onProgress: progress });
    // The letters' mail-merge CSVs replace the notification lists; without notice facts there are no letters, so the lists stay.
    step(3, 'notification lists');
    if (notices.letters === null) await writeNotificationLists(reader.db, data.analysis.id, obligations, packs, dir, key);
    step(4, 'custody report');
    await writeOutputFile(path.join(dir, CUSTODY_REPORT_FILE), custodyReportHtml(data), key);
    await writeOutputFile(path.join(dir, FINDINGS_REPORT_FILE), findingsReportHtml(handle.info.name, data.findings), key);
    await writeNotesCsv(reader.db, path.join(dir, NOTES_FILE), key);

    step(5, 'manifest');
    const { files, manifestPath, manifestSha256 } = await signExportFolder(handle, dir, {
      exportedAt: now.toISOString(),
      exportedBy: options.actor,
      analysis: data.analysis,
      assumptions: data.assumptionArgs,
      plannedNoticeDate: data.plannedNoticeDate,
      headAtExport: data.custody.head,
      rulePacks: data.rulePacks,
    });

    appendCustody(
      handle.db,
      {
        actor: options.actor,
        action: 'export',
        subject: displayPath(handle.dir, dir),
        details: { analysisId: data.analysis.id, manifestSha256, files: files.map((f) => ({ path: f.path, sha256: f.sha256 })), assumptions: data.assumptionArgs },
      },
      now,
    );
    step(6, 'done');
    return { dir, manifestPath, manifestSha256, files };
  } catch (error) {
    if (created) await fsp.rm(dir, { recursive: true, force: true });
    else for (const name of readdirSync(dir)) await fsp.rm(path.join(dir, name), { recursive: true, force: true });
    throw error;
  } finally {
    reader.close();
  }
}

function rejectCounts(db: Db): RejectCount[] {
  return db
    .prepare(
      `SELECT e.id AS evidenceId, e.original_name AS name, e.sha256, r.reason, COUNT(*) AS count
       FROM rejects r JOIN evidence e ON e.id = r.evidence_id
       WHERE r.import_id IN (SELECT id FROM current_imports)
       GROUP BY e.id, r.reason ORDER BY e.id, r.reason`,
    )
    .all() as RejectCount[];
}
