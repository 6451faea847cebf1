import { describe, expect, it } from 'vitest';
import { caseSafeSuffix, toId18 } from '../../../../shared/util/salesforce-id';
import { elfTimestampToIso, isoDateTimeToUtc, zonedWallTimeToUtcMs } from '../../../../shared/util/time';

describe('toId18', () => {
  it('adds the case-safe suffix from formats.md §7 examples', () => {
    expect(caseSafeSuffix('0019000000B98de')).toBe('AAB');
    expect(toId18('0055j000000utlP')).toBe('0055j000000utlPAAQ');
    expect(toId18('0055j00000AT6I1')).toBe('0055j00000AT6I1AAL');
  });

  it('keeps 18-character ids, maps the null key and non-ids to null', () => {
    expect(toId18('0055j00000AT6I1AAL')).toBe('0055j00000AT6I1AAL');
    expect(toId18('000000000000000AAA')).toBeNull();
    expect(toId18('000000000000000')).toBeNull();
    expect(toId18('s4heK3WbH-lcJIL3-n')).toBeNull();
    expect(toId18('')).toBeNull();
    expect(toId18(null)).toBeNull();
  });
});

describe('time helpers', () => {
  it('parses ELF TIMESTAMP with 0–3 fraction digits', () => {
    expect(elfTimestampToIso('20231218054831.655')).toBe('2023-12-18T05:48:31.655Z');
    expect(elfTimestampToIso('20211019050707.13')).toBe('2021-10-19T05:07:07.130Z');
    expect(elfTimestampToIso('20220803011210')).toBe('2022-08-03T01:12:10.000Z');
    expect(elfTimestampToIso('20230230010101')).toBeNull();
  });

  it('parses Salesforce ISO date-times with any zone form', () => {
    expect(isoDateTimeToUtc('2023-03-21T10:04:39.747+0000')).toBe('2023-03-21T10:04:39.747Z');
    expect(isoDateTimeToUtc('2023-03-21T12:04:39+02:00')).toBe('2023-03-21T10:04:39.000Z');
    expect(isoDateTimeToUtc('2023-03-21T10:04:39')).toBeNull();
  });

  it('converts wall time in an IANA zone to UTC across DST', () => {
    expect(new Date(zonedWallTimeToUtcMs(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(new Date(zonedWallTimeToUtcMs(Date.UTC(2026, 0, 1, 12), 'America/New_York')).toISOString()).toBe('2026-01-01T17:00:00.000Z');
  });
});
