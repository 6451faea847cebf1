import { LedgerError } from '../contract/errors';
import { noProgress, type ProgressListener } from '../contract/progress';
import type { CaseHandle } from './case-folder';
import { appendCustody, verifyCustodyChain } from './custody';
import path from 'node:path';
import { EXPORTS_DIR } from './case-folder';
import { damagedTables, evidenceAgainstCustody, expectedHeadProblems, manifestsAgainstCustody } from './cross-checks';
import { isCorruption } from './errors';
import { listEvidence, type EvidenceRecord } from './evidence';
import { planRowSealCheck, type RowSealCheck } from './row-seals';
import { checkStoreBeside } from './store-check-worker';
import { hashVaultFiles } from './vault';

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
  /**
   * Rows against records kept elsewhere: evidence digests against their custody entries, the custody log against
   * the heads recorded in every signed export manifest, and against the head the examiner expects (`expectHead`);
   * every sealed row against the fingerprint its custody entry sealed (`rowsChecked`).
   */
  records: { ok: boolean; manifestsChecked: number; rowsChecked: number; problems: string[] };
  /** The custody entry that records this verification, or null when the store could not take one. */
  loggedAs: { seq: number; hash: string } | null;
}

export interface VerifyOptions {
  /** A custody head hash written down earlier: the one check a full re-chain of the log cannot pass. */
  expectHead?: string | null;
}

/**
 * Re-hashes every vault file, recomputes the custody chain, checks the rows against their custody and export
 * records, checks SQLite integrity (naming damaged tables), and logs the result where the store still takes a write.
 */
export async function verifyCase(
  handle: CaseHandle,
  actor: string,
  onProgress: ProgressListener = noProgress,
  signal?: AbortSignal,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const storeProblems: string[] = [];
  const unreadable = (what: string, error: unknown): void => {
    if (!isCorruption(error)) throw error;
    storeProblems.push(`${what} could not be read: ${(error as Error).message}`);
  };
  let evidence: EvidenceRecord[] = [];
  try {
    evidence = listEvidence(handle.db);
  } catch (error) {
    unreadable('the evidence table', error);
  }
  const totalBytes = evidence.reduce((sum, e) => sum + e.size, 0);
  let doneBytes = 0;
  if (signal?.aborted) throw new LedgerError('CANCELLED', 'Verification cancelled; nothing was logged.');
  onProgress({ phase: 'verify', label: 'vault files', done: 0, total: totalBytes, unit: 'bytes' });
  // The vault is re-read on a thread of its own while this one checks the store below (most of verify's time).
  const vault = hashVaultFiles(
    handle.dir,
    evidence.map((e) => e.sha256),
    signal,
    (index) => {
      doneBytes += evidence[index]!.size;
      onProgress({ phase: 'verify', label: evidence[index]!.originalName, done: doneBytes, total: totalBytes, unit: 'bytes' });
    },
  );
  vault.catch(() => undefined);
  onProgress({ phase: 'verify', label: 'custody chain', done: doneBytes, total: totalBytes, unit: 'bytes' });

  let chain: VerifyReport['custody'] = { ok: false, entries: 0, head: '', firstBadSeq: null, problem: 'the custody table could not be read' };
  try {
    chain = verifyCustodyChain(handle.db);
  } catch (error) {
    unreadable('the custody table', error);
  }
  const recordProblems: string[] = [];
  let manifestsChecked = 0;
  let rowsChecked = 0;
  let notYetSealed: string[] = [];
  let sealCheck: RowSealCheck | null = null;
  try {
    recordProblems.push(...evidenceAgainstCustody(handle.db));
    sealCheck = planRowSealCheck(handle.db);
  } catch (error) {
    unreadable('the evidence and custody records', error);
  }
  const beside = checkStoreBeside(handle.db, handle.vaultKey?.store ?? null, sealCheck?.jobs ?? []);
  if (sealCheck) {
    try {
      onProgress({ phase: 'verify', label: 'rows against their seals', done: doneBytes, total: totalBytes, unit: 'bytes' });
      const seals = sealCheck.finish((await beside.digests()).digests);
      recordProblems.push(...seals.problems);
      rowsChecked = seals.rowsChecked;
      notYetSealed = seals.notYetSealed;
      const manifests = await manifestsAgainstCustody(handle.dir, path.join(handle.dir, EXPORTS_DIR), handle.db, handle.info.publicKeyPem);
      manifestsChecked = manifests.checked;
      recordProblems.push(...manifests.problems);
      if (options.expectHead) recordProblems.push(...expectedHeadProblems(handle.db, options.expectHead));
    } catch (error) {
      unreadable('the evidence and custody records', error);
    }
  }
  let integrity: string[] = [];
  try {
    const store = await beside.store();
    integrity = store.integrity;
    storeProblems.push(...integrity);
    if (store.foreignKeyProblems > 0) storeProblems.push(`${store.foreignKeyProblems} rows reference missing rows`);
  } catch (error) {
    unreadable('the store', error);
  }
  if (storeProblems.length > 0) {
    const tables = damagedTables(handle.db, integrity);
    if (tables.length > 0) storeProblems.unshift(`damaged: ${tables.join(', ')}`);
  }

  const found = await vault;
  if (signal?.aborted) throw new LedgerError('CANCELLED', 'Verification cancelled; nothing was logged.');
  const checks = evidence.map((item, index): EvidenceCheck => {
    const file = found[index]!;
    let problem: string | null = null;
    if (!file.exists) problem = `vault file vault/${item.sha256} is missing`;
    else if (file.unreadable || !file.digests) problem = `vault file ${file.unreadable ?? 'could not be read'}`;
    else {
      const d = file.digests;
      const mismatches = [
        d.size !== item.size ? `size expected ${item.size}, found ${d.size}` : null,
        d.sha256 !== item.sha256 ? `SHA-256 expected ${item.sha256}, found ${d.sha256}` : null,
        d.sha1 !== item.sha1 ? `SHA-1 expected ${item.sha1}, found ${d.sha1}` : null,
        d.md5 !== item.md5 ? `MD5 expected ${item.md5}, found ${d.md5}` : null,
      ].filter((m): m is string => m !== null);
      if (mismatches.length > 0) problem = `vault file altered: ${mismatches.join('; ')}`;
    }
    return { id: item.id, name: item.originalName, sha256: item.sha256, ok: problem === null, problem };
  });

  const report: VerifyReport = {
    ok: checks.every((c) => c.ok) && chain.ok && storeProblems.length === 0 && recordProblems.length === 0,
    evidence: checks,
    custody: chain,
    store: { ok: storeProblems.length === 0, problems: storeProblems },
    records: { ok: recordProblems.length === 0, manifestsChecked, rowsChecked, problems: recordProblems },
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
        storeProblems: storeProblems.slice(0, 20),
        recordsOk: report.records.ok,
        recordProblems: recordProblems.slice(0, 20),
        rowsChecked,
        ...(notYetSealed.length > 0 ? { rowsNotYetSealed: notYetSealed } : {}),
        ...(options.expectHead ? { expectedHead: options.expectHead } : {}),
      },
    });
    report.loggedAs = { seq: entry.seq, hash: entry.entryHash };
  } catch {
    report.loggedAs = null;
  }
  return report;
}

