import type { AccessEventRow, DetailValue } from '../parser';
import { sha256Hex } from '../../util/hash';
import { looksLikeSalesforceId, toId18 } from '../../util/salesforce-id';

export interface RowPlace {
  recordNo: number;
  lineNo: number | null;
  byteOffset: number;
  byteLength: number;
}

/** An access event with every optional field empty; callers fill in what their source knows. */
export function blankEvent(place: RowPlace, sourceType: string, ts: string): AccessEventRow {
  return {
    recordNo: place.recordNo,
    lineNo: place.lineNo,
    byteOffset: place.byteOffset,
    byteLength: place.byteLength,
    entry: null,
    sourceType,
    ts,
    actorId: null,
    username: null,
    sessionKey: null,
    loginKey: null,
    clientIp: null,
    sourceIp: null,
    userAgent: null,
    app: null,
    client: null,
    operation: null,
    objectType: null,
    query: null,
    rowsProcessed: null,
    status: null,
    requestId: null,
    uri: null,
    recordIds: [],
    recordsPartial: false,
    dedupKey: '',
    details: null,
  };
}

export function numberOrNull(value: string | number | null | undefined): number | null {
  if (value == null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const t = value.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Dedup keys join their parts with a unit separator; very long parts (SOQL text) are hashed to keep keys short. */
export function dedupKeyOf(parts: readonly (string | number | null | undefined)[]): string {
  let key = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const s = p == null ? '' : String(p);
    key += (i === 0 ? '' : '\u001f') + (s.length > 200 ? `#${sha256Hex(s)}` : s);
  }
  return key;
}

export function putDetail(details: Record<string, DetailValue>, key: string, value: DetailValue | undefined): void {
  if (value === null || value === undefined || value === '') return;
  details[key] = value;
}

/** The object after the first FROM of a SOQL statement (`SELECT … FROM Contact …` → `Contact`). */
export function soqlObject(query: string | null): string | null {
  if (!query) return null;
  let outer = query;
  // Drop parenthesized sub-queries so `SELECT Id, (SELECT Id FROM Contacts) FROM Account` gives Account.
  for (let prev = ''; prev !== outer; ) {
    prev = outer;
    outer = outer.replace(/\([^()]*\)/g, ' ');
  }
  const m = /\bfrom\s+([A-Za-z_][A-Za-z0-9_]*)/i.exec(outer);
  return m ? m[1]! : null;
}

/** An id-shaped value at 18 characters (null for the null key); any other text verbatim. */
export function idOrText(value: string | null): string | null {
  if (value === null) return null;
  return looksLikeSalesforceId(value) ? toId18(value) : value;
}
