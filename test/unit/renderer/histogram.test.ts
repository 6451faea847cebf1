import { describe, expect, it } from 'vitest';
import { bucketFor, chartRows, DAY_MS, HOUR_MS, loadHistogram, OTHER_TYPES, parseUtc, rangeAround, rangeRequest, seriesOf, timeTicks, type Histogram } from '../../../renderer/src/analysis/histogram';
import type { HistogramBucket, LedgerApi } from '../../../shared/contract/api';

const at = (iso: string) => Date.parse(iso);

describe('events-over-time histogram', () => {
  it('charts windows up to a week per hour, longer ones per day', () => {
    expect(bucketFor(7 * DAY_MS)).toBe('hour');
    expect(bucketFor(7 * DAY_MS + 1)).toBe('day');
  });

  it('widens the window by a quarter of its length (at least a bucket, at most a day of hours or a week of days) to whole buckets', () => {
    const window = { from: at('2025-06-16T14:03:41.088Z'), to: at('2025-06-17T02:41:19.530Z') };
    const hours = rangeAround(window, 'hour');
    expect(rangeRequest(hours)).toEqual({ from: '2025-06-16T10:00:00.000Z', to: '2025-06-17T05:59:59.999Z' });
    // The window fills most of the chart.
    expect((window.to - window.from) / (hours.to - hours.from)).toBeGreaterThan(0.6);
    expect(rangeRequest(rangeAround(window, 'day'))).toEqual({ from: '2025-06-15T00:00:00.000Z', to: '2025-06-18T23:59:59.999Z' });
    const month = { from: at('2025-05-01T00:00:00Z'), to: at('2025-07-01T00:00:00Z') };
    expect(rangeRequest(rangeAround(month, 'day'))).toEqual({ from: '2025-04-24T00:00:00.000Z', to: '2025-07-08T23:59:59.999Z' });
  });

  it('reads window text as strictly as the engine', () => {
    expect(parseUtc(' 2025-06-16 ')).toBe(at('2025-06-16T00:00:00Z'));
    expect(parseUtc('2025-06-16T14:00:00+02:00')).toBe(at('2025-06-16T12:00:00Z'));
    expect(parseUtc('2025-06-16T14:00:00')).toBeNull();
    expect(parseUtc('yesterday')).toBeNull();
  });

  it('folds all but the busiest types into "other types" and fills empty buckets with zeros', () => {
    const buckets: HistogramBucket[] = [
      { start: '2025-06-16T14:00:00.000Z', events: 9, rowsProcessed: 4, byType: { a: 5, b: 3, c: 1 } },
      { start: '2025-06-16T17:00:00.000Z', events: 2, rowsProcessed: 0, byType: { a: 1, d: 1 } },
    ];
    const series = seriesOf(buckets, 3);
    expect(series.map((s) => [s.label, s.events])).toEqual([
      ['a', 6],
      ['b', 3],
      [OTHER_TYPES, 2],
    ]);
    const histogram: Histogram = { bucket: 'hour', range: { from: at('2025-06-16T14:00:00Z'), to: at('2025-06-16T18:00:00Z') }, window: null, buckets };
    const rows = chartRows(histogram, series);
    expect(rows.map((r) => [r.start.slice(11, 16), r.events, r.s0, r.s1, r.s2])).toEqual([
      ['14:00', 9, 5, 3, 1],
      ['15:00', 0, 0, 0, 0],
      ['16:00', 0, 0, 0, 0],
      ['17:00', 2, 1, 0, 1],
    ]);
    expect(rows[0]!.t).toBe(at('2025-06-16T14:30:00Z'));
  });

  it('puts ticks on hour, day or month boundaries', () => {
    expect(timeTicks({ from: at('2025-06-15T14:00:00Z'), to: at('2025-06-18T03:00:00Z') }).map((t) => new Date(t).toISOString().slice(0, 13))).toEqual([
      '2025-06-16T00',
      '2025-06-16T12',
      '2025-06-17T00',
      '2025-06-17T12',
      '2025-06-18T00',
    ]);
    expect(timeTicks({ from: at('2024-12-26T00:00:00Z'), to: at('2025-06-24T00:00:00Z') }).map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2025-01-01',
      '2025-02-01',
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
    ]);
  });

  it('without a window asks for days, and for hours when everything fits in a week', async () => {
    const calls: unknown[] = [];
    const answers: Record<string, HistogramBucket[]> = {
      day: [{ start: '2025-06-16T00:00:00.000Z', events: 3, rowsProcessed: 0, byType: { a: 3 } }],
      hour: [
        { start: '2025-06-16T09:00:00.000Z', events: 1, rowsProcessed: 0, byType: { a: 1 } },
        { start: '2025-06-16T11:00:00.000Z', events: 2, rowsProcessed: 0, byType: { a: 2 } },
      ],
    };
    const api = { eventHistogram: (request: { bucket: string }) => (calls.push(request), Promise.resolve(answers[request.bucket]!)) } as unknown as LedgerApi;
    const histogram = await loadHistogram(api, '/case', null);
    expect(calls).toEqual([
      { caseDir: '/case', bucket: 'day' },
      { caseDir: '/case', bucket: 'hour' },
    ]);
    expect(histogram).toMatchObject({ bucket: 'hour', window: null, range: { from: at('2025-06-16T09:00:00Z'), to: at('2025-06-16T12:00:00Z') } });
    expect(await loadHistogram(api, '/case', { from: '2025-06-16T14:00:00', to: '2025-06-17' })).toBeNull();
    expect(HOUR_MS * 24).toBe(DAY_MS);
  });
});
