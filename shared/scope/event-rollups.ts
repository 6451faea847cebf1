import type { TriageEntry } from '../contract/api';
import type { Db } from '../store/db';

/**
 * Per-day and per-hour sums of each import's events, written beside its rows, so triage and the events-over-time
 * chart read thousands of rollup rows instead of millions of events. Only events that count are summed (not
 * duplicates of another file's event); whether an import is current is decided when reading, as for events.
 *
 * `event_day_values`: per import, UTC day, triage dimension and value: events, rows processed, bulk/report
 * exports, first and last timestamp, and the hours of the day with events as a 24-bit mask (an hour is counted
 * once however many imports or rows hold it). `event_hour_types`: per import, UTC hour and source type: events
 * and rows processed. A key may have several rows (`part`): the writer flushes when its map grows, so memory
 * stays bounded on files with millions of distinct values; readers sum them.
 */
export type TriageDimension = TriageEntry['dimension'];
export const TRIAGE_DIMENSIONS: readonly TriageDimension[] = ['ip', 'user', 'app', 'client', 'agent'];

/** The value of each dimension, as SQL over `access_events` (alias `e`); `dimensionValues` is the same in code. */
export const DIMENSION_SQL: Record<TriageDimension, string> = {
  ip: "COALESCE(NULLIF(e.source_ip, ''), e.client_ip)",
  user: 'COALESCE(e.username, e.actor_id)',
  app: 'e.app',
  client: 'e.client',
  agent: 'e.user_agent',
};

export const EXPORT_TYPES_SQL = "(e.source_type LIKE '%Bulk%' OR e.source_type LIKE '%Report%')";
const EXPORT_TYPE = /bulk|report/i;

export interface RollupEvent {
  sourceType: string;
  ts: string;
  actorId: string | null;
  username: string | null;
  clientIp: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  app: string | null;
  client: string | null;
  rowsProcessed: number | null;
}

function dimensionValues(e: RollupEvent): Array<string | null> {
  return [e.sourceIp !== null && e.sourceIp !== '' ? e.sourceIp : e.clientIp, e.username ?? e.actorId, e.app, e.client, e.userAgent];
}

interface DayValue {
  events: number;
  rows: number;
  exports: number;
  first: string;
  last: string;
  hours: number;
}

interface HourType {
  events: number;
  rows: number;
}

/** Rollup rows held before they are written; each is ~200 bytes, so this bounds the writer to a few MB. */
const FLUSH_AT = 20_000;

/**
 * Sums an import's events as they are stored. Called once per event on the import's thread, so it avoids building
 * keys: maps are nested (day → value per dimension, hour → source type), and consecutive events, which mostly
 * share a day, an hour and a type, reuse the last lookups.
 */
export class EventRollupWriter {
  private readonly days = new Map<string, Array<Map<string, DayValue>>>();
  private readonly hours = new Map<string, Map<string, HourType>>();
  private held = 0;
  private part = 0;
  private lastDay = '';
  private lastDayValues: Array<Map<string, DayValue>> = [];
  private lastHour = '';
  private lastHourTypes = new Map<string, HourType>();
  private lastType = '';
  private lastTypeExports = 0;
  private readonly insertDay;
  private readonly insertHour;

