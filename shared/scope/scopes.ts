import { LedgerError } from '../contract/errors';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { canonicalJson } from '../util/canonical-json';
import { scopeDigest, type ScopeDefinition } from './definition';

export interface ScopeVersion {
  id: number;
  createdAt: string;
  actor: string;
  definition: ScopeDefinition;
  sha256: string;
}

interface ScopeRow {
  id: number;
  created_at: string;
  actor: string;
  definition: string;
  sha256: string;
}

/** Records a new version of the incident definition; earlier versions stay. */
export function recordScope(db: Db, definition: ScopeDefinition, actor: string): ScopeVersion {
  return db.transaction(() => {
    const createdAt = new Date().toISOString();
    const sha256 = scopeDigest(definition);
    const id = Number(
      db.prepare('INSERT INTO scopes (created_at, actor, definition, sha256) VALUES (?, ?, ?, ?)').run(createdAt, actor, canonicalJson(definition), sha256).lastInsertRowid,
    );
    appendCustody(db, { actor, action: 'scope', subject: `scope version ${id}`, details: { scopeId: id, sha256, definition } });
    return { id, createdAt, actor, definition, sha256 };
  })();
}

export function listScopes(db: Db): ScopeVersion[] {
  return (db.prepare('SELECT * FROM scopes ORDER BY id').all() as ScopeRow[]).map(fromRow);
}

export function currentScope(db: Db): ScopeVersion {
  const row = db.prepare('SELECT * FROM scopes ORDER BY id DESC LIMIT 1').get() as ScopeRow | undefined;
  if (!row) throw new LedgerError('NOT_FOUND', 'This case has no incident scope yet; define one (a window and at least one indicator) first.');
  return fromRow(row);
}

function fromRow(row: ScopeRow): ScopeVersion {
  return { id: row.id, createdAt: row.created_at, actor: row.actor, definition: JSON.parse(row.definition) as ScopeDefinition, sha256: row.sha256 };
}
