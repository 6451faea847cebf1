import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { writeOutputFile } from '../store/byte-streams';
import type { FilledSubmission } from './fill';
import { submissionHtml, submissionJson } from './render';

/** Where an export keeps its notice package, and the agencies' submissions inside it (paths use `/`). */
export const NOTICES_DIR = 'notices';
export const SUBMISSIONS_DIR = `${NOTICES_DIR}/submissions`;

/** Writes one readable page and one JSON per submission; returns their export-relative paths. */
export async function writeSubmissionFiles(exportDir: string, submissions: readonly FilledSubmission[], caseName: string, key: Buffer | null): Promise<string[]> {
  if (submissions.length === 0) return [];
  const folder = path.join(exportDir, ...SUBMISSIONS_DIR.split('/'));
  await fsp.mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const submission of submissions) {
    await writeOutputFile(path.join(folder, `${submission.name}.html`), submissionHtml(submission, caseName), key);
    await writeOutputFile(path.join(folder, `${submission.name}.json`), submissionJson(submission, caseName), key);
    written.push(`${SUBMISSIONS_DIR}/${submission.name}.html`, `${SUBMISSIONS_DIR}/${submission.name}.json`);
  }
  return written;
}
