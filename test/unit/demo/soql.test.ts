import { describe, expect, it } from 'vitest';
import { matches, renderQuery, type Condition } from '../../../shared/demo/soql';

const at = Date.UTC(2025, 5, 16, 14);

describe('demo SOQL subset', () => {
  it('renders the query text the logs carry', () => {
    const text = renderQuery({
      fields: ['Id', 'Email'], object: 'Lead',
      where: { op: 'AND', terms: [{ op: '=', field: 'IsConverted', value: false }, { op: 'OR', terms: [{ op: 'LIKE', field: 'LeadSource', pattern: 'Partner%' }, { op: 'NOT', term: { op: 'IN', field: 'State', values: ["O'Hara", 'CA'] } }] }] },
      orderBy: { field: 'CreatedDate', direction: 'ASC' }, limit: 10, offset: 2,
    });
    expect(text).toBe("SELECT Id, Email FROM Lead WHERE IsConverted = false AND (LeadSource LIKE 'Partner%' OR NOT State IN ('O\\'Hara', 'CA')) ORDER BY CreatedDate ASC LIMIT 10 OFFSET 2");
  });

  it('compares strings case-insensitively and treats empty exported values as null', () => {
    const row = { MailingStateCode: 'ca', Email: 'A@Outlook.Example', Status: '', IsConverted: '0' };
    const check = (c: Condition): boolean => matches(c, row, at);
    expect(check({ op: '=', field: 'MailingStateCode', value: 'CA' })).toBe(true);
    expect(check({ op: 'LIKE', field: 'Email', pattern: '%@outlook.example' })).toBe(true);
    expect(check({ op: '!=', field: 'Status', value: 'Closed' })).toBe(true);
    expect(check({ op: '=', field: 'Status', value: 'Closed' })).toBe(false);
    expect(check({ op: 'NOT IN', field: 'Status', values: ['Closed'] })).toBe(true);
    expect(check({ op: '=', field: 'IsConverted', value: false })).toBe(true);
  });

  it('evaluates LAST_N_DAYS and datetime literals against export datetimes', () => {
    expect(matches({ op: 'LAST_N_DAYS', field: 'CreatedDate', days: 365 }, { CreatedDate: '2024-06-25 10:00:00' }, at)).toBe(true);
    expect(matches({ op: 'LAST_N_DAYS', field: 'CreatedDate', days: 365 }, { CreatedDate: '2024-06-01 10:00:00' }, at)).toBe(false);
    expect(matches({ op: '<', field: 'LastModifiedDate', value: { dateTime: '2025-06-01T00:00:00Z' } }, { LastModifiedDate: '2025-05-31 23:59:59' }, at)).toBe(true);
    expect(matches({ op: '<', field: 'LastModifiedDate', value: { dateTime: '2025-06-01T00:00:00Z' } }, { LastModifiedDate: '2025-06-01 00:00:00' }, at)).toBe(false);
  });
});
