/**
 * Runs translated SOQL against a real SQLite file and compares with a hand-written JavaScript reading of what
 * Salesforce would return for the same records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotSchema, SoqlTranslation, StoredMatch } from '../../../../shared/reconstruct/soql';
import { evaluateSoql, matchesAsOf, snapshotSchemaFromDb, soqlToSql } from '../../../../shared/reconstruct/soql';
import type { Fields, GeneratedRecord, SnapshotDb } from './snapshotDb';
import { generateRecords, openSnapshotDb } from './snapshotDb';

const EVENT_TIME = '2024-03-15T12:00:00Z'; // a Friday; its week starts Sunday 2024-03-10

let snapshot: SnapshotDb;
let schema: SnapshotSchema;

beforeAll(() => {
  snapshot = openSnapshotDb(generateRecords());
  schema = snapshotSchemaFromDb(snapshot.db);
});
afterAll(() => snapshot.close());

const value = (f: Fields, key: string): string | null => (f[key] ?? '') === '' ? null : f[key]!;
const lower = (f: Fields, key: string): string | null => value(f, key)?.toLowerCase() ?? null;
const num = (f: Fields, key: string): number | null => (value(f, key) === null ? null : Number(value(f, key)));
const time = (f: Fields, key: string): number | null => {
  const raw = value(f, key);
  if (raw === null) return null;
  const iso = raw.replace(' ', 'T').replace(/\+0000$/, 'Z');
  return Date.parse(/T/.test(iso) && !/(Z|[+-]\d\d:\d\d)$/.test(iso) ? `${iso}Z` : iso);
};
const inRange = (f: Fields, key: string, from: string, to: string): boolean => {
  const t = time(f, key);
  return t !== null && t >= Date.parse(from) && t < Date.parse(to);
};
const truthy = (f: Fields, key: string) => ['true', '1'].includes(lower(f, key) ?? '');

function translate(soql: string): SoqlTranslation {
  const result = soqlToSql(soql, { eventTime: EVENT_TIME, schema });
  if (!result.supported) throw new Error(`expected supported: ${result.reason}`);
  return result;
}

function run(result: SoqlTranslation): string[] {
  return evaluateSoql(snapshot.db, result).map((row) => row.source_id);
}

/** The records of one type that existed at the event: SOQL run then could not return one created later. */
function ofType(objectType: string): GeneratedRecord[] {
  return snapshot.records.filter((record) => record.objectType === objectType && (time(record.fields, 'CreatedDate') ?? 0) <= Date.parse(EVENT_TIME));
}

const contacts = (predicate: (f: Fields, r: GeneratedRecord) => boolean): string[] =>
  ofType('Contact')
    .filter((record) => predicate(record.fields, record))
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.id - b.id))
    .map((record) => record.sourceId);

