/** The incident definition being edited: a UTC window and indicators by kind. Pure functions, no React. */
import type { ScopeRequest, ScopeView, TriageEntry } from '../../../shared/contract/api';

export type IndicatorKind = 'ips' | 'users' | 'sessions' | 'loginKeys' | 'apps' | 'clients' | 'agents';

export const INDICATOR_KINDS: ReadonlyArray<{ kind: IndicatorKind; label: string; placeholder: string }> = [
  { kind: 'ips', label: 'IP / CIDR', placeholder: 'e.g. 203.0.113.0/24' },
  { kind: 'users', label: 'User', placeholder: 'user id or username' },
  { kind: 'apps', label: 'Connected app', placeholder: 'app name or id' },
  { kind: 'clients', label: 'Client', placeholder: 'e.g. DataLoaderPartnerUI/' },
  { kind: 'agents', label: 'User agent', placeholder: 'e.g. python-requests/2.32.4' },
  { kind: 'sessions', label: 'Session key', placeholder: 'session key' },
  { kind: 'loginKeys', label: 'Login key', placeholder: 'login key' },
];

const KIND_OF_DIMENSION: Record<TriageEntry['dimension'], IndicatorKind> = { ip: 'ips', user: 'users', app: 'apps', client: 'clients', agent: 'agents' };

export interface ScopeDraft {
  from: string;
  to: string;
  indicators: Record<IndicatorKind, string[]>;
}

export function emptyDraft(): ScopeDraft {
  return { from: '', to: '', indicators: { ips: [], users: [], sessions: [], loginKeys: [], apps: [], clients: [], agents: [] } };
}

export function kindOfDimension(dimension: TriageEntry['dimension']): IndicatorKind {
  return KIND_OF_DIMENSION[dimension];
}

export function hasIndicator(draft: ScopeDraft, kind: IndicatorKind, value: string): boolean {
  return draft.indicators[kind].includes(value.trim());
}

export function addIndicator(draft: ScopeDraft, kind: IndicatorKind, value: string): ScopeDraft {
  const trimmed = value.trim();
  if (!trimmed || hasIndicator(draft, kind, trimmed)) return draft;
  return { ...draft, indicators: { ...draft.indicators, [kind]: [...draft.indicators[kind], trimmed] } };
}

export function removeIndicator(draft: ScopeDraft, kind: IndicatorKind, value: string): ScopeDraft {
  return { ...draft, indicators: { ...draft.indicators, [kind]: draft.indicators[kind].filter((v) => v !== value) } };
}

export function indicatorCount(draft: ScopeDraft): number {
  return Object.values(draft.indicators).reduce((n, values) => n + values.length, 0);
}

export function draftFromScope(scope: ScopeView): ScopeDraft {
  const d = scope.definition;
  return { from: d.from, to: d.to, indicators: { ips: d.ips, users: d.users, sessions: d.sessions, loginKeys: d.loginKeys, apps: d.apps, clients: d.clients, agents: d.agents } };
}

export function scopeRequest(caseDir: string, draft: ScopeDraft): ScopeRequest {
  return { caseDir, from: draft.from.trim(), to: draft.to.trim(), ...draft.indicators };
}
