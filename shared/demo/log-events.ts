import { elfTimestamp, isoTime, rtemDateTime } from './calendar';
import { id18, KEY_PREFIX, ORG_ID_15 } from './ids';
import type { OrgUser } from './org';
import type { Random } from './random';

const COMMON_HEAD = ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'RUN_TIME', 'CPU_TIME', 'URI', 'SESSION_KEY', 'LOGIN_KEY', 'USER_TYPE', 'REQUEST_STATUS', 'DB_TOTAL_TIME'];
const COMMON_TAIL = ['TIMESTAMP_DERIVED', 'USER_ID_DERIVED', 'CLIENT_IP', 'URI_ID_DERIVED'];

/** ELF headers per event type (formats.md §1.3); the Login header is the real order from a developer org. */
export const ELF_HEADERS = {
  Login: [...COMMON_HEAD, 'LOGIN_TYPE', 'BROWSER_TYPE', 'API_TYPE', 'API_VERSION', 'USER_NAME', 'TLS_PROTOCOL', 'CIPHER_SUITE', 'AUTHENTICATION_METHOD_REFERENCE', 'LOGIN_SUB_TYPE', ...COMMON_TAIL, 'LOGIN_STATUS', 'SOURCE_IP'],
  Logout: ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'USER_TYPE', 'SESSION_TYPE', 'SESSION_LEVEL', 'BROWSER_TYPE', 'PLATFORM_TYPE', 'RESOLUTION_TYPE', 'APP_TYPE', 'CLIENT_VERSION', 'API_TYPE', 'API_VERSION', 'USER_INITIATED_LOGOUT', 'SESSION_KEY', 'LOGIN_KEY', 'TIMESTAMP_DERIVED', 'USER_ID_DERIVED', 'CLIENT_IP'],
  API: [...COMMON_HEAD, 'API_TYPE', 'API_VERSION', 'METHOD_NAME', 'ENTITY_NAME', 'ROWS_PROCESSED', 'REQUEST_SIZE', 'RESPONSE_SIZE', 'CLIENT_NAME', 'DB_BLOCKS', 'DB_CPU_TIME', 'EXCEPTION_MESSAGE', 'CONNECTED_APP_ID', 'USER_AGENT', ...COMMON_TAIL],
  RestApi: [...COMMON_HEAD, 'METHOD', 'STATUS_CODE', 'MEDIA_TYPE', 'ENTITY_NAME', 'ROWS_PROCESSED', 'NUMBER_FIELDS', 'REQUEST_SIZE', 'RESPONSE_SIZE', 'CLIENT_NAME', 'DB_BLOCKS', 'DB_CPU_TIME', 'EXCEPTION_MESSAGE', 'CONNECTED_APP_ID', 'USER_AGENT', ...COMMON_TAIL],
  BulkApi2: ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'RUN_TIME', 'CPU_TIME', 'URI', 'SESSION_KEY', 'LOGIN_KEY', 'JOB_ID', 'JOB_STATUS', 'OPERATION_TYPE', 'ENTITY_TYPE', 'RECORDS_PROCESSED', 'RECORDS_FAILED', 'RESULT_SIZE_MB', ...COMMON_TAIL],
  Report: [...COMMON_HEAD, 'ENTITY_NAME', 'DISPLAY_TYPE', 'RENDERING_TYPE', 'REPORT_ID', 'REPORT_ID_DERIVED', 'ROW_COUNT', 'NUMBER_EXCEPTION_FILTERS', 'NUMBER_COLUMNS', 'AVERAGE_ROW_SIZE', 'SORT', 'DB_BLOCKS', 'DB_CPU_TIME', 'NUMBER_BUCKETS', 'ORIGIN', ...COMMON_TAIL],
  URI: [...COMMON_HEAD, 'REFERRER_URI', 'DB_BLOCKS', 'DB_CPU_TIME', ...COMMON_TAIL],
  LightningPageView: ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'CLIENT_IP', 'SESSION_KEY', 'LOGIN_KEY', 'USER_TYPE', 'APP_NAME', 'DEVICE_PLATFORM', 'BROWSER_NAME', 'USER_AGENT', 'PAGE_START_TIME', 'DURATION', 'EFFECTIVE_PAGE_TIME', 'PAGE_URL', 'PAGE_CONTEXT', 'PAGE_ENTITY_ID', 'PAGE_ENTITY_TYPE', 'PREVPAGE_ENTITY_ID', 'PREVPAGE_ENTITY_TYPE', 'PREVPAGE_URL', 'TIMESTAMP_DERIVED', 'USER_ID_DERIVED'],
  UniqueQuery: ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'SESSION_KEY', 'LOGIN_KEY', 'QUERY_IDENTIFIER', 'QUERY_TYPE', 'SQL_ID', 'TIMESTAMP_DERIVED'],
  ApiTotalUsage: ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'API_FAMILY', 'API_VERSION', 'API_RESOURCE', 'CLIENT_NAME', 'HTTP_METHOD', 'CLIENT_IP', 'COUNTS_AGAINST_API_LIMIT', 'CONNECTED_APP_ID', 'CONNECTED_APP_NAME', 'ENTITY_NAME', 'STATUS_CODE', 'TIMESTAMP_DERIVED', 'USER_ID_DERIVED'],
} as const;

