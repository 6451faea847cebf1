import { TIMELINE } from './calendar';
import type { CrmObject, CrmRecord } from './crm-records';
import { id15, KEY_PREFIX, to18 } from './ids';
import {
  apiTotalUsageEvent, elfEvent, loginEvent, newSession, recordsJson, rtemEvent, uiLoginEvent, uniqueQueryEvent, uuid,
  type LogEvent, type Session,
} from './log-events';
import type { Org } from './org';
import type { Person } from './people';
import { Random } from './random';
import { matches, renderQuery, type Condition, type Query } from './soql';

export const ATTACKER = {
  dataLoaderIp: '203.0.113.77',
  bulkIp: '203.0.113.142',
  browserIp: '192.0.2.201',
  failedLoginIp: '192.0.2.13',
  /** Password spraying before the attack: a burst of failed logins against many users from one hosting address. */
  sprayIp: '203.0.113.9',
  dataLoaderAgent: 'DataLoaderPartnerUI/61.0.0 Java/17.0.9',
  scriptAgent: 'python-requests/2.32.4',
  browserAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
} as const;

/** One thing the attacker did that returned consumer records, with what the logs prove about it. */
export interface Access {
  key: string;
  description: string;
  object: CrmObject;
  /** The log sources that carry it (`elf:API`, `rtem:ApiEvent`, ...). */
  evidence: string[];
  soql: string | null;
  /** Fields the access could return; `all` when the logs do not say. */
  fields: readonly string[] | 'all';
  /** Records the attacker actually received (the simulation's truth). */
  returned: Set<string>;
  /** Records a log entry names by id (exact basis). */
  listed: Set<string>;
  /** Whether re-evaluating the logged query reproduces `returned` (derived basis). */
  reEvaluable: boolean;
  /** Only a count is known: every record of `object` is within the bound (inferred basis). */
  boundsObject: boolean;
}

const CONTACT_LAYOUT = ['FirstName', 'LastName', 'Email', 'Phone', 'MobilePhone', 'MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry', 'Birthdate', 'Loyalty_Tier__c', 'SSN__c', 'Drivers_License__c'];
const ACCOUNT_LAYOUT = ['Name', 'FirstName', 'LastName', 'PersonEmail', 'Phone', 'PersonMobilePhone', 'PersonMailingStreet', 'PersonMailingCity', 'PersonMailingState', 'PersonMailingPostalCode', 'PersonBirthdate', 'Loyalty_Tier__pc'];

