import { describe, expect, it } from 'vitest';
import type { SnapshotSchema } from '../../../../shared/reconstruct/soql';
import { parseSoql, resolveRelativeDate, resolveRelativeDateN, soqlToSql } from '../../../../shared/reconstruct/soql';

const schema: SnapshotSchema = {
  objectTypes: () => ['Contact', 'Lead', 'Account', 'Task'],
  fieldsOf: (object) => (object === 'Contact' ? ['Id', 'Email', 'AccountId', 'CreatedDate', 'Interests__c'] : ['Id', 'Name']),
  isNumericField: () => false,
};

function parsed(soql: string) {
  const result = parseSoql(soql);
  if (!result.supported) throw new Error(result.reason);
  return result.query;
}

describe('parseSoql', () => {
  it('builds a typed AST for a full query', () => {
    const query = parsed(
      "select Id, Account.Name FROM Contact c USING SCOPE everything WHERE (Email LIKE 'a\\_b%' OR Id IN ('1', '2')) AND NOT CreatedDate < LAST_N_DAYS:7 ORDER BY Email DESC NULLS FIRST, Id LIMIT 10 OFFSET 5",
    );
    expect(query.object).toBe('Contact');
    expect(query.objectAlias).toBe('c');
    expect(query.scope).toBe('everything');
    expect(query.select).toEqual([
      { kind: 'field', field: { parts: ['Id'] } },
      { kind: 'field', field: { parts: ['Account', 'Name'] } },
    ]);
    expect(query.where).toEqual({
      kind: 'and',
      items: [
        {
          kind: 'or',
          items: [
            { kind: 'like', field: { parts: ['Email'] }, pattern: { kind: 'string', value: 'a_b%', likePattern: 'a\\_b%' } },
            {
              kind: 'in',
              field: { parts: ['Id'] },
              negated: false,
              values: [
                { kind: 'string', value: '1', likePattern: '1' },
                { kind: 'string', value: '2', likePattern: '2' },
              ],
            },
          ],
        },
        {
          kind: 'not',
          item: { kind: 'compare', field: { parts: ['CreatedDate'] }, op: '<', value: { kind: 'relativeDateN', name: 'LAST_N_DAYS', n: 7 } },
        },
      ],
    });
    expect(query.orderBy).toEqual([
      { field: { parts: ['Email'] }, direction: 'DESC', nulls: 'FIRST' },
      { field: { parts: ['Id'] }, direction: 'ASC', nulls: 'FIRST' },
    ]);
    expect([query.limit, query.offset]).toEqual([10, 5]);
  });

  it('normalizes datetime literals to UTC and keeps dates as dates', () => {
    const literal = (text: string) => {
      const where = parsed(`SELECT Id FROM Contact WHERE CreatedDate > ${text}`).where;
      return where?.kind === 'compare' ? where.value : null;
    };
    expect(literal('2024-01-31T10:00:00Z')).toEqual({ kind: 'datetime', utc: '2024-01-31T10:00:00.000Z' });
    expect(literal('2024-01-31T01:30:00+05:30')).toEqual({ kind: 'datetime', utc: '2024-01-30T20:00:00.000Z' });
    expect(literal('2024-12-31T20:00:00-0800')).toEqual({ kind: 'datetime', utc: '2025-01-01T04:00:00.000Z' });
    expect(literal('2024-02-29')).toEqual({ kind: 'date', date: '2024-02-29' });
    expect(literal('-12.5')).toEqual({ kind: 'number', value: -12.5 });
    expect(literal('TRUE')).toEqual({ kind: 'boolean', value: true });
    expect(literal('Null')).toEqual({ kind: 'null' });
    expect(literal('this_month')).toEqual({ kind: 'relativeDate', name: 'THIS_MONTH' });
  });

  it('decodes string escapes, keeping escaped wildcards literal only for LIKE', () => {
    const where = parsed("SELECT Id FROM Contact WHERE Email LIKE 'a\\'b\\\\c\\%d\\ne%'").where;
    expect(where).toMatchObject({ pattern: { value: "a'b\\c%d\ne%", likePattern: "a'b\\\\c\\%d\ne%" } });
  });
});

