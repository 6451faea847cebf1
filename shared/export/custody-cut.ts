import { GENESIS_HASH, listCustody, type CustodyEntry } from '../store/custody';
import type { Db } from '../store/db';

export interface CustodyCut {
  /** The chain from its first entry up to and including the latest entry that is not an export. */
  entries: CustodyEntry[];
  /** That entry's sequence number and hash: the "custody head at export" the exported files show. */
  head: { seq: number; hash: string };
  /** The latest 'verify' entry inside the cut, if any. */
  latestVerification: CustodyEntry | null;
}

/**
 * Exports log themselves in custody, so the live head moves with every export. Files inside an export show
 * the chain only up to the last non-export entry: a contiguous, verifiable prefix that back-to-back exports
 * of the same analysis share, which keeps their bytes identical. The manifest records the real head as well.
 */
export function custodyAtExport(db: Db): CustodyCut {
  const all = listCustody(db);
  let end = all.length;
  while (end > 0 && all[end - 1]!.action === 'export') end--;
  const entries = all.slice(0, end);
  const last = entries[entries.length - 1];
  const verifications = entries.filter((e) => e.action === 'verify');
  return {
    entries,
    head: { seq: last?.seq ?? 0, hash: last?.entryHash ?? GENESIS_HASH },
    latestVerification: verifications[verifications.length - 1] ?? null,
  };
}