const FILTER_CASES: ReadonlyArray<readonly [string, (f: Fields, r: GeneratedRecord) => boolean]> = [
  ['SELECT Id, Email FROM Contact', () => true],
  ["SELECT Id FROM contact WHERE mailingstate = 'ca'", (f) => lower(f, 'MailingState') === 'ca'],
  ["SELECT Id FROM Contact WHERE MailingState != 'CA'", (f) => lower(f, 'MailingState') !== 'ca'],
  ["SELECT Id FROM Contact WHERE MailingState <> 'CA'", (f) => lower(f, 'MailingState') !== 'ca'],
  ['SELECT Id FROM Contact WHERE MailingState = null', (f) => value(f, 'MailingState') === null],
  ['SELECT Id FROM Contact WHERE MailingState != NULL', (f) => value(f, 'MailingState') !== null],
  ['SELECT Id FROM Contact WHERE Email = null', (f) => value(f, 'Email') === null],
  ["SELECT Id FROM Contact WHERE Email LIKE '%@example.com'", (f) => lower(f, 'Email')?.endsWith('@example.com') ?? false],
  ["SELECT Id FROM Contact WHERE Email LIKE 'ANA%'", (f) => lower(f, 'Email')?.startsWith('ana') ?? false],
  ["SELECT Id FROM Contact WHERE NOT Email LIKE '%example%'", (f) => !(lower(f, 'Email')?.includes('example') ?? false)],
  ["SELECT Id FROM Contact WHERE Title LIKE '50\\% off'", (f) => lower(f, 'Title') === '50% off'],
  ["SELECT Id FROM Contact WHERE Title LIKE '50%'", (f) => lower(f, 'Title')?.startsWith('50') ?? false],
  ["SELECT Id FROM Contact WHERE Title LIKE 'sales\\_rep'", (f) => lower(f, 'Title') === 'sales_rep'],
  ["SELECT Id FROM Contact WHERE Title LIKE 'sales_rep'", (f) => ['sales_rep', 'salesxrep'].includes(lower(f, 'Title') ?? '')],
  ["SELECT Id FROM Contact WHERE Title = 'vp\\'s office'", (f) => lower(f, 'Title') === "vp's office"],
  ["SELECT Id FROM Contact WHERE Title = 'BACK\\\\SLASH'", (f) => value(f, 'Title') === 'back\\slash'],
  ["SELECT Id FROM Contact WHERE Title LIKE 'back\\\\%'", (f) => value(f, 'Title')?.startsWith('back\\') ?? false],
  ["SELECT Id FROM Contact WHERE LastName = 'O\\'BRIEN'", (f) => lower(f, 'LastName') === "o'brien"],
  ["SELECT Id FROM Contact WHERE LastName = 'García'", (f) => value(f, 'LastName') === 'García'],
  ["SELECT Id FROM Contact WHERE LastName > 'n'", (f) => (lower(f, 'LastName') ?? '') > 'n'],
  ['SELECT Id FROM Contact WHERE Amount__c > 5', (f) => (num(f, 'Amount__c') ?? -Infinity) > 5],
  ['SELECT Id FROM Contact WHERE Amount__c <= 10', (f) => num(f, 'Amount__c') !== null && num(f, 'Amount__c')! <= 10],
  ['SELECT Id FROM Contact WHERE Amount__c = 10', (f) => num(f, 'Amount__c') === 10],
  ['SELECT Id FROM Contact WHERE Amount__c = 10.5', (f) => num(f, 'Amount__c') === 10.5],
  ['SELECT Id FROM Contact WHERE Amount__c < -1', (f) => num(f, 'Amount__c') !== null && num(f, 'Amount__c')! < -1],
  ['SELECT Id FROM Contact WHERE Amount__c != 0', (f) => num(f, 'Amount__c') !== 0],
  ['SELECT Id FROM Contact WHERE Amount__c IN (5, 100)', (f) => [5, 100].includes(num(f, 'Amount__c') ?? NaN)],
  ["SELECT Id FROM Contact WHERE MailingState IN ('ca', 'NY')", (f) => ['ca', 'ny'].includes(lower(f, 'MailingState') ?? '')],
  ["SELECT Id FROM Contact WHERE MailingState NOT IN ('CA', 'ny')", (f) => !['ca', 'ny'].includes(lower(f, 'MailingState') ?? '')],
  ["SELECT Id FROM Contact WHERE MailingState IN ('TX', null)", (f) => [null, 'tx'].includes(lower(f, 'MailingState'))],
  ['SELECT Id FROM Contact WHERE IsActive__c = true', (f) => truthy(f, 'IsActive__c')],
  ['SELECT Id FROM Contact WHERE IsActive__c = FALSE', (f) => !truthy(f, 'IsActive__c')],
  ['SELECT Id FROM Contact WHERE IsActive__c != true', (f) => !truthy(f, 'IsActive__c')],
  ['SELECT Id FROM Contact WHERE Birthdate < 1970-01-01', (f) => (value(f, 'Birthdate') ?? '9') < '1970-01-01'],
  [
    'SELECT Id FROM Contact WHERE Birthdate >= 1980-05-01 AND Birthdate <= 1990-01-15',
    (f) => value(f, 'Birthdate') !== null && value(f, 'Birthdate')! >= '1980-05-01' && value(f, 'Birthdate')! <= '1990-01-15',
  ],
  ['SELECT Id FROM Contact WHERE Birthdate > 1990-01-15', (f) => value(f, 'Birthdate') !== null && value(f, 'Birthdate')! > '1990-01-15'],
  ['SELECT Id FROM Contact WHERE CreatedDate > 2024-01-01T00:00:00Z', (f) => time(f, 'CreatedDate')! > Date.UTC(2024, 0, 1)],
  [
    'SELECT Id FROM Contact WHERE CreatedDate >= 2024-01-01T08:00:00+08:00',
    (f) => time(f, 'CreatedDate')! >= Date.UTC(2024, 0, 1),
  ],
  [
    'SELECT Id FROM Contact WHERE CreatedDate < 2023-06-30T23:59:59.5-07:00',
    (f) => time(f, 'CreatedDate')! < Date.UTC(2023, 6, 1, 6, 59, 59, 500),
  ],
  ['SELECT Id FROM Contact WHERE CreatedDate = TODAY', (f) => inRange(f, 'CreatedDate', '2024-03-15', '2024-03-16')],
  ['SELECT Id FROM Contact WHERE CreatedDate = YESTERDAY', (f) => inRange(f, 'CreatedDate', '2024-03-14', '2024-03-15')],
  ['SELECT Id FROM Contact WHERE CreatedDate <= TODAY', (f) => time(f, 'CreatedDate')! < Date.UTC(2024, 2, 16)],
  ['SELECT Id FROM Contact WHERE CreatedDate > TOMORROW', (f) => time(f, 'CreatedDate')! >= Date.UTC(2024, 2, 17)],
  ['SELECT Id FROM Contact WHERE CreatedDate = THIS_WEEK', (f) => inRange(f, 'CreatedDate', '2024-03-10', '2024-03-17')],
  ['SELECT Id FROM Contact WHERE CreatedDate = LAST_WEEK', (f) => inRange(f, 'CreatedDate', '2024-03-03', '2024-03-10')],
  ['SELECT Id FROM Contact WHERE CreatedDate = LAST_MONTH', (f) => inRange(f, 'CreatedDate', '2024-02-01', '2024-03-01')],
  ['SELECT Id FROM Contact WHERE CreatedDate = THIS_MONTH', (f) => inRange(f, 'CreatedDate', '2024-03-01', '2024-04-01')],
  ['SELECT Id FROM Contact WHERE CreatedDate = LAST_90_DAYS', (f) => inRange(f, 'CreatedDate', '2023-12-16', '2024-03-16')],
  ['SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:30', (f) => inRange(f, 'CreatedDate', '2024-02-14', '2024-03-16')],
  ['SELECT Id FROM Contact WHERE CreatedDate = NEXT_N_DAYS:30', (f) => inRange(f, 'CreatedDate', '2024-03-16', '2024-04-15')],
  ['SELECT Id FROM Contact WHERE CreatedDate = LAST_YEAR', (f) => inRange(f, 'CreatedDate', '2023-01-01', '2024-01-01')],
  ['SELECT Id FROM Contact WHERE CreatedDate < THIS_YEAR', (f) => time(f, 'CreatedDate')! < Date.UTC(2024, 0, 1)],
  ['SELECT Id FROM Contact WHERE CreatedDate != THIS_YEAR', (f) => !inRange(f, 'CreatedDate', '2024-01-01', '2025-01-01')],
  ['SELECT Id FROM Contact WHERE CreatedDate >= LAST_MONTH', (f) => time(f, 'CreatedDate')! >= Date.UTC(2024, 1, 1)],
  [
    "SELECT Id FROM Contact WHERE (MailingState = 'CA' OR MailingState = 'NY') AND Amount__c >= 10",
    (f) => ['ca', 'ny'].includes(lower(f, 'MailingState') ?? '') && (num(f, 'Amount__c') ?? -1) >= 10,
  ],
  [
    "SELECT Id FROM Contact WHERE NOT (MailingState = 'CA' AND IsActive__c = true)",
    (f) => !(lower(f, 'MailingState') === 'ca' && truthy(f, 'IsActive__c')),
  ],
  ["SELECT Id FROM Contact WHERE NOT MailingState = 'TX'", (f) => lower(f, 'MailingState') !== 'tx'],
  [
    "SELECT Id FROM Contact WHERE MailingState = 'CA' OR (Amount__c > 50 AND NOT (Email LIKE '%.org' OR Email = null))",
    (f) =>
      lower(f, 'MailingState') === 'ca' ||
      ((num(f, 'Amount__c') ?? -1) > 50 && !(lower(f, 'Email')?.endsWith('.org') || value(f, 'Email') === null)),
  ],
  ["SELECT Id FROM Contact WHERE AccountId = '001000000000001AAA'", (f) => f.AccountId === '001000000000001AAA'],
  ["SELECT Id FROM Contact WHERE AccountId = '001000000000001'", (f) => f.AccountId === '001000000000001AAA'],
  ["SELECT c.Email FROM Contact c WHERE c.MailingState = 'CA' AND c.Amount__c > 2", (f) => lower(f, 'MailingState') === 'ca' && (num(f, 'Amount__c') ?? -1) > 2],
  ["SELECT Id FROM Contact USING SCOPE Everything WHERE Email LIKE '%mail.test'", (f) => lower(f, 'Email')?.endsWith('mail.test') ?? false],
  ["SELECT COUNT() FROM Contact WHERE MailingState = 'TX'", (f) => lower(f, 'MailingState') === 'tx'],
];