describe('relative date literals resolve around the event time, in UTC', () => {
  const at = new Date('2024-01-07T23:30:00Z'); // a Sunday, first day of its week
  it.each([
    ['TODAY', '2024-01-07', '2024-01-08'],
    ['YESTERDAY', '2024-01-06', '2024-01-07'],
    ['TOMORROW', '2024-01-08', '2024-01-09'],
    ['THIS_WEEK', '2024-01-07', '2024-01-14'],
    ['LAST_WEEK', '2023-12-31', '2024-01-07'],
    ['NEXT_WEEK', '2024-01-14', '2024-01-21'],
    ['LAST_MONTH', '2023-12-01', '2024-01-01'],
    ['THIS_MONTH', '2024-01-01', '2024-02-01'],
    ['NEXT_MONTH', '2024-02-01', '2024-03-01'],
    ['LAST_90_DAYS', '2023-10-09', '2024-01-08'],
    ['NEXT_90_DAYS', '2024-01-08', '2024-04-07'],
    ['LAST_YEAR', '2023-01-01', '2024-01-01'],
    ['THIS_YEAR', '2024-01-01', '2025-01-01'],
    ['NEXT_YEAR', '2025-01-01', '2026-01-01'],
  ] as const)('%s', (name, start, end) => {
    expect(resolveRelativeDate(name, at)).toEqual({ start: `${start}T00:00:00.000Z`, end: `${end}T00:00:00.000Z` });
  });

  it('LAST_N_DAYS:1 is yesterday and today; NEXT_N_DAYS:2 starts tomorrow', () => {
    expect(resolveRelativeDateN('LAST_N_DAYS', 1, at)).toEqual({ start: '2024-01-06T00:00:00.000Z', end: '2024-01-08T00:00:00.000Z' });
    expect(resolveRelativeDateN('NEXT_N_DAYS', 2, at)).toEqual({ start: '2024-01-08T00:00:00.000Z', end: '2024-01-10T00:00:00.000Z' });
  });

  it('never uses the wall clock', () => {
    const a = soqlToSql('SELECT Id FROM Contact WHERE CreatedDate = TODAY', { eventTime: '2020-05-05T00:00:00Z', schema });
    // TODAY's range around the event time; the event time itself bounds CreatedDate (as of the event).
    expect(a.supported && a.params).toEqual(['Contact', '2020-05-05T00:00:00.000Z', '2020-05-06T00:00:00.000Z']);
    expect(a.supported && a.asOf).toBe('2020-05-05T00:00:00.000Z');
  });
});

