import type { AccessEventRow, DetailValue, Provenance } from '../parser';
import { valueText } from '../../util/value-text';

export type EventFields = Omit<AccessEventRow, keyof Provenance | 'recordIds' | 'recordsPartial' | 'details' | 'sourceType' | 'ts' | 'dedupKey'>;

const NO_FIELDS: EventFields = {
  actorId: null, username: null, sessionKey: null, loginKey: null, clientIp: null, sourceIp: null, userAgent: null,
  app: null, client: null, operation: null, objectType: null, query: null, rowsProcessed: null, status: null,
  requestId: null, uri: null,
};

export function accessEvent(
  provenance: Provenance,
  core: { sourceType: string; ts: string; dedupKey: string },
  fields: Partial<EventFields>,
  extra: { recordIds?: readonly string[]; recordsPartial?: boolean; details?: Record<string, DetailValue> | null } = {},
): AccessEventRow {
  const details = extra.details ? withoutEmpty(extra.details) : null;
  return {
    ...provenance,
    ...NO_FIELDS,
    ...fields,
    ...core,
    recordIds: extra.recordIds ?? [],
    recordsPartial: extra.recordsPartial ?? false,
    details: details && Object.keys(details).length > 0 ? details : null,
  };
}

function withoutEmpty(details: Record<string, DetailValue>): Record<string, DetailValue> {
  const kept: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(details)) if (value !== null && value !== '') kept[key] = value;
  return kept;
}

/** A string value or null for absent/blank/`-` (the log placeholder for "none"). */
export function present(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value.trim() : valueText(value);
  return text === '' || text === '-' ? null : text;
}
