/** Maps one EventLogFile row (columns by name, any event type) to an access event. */
import type { AccessEventRow, DetailValue } from '../parser';
import { elfTimestampToIso, isoDateTimeToUtc } from '../../util/time';
import { columnIndex } from '../csv/table';
import { hasWrongSuffix, looksLikeSalesforceId, toId18 } from '../../util/salesforce-id';
import { blankEvent, dedupKeyOf, idOrText, numberOrNull, soqlObject, type RowPlace } from './event-row';
import { recordIdFromRestUri } from './rest-uri';

/** Candidate columns per normalized field, first non-empty wins; names differ across event types. */
const CANDIDATES = {
  userAgent: ['USER_AGENT', 'BROWSER_TYPE'],
  app: ['CONNECTED_APP_ID', 'CONNECTED_APP_NAME'],
  client: ['CLIENT_NAME', 'CLIENT_INFO'],
  operation: ['METHOD_NAME', 'METHOD', 'OPERATION_TYPE', 'HTTP_METHOD', 'TRANSACTION_TYPE', 'REQUEST_METHOD', 'UI_EVENT_TYPE'],
  objectType: ['ENTITY_NAME', 'ENTITY_TYPE', 'PAGE_ENTITY_TYPE'],
  query: ['QUERY_IDENTIFIER', 'SEARCH_QUERY', 'QUERY'],
  rowsProcessed: ['ROWS_PROCESSED', 'RECORDS_PROCESSED', 'ROW_COUNT', 'NUM_RESULTS'],
  status: ['LOGIN_STATUS', 'REQUEST_STATUS', 'STATUS_CODE', 'JOB_STATUS'],
  uri: ['URI', 'PAGE_URL', 'API_RESOURCE'],
} as const;

/** Columns naming one record the event touched. */
const RECORD_ID_COLUMNS = ['URI_ID_DERIVED', 'PAGE_ENTITY_ID', 'RECORD_ID'];
/** URIs that may name a single record (REST `/sobjects/<Type>/<Id>`). */
const REST_URI_COLUMNS = ['URI', 'API_RESOURCE'];

/** Type-specific columns kept in `details` for reconstruction; id columns are normalized to 18 characters. */
const DETAIL_COLUMNS = [
  'ENTITY_NAME', 'ENTITY_TYPE', 'QUERY_IDENTIFIER', 'QUERY_TYPE', 'SQL_ID', 'QUERY_ID', 'SEARCH_QUERY',
  'PREFIXES_SEARCHED', 'NUM_RESULTS', 'CONNECTED_APP_NAME', 'API_TYPE', 'API_VERSION', 'API_FAMILY',
  'API_RESOURCE', 'API_CLIENT_CATEGORY', 'COUNTS_AGAINST_API_LIMIT', 'HTTP_METHOD', 'STATUS_CODE', 'MEDIA_TYPE',
  'NUMBER_FIELDS', 'RESPONSE_SIZE', 'REQUEST_SIZE', 'EXCEPTION_MESSAGE', 'MESSAGE', 'ERROR_MESSAGE',
  'OPERATION_TYPE', 'JOB_STATUS', 'RECORDS_FAILED', 'NUMBER_FAILURES', 'RESULT_SIZE_MB', 'CONCURRENCY_MODE',
  'LOGIN_TYPE', 'LOGIN_SUB_TYPE', 'AUTHENTICATION_METHOD_REFERENCE', 'TLS_PROTOCOL', 'CIPHER_SUITE', 'USER_TYPE',
  'DISPLAY_TYPE', 'RENDERING_TYPE', 'ORIGIN', 'NUMBER_COLUMNS', 'NUMBER_BUCKETS', 'SORT', 'ROW_COUNT',
  'AVERAGE_ROW_SIZE', 'REPORT_DESCRIPTION', 'REFERRER_URI', 'APP_NAME', 'PAGE_URL', 'PAGE_CONTEXT',
  'PAGE_ENTITY_TYPE', 'PREVPAGE_ENTITY_TYPE', 'PREVPAGE_URL', 'DURATION', 'EFFECTIVE_PAGE_TIME', 'UI_EVENT_ID',
  'UI_EVENT_SOURCE', 'TARGET_UI_ELEMENT', 'TRANSACTION_TYPE', 'SIZE_BYTES', 'FILE_TYPE', 'FILE_PREVIEW_TYPE',
  'FILE_NAME', 'METHOD_NAME', 'METHOD',
];
const DETAIL_ID_COLUMNS = [
  'ORGANIZATION_ID', 'CONNECTED_APP_ID', 'REPORT_ID', 'REPORT_ID_DERIVED', 'JOB_ID', 'BATCH_ID', 'VERSION_ID',
  'VERSION_ID_DERIVED', 'DOCUMENT_ID', 'DOCUMENT_ID_DERIVED', 'ENTITY_ID', 'PREVPAGE_ENTITY_ID',
];