  constructor(
    db: Db,
    private readonly importId: number,
  ) {
    this.insertDay = db.prepare(
      `INSERT INTO event_day_values (dimension, value, day, import_id, part, events, rows_processed, exports, first_ts, last_ts, hours_mask)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertHour = db.prepare('INSERT INTO event_hour_types (hour, source_type, import_id, part, events, rows_processed) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** Counts an event that counts (not a duplicate). */
  add(e: RollupEvent): void {
    const ts = unshared(e.ts);
    if (!ts.startsWith(this.lastDay) || this.lastDay === '') {
      this.lastDay = ts.slice(0, 10);
      let values = this.days.get(this.lastDay);
      if (values === undefined) this.days.set(this.lastDay, (values = TRIAGE_DIMENSIONS.map(() => new Map<string, DayValue>())));
      this.lastDayValues = values;
    }
    if (e.sourceType !== this.lastType) {
      this.lastType = e.sourceType;
      this.lastTypeExports = EXPORT_TYPE.test(e.sourceType) ? 1 : 0;
    }
    const hourBit = 1 << ((ts.charCodeAt(11) - 48) * 10 + ts.charCodeAt(12) - 48);
    const rows = e.rowsProcessed ?? 0;
    const exported = this.lastTypeExports;
    const values = dimensionValues(e);
    for (let d = 0; d < values.length; d++) {
      const value = values[d];
      if (value === null || value === undefined || value === '') continue;
      const byValue = this.lastDayValues[d]!;
      const sum = byValue.get(value);
      if (sum === undefined) {
        byValue.set(unshared(value), { events: 1, rows, exports: exported, first: ts, last: ts, hours: hourBit });
        this.held++;
        continue;
      }
      sum.events++;
      sum.rows += rows;
      sum.exports += exported;
      if (ts < sum.first) sum.first = ts;
      if (ts > sum.last) sum.last = ts;
      sum.hours |= hourBit;
    }
    if (!ts.startsWith(this.lastHour) || this.lastHour === '') {
      this.lastHour = ts.slice(0, 13);
      let types = this.hours.get(this.lastHour);
      if (types === undefined) this.hours.set(this.lastHour, (types = new Map<string, HourType>()));
      this.lastHourTypes = types;
    }
    const hour = this.lastHourTypes.get(e.sourceType);
    if (hour === undefined) this.lastHourTypes.set(e.sourceType, { events: 1, rows });
    else {
      hour.events++;
      hour.rows += rows;
    }
    if (this.held >= FLUSH_AT) this.flush();
  }

  /** Writes what is held; call once more when the import's rows are all added. */
  flush(): void {
    for (const [day, dimensions] of this.days) {
      dimensions.forEach((byValue, d) => {
        for (const [value, s] of byValue) {
          this.insertDay.run(TRIAGE_DIMENSIONS[d], value, day, this.importId, this.part, s.events, s.rows, s.exports, s.first, s.last, s.hours);
        }
      });
    }
    for (const [hour, types] of this.hours) {
      for (const [type, h] of types) this.insertHour.run(hour, type, this.importId, this.part, h.events, h.rows);
    }
    this.days.clear();
    this.hours.clear();
    this.lastDay = '';
    this.lastHour = '';
    this.held = 0;
    this.part++;
  }
}

/**
 * A copy of `text` that shares no memory with it. Parsers hand over slices of the chunk they read, and V8 keeps a
 * whole chunk alive for a slice of it, so a held value or timestamp would pin its chunk until the rollup is written.
 */
function unshared(text: string): string {
  return (' ' + text).slice(1);
}

/** The hours of `mask` (bit n is hour n of the day). */
export function hoursIn(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export interface Window {
  from: string;
  to: string;
}

/**
 * Splits a window into the whole buckets (hours or days) a rollup answers and the edges only raw events can:
 * `wholeFrom`/`wholeTo` are bucket keys (prefixes of an ISO timestamp, `wholeTo` exclusive), and an event is
 * in an edge when `ts >= from AND ts < wholeFrom` or `ts >= wholeTo AND ts <= to`. With no whole bucket,
 * the rollup is skipped (`wholeFrom === wholeTo`) and the edges cover the window.
 */
export function splitWindow(window: Window, bucket: 'hour' | 'day'): { wholeFrom: string; wholeTo: string } {
  const size = bucket === 'hour' ? 3_600_000 : 86_400_000;
  const keyLength = bucket === 'hour' ? 13 : 10;
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const first = Math.ceil(from / size) * size;
  const end = Math.floor((to + 1) / size) * size;
  if (first >= end) return { wholeFrom: window.to, wholeTo: window.to };
  return { wholeFrom: new Date(first).toISOString().slice(0, keyLength), wholeTo: new Date(end).toISOString().slice(0, keyLength) };
}
