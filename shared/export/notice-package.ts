import { promises as fsp, readdirSync } from 'node:fs';
import path from 'node:path';
import { assessAnalysis, type Assessment } from '../assess/assess-analysis';
import { noProgress, throttleProgress, type ProgressListener } from '../contract/progress';
import { packRefs } from '../law/packs';
import type { FormSet } from '../law/submission-forms';
import { readNoticeFacts } from '../notices';
import { EXPORTS_DIR, type CaseHandle } from '../store/case-folder';
import { appendCustody } from '../store/custody';
import { submissionsFor } from '../submissions/case-submissions';
import type { FilledSubmission } from '../submissions/fill';
import { submissionFacts } from '../submissions/from-notice-facts';
import { NOTICES_DIR, writeSubmissionFiles } from '../submissions/write';
import { letterJurisdictions, NOTICE_FILES, writeNotices, type JurisdictionNotices } from '../notices';
import { writeOutputFile } from '../store/byte-streams';
import { readAnalysis } from './analysis-record';
import { custodyAtExport } from './custody-cut';
import { displayPath, prepareDir } from './export-dir';
import { signExportFolder, type ManifestFile } from './manifest';
import { openSnapshotReader } from './store-reader';
import type { Db } from '../store/db';

export interface NoticePackageInput {
  assessment: Assessment;
  /** The connection the export reads from (one snapshot for every file). */
  db: Db;
  caseName: string;
  plannedNoticeDate: string | null;
  key: Buffer | null;
  forms?: FormSet;
  onProgress?: ProgressListener;
}

export interface NoticePackage {
  /** Null when no notice facts are recorded: no letters can be written (the export keeps its notification lists). */
  letters: JurisdictionNotices[] | null;
  submissions: FilledSubmission[];
}

/** Written instead of letters when counsel has not stated the notice facts, so the gap is visible in the export. */
export const LETTERS_NOT_WRITTEN_FILE = `${NOTICES_DIR}/letters-not-written.txt`;

/**
 * Writes the `notices/` folder: per jurisdiction requiring individual notice the letters, sample notice, mail-merge
 * CSV, email versions and template (the letter engine, shared/notices), then the agencies' submissions, filled from
 * the analysis and the notice facts in force, with each jurisdiction's sample notice as its template copy.
 */
export async function writeNoticePackage(dir: string, options: NoticePackageInput): Promise<NoticePackage> {
  const stored = readNoticeFacts(options.db);
  const noticesDir = path.join(dir, ...NOTICES_DIR.split('/'));
  let letters: JurisdictionNotices[] | null = null;
  if (stored) {
    letters = await writeNotices(options.db, options.assessment, stored.facts, noticesDir, { key: options.key, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  } else if (letterJurisdictions(options.assessment.obligations).length > 0) {
    await fsp.mkdir(noticesDir, { recursive: true });
    await writeOutputFile(
      path.join(dir, ...LETTERS_NOT_WRITTEN_FILE.split('/')),
      `No letters were written: the case has no notice facts (company, dates, what happened, notice date).\nRecord them (on the Notices screen, or with the command line's notices facts) and export again.\nUntil then each jurisdiction's mail-merge list is notification-list-<jurisdiction>.csv beside this folder.\n`,
      options.key,
    );
  }
  const templateCopies = new Map((letters ?? []).map((j) => [j.jurisdiction, `${NOTICES_DIR}/${j.jurisdiction}/${NOTICE_FILES.sample}`]));
  const submissions = submissionsFor(options.assessment, {
    facts: submissionFacts(stored?.facts ?? null),
    templateCopies,
    ...(options.forms ? { forms: options.forms } : {}),
    plannedNoticeDate: options.plannedNoticeDate,
  });
  await writeSubmissionFiles(dir, submissions, options.caseName, options.key);
  return { letters, submissions };
}

export interface NoticePackageOptions {
  /** Defaults to `<case>/exports/<UTC timestamp>-notices/`; must be new or empty. */
  outDir?: string;
  analysisId?: number | null;
  plannedNoticeDate?: string | null;
  actor: string;
  now?: Date;
}

/**
 * The notice package on its own: the `notices/` folder of an export with a signed manifest of its own (checked
 * by verify-export like any export), logged in custody.
 */
export async function exportNoticePackage(handle: CaseHandle, options: NoticePackageOptions, onProgress: ProgressListener = noProgress): Promise<{ dir: string; manifestPath: string; manifestSha256: string; files: ManifestFile[] }> {
  const now = options.now ?? new Date();
  const progress = throttleProgress(onProgress);
  const assessment = assessAnalysis(handle, { analysisId: options.analysisId ?? null, noticeDate: options.plannedNoticeDate ?? null });
  const { dir, created } = await prepareDir(options.outDir ?? path.join(handle.dir, EXPORTS_DIR, `${now.toISOString().replace(/:/g, '-')}-notices`));
  const reader = openSnapshotReader(handle);
  try {
    progress({ phase: 'export', label: 'notice package', done: 0, total: 2, unit: 'steps' });
    await writeNoticePackage(dir, { assessment, db: reader.db, caseName: handle.info.name, plannedNoticeDate: options.plannedNoticeDate ?? null, key: handle.vaultKey?.files ?? null, onProgress: progress });
    progress({ phase: 'export', label: 'manifest', done: 1, total: 2, unit: 'steps' });
    const analysis = readAnalysis(reader.db, assessment.analysis.id);
    const signed = await signExportFolder(handle, dir, {
      exportedAt: now.toISOString(),
      exportedBy: options.actor,
      analysis,
      assumptions: [],
      plannedNoticeDate: options.plannedNoticeDate ?? null,
      headAtExport: custodyAtExport(reader.db).head,
      rulePacks: packRefs(assessment.packs),
    });
    appendCustody(
      handle.db,
      {
        actor: options.actor,
        action: 'export',
        subject: displayPath(handle.dir, dir),
        details: { kind: 'notice package', analysisId: analysis.id, manifestSha256: signed.manifestSha256, files: signed.files.map((f) => ({ path: f.path, sha256: f.sha256 })) },
      },
      now,
    );
    progress({ phase: 'export', label: 'done', done: 2, total: 2, unit: 'steps' });
    return { dir, ...signed };
  } catch (error) {
    if (created) await fsp.rm(dir, { recursive: true, force: true });
    else for (const name of readdirSync(dir)) await fsp.rm(path.join(dir, name), { recursive: true, force: true });
    throw error;
  } finally {
    reader.close();
  }
}
