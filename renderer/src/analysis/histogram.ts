/**
 * The events-over-time chart's questions to the engine and the shaping of its answer. The engine
 * aggregates in the store (hour or day buckets, empty buckets left out); the chart never sees raw events.
 * Pure apart from `loadHistogram`, which only calls the contract.
 */
import type { HistogramBucket, LedgerApi } from '../../../shared/contract/api';

export type BucketSize = 'hour' | 'day';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Windows up to a week are charted per hour, longer ones per day. */
export const HOURLY_UP_TO_MS = 7 * DAY_MS;
/** The most context shown either side of the window: a day of hours, or a week of days. */
const CONTEXT_MS: Record<BucketSize, number> = { hour: DAY_MS, day: 7 * DAY_MS };
/** Context is a quarter of the window's length either side (at least a bucket), so the window fills most of the chart. */
const CONTEXT_SHARE = 0.25;
/** Source types drawn as their own colour; the rest are stacked as "other types". */
export const MAX_SERIES = 6;
export const OTHER_TYPES = 'other types';

export interface TimeRange {
  /** Inclusive start, on a bucket boundary (ms since epoch). */
  from: number;
  /** Exclusive end, on a bucket boundary. */
  to: number;
}

export interface Histogram {
  bucket: BucketSize;
  /** What the chart spans: the window plus context, or the first to the last bucket with events. */
  range: TimeRange;
  /** The triage window, when one was given. */
  window: TimeRange | null;
  /** As the engine answered: only buckets with events. */
  buckets: HistogramBucket[];
}

export function bucketMs(bucket: BucketSize): number {
  return bucket === 'hour' ? HOUR_MS : DAY_MS;
}

export function bucketFor(spanMs: number): BucketSize {
  return spanMs <= HOURLY_UP_TO_MS ? 'hour' : 'day';
}

/** Hours and days are whole multiples of the epoch, so UTC boundaries are plain floors. */
export function floorTo(ms: number, bucket: BucketSize): number {
  const size = bucketMs(bucket);
  return Math.floor(ms / size) * size;
}

/** The window, widened by context either side and out to whole buckets. */
export function rangeAround(window: TimeRange, bucket: BucketSize): TimeRange {
  const pad = contextMs(window, bucket);
  return { from: floorTo(window.from - pad, bucket), to: floorTo(window.to + pad, bucket) + bucketMs(bucket) };
}

/** How much is shown either side of the window. */
export function contextMs(window: TimeRange, bucket: BucketSize): number {
  return Math.min(CONTEXT_MS[bucket], Math.max(bucketMs(bucket), (window.to - window.from) * CONTEXT_SHARE));
}

/** A range as the contract's inclusive from/to instants. */
export function rangeRequest(range: TimeRange): { from: string; to: string } {
  return { from: new Date(range.from).toISOString(), to: new Date(range.to - 1).toISOString() };
}

/** The same strict reading as the engine: ISO 8601 with a zone, or a bare date (UTC midnight). */
export function parseUtc(text: string): number | null {
  const trimmed = text.trim();
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(withZone)) return null;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Asks the engine for the chart. With a window: hour buckets up to a week, else day buckets, over the
 * window plus context. Without one: day buckets over everything, or hour buckets if it all fits in a week.
 * A window the engine would refuse gives null (the triage call reports why).
 */
export async function loadHistogram(api: LedgerApi, caseDir: string, window: { from: string; to: string } | null): Promise<Histogram | null> {
  if (window && (window.from.trim() || window.to.trim())) {
    const from = parseUtc(window.from);
    const to = parseUtc(window.to);
    if (from === null || to === null || from >= to) return null;
    const bucket = bucketFor(to - from);
    const range = rangeAround({ from, to }, bucket);
    const buckets = await api.eventHistogram({ caseDir, bucket, ...rangeRequest(range) });
    return { bucket, range, window: { from, to }, buckets };
  }
  const days = await api.eventHistogram({ caseDir, bucket: 'day' });
  if (days.length === 0) return { bucket: 'day', range: { from: 0, to: DAY_MS }, window: null, buckets: [] };
  const first = Date.parse(days[0]!.start);
  const last = Date.parse(days[days.length - 1]!.start) + DAY_MS;
  if (last - first > HOURLY_UP_TO_MS) return { bucket: 'day', range: { from: first, to: last }, window: null, buckets: days };
  const hours = await api.eventHistogram({ caseDir, bucket: 'hour' });
  const firstHour = Date.parse(hours[0]!.start);
  const lastHour = Date.parse(hours[hours.length - 1]!.start) + HOUR_MS;
  return { bucket: 'hour', range: { from: firstHour, to: lastHour }, window: null, buckets: hours };
}

