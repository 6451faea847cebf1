import { describe, expect, it } from 'vitest';
import { normalizeDate, normalizeTimestamp } from '../../../shared/normalize/date';

describe('normalizeDate', () => {
  it.each([
    ['1980-05-17', '1980-05-17'], ['1980-05-17 00:00:00', '1980-05-17'], ['1980-05-17T00:00:00.000Z', '1980-05-17'],
    ['5/17/1980', '1980-05-17'], ['17/05/1980', '1980-05-17'],
  ])('%s → %s', (raw, date) => expect(normalizeDate(raw)).toBe(date));
  it('reads slash dates day-first outside en-US', () => {
    expect(normalizeDate('03/04/1980', 'en-GB')).toBe('1980-04-03');
    expect(normalizeDate('03/04/1980')).toBe('1980-03-04');
  });
  it('knows month lengths and leap years', () => {
    expect(normalizeDate('2000-02-29')).toBe('2000-02-29');
    expect(normalizeDate('2024-02-29')).toBe('2024-02-29');
    expect(normalizeDate('1900-02-29')).toBeNull();
    expect(normalizeDate('2023-02-29')).toBeNull();
    expect(normalizeDate('2023-04-31')).toBeNull();
    expect(normalizeDate('2023-12-31')).toBe('2023-12-31');
    expect(normalizeDate('2023-13-01')).toBeNull();
    expect(normalizeDate('2023-00-10')).toBeNull();
    expect(normalizeDate('0100-01-01')).toBe('0100-01-01');
    expect(normalizeDate('0099-01-01')).toBeNull();
  });
  it('rejects impossible dates and junk', () => {
    expect(normalizeDate('1980-02-30')).toBeNull();
    expect(normalizeDate('unknown')).toBeNull();
    expect(normalizeDate('')).toBeNull();
  });
});

describe('normalizeTimestamp', () => {
  it.each([
    ['2023-02-07 20:44:05', '2023-02-07T20:44:05.000Z'],
    ['2023-02-07T20:44:05.000Z', '2023-02-07T20:44:05.000Z'],
    ['2026-05-01 10:00:00 +0200', '2026-05-01T08:00:00.000Z'],
    ['2026-05-01T10:00:00-05:30', '2026-05-01T15:30:00.000Z'],
    ['2025-08-12T03:14:15.123456Z', '2025-08-12T03:14:15.123Z'],
  ])('%s → %s', (raw, iso) => expect(normalizeTimestamp(raw)).toBe(iso));
  it('reads an offset-less time as wall time in the given zone', () => {
    expect(normalizeTimestamp('2025-01-15 09:00:00', 'America/New_York')).toBe('2025-01-15T14:00:00.000Z');
    expect(normalizeTimestamp('2025-07-15 09:00:00', 'America/New_York')).toBe('2025-07-15T13:00:00.000Z');
  });
  it('keeps a timestamp already in the output form, whatever the zone option, unless its day does not exist', () => {
    expect(normalizeTimestamp('2024-02-29T23:59:59.999Z', 'America/New_York')).toBe('2024-02-29T23:59:59.999Z');
    expect(normalizeTimestamp("'2024-03-01T08:15:00.000Z")).toBe('2024-03-01T08:15:00.000Z');
    expect(normalizeTimestamp('2023-02-29T00:00:00.000Z')).toBeNull();
  });
  it('normalizes near-canonical forms', () => {
    expect(normalizeTimestamp('2023-02-07T20:44:60.000Z')).toBe('2023-02-07T20:45:00.000Z');
    expect(normalizeTimestamp('2023-02-07t20:44:05.000z')).toBe('2023-02-07T20:44:05.000Z');
  });
  it('rejects out-of-range parts', () => {
    expect(normalizeTimestamp('2023-02-07 25:00:00')).toBeNull();
    expect(normalizeTimestamp('2023-02-07T24:00:00.000Z')).toBeNull();
    expect(normalizeTimestamp('yesterday')).toBeNull();
  });
});