/** Columns that, with the documented key, tell two events of one transaction apart. */
const DEDUP_COLUMNS = [
  'URI', 'URI_ID_DERIVED', 'METHOD_NAME', 'METHOD', 'ENTITY_NAME', 'ENTITY_TYPE', 'OPERATION_TYPE', 'JOB_ID',
  'BATCH_ID', 'JOB_STATUS', 'PAGE_ENTITY_ID', 'RECORD_ID', 'REPORT_ID', 'QUERY_ID', 'SQL_ID', 'QUERY_IDENTIFIER',
  'SEARCH_QUERY', 'UI_EVENT_ID', 'VERSION_ID', 'DOCUMENT_ID', 'ENTITY_ID', 'API_RESOURCE', 'HTTP_METHOD',
  'STATUS_CODE', 'ROWS_PROCESSED', 'RECORDS_PROCESSED',
];

type Field = keyof typeof CANDIDATES;

/** Column indices resolved once per header. */
export interface ElfLayout {
  eventType: number;
  timestamp: number;
  timestampDerived: number;
  requestId: number;
  userId: number;
  userIdDerived: number;
  userName: number;
  sessionKey: number;
  loginKey: number;
  clientIp: number;
  sourceIp: number;
  candidates: Record<Field, number[]>;
  recordIdColumns: number[];
  restUriColumns: number[];
  details: [string, number][];
  detailIds: [string, number][];
  dedup: number[];
}

export function elfLayout(header: readonly string[]): ElfLayout {
  const index = columnIndex(header, (name) => name.toUpperCase());
  const at = (name: string): number => index.get(name) ?? -1;
  const present = (names: readonly string[]): number[] => names.map(at).filter((i) => i >= 0);
  const named = (names: readonly string[]): [string, number][] =>
    names.map((n): [string, number] => [n, at(n)]).filter(([, i]) => i >= 0);
  const candidates = {} as Record<Field, number[]>;
  for (const field of Object.keys(CANDIDATES) as Field[]) candidates[field] = present(CANDIDATES[field]);
  return {
    eventType: at('EVENT_TYPE'),
    timestamp: at('TIMESTAMP'),
    timestampDerived: at('TIMESTAMP_DERIVED'),
    requestId: at('REQUEST_ID'),
    userId: at('USER_ID'),
    userIdDerived: at('USER_ID_DERIVED'),
    userName: at('USER_NAME'),
    sessionKey: at('SESSION_KEY'),
    loginKey: at('LOGIN_KEY'),
    clientIp: at('CLIENT_IP'),
    sourceIp: at('SOURCE_IP'),
    candidates,
    recordIdColumns: present(RECORD_ID_COLUMNS),
    restUriColumns: present(REST_URI_COLUMNS),
    details: named(DETAIL_COLUMNS),
    detailIds: named(DETAIL_ID_COLUMNS),
    dedup: present(DEDUP_COLUMNS),
  };
}

function cell(fields: readonly string[], i: number): string | null {
  if (i < 0) return null;
  const v = fields[i];
  return v === undefined || v === '' ? null : v;
}

function firstOf(fields: readonly string[], indices: readonly number[]): string | null {
  for (const i of indices) {
    const v = cell(fields, i);
    if (v !== null) return v;
  }
  return null;
}

export type ElfMapResult = { event: AccessEventRow } | { reason: string };

