import { LedgerError } from '../contract/errors';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { toId18, looksLikeSalesforceId } from '../util/salesforce-id';
import { parseIpOrCidr } from './ip';

/** The incident definition: a UTC window and indicators; an event matches when it is in the window and matches any indicator. */
export interface ScopeDefinition {
  from: string;
  to: string;
  ips: string[];
  /** 18-character user ids or usernames (lowercased). */
  users: string[];
  sessions: string[];
  loginKeys: string[];
  apps: string[];
  clients: string[];
  agents: string[];
}

export type IndicatorKind = 'ip' | 'user' | 'session' | 'loginKey' | 'app' | 'client' | 'agent';

export interface ScopeInput {
  from: string;
  to: string;
  ips?: readonly string[];
  users?: readonly string[];
  sessions?: readonly string[];
  loginKeys?: readonly string[];
  apps?: readonly string[];
  clients?: readonly string[];
  agents?: readonly string[];
}

/** Validates and normalizes what the investigator typed; the result is deterministic (sorted, de-duplicated). */
export function normalizeScope(input: ScopeInput): ScopeDefinition {
  const { from, to } = normalizeWindow(input.from, input.to);
  const ips = (input.ips ?? []).map((ip) => {
    const range = parseIpOrCidr(ip);
    if (!range) throw new LedgerError('BAD_USAGE', `"${ip}" is not an IPv4/IPv6 address or CIDR range.`);
    return range.text;
  });
  const users = (input.users ?? []).map((u) => {
    const trimmed = u.trim();
    if (!trimmed) throw new LedgerError('BAD_USAGE', 'A user indicator is empty.');
    return looksLikeSalesforceId(trimmed) && !trimmed.includes('@') ? (toId18(trimmed) ?? trimmed) : trimmed.toLowerCase();
  });
  const definition: ScopeDefinition = {
    from,
    to,
    ips: unique(ips),
    users: unique(users),
    sessions: unique(nonEmpty(input.sessions, 'session key')),
    loginKeys: unique(nonEmpty(input.loginKeys, 'login key')),
    apps: unique(nonEmpty(input.apps, 'connected app').map((a) => (looksLikeSalesforceId(a) ? (toId18(a) ?? a) : a.toLowerCase()))),
    clients: unique(nonEmpty(input.clients, 'client').map((c) => c.toLowerCase())),
    agents: unique(nonEmpty(input.agents, 'user agent').map((a) => a.toLowerCase())),
  };
  const indicatorCount = definition.ips.length + definition.users.length + definition.sessions.length + definition.loginKeys.length + definition.apps.length + definition.clients.length + definition.agents.length;
  if (indicatorCount === 0) {
    throw new LedgerError('BAD_USAGE', 'Give at least one indicator (an IP or range, user, session key, login key, connected app, client or user agent); triage finds candidates.');
  }
  return definition;
}

/** A UTC window from what the investigator typed (dates mean midnight UTC). */
export function normalizeWindow(fromText: string, toText: string): { from: string; to: string } {
  const from = utcInstant(fromText, 'The window start');
  const to = utcInstant(toText, 'The window end');
  if (from >= to) throw new LedgerError('BAD_USAGE', `The window must end after it starts (${from} is not before ${to}).`);
  return { from, to };
}

export function scopeDigest(definition: ScopeDefinition): string {
  return sha256Hex(canonicalJson(definition));
}

function utcInstant(value: string, what: string): string {
  const text = value.trim();
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(withZone)) {
    throw new LedgerError('BAD_USAGE', `${what} must be an ISO 8601 date or date-time with a zone (e.g. 2025-06-01T00:00:00Z), not "${value}".`);
  }
  const date = new Date(withZone);
  if (Number.isNaN(date.getTime())) throw new LedgerError('BAD_USAGE', `${what} "${value}" is not a real date.`);
  return date.toISOString();
}

function nonEmpty(values: readonly string[] | undefined, kind: string): string[] {
  return (values ?? []).map((v) => {
    const trimmed = v.trim();
    if (!trimmed) throw new LedgerError('BAD_USAGE', `A ${kind} indicator is empty.`);
    return trimmed;
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
