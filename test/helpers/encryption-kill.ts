import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { verifyExport } from '../../shared/export';
import { caseIsEncrypted, openCase, KEYS_DIR, type CaseHandle } from '../../shared/store/case-folder';
import { createKeyFile, type VaultKey } from '../../shared/store/case-keys';
import { encryptCaseWithKey, encryptionInterrupted, resumeEncryptCaseWithKey } from '../../shared/store/encrypt-case';
import type { StepHook } from '../../shared/store/encrypt-in-place';
import { verifyCase } from '../../shared/store/verify';

/**
 * The kill harness of `case encrypt`: the conversion is stopped at a step boundary (in process, by an exception
 * thrown from the step hook, which no code on the conversion path catches, so the disk is left exactly as a kill
 * there leaves it), optionally stopped again while resuming, then resumed to the end and verified.
 */
class Stop extends Error {}

export interface KillTemplate {
  dir: string;
  key: VaultKey;
  steps: string[];
}

/** Writes the pending key once (scrypt is the slow part) and records the steps of an uninterrupted conversion. */
export async function prepareKillTemplate(plainCase: string, scratch: string, passphrase: string): Promise<KillTemplate> {
  const key = await createKeyFile(path.join(plainCase, KEYS_DIR), passphrase, { pending: true });
  const steps: string[] = [];
  const dry = path.join(scratch, 'dry-run');
  cpSync(plainCase, dry, { recursive: true });
  await encryptCaseWithKey(await openCase(dry), key, 'harness', (step) => void steps.push(step));
  rmSync(dry, { recursive: true, force: true });
  return { dir: plainCase, key, steps };
}

export interface KillOutcome {
  step: string;
  /** Also stopped at this step of the resume. */
  resumeStoppedAt: string | null;
  problems: string[];
}

function stopAt(index: number, seen: string[]): StepHook {
  let count = 0;
  return (step) => {
    seen.push(step);
    if (count++ === index) throw new Stop(step);
  };
}

/** Stops the conversion at step `index`, optionally the resume at its step `resumeIndex`, then finishes and checks. */
export async function killAndResume(template: KillTemplate, dir: string, index: number, resumeIndex: number | null): Promise<KillOutcome> {
  rmSync(dir, { recursive: true, force: true });
  cpSync(template.dir, dir, { recursive: true });
  const outcome: KillOutcome = { step: template.steps[index]!, resumeStoppedAt: null, problems: [] };
  let handle: CaseHandle | null = await openCase(dir);
  try {
    await encryptCaseWithKey(handle, template.key, 'harness', stopAt(index, []));
    outcome.problems.push(`the conversion was not stopped at step ${index}`);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  } finally {
    handle.close();
  }
  if (resumeIndex !== null) {
    const seen: string[] = [];
    try {
      await finish(dir, template.key, stopAt(resumeIndex, seen));
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      outcome.resumeStoppedAt = seen.at(-1) ?? null;
    }
  }
  await finish(dir, template.key, () => {});

  const leftovers = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(encrypting|plaintext|new|pending)$/.test(f));
  if (leftovers.length > 0) outcome.problems.push(`left behind: ${leftovers.join(', ')}`);
  handle = await openCase(dir, { key: template.key });
  try {
    const report = await verifyCase(handle, 'harness');
    if (!report.ok) outcome.problems.push(`verify: ${JSON.stringify({ evidence: report.evidence.filter((e) => !e.ok), custody: report.custody, store: report.store })}`);
    for (const manifest of readdirSync(path.join(dir, 'exports'), { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'manifest.json')) {
      const checked = await verifyExport(path.join(dir, 'exports', manifest), { publicKeyPem: handle.info.publicKeyPem });
      if (!checked.ok) outcome.problems.push(`verify-export ${manifest}: ${JSON.stringify(checked)}`);
    }
  } finally {
    handle.close();
  }
  return outcome;
}

/** What `case encrypt` does on a second run: resume a swapped store, or start over on a store still plain. */
async function finish(dir: string, key: VaultKey, onStep: StepHook): Promise<void> {
  // A resume that was to be stopped at a later step than it has already finished the job.
  if (caseIsEncrypted(dir) && !(await encryptionInterrupted(dir))) return;
  if (await encryptionInterrupted(dir)) {
    await resumeEncryptCaseWithKey(dir, key, 'harness', onStep);
    return;
  }
  const handle = await openCase(dir);
  try {
    await encryptCaseWithKey(handle, key, 'harness', onStep);
  } finally {
    handle.close();
  }
}