export function mapElfRow(layout: ElfLayout, fields: readonly string[], place: RowPlace): ElfMapResult {
  const eventType = cell(fields, layout.eventType)?.trim();
  if (!eventType) return { reason: 'EVENT_TYPE is empty' };
  const ts = timestampOf(layout, fields);
  if (!ts) return { reason: 'neither TIMESTAMP_DERIVED nor TIMESTAMP is a valid GMT timestamp' };

  const event = blankEvent(place, `elf:${eventType}`, ts);
  const derived = cell(fields, layout.userIdDerived);
  event.actorId = (derived !== null && derived.length === 18 ? toId18(derived) : null) ?? toId18(cell(fields, layout.userId));
  event.username = cell(fields, layout.userName);
  event.sessionKey = cell(fields, layout.sessionKey);
  event.loginKey = cell(fields, layout.loginKey);
  event.clientIp = cell(fields, layout.clientIp);
  event.sourceIp = cell(fields, layout.sourceIp);
  event.requestId = cell(fields, layout.requestId);
  const c = layout.candidates;
  event.userAgent = firstOf(fields, c.userAgent);
  const app = firstOf(fields, c.app);
  event.app = app === null ? null : (toId18(app) ?? app);
  event.client = firstOf(fields, c.client);
  event.operation = firstOf(fields, c.operation);
  event.query = firstOf(fields, c.query);
  event.objectType = firstOf(fields, c.objectType) ?? soqlObject(event.query);
  event.rowsProcessed = numberOrNull(firstOf(fields, c.rowsProcessed));
  event.status = firstOf(fields, c.status);
  event.uri = firstOf(fields, c.uri);
  event.recordIds = recordIdsOf(layout, fields);
  event.details = detailsOf(layout, fields);
  const suspect = suspectUserId(cell(fields, layout.userId), derived);
  if (suspect !== null) event.details = { ...event.details, suspectUserId: suspect };
  const keyParts: (string | null)[] = ['elf', eventType, ts, event.requestId, event.actorId, event.loginKey, event.sessionKey];
  for (const i of layout.dedup) keyParts.push(cell(fields, i));
  event.dedupKey = dedupKeyOf(keyParts);
  return { event };
}

/** Why the row's user id is doubtful (a wrong case-safe suffix, or the derived id naming another user), or null. */
function suspectUserId(userId: string | null, derived: string | null): string | null {
  if (hasWrongSuffix(derived)) return `USER_ID_DERIVED ${derived} has a case-safe suffix that does not match its first 15 characters`;
  if (hasWrongSuffix(userId)) return `USER_ID ${userId} has a case-safe suffix that does not match its first 15 characters`;
  const fromUserId = toId18(userId);
  if (fromUserId !== null && derived !== null && derived.length === 18 && fromUserId !== derived) {
    return `USER_ID_DERIVED ${derived} disagrees with USER_ID ${userId}`;
  }
  return null;
}

function timestampOf(layout: ElfLayout, fields: readonly string[]): string | null {
  const derived = cell(fields, layout.timestampDerived);
  const fromDerived = derived === null ? null : isoDateTimeToUtc(derived);
  if (fromDerived) return fromDerived;
  const raw = cell(fields, layout.timestamp);
  return raw === null ? null : elfTimestampToIso(raw);
}

function recordIdsOf(layout: ElfLayout, fields: readonly string[]): string[] {
  const ids: string[] = [];
  const add = (id: string | null): void => {
    if (id !== null && !ids.includes(id)) ids.push(id);
  };
  for (const i of layout.recordIdColumns) {
    const v = cell(fields, i);
    // Login rows carry a request token in URI_ID_DERIVED, so only id-shaped values count.
    if (v !== null && looksLikeSalesforceId(v)) add(toId18(v));
  }
  for (const i of layout.restUriColumns) add(recordIdFromRestUri(cell(fields, i)));
  return ids;
}

function detailsOf(layout: ElfLayout, fields: readonly string[]): Record<string, DetailValue> | null {
  let details: Record<string, DetailValue> | null = null;
  for (const [name, i] of layout.details) {
    const v = cell(fields, i);
    if (v !== null) (details ??= {})[name] = v;
  }
  for (const [name, i] of layout.detailIds) {
    const v = idOrText(cell(fields, i));
    if (v !== null) (details ??= {})[name] = v;
  }
  return details;
}
