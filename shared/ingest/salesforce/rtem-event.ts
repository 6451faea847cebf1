/** Maps one Real-Time Event Monitoring event (stored object, stream payload or CSV row) to an access event. */
import type { AccessEventRow, DetailValue } from '../parser';
import { isoDateTimeToUtc } from '../../util/time';
import { hasWrongSuffix, toId18 } from '../../util/salesforce-id';
import { blankEvent, dedupKeyOf, idOrText, numberOrNull, putDetail, soqlObject, type RowPlace } from './event-row';
import { decodeRecordsField } from './records-field';
import { valueText } from '../../util/value-text';

export type RtemPayload = Readonly<Record<string, unknown>>;

/**
 * Every Real-Time Event Monitoring event named in Salesforce's Platform Events Developer Guide ("Real-Time Event
 * Monitoring Objects"), by its canonical name (`…EventStream` and `…EventStore` reduced to `…Event`). Longest names
 * first, so `LightningUriEvent` is not taken for `UriEvent` in a file name.
 */
const KNOWN_EVENT_TYPES = [
  'ApiAnomalyEvent', 'ApiEvent', 'BulkApiResultEvent', 'ConcurLongRunApexErrEvent', 'CredentialStuffingEvent', 'FileEvent',
  'IdentityProviderEvent', 'IdentityVerificationEvent', 'LightningUriEvent', 'ListViewEvent', 'LoginAnomalyEvent',
  'LoginAsEvent', 'LoginEvent', 'LogoutEvent', 'MobileEmailEvent', 'MobileEnforcedPolicyEvent', 'MobileScreenshotEvent',
  'MobileTelephonyEvent', 'PermissionSetEvent', 'ReportAnomalyEvent', 'ReportEvent', 'SessionHijackingEvent', 'UriEvent',
].sort((a, b) => b.length - a.length);

export function isKnownEventType(canonical: string): boolean {
  return KNOWN_EVENT_TYPES.includes(canonical);
}