describe('anything outside the subset is refused with a reason', () => {
  it.each([
    ['SELECT Id, (SELECT Id FROM Contacts) FROM Account', /Subqueries in the SELECT list/],
    ['SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account)', /Semi-joins/],
    ['SELECT Id FROM Contact WHERE (SELECT Id FROM Account) = 1', /Subqueries are not supported/],
    ['SELECT Name FROM Lead GROUP BY Name', /GROUP BY is not supported/],
    ['SELECT Name FROM Lead WHERE Name = \'x\' HAVING Name = \'x\'', /HAVING is not supported/],
    ['SELECT COUNT(Id) FROM Contact', /Aggregate function COUNT\(\.\.\.\)/],
    ['SELECT MAX(CreatedDate) FROM Contact', /Aggregate function MAX/],
    ['SELECT COUNT_DISTINCT(Email) FROM Contact', /Aggregate function COUNT_DISTINCT/],
    ['SELECT FIELDS(ALL) FROM Contact LIMIT 200', /FIELDS\(\.\.\.\) is not supported/],
    ['SELECT TYPEOF What WHEN Account THEN Name END FROM Task', /TYPEOF is not supported/],
    ['SELECT Id, What.Name FROM Task', /Polymorphic relationship field What\.Name/],
    ['SELECT Id FROM Contact WITH SECURITY_ENFORCED', /WITH clauses/],
    ['SELECT Id FROM Contact FOR VIEW', /FOR VIEW/],
    ['SELECT Id FROM Contact UPDATE TRACKING', /UPDATE TRACKING/],
    ['SELECT Id FROM Contact ALL ROWS', /ALL ROWS/],
    ['SELECT toLabel(Email) FROM Contact', /Function toLabel\(\) is not supported/],
    ['SELECT Id FROM Contact WHERE CALENDAR_YEAR(CreatedDate) = 2024', /Function CALENDAR_YEAR\(\) in WHERE/],
    ['SELECT Id FROM Contact ORDER BY LOWER(Email)', /Function LOWER\(\) in ORDER BY/],
    ['SELECT Id FROM Contact WHERE Email = :email', /Bind variables/],
    ['SELECT Id FROM Contact LIMIT :n', /Bind variables in LIMIT/],
    ['SELECT Id FROM Contact WHERE Interests__c INCLUDES (\'a\')', /INCLUDES/],
    ['SELECT Id FROM Contact WHERE Foo__c = \'x\'', /Field Foo__c is not a field of Contact/],
    ['SELECT Id FROM Contact ORDER BY Foo__c', /Field Foo__c is not a field of Contact/],
    ['SELECT Id FROM Contact WHERE Account.Name = \'Acme\'', /Filtering on relationship field Account\.Name/],
    ['SELECT Id FROM Contact ORDER BY Account.Name', /Sorting on relationship field Account\.Name/],
    ['SELECT Id FROM Widget__c', /holds no Widget__c records/],
    ['SELECT Id FROM Contact, Contact.Account', /more than one object/],
    ["SELECT Id FROM Contact WHERE Email = 'a' AND Id = 'b' OR Id = 'c'", /AND and OR are mixed/],
    ['SELECT Id FROM Contact WHERE CreatedDate = THIS_FISCAL_QUARTER', /Date literal THIS_FISCAL_QUARTER/],
    ['SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS', /Expected ':'/],
    ['SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:-2', /non-negative whole number/],
    ['SELECT Id FROM Contact WHERE CreatedDate > 2024-01-01T00:00:00', /no time zone/],
    ['SELECT Id FROM Contact WHERE CreatedDate > 2023-02-30', /Invalid date/],
    ["SELECT Id FROM Contact WHERE Email = 'open", /Unterminated string/],
    ["SELECT Id FROM Contact WHERE Email = 'a\\qb'", /Invalid escape sequence/],
    ['SELECT Id, COUNT() FROM Contact', /COUNT\(\) cannot be combined/],
    ['SELECT Email e FROM Contact', /Field aliases/],
    ['SELECT Id FROM Contact WHERE Email < null', /with null using '<'/],
    ['SELECT Id FROM Contact WHERE Email > true', /with a boolean using '>'/],
    ['SELECT Id FROM Contact WHERE Email LIKE 5', /LIKE needs a quoted string/],
    ['SELECT Id FROM Contact WHERE Email = Id', /Unknown value 'Id'/],
    ['SELECT Id FROM Contact LIMIT 10.5', /LIMIT needs a non-negative whole number/],
    ['SELECT Id FROM Contact WHERE Email', /Expected a comparison operator/],
    ['SELECT Id FROM Contact WHERE Email = "x"', /Unexpected character '"'/],
    ['DELETE FROM Contact', /Expected SELECT/],
    ['SELECT Id FROM Contact LIMIT 5 junk', /Found 'junk' after the end/],
  ])('%s', (soql, reason) => {
    const result = soqlToSql(soql, { eventTime: '2024-03-15T12:00:00Z', schema });
    expect(result).toEqual({ supported: false, reason: expect.stringMatching(reason) as unknown });
    if (!result.supported) expect(result.reason).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses relative dates when the event time is unusable', () => {
    const result = soqlToSql('SELECT Id FROM Contact WHERE CreatedDate = TODAY', { eventTime: 'yesterday-ish', schema });
    expect(result).toMatchObject({ supported: false, reason: expect.stringMatching(/not a valid timestamp/) as unknown });
  });
});
