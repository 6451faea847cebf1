import { DAY_MS, isoDay } from './calendar';
import { crmIdsOf, type CrmObject } from './crm-records';
import { id15, KEY_PREFIX, to18 } from './ids';
import { lightningView, reportEvent, reportRow, restQuery, restRecordGet, uriView } from './attack';
import {
  apiTotalUsageEvent, elfEvent, loginEvent, newSession, recordsJson, rtemEvent, uiLoginEvent, uniqueQueryEvent, uuid, type LogEvent, type Session,
} from './log-events';
import type { Org, OrgUser } from './org';
import { personShape } from './people';
import { Random } from './random';

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0',
];

export interface ActivityContext {
  seed: string;
  org: Org;
  consumers: number;
}

/** A random existing CRM record of the wanted objects (ordinary users look at real records). */
function randomRecord(ctx: ActivityContext, random: Random, objects: readonly CrmObject[]): { object: CrmObject; id: string } | null {
  for (let attempt = 0; attempt < 8; attempt++) {
    const ids = crmIdsOf(personShape(ctx.seed, random.int(0, ctx.consumers - 1))).filter((r) => objects.includes(r.object));
    if (ids.length > 0) return random.pick(ids);
  }
  return null;
}

function agentIp(random: Random, agent: OrgUser): string {
  // Most agents work from the office range; some from home (benchmark range, stable per agent).
  const n = Number.parseInt(agent.id15.slice(-3), 36);
  return n % 4 === 0 ? `198.18.${n % 250}.${(n * 7) % 250}` : `198.51.100.${random.int(10, 60)}`;
}

/** `loginRandom` is its own stream, so the LoginEvents leave every other generated value as it was. */
function agentDay(ctx: ActivityContext, random: Random, loginRandom: Random, agent: OrgUser, dayStart: number, out: LogEvent[]): void {
  const session = newSession(random, agent, agentIp(random, agent), random.pick(BROWSERS), null);
  let t = dayStart + random.int(12, 16) * 3_600_000 + random.int(0, 3_599_999);
  out.push(loginEvent(t, session, random, false), uiLoginEvent(t, session, loginRandom, 'HIGH_ASSURANCE'));
  const views = random.int(4, 24);
  for (let v = 0; v < views; v++) {
    t += random.int(20_000, 900_000);
    const record = randomRecord(ctx, random, ['Contact', 'Account', 'Case', 'Order']);
    if (!record) continue;
    out.push(random.chance(0.3) ? uriView(t, session, random, record.id) : lightningView(t, session, random, record.object, record.id));
  }
  if (random.chance(0.25)) {
    t += random.int(60_000, 600_000);
    const cases: string[] = [];
    for (let k = random.int(1, 6); k > 0; k--) {
      const record = randomRecord(ctx, random, ['Case']);
      if (record) cases.push(record.id);
    }
    const report = id15(KEY_PREFIX.Report, 700 + random.int(0, 5));
    const definition = { name: 'My Open Cases', object: 'Case', columns: ['CASE_NUMBER', 'SUBJECT', 'STATUS', 'CREATED_DATE', 'OWNER'] };
    out.push(
      reportRow(t, session, random, report, 'Case', cases.length, definition.columns.length),
      reportEvent(t, session, random, report, definition, recordsJson('Case', cases, cases.length), cases.length, uuid(random), 1, false),
    );
  }
  t += random.int(60_000, 3_600_000);
  out.push(elfEvent('Logout', t, session, random, {
    SESSION_TYPE: 'UI', SESSION_LEVEL: 'STANDARD', BROWSER_TYPE: session.userAgent, PLATFORM_TYPE: '1015', RESOLUTION_TYPE: '1920x1080',
    APP_TYPE: '1000', CLIENT_VERSION: '9998', API_TYPE: '', API_VERSION: '9998.0', USER_INITIATED_LOGOUT: '1',
  }));
}

function integrationSession(random: Random, user: OrgUser, ip: string): Session {
  const app = user.app!;
  return newSession(random, user, ip, app.userAgent, { name: app.name, id15: app.id15, id18: to18(app.id15), client: app.client });
}

function shopifySync(ctx: ActivityContext, random: Random, dayStart: number, calls: number, out: LogEvent[]): void {
  const session = integrationSession(random, ctx.org.integrations[0]!, '192.0.2.40');
  out.push(loginEvent(dayStart + 300_000, session, random, true));
  const soql = 'SELECT Id, Email, MailingPostalCode FROM Contact WHERE Email = :email';
  out.push(uniqueQueryEvent(dayStart + 310_000, session, random, soql));
  for (let c = 0; c < calls; c++) {
    const t = dayStart + 600_000 + Math.floor(((c + random.next()) / calls) * (DAY_MS - 1_200_000));
    const record = randomRecord(ctx, random, ['Contact']);
    if (!record) continue;
    if (random.chance(0.5)) {
      out.push(restRecordGet(t, session, random, 'Contact', record.id));
      out.push(apiTotalUsageEvent(t + 2, session, random, 'REST', 'GET', `/v62.0/sobjects/Contact/${record.id}`, 'Contact'));
    } else {
      out.push(restQuery(t, session, random, 'Contact', 1, 3));
      out.push(apiTotalUsageEvent(t + 2, session, random, 'REST', 'GET', '/v62.0/query', 'Contact'));
      out.push(rtemEvent('ApiEvent', t, session, random, {
        AdditionalInfo: '{}', ApiType: 'REST', ApiVersion: 62, Application: session.app!.name, Client: session.app!.client,
        ConnectedAppId: session.app!.id18, ElapsedTime: random.int(20, 300), Operation: 'Query', Platform: 'Unknown',
        QueriedEntities: 'Contact', Query: soql, Records: recordsJson('Contact', [record.id], 1), RowsProcessed: 1, RowsReturned: 1,
        UserAgent: session.userAgent,
      }));
    }
  }
}

