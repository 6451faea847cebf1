import { isIP } from 'node:net';
import { normalizeTimestamp } from '../../normalize/date';
import { sha256Hex } from '../../util/hash';
import { toId18 } from '../../util/salesforce-id';
import type { AccessEventRow, ColumnMapping, DetailValue, Provenance } from '../parser';
import { accessEvent, present, type EventFields } from './event';

const TEXT_TARGETS = [
  'actorId', 'username', 'sessionKey', 'loginKey', 'clientIp', 'sourceIp', 'userAgent', 'app', 'client', 'operation',
  'objectType', 'query', 'status', 'requestId', 'uri',
] as const satisfies ReadonlyArray<keyof EventFields>;
export const MAPPING_TARGETS: readonly string[] = ['ts', ...TEXT_TARGETS, 'rowsProcessed', 'recordIds', 'dedupKey'];

/** Source names tried, in order, for a target the mapping does not name. */
const USUAL_NAMES: Readonly<Record<string, readonly string[]>> = {
  ts: ['ts', 'timestamp', '@timestamp', 'time', 'eventTime', 'event_time', 'datetime', 'date'],
  username: ['username', 'user', 'user_name', 'userName', 'email'],
  actorId: ['user_id', 'userId', 'actor', 'actorId'],
  clientIp: ['ip', 'client_ip', 'clientIp', 'remote_addr', 'src_ip', 'source_ip', 'sourceIp'],
  sessionKey: ['session', 'session_id', 'sessionId', 'sessionKey'],
  userAgent: ['user_agent', 'userAgent', 'ua'],
  operation: ['action', 'operation', 'method', 'event', 'eventName'],
  uri: ['uri', 'url', 'path'],
  status: ['status', 'status_code', 'result'],
  requestId: ['request_id', 'requestId'],
  recordIds: ['record_id', 'recordId', 'record_ids', 'recordIds'],
};

/** Resolves the source key for each target: the investigator's mapping first, then the usual names present. */
export function resolveMapping(mapping: ColumnMapping | undefined, available: (key: string) => boolean): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const target of MAPPING_TARGETS) {
    const mapped = mapping?.[target];
    if (mapped) resolved.set(target, mapped);
    else {
      const usual = USUAL_NAMES[target]?.find(available);
      if (usual) resolved.set(target, usual);
    }
  }
  return resolved;
}

/** Epoch seconds or milliseconds, or any timestamp `normalizeTimestamp` reads. */
function logTime(value: unknown, timeZone?: string): string | null {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}(\.\d+)?$/.test(value.trim()))) {
    const n = Number(value);
    const ms = n < 1e11 ? n * 1000 : n;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return normalizeTimestamp(present(value), timeZone);
}

function recordIds(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;|]+/) : [];
  return items.map((item) => toId18(String(item))).filter((id): id is string => id !== null);
}

/**
 * One access event from a generic log row, read through a mapping. Unmapped source keys go to `details`.
 * Returns the reason instead when the row has no readable timestamp.
 */
export function mappedEvent(
  get: (key: string) => unknown,
  keys: readonly string[],
  mapping: Map<string, string>,
  provenance: Provenance,
  sourceType: string,
  rawBytes: Buffer,
  timeZone?: string,
): AccessEventRow | string {
  const tsKey = mapping.get('ts');
  if (!tsKey) return "The row has no timestamp field: map the key that holds each row's time to the timestamp field (ts).";
  const ts = logTime(get(tsKey), timeZone);
  if (!ts) return `The timestamp in "${tsKey}" is missing or not readable.`;
  const fields: Partial<EventFields> = {};
  for (const target of TEXT_TARGETS) {
    const key = mapping.get(target);
    if (key) fields[target] = present(get(key));
  }
  for (const ipTarget of ['clientIp', 'sourceIp'] as const) {
    const value = fields[ipTarget];
    if (value && !isIP(value)) fields[ipTarget] = null;
  }
  const rows = mapping.get('rowsProcessed');
  const rowCount = rows ? Number(present(get(rows))) : NaN;
  if (Number.isFinite(rowCount)) fields.rowsProcessed = rowCount;
  const idsKey = mapping.get('recordIds');
  const dedupKey = mapping.get('dedupKey');
  const used = new Set(mapping.values());
  const details: Record<string, DetailValue> = {};
  for (const key of keys) if (!used.has(key)) details[key] = present(get(key));
  return accessEvent(
    provenance,
    { sourceType, ts, dedupKey: `${sourceType}:${(dedupKey && present(get(dedupKey))) || sha256Hex(rawBytes)}` },
    fields,
    { recordIds: idsKey ? recordIds(get(idsKey)) : [], details },
  );
}