/** `ApiEventStream`, `/event/ApiEventStream`, `BulkApiResultEventStore` → `ApiEvent`, `BulkApiResultEvent`. */
export function canonicalEventType(name: string): string {
  const base = name.replace(/^\/event\//, '').trim();
  return base.replace(/(?:Stream|Store)$/, '') || base;
}

/** An event type named in a file name, e.g. `ApiEvent_2025-06.csv`. */
export function eventTypeInName(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  return KNOWN_EVENT_TYPES.find((t) => lower.includes(t.toLowerCase())) ?? null;
}

/** The event type implied by which fields are present (lower-case names). */
export function eventTypeFromFields(names: ReadonlySet<string>): string | null {
  if (names.has('reportid')) return 'ReportEvent';
  if (names.has('listviewid')) return 'ListViewEvent';
  if (names.has('pageurl') && names.has('recordid')) return 'LightningUriEvent';
  if (names.has('recordid') && (names.has('operationstatus') || names.has('operation'))) return 'UriEvent';
  if (names.has('loginurl') || names.has('logintype')) return 'LoginEvent';
  if (names.has('records') || names.has('queriedentities') || names.has('rowsreturned')) return 'ApiEvent';
  if (names.has('query')) return 'BulkApiResultEvent';
  return null;
}

/** Fields kept in `details`; ids among them are normalized to 18 characters. */
const DETAIL_FIELDS = [
  'EventIdentifier', 'RelatedEventIdentifier', 'ExecutionIdentifier', 'Sequence', 'EventSource', 'Name', 'DeveloperName',
  'Description', 'Format', 'ExportFileFormat', 'IsScheduled', 'Scope', 'NumberOfColumns', 'DisplayedFieldEntities',
  'GroupedColumnHeaders', 'DashboardName', 'FilterCriteria', 'OrderBy', 'AppName', 'QueriedEntities', 'ApiType',
  'ApiVersion', 'Application', 'Platform', 'SessionLevel', 'PolicyOutcome', 'RowsReturned', 'ElapsedTime',
  'AdditionalInfo', 'Browser', 'LoginType', 'LoginSubType', 'LoginUrl', 'HttpMethod', 'AuthMethodReference',
  'TlsProtocol', 'CipherSuite', 'City', 'Country', 'CountryIso', 'Subdivision', 'PostalCode', 'LoginLatitude',
  'LoginLongitude', 'ForwardedForIp', 'UserType', 'ClientVersion', 'PageUrl', 'PreviousPageUrl', 'OperationStatus',
  'ActionName', 'EventUuid', 'ReplayId', 'CreatedDate',
];
const DETAIL_ID_FIELDS = [
  'Id', 'ReportId', 'ListViewId', 'DashboardId', 'OwnerId', 'LoginHistoryId', 'ConnectedAppId', 'PolicyId',
  'AuthServiceId', 'LoginGeoId',
];

/** Every field name the mapping reads, for matching CSV headers whatever their case. */
export const KNOWN_FIELDS: readonly string[] = [
  ...DETAIL_FIELDS, ...DETAIL_ID_FIELDS, 'EventDate', 'UserId', 'Username', 'SessionKey', 'LoginKey', 'SourceIp',
  'UserAgent', 'Client', 'Operation', 'Query', 'RowsProcessed', 'Status', 'RequestIdentifier', 'RecordId', 'Records',
  'ColumnHeaders',
];

function text(payload: RtemPayload, name: string): string | null {
  const v = payload[name];
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v.trim() : valueText(v);
  return s === '' ? null : s;
}

function detailValue(v: unknown): DetailValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** `[CASE_NUMBER, CREATED_DATE]` (ReportEvent) or a JSON array → the column names. */
function columnList(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return null;
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter((c) => c !== '');
}

export interface RtemMapped {
  event?: AccessEventRow;
  reason?: string;
  unrecognizedIds?: number;
}

/** Fields read into the event's own columns (or into details under another name); every other field goes to details. */
const MAPPED_FIELDS = new Set([
  'attributes', 'EventDate', 'UserId', 'Username', 'SessionKey', 'LoginKey', 'SourceIp', 'UserAgent', 'ConnectedAppId', 'Client',
  'Operation', 'Query', 'RowsProcessed', 'Status', 'RequestIdentifier', 'RecordId', 'Records', 'ColumnHeaders',
]);

const HANDLED_FIELDS = new Set([...MAPPED_FIELDS, ...DETAIL_FIELDS, ...DETAIL_ID_FIELDS]);

export function mapRtemEvent(eventType: string, payload: RtemPayload, place: RowPlace): RtemMapped {
  const dateText = text(payload, 'EventDate') ?? text(payload, 'CreatedDate');
  if (!dateText) return { reason: `${eventType} has no EventDate` };
  const ts = isoDateTimeToUtc(dateText);
  if (!ts) return { reason: `EventDate "${dateText}" is not an ISO 8601 date-time with a zone` };

  const event = blankEvent(place, `rtem:${eventType}`, ts);
  event.actorId = toId18(text(payload, 'UserId'));
  event.username = text(payload, 'Username');
  event.sessionKey = text(payload, 'SessionKey');
  event.loginKey = text(payload, 'LoginKey');
  // SourceIp is the address the request came from: it is both the client and the source in ELF terms.
  event.clientIp = text(payload, 'SourceIp');
  event.sourceIp = event.clientIp;
  event.userAgent = text(payload, 'UserAgent');
  const appId = text(payload, 'ConnectedAppId');
  event.app = (appId === null ? null : (toId18(appId) ?? appId)) ?? text(payload, 'Application');
  event.client = text(payload, 'Client');
  event.operation = text(payload, 'Operation') ?? text(payload, 'LoginType');
  event.query = text(payload, 'Query');
  event.objectType = text(payload, 'QueriedEntities') ?? soqlObject(event.query);
  const rows = numberOrNull(text(payload, 'RowsProcessed'));
  event.rowsProcessed = rows ?? numberOrNull(text(payload, 'RowsReturned'));
  event.status = text(payload, 'Status') ?? text(payload, 'OperationStatus') ?? text(payload, 'PolicyOutcome');
  event.requestId = text(payload, 'RequestIdentifier');
  event.uri = text(payload, 'PageUrl') ?? text(payload, 'LoginUrl');

  const details: Record<string, DetailValue> = {};
  const records = decodeRecordsField(payload.Records);
  const ids = records ? [...records.ids] : [];
  const recordId = toId18(text(payload, 'RecordId'));
  if (recordId && !ids.includes(recordId)) ids.unshift(recordId);
  if (records) {
    const expected = Math.max(records.totalSize ?? 0, rows ?? 0);
    event.recordsPartial = records.done === false || records.truncated || records.ids.length < expected;
    putDetail(details, 'recordsTotalSize', records.totalSize);
    if (records.truncated) details.recordsTruncated = true;
    if (records.unrecognized.length > 0) details.unrecognizedRecordIds = records.unrecognized;
  } else if ((rows ?? 0) > 0 && eventType !== 'LoginEvent') {
    // Rows were returned but the event lists none of them.
    event.recordsPartial = true;
  }
  event.recordIds = ids;

  for (const name of DETAIL_FIELDS) putDetail(details, name, detailValue(payload[name]));
  for (const name of DETAIL_ID_FIELDS) {
    const v = text(payload, name);
    putDetail(details, name, idOrText(v));
  }
  const columns = columnList(payload.ColumnHeaders);
  if (columns) details.ColumnHeaders = columns;
  for (const name of Object.keys(payload)) {
    if (!HANDLED_FIELDS.has(name)) putDetail(details, name, detailValue(payload[name]));
  }
  const userId = text(payload, 'UserId');
  if (hasWrongSuffix(userId)) details.suspectUserId = `UserId ${userId} has a case-safe suffix that does not match its first 15 characters`;
  event.details = Object.keys(details).length === 0 ? null : details;

  const eventId = text(payload, 'EventIdentifier');
  event.dedupKey = eventId
    ? dedupKeyOf(['rtem', eventType, eventId])
    : dedupKeyOf(['rtem', eventType, ts, event.actorId, event.requestId, event.sessionKey, event.loginKey, event.operation, recordId, event.query]);
  return { event, unrecognizedIds: records?.unrecognized.length ?? 0 };
}
