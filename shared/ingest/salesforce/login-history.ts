/** Setup → Login History download (CSV, UI labels) or a LoginHistory object export (API names). */
import type { DetailValue, DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { readHead } from '../encoding';
import { sniffCsvHeader } from '../csv/table';
import { toId18 } from '../../util/salesforce-id';
import { blankEvent, dedupKeyOf, idOrText, putDetail } from './event-row';
import { startsLikeJson, textDecoding } from './input';
import { cellAt, collectCsvRows, columnFinder, datedRows, labelKey } from './ui-csv';

/** Detail name → accepted labels (UI label first, then the LoginHistory API name). */
const DETAIL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  LoginSubType: ['Login Subtype', 'LoginSubType'],
  HttpMethod: ['HTTP Method', 'HttpMethod'],
  Browser: ['Browser'],
  Platform: ['Platform'],
  ClientVersion: ['Client Version', 'ClientVersion'],
  ApiType: ['API Type', 'ApiType'],
  ApiVersion: ['API Version', 'ApiVersion'],
  TlsProtocol: ['TLS Protocol', 'TlsProtocol'],
  CipherSuite: ['TLS Cipher Suite', 'CipherSuite'],
  AuthMethodReference: ['Authentication Method Reference', 'AuthMethodReference'],
  CountryIso: ['Country Code', 'CountryIso'],
  Location: ['Location'],
  ForwardedForIp: ['Forwarded For IP', 'ForwardedForIp'],
  NetworkId: ['NetworkId'],
};
const DETAIL_ID_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  Id: ['Id'],
  AuthenticationServiceId: ['AuthenticationServiceId'],
  LoginGeoId: ['LoginGeoId'],
};

function detectLoginHistory(sample: DetectSample): number {
  if (startsLikeJson(sample.head)) return 0;
  const keys = new Set((sniffCsvHeader(sample.head) ?? []).map(labelKey));
  return keys.has('logintime') && (keys.has('username') || keys.has('userid')) && keys.has('sourceip') ? 0.9 : 0;
}

export const loginHistoryParser: SourceParser = {
  format: 'salesforce-login-history',
  version: '1',
  description: 'Salesforce Login History CSV (UI download or LoginHistory export): every login with IP, type and status',
  detect: detectLoginHistory,
  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input);
    const decoding = textDecoding(input, head);
    const { header, rows } = await collectCsvRows(input, sink, decoding);
    const col = columnFinder(header);
    const time = col('Login Time', 'LoginTime');
    const userId = col('User ID', 'UserId');
    const username = col('Username', 'User Name');
    const sourceIp = col('Source IP', 'SourceIp');
    const loginType = col('Login Type', 'LoginType');
    const status = col('Status');
    const application = col('Application');
    const loginUrl = col('Login URL', 'LoginUrl');
    const details = Object.entries(DETAIL_COLUMNS).map(([name, labels]): [string, number] => [name, col(...labels)]);
    const detailIds = Object.entries(DETAIL_ID_COLUMNS).map(([name, labels]): [string, number] => [name, col(...labels)]);
    for (const { row, iso, text: timeText } of datedRows(rows, time, 'Login Time', input.options, sink)) {
      const event = blankEvent(row.place, 'login-history', iso);
      const cell = (i: number): string | null => cellAt(row.fields, i);
      event.actorId = toId18(cell(userId));
      event.username = cell(username);
      // The UI's one address is where the login came from: both client and source in ELF terms.
      event.sourceIp = cell(sourceIp);
      event.clientIp = event.sourceIp;
      event.operation = cell(loginType);
      event.status = cell(status);
      event.app = cell(application);
      event.uri = cell(loginUrl);
      const extra: Record<string, DetailValue> = {};
      for (const [name, i] of details) putDetail(extra, name, cell(i));
      for (const [name, i] of detailIds) {
        const v = cell(i);
        putDetail(extra, name, idOrText(v));
      }
      putDetail(extra, 'localTime', timeText);
      event.details = extra;
      const id = extra.Id as string | undefined;
      event.dedupKey = id
        ? dedupKeyOf(['login-history', id])
        : dedupKeyOf(['login-history', iso, event.actorId ?? event.username, event.sourceIp, event.operation, event.status, event.app, event.uri]);
      sink.event(event);
    }
    return decoding.result;
  },
};
