/** What each parsed row becomes in the store: its column values, built without the store (on any thread). */
import type { AccessEventRow, PostalAddress, SubjectLink, SubjectRecordRow } from './parser';

/**
 * A 53-bit hash of the dedup key, so the index holds small integers instead of long keys; the full key is
 * still compared, so a collision costs a second look, never a false duplicate.
 */
export function dedupHash(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/**
 * An event's stored columns, in `access_events` order from `entry` to `details` (the ids and `duplicate_of` are the
 * store's). Pure, so a parsing thread can build them and the store thread only binds them.
 */
export type EventColumns = [
  entry: string | null, recordNo: number, lineNo: number | null, byteOffset: number, byteLength: number, sourceType: string,
  ts: string, actorId: string | null, username: string | null, sessionKey: string | null, loginKey: string | null,
  clientIp: string | null, sourceIp: string | null, userAgent: string | null, app: string | null, client: string | null,
  operation: string | null, objectType: string | null, query: string | null, rowsProcessed: number | null,
  status: string | null, requestId: string | null, uri: string | null, recordsPartial: 0 | 1, dedupKey: string,
  dedupHash: number, details: string | null,
];
export const EVENT_TS = 6;
export const EVENT_DEDUP_KEY = 24;
export const EVENT_DEDUP_HASH = 25;

export function eventColumns(row: AccessEventRow): EventColumns {
  return [
    row.entry, row.recordNo, row.lineNo, row.byteOffset, row.byteLength, row.sourceType, row.ts, row.actorId, row.username,
    row.sessionKey, row.loginKey, row.clientIp, row.sourceIp, row.userAgent, row.app, row.client, row.operation, row.objectType,
    row.query, row.rowsProcessed, row.status, row.requestId, row.uri, row.recordsPartial ? 1 : 0, row.dedupKey, dedupHash(row.dedupKey),
    row.details ? JSON.stringify(row.details) : null,
  ];
}

/** A subject record's stored columns, in `subject_records` order from `entry` to `updated_at`. */
export type SubjectColumns = [
  entry: string | null, recordNo: number, lineNo: number | null, byteOffset: number, byteLength: number, system: string,
  objectType: string, sourceId: string | null, fields: string, firstName: string | null, lastName: string | null,
  fullName: string | null, email: string | null, emailKey: string | null, phone: string | null, birthDate: string | null,
  updatedAt: string | null,
];

export function subjectColumns(row: SubjectRecordRow): SubjectColumns {
  return [
    row.entry, row.recordNo, row.lineNo, row.byteOffset, row.byteLength, row.system, row.objectType, row.sourceId,
    JSON.stringify(row.fields), row.firstName, row.lastName, row.fullName, row.email, row.emailKey, row.phone, row.birthDate,
    row.updatedAt,
  ];
}

export type AddressColumns = [kind: string, street: string | null, city: string | null, region: string | null, regionSource: string | null, postalCode: string | null, country: string | null];

export function addressColumns(a: PostalAddress): AddressColumns {
  return [a.kind, a.street, a.city, a.region, a.regionSource, a.postalCode, a.country];
}

export type LinkColumns = [type: string, targetId: string];

export function linkColumns(link: SubjectLink): LinkColumns {
  return [link.type, link.targetId];
}