describe('translated SOQL matches a direct evaluation of the same records', () => {
  it.each(FILTER_CASES)('%s', (soql, predicate) => {
    const expected = contacts(predicate);
    expect(run(translate(soql))).toEqual(expected);
  });

  it('exercises non-trivial result sizes', () => {
    const sizes = FILTER_CASES.map(([, predicate]) => contacts(predicate).length);
    expect(sizes.filter((size) => size > 0 && size < 400).length).toBeGreaterThan(FILTER_CASES.length * 0.75);
  });

  it('matches 18-character ids case-insensitively and 15-character ids case-sensitively', () => {
    const target = ofType('Contact')[7]!.sourceId;
    expect(run(translate(`SELECT Id FROM Contact WHERE Id = '${target.toLowerCase()}'`))).toEqual([target]);
    expect(run(translate(`SELECT Id FROM Contact WHERE Id = '${target.slice(0, 15)}'`))).toEqual([target]);
    const swapped = target.slice(0, 15).replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
    expect(run(translate(`SELECT Id FROM Contact WHERE Id = '${swapped}'`))).toEqual([]);
    const other = ofType('Contact')[9]!.sourceId;
    expect(run(translate(`SELECT Id FROM Contact WHERE Id IN ('${target.slice(0, 15)}', '${other}')`)).sort()).toEqual([target, other].sort());
  });

  it('only returns records of the queried object', () => {
    const result = translate("SELECT Id, Email FROM lead WHERE Email LIKE '%example%'");
    expect(result.object).toBe('Lead');
    const expected = ofType('Lead').filter((r) => lower(r.fields, 'Email')?.includes('example')).map((r) => r.sourceId);
    expect(run(result).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });
});

type OrderKey = { key: string; numeric: boolean; desc: boolean; nullsFirst: boolean };

function ordered(keys: readonly OrderKey[], offset: number, limit: number | null): string[] {
  const records = ofType('Contact').slice();
  records.sort((a, b) => {
    for (const { key, numeric, desc, nullsFirst } of keys) {
      // Ids compare case-sensitively (their case is part of the id); other text case-insensitively.
      const x = numeric ? num(a.fields, key) : key === 'Id' ? value(a.fields, key) : lower(a.fields, key);
      const y = numeric ? num(b.fields, key) : key === 'Id' ? value(b.fields, key) : lower(b.fields, key);
      if (x === y) continue;
      if (x === null) return nullsFirst ? -1 : 1;
      if (y === null) return nullsFirst ? 1 : -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.id - b.id;
  });
  return records.slice(offset, limit === null ? undefined : offset + limit).map((record) => record.sourceId);
}

describe('ORDER BY, LIMIT and OFFSET', () => {
  it('sorts numeric fields as numbers, descending with nulls last by default', () => {
    const result = translate('SELECT Id FROM Contact ORDER BY Amount__c DESC LIMIT 20');
    expect(run(result)).toEqual(ordered([{ key: 'Amount__c', numeric: true, desc: true, nullsFirst: false }], 0, 20));
    expect(result.orderIsDeterministic).toBe(false);
  });

  it('applies several keys, explicit NULLS and OFFSET', () => {
    const soql = 'SELECT Id FROM Contact ORDER BY Amount__c ASC NULLS LAST, LastName DESC LIMIT 30 OFFSET 10';
    expect(run(translate(soql))).toEqual(
      ordered(
        [
          { key: 'Amount__c', numeric: true, desc: false, nullsFirst: false },
          { key: 'LastName', numeric: false, desc: true, nullsFirst: false },
        ],
        10,
        30,
      ),
    );
  });

  it('sorts text case-insensitively with nulls first ascending', () => {
    expect(run(translate('SELECT Id FROM Contact ORDER BY MailingState, Title DESC NULLS FIRST'))).toEqual(
      ordered(
        [
          { key: 'MailingState', numeric: false, desc: false, nullsFirst: true },
          { key: 'Title', numeric: false, desc: true, nullsFirst: true },
        ],
        0,
        null,
      ),
    );
  });

  it('breaks ties by record id when there is no ORDER BY', () => {
    const result = translate('SELECT Id FROM Contact LIMIT 10');
    expect(run(result)).toEqual(ordered([], 0, 10));
    expect(result.orderIsDeterministic).toBe(false);
  });

  it('takes OFFSET without LIMIT and knows ORDER BY Id is deterministic', () => {
    expect(run(translate('SELECT Id FROM Contact OFFSET 395'))).toEqual(ordered([], 395, null));
    const byId = translate('SELECT Id FROM Contact ORDER BY Id DESC LIMIT 5 OFFSET 3');
    expect(byId.orderIsDeterministic).toBe(true);
    expect(run(byId)).toEqual(ordered([{ key: 'Id', numeric: false, desc: true, nullsFirst: false }], 3, 5));
  });
});

describe('as of the event', () => {
  it('leaves out records created after the event, whatever the LIMIT', () => {
    const all = snapshot.records.filter((r) => r.objectType === 'Contact');
    const later = all.filter((r) => time(r.fields, 'CreatedDate')! > Date.parse(EVENT_TIME));
    expect(later.length).toBeGreaterThan(0);
    const returned = new Set(run(translate('SELECT Id FROM Contact ORDER BY CreatedDate DESC LIMIT 50')));
    expect(returned.size).toBe(50);
    for (const r of later) expect(returned.has(r.sourceId)).toBe(false);
  });

  it('flags records modified after the event', () => {
    const result = soqlToSql('SELECT Id FROM Contact', { eventTime: '2023-06-01T00:00:00Z', schema });
    if (!result.supported) throw new Error(result.reason);
    const withModified = openSnapshotDb([
      { id: 1, objectType: 'Contact', sourceId: '003000000000001AAA', fields: { Id: '003000000000001AAA', CreatedDate: '2023-01-01 00:00:00', LastModifiedDate: '2023-02-01 00:00:00' } },
      { id: 2, objectType: 'Contact', sourceId: '003000000000002AAA', fields: { Id: '003000000000002AAA', CreatedDate: '2023-01-01 00:00:00', LastModifiedDate: '2023-07-01 00:00:00' } },
      { id: 3, objectType: 'Contact', sourceId: '003000000000003AAA', fields: { Id: '003000000000003AAA', CreatedDate: '2023-08-01 00:00:00', LastModifiedDate: '2023-08-01 00:00:00' } },
    ]);
    try {
      const translated = soqlToSql('SELECT Id FROM Contact', { eventTime: '2023-06-01T00:00:00Z', schema: snapshotSchemaFromDb(withModified.db) });
      if (!translated.supported) throw new Error(translated.reason);
      const rows = evaluateSoql(withModified.db, translated);
      expect(rows.map((r) => [r.source_id, r.modified_after])).toEqual([
        ['003000000000001AAA', 0],
        ['003000000000002AAA', 1],
      ]);
    } finally {
      withModified.close();
    }
  });

  it('sorts ids case-sensitively: an upper-case character sorts before a lower-case one', () => {
    const ids = run(translate('SELECT Id FROM Contact ORDER BY Id'));
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(ids).toEqual(sorted);
    expect(ids.some((id, n) => n > 0 && id.toLowerCase() < ids[n - 1]!.toLowerCase())).toBe(true);
  });
});

describe('translation metadata', () => {
  it('reports resolved, relationship and unknown selected fields', () => {
    const result = translate('SELECT id, EMAIL, Name, Account.Name, email, c.Birthdate FROM Contact c');
    expect(result.selectedFields).toEqual(['Id', 'Email', 'Account.Name', 'Birthdate']);
    expect(result.unknownSelectedFields).toEqual(['Name']);
    expect(result.countOnly).toBe(false);
    expect(result.orderIsDeterministic).toBe(true);
  });

  it('marks COUNT() as count-only with no selected fields', () => {
    const result = translate('SELECT COUNT() FROM Contact');
    expect(result.countOnly).toBe(true);
    expect(result.selectedFields).toEqual([]);
  });

  it('notes a scope other than everything', () => {
    expect(translate('SELECT Id FROM Contact USING SCOPE mine').notes.join(' ')).toMatch(/USING SCOPE mine/);
    expect(translate('SELECT Id FROM Contact USING SCOPE everything').notes.filter((n) => /SCOPE/.test(n))).toEqual([]);
  });

  it('binds every literal as a parameter', () => {
    const result = translate("SELECT Id FROM Contact WHERE Email = 'x\\' OR 1=1 --' OR Amount__c > 3");
    expect(result.sql).not.toContain('OR 1=1');
    // The object, then the query's own literals; the event time is applied to the rows (`asOf`), not bound.
    expect(result.params).toEqual(['Contact', "x' OR 1=1 --", 3]);
    expect(result.asOf).toBe(new Date(EVENT_TIME).toISOString());
  });

  it('profiles snapshot fields once per object', () => {
    expect(schema.fieldsOf('Contact')).toContain('MailingState');
    expect(schema.isNumericField('Contact', 'Amount__c')).toBe(true);
    expect(schema.isNumericField('Contact', 'Birthdate')).toBe(false);
    expect(schema.isNumericField('Contact', 'MailingState')).toBe(false);
    expect(schema.objectTypes()).toEqual(['Contact', 'Lead']);
  });
});

describe('one query logged by many events', () => {
  it('is run once, and each event keeps only the records that existed at its own time, cut after that', () => {
    const withDates = openSnapshotDb([
      { id: 1, objectType: 'Contact', sourceId: '003000000000001AAA', fields: { Id: '003000000000001AAA', CreatedDate: '2023-01-01 00:00:00', LastModifiedDate: '2023-01-01 00:00:00' } },
      { id: 2, objectType: 'Contact', sourceId: '003000000000002AAA', fields: { Id: '003000000000002AAA', CreatedDate: '2023-03-01 00:00:00', LastModifiedDate: '2023-09-01 00:00:00' } },
      { id: 3, objectType: 'Contact', sourceId: '003000000000003AAA', fields: { Id: '003000000000003AAA', CreatedDate: '2023-05-01 00:00:00', LastModifiedDate: '2023-05-01 00:00:00' } },
    ]);
    try {
      const schema = snapshotSchemaFromDb(withDates.db);
      const at = (time: string) => {
        const t = soqlToSql('SELECT Id FROM Contact ORDER BY Id LIMIT 2', { eventTime: time, schema });
        if (!t.supported) throw new Error(t.reason);
        return t;
      };
      const early = at('2023-02-01T00:00:00Z');
      const late = at('2023-06-01T00:00:00Z');
      // The same SQL and parameters, so an analysis runs it once for both events.
      expect([late.sql, late.params]).toEqual([early.sql, early.params]);
      const stored = withDates.db.prepare(early.sql).all(...early.params) as StoredMatch[];
      expect(matchesAsOf(early, stored).map((r) => [r.source_id, r.modified_after])).toEqual([['003000000000001AAA', 0]]);
      // LIMIT 2 cuts after the records created later are left out, as Salesforce would have returned them then.
      expect(matchesAsOf(late, stored).map((r) => [r.source_id, r.modified_after])).toEqual([
        ['003000000000001AAA', 0],
        ['003000000000002AAA', 1],
      ]);
    } finally {
      withDates.close();
    }
  });
});