export interface Series {
  key: string;
  label: string;
  /** Source types the series stands for (several for "other types"). */
  types: string[];
  events: number;
}

/** The busiest source types as their own series, the rest folded into one, busiest first. */
export function seriesOf(buckets: readonly HistogramBucket[], max = MAX_SERIES): Series[] {
  const totals = new Map<string, number>();
  for (const b of buckets) for (const [type, n] of Object.entries(b.byType)) totals.set(type, (totals.get(type) ?? 0) + n);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const own = ranked.length <= max ? ranked : ranked.slice(0, max - 1);
  const rest = ranked.slice(own.length);
  const series = own.map(([type, events], i) => ({ key: `s${i}`, label: type, types: [type], events }));
  if (rest.length > 0) series.push({ key: `s${own.length}`, label: OTHER_TYPES, types: rest.map(([t]) => t), events: rest.reduce((n, [, e]) => n + e, 0) });
  return series;
}

export interface ChartRow {
  /** Middle of the bucket: a bar centred here covers exactly its bucket on a time axis. */
  t: number;
  start: string;
  events: number;
  rowsProcessed: number;
  byType: Record<string, number>;
  [seriesKey: `s${number}`]: number;
}

/** One row per bucket across the range, empty buckets as zeros, so bar widths and gaps are true to time. */
export function chartRows(histogram: Histogram, series: readonly Series[]): ChartRow[] {
  const size = bucketMs(histogram.bucket);
  const byStart = new Map(histogram.buckets.map((b) => [Date.parse(b.start), b]));
  const rows: ChartRow[] = [];
  for (let at = histogram.range.from; at < histogram.range.to; at += size) {
    const b = byStart.get(at);
    const row: ChartRow = { t: at + size / 2, start: new Date(at).toISOString(), events: b?.events ?? 0, rowsProcessed: b?.rowsProcessed ?? 0, byType: b?.byType ?? {} };
    for (const s of series) row[s.key as `s${number}`] = s.types.reduce((n, type) => n + (b?.byType[type] ?? 0), 0);
    rows.push(row);
  }
  return rows;
}

const TICK_STEPS_MS = [HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 2 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS];

/** Axis ticks on UTC hour, day or month boundaries, at most about `max` of them. */
export function timeTicks(range: TimeRange, max = 10): number[] {
  const span = range.to - range.from;
  const step = TICK_STEPS_MS.find((s) => span / s <= max);
  if (step !== undefined) {
    const ticks: number[] = [];
    for (let t = Math.ceil(range.from / step) * step; t <= range.to; t += step) ticks.push(t);
    return ticks;
  }
  const months = [1, 2, 3, 6, 12, 24, 60].find((m) => span / (m * 30.44 * DAY_MS) <= max) ?? 120;
  const start = new Date(range.from);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + (start.getUTCDate() === 1 && start.getUTCHours() === 0 ? 0 : 1);
  month = Math.ceil(month / months) * months;
  const ticks: number[] = [];
  for (;;) {
    const t = Date.UTC(year, month, 1);
    if (t > range.to) return ticks;
    ticks.push(t);
    month += months;
    if (month >= 12) {
      year += Math.floor(month / 12);
      month %= 12;
    }
  }
}

/** A tick label: hours show the time, midnights and days show the date. */
export function tickLabel(ms: number, bucket: BucketSize): string {
  const iso = new Date(ms).toISOString();
  if (bucket === 'hour' && !iso.startsWith('T00:00', 10)) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return iso.slice(0, 10);
}

/** The bucket a start instant names, as an examiner reads it: `2025-06-16 14:00–15:00Z` or `2025-06-16`. */
export function bucketLabel(start: string, bucket: BucketSize): string {
  if (bucket === 'day') return `${start.slice(0, 10)} (UTC day)`;
  const end = new Date(Date.parse(start) + HOUR_MS).toISOString();
  return `${start.slice(0, 10)} ${start.slice(11, 16)}–${end.slice(11, 16)}Z`;
}
