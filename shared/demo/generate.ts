import { join } from 'node:path';
import { AttackScanner, ATTACKER, REPORTS, SPRAY } from './attack';
import { ordinaryDay } from './activity';
import { AUDIT_TRAIL_HEADER, auditTrailRows } from './audit-trail';
import { DAY_MS, exportDateTime, isoDay, isoTime, TIMELINE } from './calendar';
import { crmRecordsOf, EXPORT_HEADERS, FIELD_ELEMENTS, type CrmObject } from './crm-records';
import { AccessIndex, groundTruthOf } from './ground-truth';
import { ORG_ID_15, to18 } from './ids';
import { ELF_HEADERS, RTEM_STREAMS, type ElfEvent, type LogEvent, type RtemEvent } from './log-events';
import { buildOrg, COMPANY, type Org } from './org';
import { FileSink, minimalCsvLine, quotedCsvLine } from './output';
import { makePerson } from './people';
import { SHOPIFY_HEADER, shopifyCustomersOf } from './shopify';
import { businessAccounts, namesakeOf } from './traps';

export type BreachSize = 'tiny' | 'default' | 'large';

export const SIZES: Readonly<Record<BreachSize, { consumers: number; logDays: number }>> = {
  tiny: { consumers: 300, logDays: 14 },
  default: { consumers: 20_000, logDays: 45 },
  large: { consumers: 1_000_000, logDays: 90 },
};

export interface GenerateOptions {
  outDir: string;
  seed: string | number;
  /** A preset, or an explicit number of consumers. */
  size: BreachSize | number;
  /** Days of ordinary activity logs ending the day before discovery; defaults by size. */
  logDays?: number;
}

export type FormatId = 'salesforce-elf' | 'salesforce-rtem' | 'salesforce-setup-audit-trail' | 'salesforce-data-export' | 'shopify-customers';

export interface GeneratedFile {
  /** Relative to `outDir`, with `/` separators. */
  path: string;
  format: FormatId;
  encoding: 'utf-8' | 'utf-8-bom' | 'iso-8859-1';
  /** Data rows (CSV) or lines (JSONL). */
  rows: number;
  /** ELF event type, RTEM object or exported object. */
  subject: string;
}

export interface BreachCounts {
  consumers: number;
  reached: number;
  exact: number;
  derived: number;
  inferred: number;
  uncovered: number;
  crmRecords: Record<CrmObject, number>;
  shopifyCustomers: number;
  elfRows: number;
  rtemEvents: number;
}

export interface GenerateResult {
  files: GeneratedFile[];
  groundTruthPath: string;
  scenarioPath: string;
  counts: BreachCounts;
}

class FileSet {
  readonly files: GeneratedFile[] = [];
  private readonly open = new Map<string, { sink: FileSink; file: GeneratedFile }>();

  constructor(private readonly outDir: string) {}

  /** Opens a file and writes its header; later `row` calls on the same path append. */
  start(path: string, file: Omit<GeneratedFile, 'path' | 'rows'>, header: string | null, bom = false): void {
    const sink = new FileSink(join(this.outDir, path), file.encoding === 'iso-8859-1' ? 'latin1' : 'utf8', bom);
    if (header !== null) sink.write(header);
    const entry = { ...file, path, rows: 0 };
    this.files.push(entry);
    this.open.set(path, { sink, file: entry });
  }

  row(path: string, text: string): void {
    const entry = this.open.get(path)!;
    entry.sink.write(text);
    entry.file.rows++;
  }

  close(path: string): void {
    this.open.get(path)!.sink.close();
    this.open.delete(path);
  }

  closeAll(): void {
    for (const path of [...this.open.keys()]) this.close(path);
  }
}

const EXPORT_OBJECTS: readonly CrmObject[] = ['Account', 'Contact', 'Lead', 'Case', 'Order'];

const USER_HEADER = ['Id', 'Username', 'LastName', 'FirstName', 'Name', 'CompanyName', 'Department', 'Title', 'Email', 'Alias', 'CommunityNickname', 'IsActive', 'TimeZoneSidKey', 'LocaleSidKey', 'UserType', 'LanguageLocaleKey', 'LastLoginDate', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];

