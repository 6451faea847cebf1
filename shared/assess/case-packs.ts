import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { addPack, loadPackFile, loadPacks, type PackSet } from '../law/packs';
import type { CaseHandle } from '../store/case-folder';
import { appendCustody } from '../store/custody';

export const RULES_DIR = 'rules';

interface RulePackRow {
  jurisdiction: string;
  version: string;
  sha256: string;
  original_name: string;
}

/** The bundled packs with the case's own added packs applied in the order they were added. */
export function casePacks(handle: CaseHandle): PackSet {
  let set = loadPacks();
  for (const row of handle.db.prepare('SELECT * FROM rule_packs ORDER BY id').all() as RulePackRow[]) {
    const loaded = loadPackFile(path.join(handle.dir, RULES_DIR, `${row.sha256}.json`));
    if (loaded.sha256 !== row.sha256) {
      throw new LedgerError('VERIFICATION_FAILED', `Rule pack rules/${row.sha256}.json (${row.original_name}) was altered: its SHA-256 is now ${loaded.sha256}.`);
    }
    set = addPack(set, loaded).set;
  }
  return set;
}

/** Validates a newer pack file, copies it into the case, records it and logs it in custody. */
export function addCasePack(handle: CaseHandle, file: string, actor: string): { jurisdiction: string; version: string; sha256: string; supersedes: string | null } {
  const loaded = loadPackFile(file);
  const { superseded } = addPack(casePacks(handle), loaded);
  mkdirSync(path.join(handle.dir, RULES_DIR), { recursive: true });
  copyFileSync(file, path.join(handle.dir, RULES_DIR, `${loaded.sha256}.json`));
  const result = { jurisdiction: loaded.pack.jurisdiction, version: loaded.pack.version, sha256: loaded.sha256, supersedes: superseded ? `${superseded.pack.version} (${superseded.sha256})` : null };
  handle.db.transaction(() => {
    handle.db
      .prepare('INSERT INTO rule_packs (added_at, actor, jurisdiction, version, sha256, original_name) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), actor, result.jurisdiction, result.version, result.sha256, path.basename(file));
    appendCustody(handle.db, { actor, action: 'rules-add', subject: `rule pack ${result.jurisdiction} ${result.version}`, details: { ...result, originalPath: path.resolve(file) } });
  })();
  return result;
}