function marketingSync(ctx: ActivityContext, random: Random, dayStart: number, out: LogEvent[]): void {
  const session = integrationSession(random, ctx.org.integrations[1]!, '192.0.2.61');
  const t0 = dayStart + 6 * 3_600_000;
  out.push(loginEvent(t0, session, random, true));
  const soql = 'SELECT Id, Email, HasOptedOutOfEmail FROM Contact WHERE LastModifiedDate = LAST_N_DAYS:1';
  const ids: string[] = [];
  for (let k = random.int(2, 12); k > 0; k--) {
    const record = randomRecord(ctx, random, ['Contact']);
    if (record) ids.push(record.id);
  }
  out.push(
    elfEvent('API', t0 + 20_000, session, random, {
      URI: 'Api', API_TYPE: 'E', API_VERSION: '61.0', METHOD_NAME: 'query', ENTITY_NAME: 'Contact', ROWS_PROCESSED: String(ids.length),
      REQUEST_SIZE: '740', RESPONSE_SIZE: String(300 + ids.length * 120), CLIENT_NAME: session.app!.client,
      CONNECTED_APP_ID: session.app!.id15, USER_AGENT: session.userAgent, REQUEST_STATUS: 'S',
    }),
    apiTotalUsageEvent(t0 + 20_002, session, random, 'SOAP', 'POST', '/services/Soap/c/61.0', 'Contact'),
    uniqueQueryEvent(t0 + 20_040, session, random, soql),
    rtemEvent('ApiEvent', t0 + 20_000, session, random, {
      AdditionalInfo: '{}', ApiType: 'SOAP Enterprise', ApiVersion: 61, Application: session.app!.name, Client: session.app!.client,
      ConnectedAppId: session.app!.id18, ElapsedTime: random.int(100, 900), Operation: 'Query', Platform: 'Unknown',
      QueriedEntities: 'Contact', Query: soql, Records: recordsJson('Contact', ids, ids.length), RowsProcessed: ids.length,
      RowsReturned: ids.length, UserAgent: session.userAgent,
    }),
  );
}

function warehouseExtract(ctx: ActivityContext, random: Random, dayStart: number, day: number, out: LogEvent[]): void {
  const session = integrationSession(random, ctx.org.integrations[2]!, '192.0.2.77');
  const t0 = dayStart + 2 * 3_600_000 + random.int(0, 600_000);
  out.push(loginEvent(t0, session, random, true));
  const jobId = id15(KEY_PREFIX.BulkJob, 10_000 + day);
  const rows = Math.max(1, Math.round(ctx.consumers * 0.002 * (0.5 + random.next())));
  for (const [status, offset] of [['Open', 5_000], ['InProgress', 30_000], ['JobComplete', 150_000]] as const) {
    out.push(elfEvent('BulkApi2', t0 + offset, session, random, {
      URI: `/services/data/v62.0/jobs/query/${to18(jobId)}`, URI_ID_DERIVED: to18(jobId), JOB_ID: jobId, JOB_STATUS: status,
      OPERATION_TYPE: 'query', ENTITY_TYPE: 'Contact', RECORDS_PROCESSED: status === 'JobComplete' ? String(rows) : '0',
      RECORDS_FAILED: '0', RESULT_SIZE_MB: status === 'JobComplete' ? (rows * 0.0002).toFixed(3) : '0',
    }));
  }
  out.push(rtemEvent('BulkApiResultEventStore', t0 + 160_000, session, random, {
    Query: 'SELECT Id, Email, LastModifiedDate FROM Contact WHERE LastModifiedDate = YESTERDAY',
  }));
}

/** One day of the org's ordinary work: agents in the UI, three integrations, the odd admin login. */
export function ordinaryDay(ctx: ActivityContext, dayStart: number, day: number): LogEvent[] {
  const random = Random.for(ctx.seed, `day:${isoDay(dayStart)}`);
  const weekday = new Date(dayStart).getUTCDay() % 6 !== 0;
  const loginRandom = Random.for(ctx.seed, `login-event:${isoDay(dayStart)}`);
  const out: LogEvent[] = [];
  for (const agent of ctx.org.agents) {
    if (random.chance(weekday ? 0.85 : 0.15)) agentDay(ctx, random, loginRandom, agent, dayStart, out);
  }
  if (random.chance(weekday ? 0.6 : 0.1)) {
    const admin = newSession(random, ctx.org.admin, `198.51.100.${random.int(2, 9)}`, BROWSERS[0]!, null);
    out.push(loginEvent(dayStart + random.int(14, 20) * 3_600_000, admin, random, false));
  }
  const calls = Math.max(10, Math.min(4000, Math.round(ctx.consumers / 150))) * (weekday ? 1 : 0.5);
  shopifySync(ctx, random, dayStart, Math.round(calls), out);
  marketingSync(ctx, random, dayStart, out);
  warehouseExtract(ctx, random, dayStart, day, out);
  return out;
}
