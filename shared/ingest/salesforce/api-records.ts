/**
 * SetupAuditTrail and LoginHistory records as the REST/SOQL API returns them (`attributes.type` names the object),
 * mapped to the same event shapes as the CSV downloads of those objects.
 */
import type { AccessEventRow, DetailValue } from '../parser';
import { isoDateTimeToUtc } from '../../util/time';
import { toId18 } from '../../util/salesforce-id';
import { blankEvent, dedupKeyOf, idOrText, putDetail, type RowPlace } from './event-row';

export type ApiRecord = Readonly<Record<string, unknown>>;
export type ApiRecordType = 'SetupAuditTrail' | 'LoginHistory';

export function isApiRecordType(type: string): type is ApiRecordType {
  return type === 'SetupAuditTrail' || type === 'LoginHistory';
}

function text(record: ApiRecord, name: string): string | null {
  const v = record[name];
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** `CreatedBy: { Username }` when the query selected the relationship. */
function related(record: ApiRecord, relation: string, name: string): string | null {
  const r = record[relation];
  return r && typeof r === 'object' ? text(r as ApiRecord, name) : null;
}

/** Every field not already in a column, as written (objects as JSON). */
function remainingDetails(record: ApiRecord, used: ReadonlySet<string>): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  for (const [name, v] of Object.entries(record)) {
    if (used.has(name) || v === null || v === undefined) continue;
    putDetail(details, name, typeof v === 'object' ? JSON.stringify(v) : typeof v === 'string' ? (idOrText(v) ?? v) : (v as number | boolean));
  }
  return details;
}

const AUDIT_COLUMNS = new Set(['attributes', 'CreatedDate', 'CreatedById', 'CreatedBy', 'Action']);
const LOGIN_COLUMNS = new Set(['attributes', 'LoginTime', 'UserId', 'SourceIp', 'LoginType', 'Status', 'Application', 'LoginUrl']);

/** The event for one API record, or the reason it cannot be one. */
export function mapApiRecord(type: ApiRecordType, record: ApiRecord, place: RowPlace): { event: AccessEventRow } | { reason: string } {
  const dateField = type === 'SetupAuditTrail' ? 'CreatedDate' : 'LoginTime';
  const dateText = text(record, dateField);
  if (!dateText) return { reason: `${type} record has no ${dateField}` };
  const ts = isoDateTimeToUtc(dateText);
  if (!ts) return { reason: `${dateField} "${dateText}" is not an ISO 8601 date-time with a zone` };
  const id = toId18(text(record, 'Id'));
  if (type === 'SetupAuditTrail') {
    const event = blankEvent(place, 'setup-audit-trail', ts);
    event.actorId = toId18(text(record, 'CreatedById'));
    event.username = related(record, 'CreatedBy', 'Username');
    event.operation = text(record, 'Action');
    event.details = remainingDetails(record, AUDIT_COLUMNS);
    event.dedupKey = id ? dedupKeyOf(['setup-audit-trail', id]) : dedupKeyOf(['setup-audit-trail', ts, event.actorId, event.operation, text(record, 'Display')]);
    return { event };
  }
  const event = blankEvent(place, 'login-history', ts);
  event.actorId = toId18(text(record, 'UserId'));
  event.sourceIp = text(record, 'SourceIp');
  event.clientIp = event.sourceIp;
  event.operation = text(record, 'LoginType');
  event.status = text(record, 'Status');
  event.app = text(record, 'Application');
  event.uri = text(record, 'LoginUrl');
  event.details = remainingDetails(record, LOGIN_COLUMNS);
  // The same key as the LoginHistory CSV export, so the two renderings of one login are linked as duplicates.
  event.dedupKey = id
    ? dedupKeyOf(['login-history', id])
    : dedupKeyOf(['login-history', ts, event.actorId, event.sourceIp, event.operation, event.status, event.app, event.uri]);
  return { event };
}
