import { LedgerError } from '../contract/errors';
import { noProgress, type ProgressListener } from '../contract/progress';
import type { CaseHandle } from './case-folder';
import { appendCustody, verifyCustodyChain } from './custody';
import { listEvidence } from './evidence';
import { hashVaultFile } from './vault';

export interface EvidenceCheck {
  id: number;
  name: string;
  sha256: string;
  ok: boolean;
  /** Null when ok; otherwise one sentence with expected vs found. */
  problem: string | null;
}

export interface VerifyReport {
  ok: boolean;
  evidence: EvidenceCheck[];
  custody: { ok: boolean; entries: number; head: string; firstBadSeq: number | null; problem: string | null };
  store: { ok: boolean; problems: string[] };
  /** The custody entry that records this verification, or null when the store could not take one. */
  loggedAs: { seq: number; hash: string } | null;
}

/** Re-hashes every vault file, recomputes the custody chain, checks SQLite integrity, and logs the result. */
export async function verifyCase(handle: CaseHandle, actor: string, onProgress: ProgressListener = noProgress, signal?: AbortSignal): Promise<VerifyReport> {
  const evidence = listEvidence(handle.db);
  const totalBytes = evidence.reduce((sum, e) => sum + e.size, 0);
  let doneBytes = 0;
  const checks: EvidenceCheck[] = [];
  for (const item of evidence) {
    if (signal?.aborted) throw new LedgerError('CANCELLED', 'Verification cancelled; nothing was logged.');
    onProgress({ phase: 'verify', label: item.originalName, done: doneBytes, total: totalBytes, unit: 'bytes' });
    const found = await hashVaultFile(handle.dir, item.sha256, signal);
    let problem: string | null = null;
    if (!found.exists) problem = `vault file vault/${item.sha256} is missing`;
    else if (found.unreadable || !found.digests) problem = `vault file ${found.unreadable ?? 'could not be read'}`;
    else {
      const d = found.digests;
      const mismatches = [
        d.size !== item.size ? `size expected ${item.size}, found ${d.size}` : null,
        d.sha256 !== item.sha256 ? `SHA-256 expected ${item.sha256}, found ${d.sha256}` : null,
        d.sha1 !== item.sha1 ? `SHA-1 expected ${item.sha1}, found ${d.sha1}` : null,
        d.md5 !== item.md5 ? `MD5 expected ${item.md5}, found ${d.md5}` : null,
      ].filter((m): m is string => m !== null);
      if (mismatches.length > 0) problem = `vault file altered: ${mismatches.join('; ')}`;
    }
    checks.push({ id: item.id, name: item.originalName, sha256: item.sha256, ok: problem === null, problem });
    doneBytes += item.size;
  }
  onProgress({ phase: 'verify', label: 'custody chain', done: totalBytes, total: totalBytes, unit: 'bytes' });

  const chain = verifyCustodyChain(handle.db);
  const integrity = handle.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const storeProblems = integrity.map((r) => r.integrity_check).filter((m) => m !== 'ok');
  const foreignKeyProblems = handle.db.pragma('foreign_key_check') as unknown[];
  if (foreignKeyProblems.length > 0) storeProblems.push(`${foreignKeyProblems.length} rows reference missing rows`);

  const report: VerifyReport = {
    ok: checks.every((c) => c.ok) && chain.ok && storeProblems.length === 0,
    evidence: checks,
    custody: chain,
    store: { ok: storeProblems.length === 0, problems: storeProblems },
    loggedAs: null,
  };
  try {
    const entry = appendCustody(handle.db, {
      actor,
      action: 'verify',
      subject: 'case',
      details: {
        ok: report.ok,
        evidenceChecked: checks.length,
        evidenceFailed: checks.filter((c) => !c.ok).map((c) => ({ id: c.id, problem: c.problem })),
        custodyOk: chain.ok,
        custodyEntriesChecked: chain.entries,
        custodyHeadChecked: chain.head,
        firstBadSeq: chain.firstBadSeq,
        storeOk: report.store.ok,
      },
    });
    report.loggedAs = { seq: entry.seq, hash: entry.entryHash };
  } catch {
    report.loggedAs = null;
  }
  return report;
}
