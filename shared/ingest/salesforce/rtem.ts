/**
 * Real-Time Event Monitoring events (ApiEvent, ReportEvent, ListViewEvent, BulkApiResultEvent(Store), LoginEvent,
 * LightningUriEvent, UriEvent, …) as SOQL/REST JSON, streaming envelopes (one document or JSON Lines) or a
 * Data Loader CSV export with API-name headers.
 */
import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { readHead } from '../encoding';
import { readCsvTable, sniffCsvHeader } from '../csv/table';
import { readJsonObjects, rejectRow, startsLikeJson, textDecoding, type TextDecoding } from './input';
import type { RowPlace } from './event-row';
import {
  canonicalEventType,
  eventTypeFromFields,
  eventTypeInName,
  KNOWN_FIELDS,
  mapRtemEvent,
  type RtemPayload,
} from './rtem-event';

const RTEM_JSON_HINT =
  /"channel"\s*:\s*"\/event\/|"type"\s*:\s*"(?:ApiEvent|ReportEvent|ListViewEvent|BulkApiResultEvent|LoginEvent|LightningUriEvent|UriEvent)(?:Stream|Store)?"/;

function detectRtem(sample: DetectSample): number {
  if (startsLikeJson(sample.head)) {
    const text = sample.head.toString('utf8');
    if (/"EVENT_TYPE"\s*:/.test(text)) return 0;
    if (RTEM_JSON_HINT.test(text)) return 0.9;
    return /"EventIdentifier"\s*:/.test(text) && /"EventDate"\s*:/.test(text) ? 0.8 : 0;
  }
  const header = sniffCsvHeader(sample.head);
  if (!header) return 0;
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  if (names.has('event_type') || !names.has('eventdate')) return 0;
  return names.has('eventidentifier') || names.has('userid') ? 0.9 : 0.6;
}

/** Counts ids that are not Salesforce ids, for one warning per file. */
class UnrecognizedIds {
  count = 0;
  warn(sink: RowSink): void {
    if (this.count > 0) {
      sink.warn(`${this.count} record id(s) in Records are not 15/18-character Salesforce ids; they are kept in details.unrecognizedRecordIds, not in recordIds.`);
    }
  }
}

function emit(sink: RowSink, eventType: string, payload: RtemPayload, place: RowPlace, raw: () => Buffer, ids: UnrecognizedIds): void {
  const mapped = mapRtemEvent(eventType, payload, place);
  if (mapped.event) {
    sink.event(mapped.event);
    ids.count += mapped.unrecognizedIds ?? 0;
  } else rejectRow(sink, place, mapped.reason ?? 'not an event', raw());
}

/** The event payload and its type from a SOQL record, a stream envelope or a bare payload. */
function unwrap(doc: Record<string, unknown>, fallbackType: string | null): { payload: RtemPayload; eventType: string | null } {
  const data = doc.data as Record<string, unknown> | undefined;
  const inner = (data?.payload ?? doc.payload) as Record<string, unknown> | undefined;
  const payload: Record<string, unknown> = inner && typeof inner === 'object' ? { ...inner } : doc;
  const replayId = (data?.event as Record<string, unknown> | undefined)?.replayId;
  if (replayId !== undefined && replayId !== '' && payload.ReplayId === undefined) payload.ReplayId = replayId;
  const attributes = payload.attributes as Record<string, unknown> | undefined;
  const named = typeof attributes?.type === 'string' ? attributes.type : typeof doc.channel === 'string' ? doc.channel : null;
  const inferred = eventTypeFromFields(new Set(Object.keys(payload).map((k) => k.toLowerCase())));
  const eventType = named ? canonicalEventType(named) : (fallbackType ?? inferred);
  return { payload, eventType };
}

async function parseRtemJson(input: ParseInput, sink: RowSink, decoding: TextDecoding): Promise<void> {
  const nameType = eventTypeInName(input.fileName);
  const ids = new UnrecognizedIds();
  await readJsonObjects(input, sink, decoding, (doc, place, bytes) => {
    const { payload, eventType } = unwrap(doc, nameType);
    if (!eventType) return rejectRow(sink, place, 'the event type cannot be told from attributes, channel, fields or file name', bytes);
    emit(sink, eventType, payload, place, () => bytes, ids);
  });
  ids.warn(sink);
}

async function parseRtemCsv(input: ParseInput, sink: RowSink, decoding: TextDecoding): Promise<void> {
  const canonical = new Map(KNOWN_FIELDS.map((f) => [f.toLowerCase(), f]));
  const ids = new UnrecognizedIds();
  let names: string[] = [];
  let eventType: string | null = null;
  await readCsvTable(
    input.open(),
    {
      onHeader(columns) {
        // Data Loader may upper-case API names; map them back so one mapping serves every shape.
        names = columns.map((c) => canonical.get(c.trim().toLowerCase()) ?? c.trim());
        eventType = eventTypeInName(input.fileName) ?? eventTypeFromFields(new Set(names.map((n) => n.toLowerCase())));
        if (!eventType) sink.warn('The event type cannot be told from the file name or the columns; rows are rejected.');
      },
      onRow(row) {
        if (!eventType) return rejectRow(sink, row, 'unknown event type', row.raw());
        const payload: Record<string, unknown> = {};
        names.forEach((name, i) => {
          const v = row.fields[i];
          if (v !== undefined && v !== '') payload[name] = v;
        });
        emit(sink, eventType, payload, row, row.raw, ids);
      },
      onReject(bad) {
        rejectRow(sink, bad, bad.reason, bad.raw);
      },
    },
    { decode: decoding.decode, signal: input.signal, onProgress: (n) => sink.progress(n) },
  );
  ids.warn(sink);
}

export const rtemParser: SourceParser = {
  format: 'salesforce-rtem',
  version: '1',
  description: 'Salesforce Real-Time Event Monitoring events (ApiEvent, ReportEvent, ListViewEvent, …): the record ids each access returned',
  detect: detectRtem,
  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input);
    const decoding = textDecoding(input, head);
    if (startsLikeJson(head)) await parseRtemJson(input, sink, decoding);
    else await parseRtemCsv(input, sink, decoding);
    return decoding.result;
  },
};
