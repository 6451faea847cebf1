import type { ElementCode } from '../contract/elements';
import { LedgerError } from '../contract/errors';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import type { ElementOverride } from './classify';
import type { ResolutionDecisions } from './consumers/resolve';

/** An investigator's decision; recorded once, applied by every later analysis. */
export type Decision =
  | { kind: 'merge'; subjectIds: number[]; note: string | null }
  | { kind: 'split'; subjectId: number; note: string | null }
  | { kind: 'classify'; objectType: string; field: string; element: ElementCode | null; note: string | null };

export function recordDecision(db: Db, decision: Decision, actor: string): number {
  if (decision.kind === 'merge' && decision.subjectIds.length < 2) throw new LedgerError('BAD_USAGE', 'A merge needs at least two record ids.');
  const ids = decision.kind === 'merge' ? decision.subjectIds : decision.kind === 'split' ? [decision.subjectId] : [];
  const known = db.prepare('SELECT COUNT(*) FROM subject_records WHERE id = ?').pluck();
  for (const id of ids) if (known.get(id) === 0) throw new LedgerError('NOT_FOUND', `No subject record ${id} in this case.`);
  return db.transaction(() => {
    const id = Number(db.prepare('INSERT INTO decisions (created_at, actor, kind, payload) VALUES (?, ?, ?, ?)').run(new Date().toISOString(), actor, decision.kind, JSON.stringify(decision)).lastInsertRowid);
    appendCustody(db, { actor, action: decision.kind === 'classify' ? 'override' : 'resolve', subject: `decision ${id}`, details: { decisionId: id, ...decision } });
    return id;
  })();
}

export function listDecisions(db: Db): Decision[] {
  return (db.prepare('SELECT payload FROM decisions ORDER BY id').pluck().all() as string[]).map((p) => JSON.parse(p) as Decision);
}

export function resolutionDecisions(decisions: readonly Decision[]): ResolutionDecisions {
  return {
    merges: decisions.flatMap((d) => (d.kind === 'merge' ? [d.subjectIds] : [])),
    splits: decisions.flatMap((d) => (d.kind === 'split' ? [d.subjectId] : [])),
  };
}

export function elementOverrides(decisions: readonly Decision[]): ElementOverride[] {
  // A later decision on the same field wins.
  const byField = new Map<string, ElementOverride>();
  for (const d of decisions) {
    if (d.kind !== 'classify') continue;
    byField.set(`${d.objectType.toLowerCase()}\u0000${d.field.toLowerCase()}`, { objectType: d.objectType, field: d.field, element: d.element, ...(d.note ? { note: d.note } : {}) });
  }
  return [...byField.values()];
}