export const REPORTS = {
  vip: {
    name: 'VIP Customers - Florida',
    object: 'Contact' as const,
    columns: ['FIRST_NAME', 'LAST_NAME', 'EMAIL', 'PHONE1', 'ADDRESS2_STREET', 'ADDRESS2_CITY', 'ADDRESS2_STATE', 'ADDRESS2_ZIP', 'BIRTHDATE', 'Contact.Loyalty_Tier__c'],
    fields: ['FirstName', 'LastName', 'Email', 'Phone', 'MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'Birthdate', 'Loyalty_Tier__c'],
    filter: { op: 'AND', terms: [{ op: '=', field: 'Loyalty_Tier__c', value: 'Platinum' }, { op: '=', field: 'MailingStateCode', value: 'FL' }] } as Condition,
  },
  webLeads: {
    name: 'Open Web Leads',
    object: 'Lead' as const,
    columns: ['FIRST_NAME', 'LAST_NAME', 'EMAIL', 'PHONE', 'STREET', 'CITY', 'STATE', 'ZIP', 'LEAD_SOURCE', 'STATUS'],
    fields: ['FirstName', 'LastName', 'Email', 'Phone', 'Street', 'City', 'State', 'PostalCode', 'LeadSource', 'Status'],
    filter: { op: 'AND', terms: [{ op: '=', field: 'LeadSource', value: 'Web' }, { op: '=', field: 'IsConverted', value: false }] } as Condition,
  },
};

interface QuerySpec {
  key: string;
  description: string;
  query: Query;
  at: number;
  evidence: string[];
  /** Records the running user could see (sharing rules); all when absent. The logs do not say which. */
  visible?: (fields: Readonly<Record<string, string>>) => boolean;
}

interface Match {
  id: string;
  sortKey: string;
}

const minutes = (n: number): number => TIMELINE.attackStart + n * 60_000;

/** Shrinks a LIMIT/OFFSET cut until it does not split records that tie on the ORDER BY value. */
function cutWithoutTies(sorted: readonly Match[], offset: number, limit: number): { offset: number; limit: number } {
  const tieAt = (i: number): boolean => i > 0 && i < sorted.length && sorted[i - 1]!.sortKey === sorted[i]!.sortKey;
  let o = offset;
  while (tieAt(o)) o++;
  let l = limit;
  while (l > 0 && tieAt(o + l)) l--;
  return { offset: o, limit: l };
}

/** Collects, in one streaming pass over the consumers, everything the attacker's actions returned. */
export class AttackScanner {
  private readonly specs: QuerySpec[];
  private readonly found = new Map<string, Match[]>();
  private readonly waContacts = new Set<string>();
  private contactTotal = 0;
  private readonly pageViewCandidates: { object: CrmObject; id: string }[] = [];
  private readonly random: Random;

  constructor(
    private readonly seed: string,
    private readonly org: Org,
    consumers: number,
    /** Every business Account in the export (bucket accounts and companies): what a query for non-person accounts returns. */
    private readonly businessAccountIds: readonly string[] = [],
  ) {
    this.random = Random.for(seed, 'attack');
    const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.round(n)));
    const contactFields = ['Id', 'FirstName', 'LastName', 'Email', 'Phone', 'MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'Birthdate'];
    const leadLimit = clamp(consumers * 0.04, 10, 5000);
    const visibleOwners = new Set(org.agents.filter((_, n) => n % 2 === 0).map((agent) => agent.id18));
    this.specs = [
      {
        key: 'Q1', description: 'Data Loader query, California contacts, full record list in the real-time event',
        at: minutes(5), evidence: ['elf:API', 'elf:UniqueQuery', 'rtem:ApiEvent'],
        query: {
          fields: contactFields, object: 'Contact',
          where: { op: 'AND', terms: [{ op: '=', field: 'MailingStateCode', value: 'CA' }, { op: '=', field: 'HasOptedOutOfEmail', value: false }] },
          orderBy: { field: 'CreatedDate', direction: 'DESC' }, limit: clamp(consumers * 0.02, 25, 2000),
        },
      },
      {
        key: 'Q2', description: 'Data Loader query with SSN and licence fields; the real-time event lists only the first 200 ids',
        at: minutes(19), evidence: ['elf:API', 'elf:UniqueQuery', 'rtem:ApiEvent'],
        query: {
          fields: ['Id', 'FirstName', 'LastName', 'Email', 'MobilePhone', 'Birthdate', 'SSN__c', 'Drivers_License__c'], object: 'Contact',
          where: {
            op: 'AND',
            terms: [
              { op: 'LAST_N_DAYS', field: 'CreatedDate', days: 365 },
              { op: 'OR', terms: [{ op: 'IN', field: 'MailingStateCode', values: ['NY', 'NJ', 'PA'] }, { op: 'LIKE', field: 'Email', pattern: '%@outlook.example' }] },
              { op: 'NOT', term: { op: '=', field: 'LeadSource', value: 'Purchased List' } },
            ],
          },
        },
      },
      {
        key: 'Q3', description: 'REST query on open leads with LIMIT/OFFSET; only ELF RestApi and UniqueQuery record it',
        at: minutes(47), evidence: ['elf:RestApi', 'elf:UniqueQuery'],
        query: {
          fields: ['Id', 'FirstName', 'LastName', 'Email', 'Phone', 'Street', 'City', 'State', 'PostalCode', 'SSN__c'], object: 'Lead',
          where: {
            op: 'AND',
            terms: [
              { op: '=', field: 'IsConverted', value: false },
              { op: '!=', field: 'Status', value: 'Closed - Not Converted' },
              { op: 'OR', terms: [{ op: '=', field: 'LeadSource', value: 'Web' }, { op: 'LIKE', field: 'LeadSource', pattern: 'Partner%' }] },
            ],
          },
          orderBy: { field: 'CreatedDate', direction: 'ASC' }, limit: leadLimit, offset: Math.floor(leadLimit / 10),
        },
      },
      {
        key: 'Q4', description: 'Bulk API 2.0 extract of Gold/Platinum person accounts with card and loyalty credentials',
        at: minutes(302), evidence: ['elf:BulkApi2', 'rtem:BulkApiResultEventStore'],
        query: {
          fields: ['Id', 'FirstName', 'LastName', 'PersonEmail', 'PersonMobilePhone', 'PersonMailingStreet', 'PersonMailingCity', 'PersonMailingStateCode', 'PersonMailingPostalCode', 'PersonBirthdate', 'Card_Number__pc', 'Card_CVV__pc', 'Loyalty_Password__pc', 'Security_Question__pc', 'Security_Answer__pc'],
          object: 'Account',
          where: {
            op: 'AND',
            terms: [
              { op: '=', field: 'IsPersonAccount', value: true },
              { op: 'IN', field: 'Loyalty_Tier__pc', values: ['Gold', 'Platinum'] },
              { op: '<', field: 'LastModifiedDate', value: { dateTime: '2025-06-01T00:00:00Z' } },
            ],
          },
        },
      },
      {
        key: 'Q5', description: 'Case query with a semi-join subquery (not re-evaluable): object and count only',
        at: minutes(421), evidence: ['elf:RestApi', 'elf:UniqueQuery'],
        query: {
          fields: ['Id', 'CaseNumber', 'Subject', 'Description', 'SuppliedName', 'SuppliedEmail', 'SuppliedPhone'], object: 'Case',
          where: { op: 'SEMI_JOIN', field: 'ContactId', subquery: "SELECT Id FROM Contact WHERE MailingStateCode = 'WA'", matches: (id) => this.waContacts.has(id) },
        },
      },
      {
        key: 'Q6', description: 'Data Loader query under sharing rules: its complete record list holds only the records the user could see, so re-evaluating it would return others',
        at: minutes(33), evidence: ['elf:API', 'elf:UniqueQuery', 'rtem:ApiEvent'],
        query: {
          fields: ['Id', 'FirstName', 'LastName', 'Email', 'Loyalty_Password__c'], object: 'Contact',
          where: { op: 'IN', field: 'MailingState', values: ['CA', 'California', 'ca'] },
          orderBy: { field: 'Id', direction: 'ASC' }, limit: clamp(consumers * 0.01, 10, 400),
        },
        visible: (fields) => visibleOwners.has(fields.OwnerId ?? ''),
      },
    ];
    for (const key of [...this.specs.map((s) => s.key), 'R1', 'R2']) this.found.set(key, []);
  }

  observe(person: Person, records: readonly CrmRecord[]): void {
    for (const record of records) {
      if (record.object !== 'Contact') continue;
      this.contactTotal++;
      if (record.fields.MailingStateCode === 'WA') this.waContacts.add(record.id);
    }
    for (const record of records) {
      for (const spec of this.specs) {
        if (spec.query.object !== record.object) continue;
        if (spec.visible && !spec.visible(record.fields)) continue;
        if (!spec.query.where || matches(spec.query.where, record.fields, spec.at)) {
          this.found.get(spec.key)!.push({ id: record.id, sortKey: spec.query.orderBy?.field === 'Id' ? record.id : (record.fields.CreatedDate ?? '') });
        }
      }
      if (record.object === 'Contact' && matches(REPORTS.vip.filter, record.fields, 0)) this.found.get('R1')!.push({ id: record.id, sortKey: '' });
      if (record.object === 'Lead' && matches(REPORTS.webLeads.filter, record.fields, 0)) this.found.get('R2')!.push({ id: record.id, sortKey: '' });
    }
    const sensitive = person.sensitive.ssn?.form === 'clear' || person.sensitive.card?.form === 'clear';
    if (sensitive && this.pageViewCandidates.length < 9 && Random.for(this.seed, 'viewed', person.index).chance(0.3)) {
      const account = records.find((r) => r.object === 'Account');
      const contact = records.find((r) => r.object === 'Contact');
      const pick = this.pageViewCandidates.length % 3 === 1 && account ? account : contact;
      if (pick) this.pageViewCandidates.push({ object: pick.object, id: pick.id });
    }
  }

  /** The records the query returned, the query as run (its LIMIT/OFFSET cut clear of ties) and its logged text. */
  private resultOf(spec: QuerySpec): { ids: string[]; query: Query; soql: string } {
    const all = this.found.get(spec.key)!;
    const q = spec.query;
    if (!q.orderBy) return { ids: all.map((m) => m.id), query: q, soql: renderQuery(q) };
    const sorted = [...all].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    if (q.orderBy.direction === 'DESC') sorted.reverse();
    const cut = cutWithoutTies(sorted, q.offset ?? 0, q.limit ?? sorted.length);
    const query: Query = { ...q, ...(q.limit !== undefined ? { limit: cut.limit } : {}), ...(q.offset !== undefined ? { offset: cut.offset } : {}) };
    return { ids: sorted.slice(cut.offset, cut.offset + cut.limit).map((m) => m.id), query, soql: renderQuery(query) };
  }

  /** The accesses with their truth, and every log event the attack left. */
  finish(): { accesses: Access[]; events: LogEvent[]; sessions: Session[] } {
    const random = this.random;
    const org = this.org;
    const app = { ...org.maliciousApp, client: 'DataLoaderPartnerUI/' };
    const s1 = newSession(random, org.compromised, ATTACKER.dataLoaderIp, ATTACKER.dataLoaderAgent, app);
    const s2 = newSession(random, org.compromised, ATTACKER.browserIp, ATTACKER.browserAgent, null);
    const s3 = newSession(random, org.compromised, ATTACKER.bulkIp, ATTACKER.scriptAgent, { ...org.maliciousApp, client: '' });
    const failed = newSession(random, org.compromised, ATTACKER.failedLoginIp, ATTACKER.browserAgent, null);
    const events: LogEvent[] = [];
    const accesses: Access[] = [];
    const push = (...e: LogEvent[]): void => void events.push(...e);

    push(...sprayingBurst(this.seed, org));
    push(loginEvent(TIMELINE.attackStart, s1, random, true));
    const total = this.contactTotal;
    const countSoql = 'SELECT COUNT() FROM Contact';
    push(
      elfEvent('API', minutes(2), s1, random, soapQueryValues(s1, 'Contact', 1)),
      uniqueQueryEvent(minutes(2) + 40, s1, random, countSoql),
      apiEvent(minutes(2), s1, random, countSoql, 'Contact', recordsJson('Contact', [], total), total),
    );

    const specByKey = new Map(this.specs.map((s) => [s.key, s]));
    /** A REST query: ELF RestApi, ApiTotalUsage and UniqueQuery record it, but not the records it returned. */
    const restQueryAccess = (key: 'Q3' | 'Q5', session: Session, reEvaluable: boolean, boundsObject: boolean): void => {
      const spec = specByKey.get(key)!;
      const { ids, query, soql } = this.resultOf(spec);
      push(
        restQuery(spec.at, session, random, query.object, ids.length, query.fields.length),
        apiTotalUsageEvent(spec.at + 5, session, random, 'REST', 'GET', '/v62.0/query', query.object),
        uniqueQueryEvent(spec.at + 30, session, random, soql),
      );
      accesses.push(access(spec, soql, query.fields, ids, [], reEvaluable, boundsObject));
    };

    for (const key of ['Q1', 'Q2', 'Q6'] as const) {
      const spec = specByKey.get(key)!;
      const { ids, query, soql } = this.resultOf(spec);
      const listed = key === 'Q2' ? ids.slice(0, 200) : ids;
      push(
        ...soapQueryRows(spec.at, s1, random, query.object, ids.length),
        uniqueQueryEvent(spec.at + 35, s1, random, soql),
        apiEvent(spec.at, s1, random, soql, query.object, recordsJson(query.object, listed, ids.length), ids.length),
      );
      accesses.push(access(spec, soql, query.fields, ids, listed, key !== 'Q6', false));
    }

    // The attacker also lists the org's business customers: companies, not people, with a complete record list.
    const companies = this.businessAccountIds;
    if (companies.length > 0) {
      const soql = 'SELECT Id, Name, BillingStreet, BillingCity, BillingState, BillingPostalCode, Phone, AccountNumber FROM Account WHERE IsPersonAccount = false';
      const at = minutes(40);
      push(
        ...soapQueryRows(at, s1, random, 'Account', companies.length),
        uniqueQueryEvent(at + 35, s1, random, soql),
        apiEvent(at, s1, random, soql, 'Account', recordsJson('Account', companies, companies.length), companies.length),
      );
      accesses.push({
        key: 'B1', description: 'Data Loader query of business accounts (companies, not people) with a complete record list', object: 'Account',
        evidence: ['elf:API', 'elf:UniqueQuery', 'rtem:ApiEvent'], soql, fields: ['Name', 'BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'Phone', 'AccountNumber'],
        returned: new Set(companies), listed: new Set(companies), reEvaluable: true, boundsObject: false,
      });
    }

    restQueryAccess('Q3', s1, true, false);

    // The attacker also signs in to the UI with the phished password and browses records.
    push(loginEvent(minutes(88), failed, random, false, 'LOGIN_ERROR_INVALID_PASSWORD'));
    push(loginEvent(minutes(92), s2, random, false));
    // The phished password alone opens the UI: a password-only (STANDARD) session, unlike the agents' MFA sessions.
    push(uiLoginEvent(minutes(92), s2, Random.for(this.seed, 'attack-login-event'), 'STANDARD'));
    const viewed = this.pageViewCandidates;
    viewed.forEach((record, n) => {
      const at = minutes(95 + n * 3);
      if (n % 2 === 0) push(uriView(at, s2, random, record.id));
      else push(lightningView(at, s2, random, record.object, record.id));
    });
    for (const object of ['Contact', 'Account'] as const) {
      const ids = viewed.filter((r) => r.object === object).map((r) => r.id);
      if (ids.length === 0) continue;
      accesses.push({
        key: `V-${object}`, description: `Record pages viewed in the UI (${object})`, object,
        evidence: ['elf:URI', 'elf:LightningPageView'], soql: null, fields: object === 'Contact' ? CONTACT_LAYOUT : ACCOUNT_LAYOUT,
        returned: new Set(ids), listed: new Set(ids), reEvaluable: false, boundsObject: false,
      });
    }

    const vip = this.found.get('R1')!.map((m) => m.id);
    const vipAt = minutes(130);
    const reportVip = id15(KEY_PREFIX.Report, 811);
    push(reportRow(vipAt, s2, random, reportVip, 'Contact', vip.length, REPORTS.vip.columns.length));
    const execution = uuid(random);
    const half = Math.ceil(vip.length / 2);
    [vip.slice(0, half), vip.slice(half)].forEach((ids, n) => {
      if (n === 1 && ids.length === 0) return;
      push(reportEvent(vipAt + n * 700, s2, random, reportVip, REPORTS.vip, recordsJson('Contact', ids, ids.length), ids.length, execution, n + 1, true));
    });
    accesses.push({
      key: 'R1', description: `Report export "${REPORTS.vip.name}" with record lists`, object: 'Contact',
      evidence: ['elf:Report', 'rtem:ReportEvent'], soql: null, fields: REPORTS.vip.fields,
      returned: new Set(vip), listed: new Set(vip), reEvaluable: false, boundsObject: false,
    });

    const webLeads = this.found.get('R2')!.map((m) => m.id);
    const leadsAt = minutes(146);
    const reportLeads = id15(KEY_PREFIX.Report, 812);
    push(
      reportRow(leadsAt, s2, random, reportLeads, 'Lead', webLeads.length, REPORTS.webLeads.columns.length),
      reportEvent(leadsAt, s2, random, reportLeads, REPORTS.webLeads, null, webLeads.length, uuid(random), 1, true),
    );
    accesses.push({
      key: 'R2', description: `Report export "${REPORTS.webLeads.name}" with column headers but no record list`, object: 'Lead',
      evidence: ['elf:Report', 'rtem:ReportEvent'], soql: null, fields: REPORTS.webLeads.fields,
      returned: new Set(webLeads), listed: new Set(), reEvaluable: false, boundsObject: true,
    });

    push(loginEvent(minutes(298), s3, random, true));
    const q4 = specByKey.get('Q4')!;
    const bulk = this.resultOf(q4);
    const jobId = id15(KEY_PREFIX.BulkJob, 40_417);
    const jobSteps: [string, number][] = [['Open', 0], ['InProgress', 45_000], ['JobComplete', 240_000]];
    for (const [status, offset] of jobSteps) {
      push(elfEvent('BulkApi2', q4.at + offset, s3, random, {
        URI: `/services/data/v62.0/jobs/query/${to18(jobId)}`, URI_ID_DERIVED: to18(jobId), JOB_ID: jobId, JOB_STATUS: status,
        OPERATION_TYPE: 'query', ENTITY_TYPE: 'Account', RECORDS_PROCESSED: status === 'JobComplete' ? String(bulk.ids.length) : '0',
        RECORDS_FAILED: '0', RESULT_SIZE_MB: status === 'JobComplete' ? (bulk.ids.length * 0.0009).toFixed(3) : '0',
      }));
    }
    push(rtemEvent('BulkApiResultEventStore', q4.at + 300_000, s3, random, { Query: bulk.soql }));
    push(bulkJobDeleted(this.seed, q4.at + 330_000, s3, jobId));
    accesses.push(access(q4, bulk.soql, bulk.query.fields, bulk.ids, [], true, false));

    restQueryAccess('Q5', s3, false, true);

    // Finally single-record REST reads, the last of them at the end of the attack window.
    const fetched = this.found.get('Q1')!.slice(-2).map((m) => m.id);
    fetched.forEach((id, n) => {
      const at = n === fetched.length - 1 ? TIMELINE.attackEnd : TIMELINE.attackEnd - 600_000;
      push(restRecordGet(at, s3, random, 'Contact', id), apiTotalUsageEvent(at + 3, s3, random, 'REST', 'GET', `/v62.0/sobjects/Contact/${id}`, 'Contact'));
    });
    if (fetched.length > 0) {
      accesses.push({
        key: 'G1', description: 'Single-record REST reads (all fields)', object: 'Contact', evidence: ['elf:RestApi'], soql: null,
        fields: 'all', returned: new Set(fetched), listed: new Set(fetched), reEvaluable: false, boundsObject: false,
      });
    }
    return { accesses, events, sessions: [s1, s2, s3, failed] };
  }

}

export const SPRAY = { attempts: 14, startsBeforeAttack: 40 * 60_000, spacing: 23_000 } as const;

/**
 * Password spraying half an hour before the attack: one address tries a common password against the org's users in turn,
 * a few seconds apart; every attempt fails. Its own random stream, so nothing else in the breach changes.
 */
function sprayingBurst(seed: string, org: Org): LogEvent[] {
  const random = Random.for(seed, 'spray');
  const targets = [org.admin, ...org.agents];
  const start = TIMELINE.attackStart - SPRAY.startsBeforeAttack;
  return Array.from({ length: SPRAY.attempts }, (_, n) => {
    const session = newSession(random, targets[n % targets.length]!, ATTACKER.sprayIp, ATTACKER.scriptAgent, null);
    return loginEvent(start + n * SPRAY.spacing + random.int(0, 4_000), session, random, false, 'LOGIN_ERROR_INVALID_PASSWORD');
  });
}

/**
 * Covering tracks: once its results are downloaded, the attacker deletes the Bulk API 2.0 query job (REST DELETE on the
 * job, logged in the RestApi event log file). Its own random stream, so nothing else in the breach changes.
 */
export function bulkJobDeleted(seed: string, at: number, session: Session, jobId: string): LogEvent {
  return elfEvent('RestApi', at, session, Random.for(seed, 'job-delete'), {
    URI: `/services/data/v62.0/jobs/query/${to18(jobId)}`, URI_ID_DERIVED: to18(jobId), METHOD: 'DELETE', STATUS_CODE: '204',
    MEDIA_TYPE: 'application/json', ROWS_PROCESSED: '0', NUMBER_FIELDS: '0', REQUEST_SIZE: '0', RESPONSE_SIZE: '0',
    CLIENT_NAME: session.app?.client ?? '', CONNECTED_APP_ID: session.app?.id15 ?? '', USER_AGENT: session.userAgent, REQUEST_STATUS: 'S',
  });
}

function access(spec: QuerySpec, soql: string, fields: readonly string[], returned: readonly string[], listed: readonly string[], reEvaluable: boolean, boundsObject: boolean): Access {
  return {
    key: spec.key, description: spec.description, object: spec.query.object as CrmObject, evidence: spec.evidence, soql,
    fields: fields.filter((f) => f !== 'Id'), returned: new Set(returned), listed: new Set(listed), reEvaluable, boundsObject,
  };
}

function soapQueryValues(session: Session, entity: string, rows: number, method = 'query'): Record<string, string> {
  return {
    URI: 'Api', API_TYPE: 'P', API_VERSION: '61.0', METHOD_NAME: method, ENTITY_NAME: entity, ROWS_PROCESSED: String(rows),
    REQUEST_SIZE: '1024', RESPONSE_SIZE: String(300 + rows * 410), CLIENT_NAME: session.app?.client ?? '',
    CONNECTED_APP_ID: session.app?.id15 ?? '', USER_AGENT: session.userAgent, REQUEST_STATUS: 'S',
  };
}

/** SOAP `query` plus one `queryMore` per further batch of 2,000, as Data Loader pages through a result. */
function soapQueryRows(at: number, session: Session, random: Random, entity: string, rows: number): LogEvent[] {
  const out: LogEvent[] = [];
  let remaining = rows;
  let n = 0;
  do {
    const batch = Math.min(2000, remaining);
    out.push(elfEvent('API', at + n * 4000, session, random, soapQueryValues(session, entity, batch, n === 0 ? 'query' : 'queryMore')));
    out.push(apiTotalUsageEvent(at + n * 4000 + 2, session, random, 'SOAP', 'POST', '/services/Soap/u/61.0', entity));
    remaining -= batch;
    n++;
  } while (remaining > 0);
  return out;
}

function apiEvent(at: number, session: Session, random: Random, soql: string, entity: string, records: string, rows: number): LogEvent {
  return rtemEvent('ApiEvent', at, session, random, {
    AdditionalInfo: '{}', ApiType: 'SOAP Partner', ApiVersion: 61, Application: session.app?.name ?? 'N/A',
    Client: session.app?.client ?? null, ConnectedAppId: session.app?.id18 ?? null, ElapsedTime: random.int(200, 4000),
    Operation: 'Query', Platform: 'Unknown', QueriedEntities: entity, Query: soql, Records: records,
    RowsProcessed: rows, RowsReturned: rows, UserAgent: session.userAgent,
  });
}

export function restQuery(at: number, session: Session, random: Random, entity: string, rows: number, fields: number): LogEvent {
  return elfEvent('RestApi', at, session, random, {
    URI: '/services/data/v62.0/query', METHOD: 'GET', STATUS_CODE: '200', MEDIA_TYPE: 'application/json', ENTITY_NAME: entity,
    ROWS_PROCESSED: String(rows), NUMBER_FIELDS: String(fields), REQUEST_SIZE: '0', RESPONSE_SIZE: String(200 + rows * 380),
    CLIENT_NAME: session.app?.client ?? '', CONNECTED_APP_ID: session.app?.id15 ?? '', USER_AGENT: session.userAgent, REQUEST_STATUS: 'S',
  });
}

export function restRecordGet(at: number, session: Session, random: Random, entity: string, id: string): LogEvent {
  return elfEvent('RestApi', at, session, random, {
    URI: `/services/data/v62.0/sobjects/${entity}/${id}`, URI_ID_DERIVED: id, METHOD: 'GET', STATUS_CODE: '200',
    MEDIA_TYPE: 'application/json', ENTITY_NAME: entity, ROWS_PROCESSED: '1', NUMBER_FIELDS: '0', REQUEST_SIZE: '0',
    RESPONSE_SIZE: String(random.int(1800, 4200)), CLIENT_NAME: session.app?.client ?? '', CONNECTED_APP_ID: session.app?.id15 ?? '',
    USER_AGENT: session.userAgent, REQUEST_STATUS: 'S',
  });
}

export function uriView(at: number, session: Session, random: Random, id: string): LogEvent {
  return elfEvent('URI', at, session, random, {
    URI: `/${id.slice(0, 15)}`, URI_ID_DERIVED: id, REFERRER_URI: '/003/o', REQUEST_STATUS: 'S',
    DB_BLOCKS: String(random.int(50, 900)), DB_CPU_TIME: String(random.int(1, 40)),
  });
}

export function lightningView(at: number, session: Session, random: Random, object: string, id: string): LogEvent {
  return elfEvent('LightningPageView', at, session, random, {
    APP_NAME: 'one:one', DEVICE_PLATFORM: 'SFX:BROWSER:DESKTOP', BROWSER_NAME: 'FIREFOX', USER_AGENT: session.userAgent,
    PAGE_START_TIME: String(at - 1500), DURATION: String(random.int(2000, 60000)), EFFECTIVE_PAGE_TIME: String(random.int(500, 3000)),
    PAGE_URL: `/lightning/r/${object}/${id}/view`, PAGE_CONTEXT: 'force:record', PAGE_ENTITY_ID: id, PAGE_ENTITY_TYPE: object,
    PREVPAGE_ENTITY_TYPE: object, PREVPAGE_URL: `/lightning/o/${object}/list`,
  });
}

export function reportRow(at: number, session: Session, random: Random, report15: string, entity: string, rows: number, columns: number): LogEvent {
  return elfEvent('Report', at, session, random, {
    URI: `/lightning/r/Report/${to18(report15)}/view`, ENTITY_NAME: entity, DISPLAY_TYPE: 'D', RENDERING_TYPE: 'W', REPORT_ID: report15,
    REPORT_ID_DERIVED: to18(report15), ROW_COUNT: String(rows), NUMBER_EXCEPTION_FILTERS: '0', NUMBER_COLUMNS: String(columns),
    AVERAGE_ROW_SIZE: String(random.int(180, 420)), SORT: 'CreatedDate DESC', NUMBER_BUCKETS: '0', ORIGIN: 'ReportExport', REQUEST_STATUS: 'S',
  });
}

export function reportEvent(
  at: number, session: Session, random: Random, report15: string, report: { name: string; object: string; columns: readonly string[] },
  records: string | null, rows: number, execution: string, sequence: number, exported: boolean,
): LogEvent {
  return rtemEvent('ReportEvent', at, session, random, {
    ColumnHeaders: `[${report.columns.join(', ')}]`, DashboardId: null, DashboardName: null, Description: null,
    DisplayedFieldEntities: report.object, EventSource: 'Lightning', ExecutionIdentifier: execution,
    ExportFileFormat: exported ? 'CSV' : null, Format: 'Tabular', GroupedColumnHeaders: null, IsScheduled: false, Name: report.name,
    NumberOfColumns: report.columns.length, Operation: exported ? 'ReportExported' : 'ReportRunFromLightning', OwnerId: session.user.id18,
    QueriedEntities: report.object, Records: records, ReportId: to18(report15), RowsProcessed: rows, Scope: 'organization', Sequence: sequence,
  });
}