function writeUsers(files: FileSet, org: Org): void {
  const path = 'data-export/User.csv';
  files.start(path, { format: 'salesforce-data-export', encoding: 'iso-8859-1', subject: 'User' }, quotedCsvLine(USER_HEADER));
  const created = exportDateTime(TIMELINE.dataStart);
  for (const user of org.users) {
    const values: Record<string, string> = {
      Id: user.id18, Username: user.username, LastName: user.lastName, FirstName: user.firstName, Name: `${user.firstName} ${user.lastName}`,
      CompanyName: COMPANY.name, Department: user.role === 'agent' ? 'Customer Care' : 'IT', Title: user.title,
      Email: user.username, Alias: (user.firstName[0]! + user.lastName).slice(0, 8).toLowerCase(),
      CommunityNickname: user.username.split('@')[0]!, IsActive: '1', TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US',
      UserType: 'Standard', LanguageLocaleKey: 'en_US', LastLoginDate: exportDateTime(TIMELINE.discovery - 3_600_000),
      CreatedDate: created, CreatedById: org.admin.id18, LastModifiedDate: created, LastModifiedById: org.admin.id18, SystemModstamp: created,
    };
    files.row(path, quotedCsvLine(USER_HEADER.map((h) => values[h] ?? '')));
  }
  files.close(path);
}

function rtemLine(event: RtemEvent, replayId: number): string {
  const payload = { ...event.payload, attributes: { type: event.object, url: `/services/data/v62.0/sobjects/${event.object}/000000000000000AAA` } };
  return `${JSON.stringify({ channel: RTEM_STREAMS[event.object], data: { event: { replayId }, payload } })}\n`;
}

/**
 * The audit gap the breach carries: the Login event log file of the Friday before the attack was never collected
 * (its events are lost, as when a daily download fails), while every other source logged that day.
 */
export const LOG_GAP = { type: 'Login', day: isoDay(TIMELINE.attackStart - 3 * DAY_MS) } as const;

/** Writes one day of ELF files (one per event type that occurred, but the missing one) and appends the day's real-time events. */
function writeDay(files: FileSet, day: string, events: LogEvent[], replay: { next: number }): void {
  events.sort((a, b) => a.time - b.time);
  const elfByType = new Map<string, ElfEvent[]>();
  for (const event of events) {
    if (event.kind === 'rtem') {
      files.row(`real-time-events/${event.object}.jsonl`, rtemLine(event, replay.next++));
    } else {
      const list = elfByType.get(event.type) ?? [];
      list.push(event);
      elfByType.set(event.type, list);
    }
  }
  for (const [type, list] of [...elfByType].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (day === LOG_GAP.day && type === LOG_GAP.type) continue;
    const header = ELF_HEADERS[type as keyof typeof ELF_HEADERS];
    const path = `event-log-files/${day}_${type}.csv`;
    files.start(path, { format: 'salesforce-elf', encoding: 'utf-8', subject: type }, quotedCsvLine(header));
    for (const event of list) files.row(path, quotedCsvLine(header.map((h) => event.values[h] ?? '')));
    files.close(path);
  }
}

/**
 * Writes a synthetic e-commerce Salesforce org and a vishing + malicious-connected-app breach in the real
 * export formats, plus the ground truth. Same seed and size give byte-identical files.
 */