export type ElfType = keyof typeof ELF_HEADERS;

export const RTEM_STREAMS = {
  ApiEvent: '/event/ApiEventStream',
  ReportEvent: '/event/ReportEventStream',
  BulkApiResultEventStore: '/event/BulkApiResultEvent',
  LoginEvent: '/event/LoginEventStream',
} as const;
export type RtemObject = keyof typeof RTEM_STREAMS;

export interface ElfEvent {
  kind: 'elf';
  type: ElfType;
  time: number;
  values: Record<string, string>;
}

export interface RtemEvent {
  kind: 'rtem';
  object: RtemObject;
  time: number;
  payload: Record<string, unknown>;
}

export type LogEvent = ElfEvent | RtemEvent;

/** One authenticated session: everything its events share. */
export interface Session {
  user: OrgUser;
  loginKey: string;
  sessionKey: string;
  /** Source address the user connected from. */
  ip: string;
  userAgent: string;
  loginHistoryId: string;
  app: { name: string; id15: string; id18: string; client: string } | null;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REQUEST_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export function newSession(random: Random, user: OrgUser, ip: string, userAgent: string, app: Session['app']): Session {
  return {
    user,
    loginKey: random.chars(KEY_ALPHABET, 16),
    sessionKey: random.chars(KEY_ALPHABET, 16),
    ip,
    userAgent,
    loginHistoryId: id18(KEY_PREFIX.LoginHistory, random.int(1, 2_000_000_000)),
    app,
  };
}

export function requestId(random: Random): string {
  return random.chars(REQUEST_ALPHABET, 22);
}

export function uuid(random: Random): string {
  const hex = random.chars('0123456789abcdef', 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** An ELF row with the columns every type shares already filled. */
export function elfEvent(type: ElfType, time: number, session: Session, random: Random, values: Record<string, string>): ElfEvent {
  return {
    kind: 'elf',
    type,
    time,
    values: {
      EVENT_TYPE: type,
      TIMESTAMP: elfTimestamp(time),
      TIMESTAMP_DERIVED: isoTime(time),
      REQUEST_ID: requestId(random),
      ORGANIZATION_ID: ORG_ID_15,
      USER_ID: session.user.id15,
      USER_ID_DERIVED: session.user.id18,
      SESSION_KEY: session.sessionKey,
      LOGIN_KEY: session.loginKey,
      USER_TYPE: 'Standard',
      CLIENT_IP: session.ip,
      RUN_TIME: String(random.int(20, 900)),
      CPU_TIME: String(random.int(5, 200)),
      DB_TOTAL_TIME: String(random.int(1_000_000, 90_000_000)),
      ...values,
    },
  };
}

/** A real-time event payload with the session fields every RTEM object shares. */
export function rtemEvent(object: RtemObject, time: number, session: Session, random: Random, payload: Record<string, unknown>): RtemEvent {
  return {
    kind: 'rtem',
    object,
    time,
    payload: {
      CreatedDate: rtemDateTime(time + random.int(800, 9000)),
      EvaluationTime: 0,
      EventDate: rtemDateTime(time),
      EventIdentifier: uuid(random),
      LoginHistoryId: session.loginHistoryId,
      LoginKey: session.loginKey,
      PolicyId: null,
      PolicyOutcome: null,
      RelatedEventIdentifier: null,
      SessionKey: session.sessionKey,
      SessionLevel: 'STANDARD',
      SourceIp: session.ip,
      UserId: session.user.id18,
      Username: session.user.username,
      ...payload,
    },
  };
}

/** The RTEM `Records` value: a JSON document carried as a string. */
export function recordsJson(object: string, ids: readonly string[], totalSize: number): string {
  return JSON.stringify({
    totalSize,
    done: ids.length >= totalSize,
    records: ids.map((id) => ({ attributes: { type: object }, Id: id })),
  });
}

export function loginEvent(time: number, session: Session, random: Random, oauth: boolean, status = 'LOGIN_NO_ERROR'): ElfEvent {
  return elfEvent('Login', time, session, random, {
    URI: oauth ? '/services/oauth2/token' : '/index.jsp',
    REQUEST_STATUS: status === 'LOGIN_NO_ERROR' ? 'Success' : 'Failed',
    LOGIN_TYPE: oauth ? 'i' : 'A',
    BROWSER_TYPE: session.userAgent,
    API_TYPE: oauth ? 'f' : '',
    API_VERSION: oauth ? '62.0' : '9998.0',
    USER_NAME: session.user.username,
    TLS_PROTOCOL: 'TLSv1.3',
    CIPHER_SUITE: 'TLS_AES_256_GCM_SHA384',
    // An OAuth token request reaches Salesforce from its own infrastructure; SOURCE_IP keeps the real address.
    CLIENT_IP: oauth ? 'Salesforce.com IP' : session.ip,
    SESSION_KEY: status === 'LOGIN_NO_ERROR' ? session.sessionKey : '',
    LOGIN_STATUS: status,
    SOURCE_IP: session.ip,
  });
}

/**
 * The LoginEvent for a successful user-interface login. `HIGH_ASSURANCE` is a session raised by a second factor;
 * `STANDARD` is a password-only session.
 */
export function uiLoginEvent(time: number, session: Session, random: Random, sessionLevel: 'STANDARD' | 'HIGH_ASSURANCE'): RtemEvent {
  return rtemEvent('LoginEvent', time, session, random, {
    Application: 'Browser', AuthMethodReference: null, Browser: 'Firefox', LoginType: 'Application', LoginUrl: 'login.salesforce.com',
    Platform: 'Linux', SessionLevel: sessionLevel, Status: 'Success', TlsProtocol: 'TLS 1.3', UserType: 'Standard',
  });
}

export function apiTotalUsageEvent(time: number, session: Session, random: Random, family: string, method: string, resource: string, entity: string): ElfEvent {
  return elfEvent('ApiTotalUsage', time, session, random, {
    API_FAMILY: family,
    API_VERSION: '62.0',
    API_RESOURCE: resource,
    CLIENT_NAME: session.app?.client ?? '',
    HTTP_METHOD: method,
    COUNTS_AGAINST_API_LIMIT: 'true',
    CONNECTED_APP_ID: session.app?.id15 ?? '',
    CONNECTED_APP_NAME: session.app?.name ?? '',
    ENTITY_NAME: entity,
    STATUS_CODE: '200',
  });
}

export function uniqueQueryEvent(time: number, session: Session, random: Random, soql: string): ElfEvent {
  return elfEvent('UniqueQuery', time, session, random, {
    REQUEST_ID: `TID:${random.chars('0123456789abcdef', 21)}`,
    QUERY_IDENTIFIER: soql,
    QUERY_TYPE: /\bIN\s*\(\s*SELECT/i.test(soql) ? 'SEMIJOIN' : 'SIMPLE',
    SQL_ID: random.chars('0123456789abcdefghijklmnopqrstuvwxyz', 13),
  });
}
