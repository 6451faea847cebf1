import type { FindingSeverity as Severity } from '../../../../shared/contract/api';

/** "auth.failed-login-burst" reads "Failed login burst". */
export function kindLabel(id: string): string {
  const words = id.slice(id.indexOf('.') + 1).replace(/-/g, ' ').replace(/\bmfa\b/, 'MFA');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Findings grouped by kind, in report order: the first of each kind (the link target), how many, how many high. */
export function byKind<F extends { id: string; subject: string; severity: Severity }>(findings: readonly F[]) {
  const kinds = new Map<string, { first: F; count: number; high: number }>();
  for (const f of findings) {
    const kind = kinds.get(f.id) ?? { first: f, count: 0, high: 0 };
    kind.count++;
    if (f.severity === 'high') kind.high++;
    kinds.set(f.id, kind);
  }
  return [...kinds.values()];
}