/** Synchronous work behind a Promise: callers await it like the engine's other long jobs. */
export function generateBreach(options: GenerateOptions): Promise<GenerateResult> {
  const seed = String(options.seed);
  const preset = typeof options.size === 'number' ? null : SIZES[options.size];
  const consumers = typeof options.size === 'number' ? Math.max(1, Math.floor(options.size)) : preset!.consumers;
  const logDays = options.logDays ?? preset?.logDays ?? (consumers <= 1000 ? 14 : consumers <= 100_000 ? 45 : 90);
  const org = buildOrg(seed, Math.max(6, Math.min(250, Math.round(consumers / 4000))));

  const companies = businessAccounts(seed, consumers, org);

  // Pass 1: find what the attacker's queries, reports and views returned.
  const scanner = new AttackScanner(seed, org, consumers, [...org.bucketAccounts.map((b) => b.id18), ...companies.map((c) => c.id)]);
  for (let i = 0; i < consumers; i++) {
    const person = makePerson(seed, i, consumers);
    scanner.observe(person, crmRecordsOf(person, org, seed));
  }
  const attack = scanner.finish();
  const index = new AccessIndex(attack.accesses);

  // Pass 2: regenerate each consumer (pure function of the index) and stream the exports and the ground truth.
  const files = new FileSet(options.outDir);
  writeUsers(files, org);
  for (const object of EXPORT_OBJECTS) {
    files.start(`data-export/${object}.csv`, { format: 'salesforce-data-export', encoding: 'iso-8859-1', subject: object }, quotedCsvLine(EXPORT_HEADERS[object]));
  }
  for (const [n, bucket] of org.bucketAccounts.entries()) {
    const values: Record<string, string> = {
      Id: bucket.id18, IsDeleted: '0', Name: bucket.name, Type: 'Customer', IsPersonAccount: '0', OwnerId: org.admin.id18,
      CreatedDate: exportDateTime(TIMELINE.dataStart + n * 60_000), CreatedById: org.admin.id18,
      LastModifiedDate: exportDateTime(TIMELINE.dataStart + n * 60_000), LastModifiedById: org.admin.id18,
      SystemModstamp: exportDateTime(TIMELINE.dataStart + n * 60_000), CurrencyIsoCode: 'USD',
    };
    files.row('data-export/Account.csv', quotedCsvLine(EXPORT_HEADERS.Account.map((h) => values[h] ?? '')));
  }
  for (const company of companies) files.row('data-export/Account.csv', quotedCsvLine(EXPORT_HEADERS.Account.map((h) => company.fields[h] ?? '')));
  const shopifyPath = 'shopify/customers_export.csv';
  files.start(shopifyPath, { format: 'shopify-customers', encoding: 'utf-8-bom', subject: 'customers' }, minimalCsvLine(SHOPIFY_HEADER), true);
  const truthSink = new FileSink(join(options.outDir, 'ground-truth.jsonl'), 'utf8');
  const counts: BreachCounts = {
    consumers, reached: 0, exact: 0, derived: 0, inferred: 0, uncovered: 0,
    crmRecords: { Account: org.bucketAccounts.length + companies.length, Contact: 0, Lead: 0, Case: 0, Order: 0 },
    shopifyCustomers: 0, elfRows: 0, rtemEvents: 0,
  };
  const traps = { namesakePairs: [] as string[][], digitRichStreets: 0 };
  for (let i = 0; i < consumers; i++) {
    const person = makePerson(seed, i, consumers);
    const records = crmRecordsOf(person, org, seed);
    const shopify = shopifyCustomersOf(person, seed);
    const namesake = namesakeOf(i);
    if (namesake !== null && person.birthdate === null && person.middleName === '') traps.namesakePairs.push([makePerson(seed, namesake, consumers).personId, person.personId]);
    if (person.home && /^\d{8} \d{5} /.test(person.home.street)) traps.digitRichStreets++;
    for (const record of records) {
      files.row(`data-export/${record.object}.csv`, quotedCsvLine(EXPORT_HEADERS[record.object].map((h) => record.fields[h] ?? '')));
      counts.crmRecords[record.object]++;
    }
    for (const customer of shopify) files.row(shopifyPath, minimalCsvLine(customer.row));
    counts.shopifyCustomers += shopify.length;
    const truth = groundTruthOf(person, records, shopify, index);
    truthSink.write(`${JSON.stringify(truth)}\n`);
    if (truth.reached) counts.reached++;
    counts[truth.basis ?? 'uncovered']++;
  }
  truthSink.close();
  for (const object of EXPORT_OBJECTS) files.close(`data-export/${object}.csv`);
  files.close(shopifyPath);

  // Logs, day by day, with the attack's events merged into their days.
  for (const object of Object.keys(RTEM_STREAMS)) {
    files.start(`real-time-events/${object}.jsonl`, { format: 'salesforce-rtem', encoding: 'utf-8', subject: object }, null);
  }
  const attackByDay = new Map<string, LogEvent[]>();
  for (const event of attack.events) attackByDay.set(isoDay(event.time), [...(attackByDay.get(isoDay(event.time)) ?? []), event]);
  const replay = { next: 1 };
  const firstDay = TIMELINE.logEnd - logDays * DAY_MS;
  for (let d = 0; d < logDays; d++) {
    const dayStart = firstDay + d * DAY_MS;
    const events = ordinaryDay({ seed, org, consumers }, dayStart, d);
    events.push(...(attackByDay.get(isoDay(dayStart)) ?? []));
    writeDay(files, isoDay(dayStart), events, replay);
  }
  files.closeAll();

  const auditPath = 'setup-audit-trail/SetupAuditTrail.csv';
  files.start(auditPath, { format: 'salesforce-setup-audit-trail', encoding: 'utf-8', subject: 'SetupAuditTrail' }, quotedCsvLine(AUDIT_TRAIL_HEADER));
  for (const row of auditTrailRows(seed, org)) files.row(auditPath, quotedCsvLine(row));
  files.close(auditPath);

  counts.elfRows = files.files.filter((f) => f.format === 'salesforce-elf').reduce((sum, f) => sum + f.rows, 0);
  counts.rtemEvents = files.files.filter((f) => f.format === 'salesforce-rtem').reduce((sum, f) => sum + f.rows, 0);

  const scenario = {
    generator: 'breach-ledger demo generator 1',
    seed,
    consumers,
    company: COMPANY,
    organizationId: { id15: ORG_ID_15, id18: to18(ORG_ID_15) },
    discovery: isoTime(TIMELINE.discovery),
    logPeriod: { start: isoTime(firstDay), end: isoTime(TIMELINE.logEnd) },
    dataExportTakenAt: isoTime(TIMELINE.discovery),
    attack: {
      window: { start: isoTime(TIMELINE.attackStart), end: isoTime(TIMELINE.attackEnd) },
      appAuthorizedAt: isoTime(TIMELINE.appAuthorized),
      attackerIps: [ATTACKER.dataLoaderIp, ATTACKER.bulkIp, ATTACKER.browserIp, ATTACKER.failedLoginIp],
      /** Signals the findings must report (they are not indicators of the extraction and are kept out of `attackerIps`). */
      signals: {
        spraying: { ip: ATTACKER.sprayIp, attempts: SPRAY.attempts, users: Math.min(SPRAY.attempts, org.agents.length + 1) },
        passwordOnlyUiLogin: { ip: ATTACKER.browserIp, username: org.compromised.username, sessionLevel: 'STANDARD' },
        firstSeenClient: 'DataLoaderPartnerUI/',
        logGap: { source: `elf:${LOG_GAP.type}`, day: firstDay <= Date.parse(`${LOG_GAP.day}T00:00:00Z`) ? LOG_GAP.day : null },
      },
      userAgents: [ATTACKER.dataLoaderAgent, ATTACKER.scriptAgent, ATTACKER.browserAgent],
      connectedApp: org.maliciousApp,
      compromisedUser: { id15: org.compromised.id15, id18: org.compromised.id18, username: org.compromised.username },
      loginKeys: attack.sessions.map((s) => s.loginKey),
      actions: attack.accesses.map((a) => ({
        key: a.key, description: a.description, object: a.object, evidence: a.evidence, soql: a.soql, fields: a.fields,
        rowsReturned: a.returned.size, recordsListed: a.listed.size, reEvaluable: a.reEvaluable, boundsObject: a.boundsObject,
      })),
      reports: REPORTS,
    },
    fieldElements: FIELD_ELEMENTS,
    traps: {
      /** Business Accounts (companies, not people) in the export; those the attack reached must not become consumers. */
      businessAccounts: [...org.bucketAccounts.map((b) => b.id18), ...companies.map((c) => c.id)],
      businessAccountsReached: attack.accesses.filter((a) => a.key === 'B1').flatMap((a) => [...a.returned]),
      /** Pairs of people (ground-truth person ids) with one name in one ZIP and different emails and phones. */
      namesakePairs: traps.namesakePairs,
      /** Fields that hold addresses or phone numbers: no card number or SSN may be read into them. */
      addressAndPhoneFields: Object.fromEntries(
        EXPORT_OBJECTS.map((object) => [object, EXPORT_HEADERS[object].filter((f) => /(Street|City|State|PostalCode|Country|Phone|Fax)$/.test(f))]),
      ),
      digitRichStreets: traps.digitRichStreets + companies.filter((c) => /^\d{8} \d{5} /.test(c.fields.BillingStreet ?? '')).length,
    },
    counts,
    files: files.files,
  };
  const scenarioPath = join(options.outDir, 'scenario.json');
  const scenarioSink = new FileSink(scenarioPath, 'utf8');
  scenarioSink.write(`${JSON.stringify(scenario, (key: string, value: unknown) => (key === 'filter' ? undefined : value), 2)}\n`);
  scenarioSink.close();

  return Promise.resolve({
    files: files.files,
    groundTruthPath: join(options.outDir, 'ground-truth.jsonl'),
    scenarioPath,
    counts,
  });
}
