/**
 * Real-Time Event Monitoring events (ApiEvent, ReportEvent, ListViewEvent, BulkApiResultEvent(Store), LoginEvent,
 * LightningUriEvent, UriEvent, …) as SOQL/REST JSON, streaming envelopes (one document or JSON Lines) or a
 * Data Loader CSV export with API-name headers.
 */
import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { readHead } from '../encoding';
import { readCsvTable, sniffCsvHeader, warnLineEndings } from '../csv/table';
import { readJsonObjects, rejectRow, startsLikeJson, textDecoding, type TextDecoding } from './input';
import type { RowPlace } from './event-row';
import { isApiRecordType, mapApiRecord } from './api-records';
import {
  canonicalEventType,
  eventTypeFromFields,
  eventTypeInName,
  isKnownEventType,
  KNOWN_FIELDS,
  mapRtemEvent,
  type RtemPayload,
} from './rtem-event';

const CHANNEL_HINT = /"channel"\s*:\s*"\/event\/(\w+)"/;
const TYPE_HINT = /"attributes"\s*:\s*\{\s*"type"\s*:\s*"(\w+)"/;

function detectRtem(sample: DetectSample): number {
  if (startsLikeJson(sample.head)) {
    const text = sample.head.toString('utf8');
    if (/"EVENT_TYPE"\s*:/.test(text)) return 0;
    const named = CHANNEL_HINT.exec(text)?.[1] ?? TYPE_HINT.exec(text)?.[1] ?? null;
    if (named !== null) {
      const type = canonicalEventType(named);
      if (isKnownEventType(type) || isApiRecordType(type)) return 0.9;
    }
    return /"EventIdentifier"\s*:/.test(text) && /"EventDate"\s*:/.test(text) ? 0.8 : 0;
  }
  const header = sniffCsvHeader(sample.head);
  if (!header) return 0;
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  if (names.has('event_type') || !names.has('eventdate')) return 0;
  return names.has('eventidentifier') || names.has('userid') ? 0.9 : 0.6;
}

/** Counts what one file-level warning each should say: ids that are not Salesforce ids, suspect user ids, unknown types. */
class UnrecognizedIds {
  count = 0;
  suspectUserIds = 0;
  readonly unknownTypes = new Set<string>();
  warn(sink: RowSink): void {
    if (this.count > 0) {
      sink.warn(`${this.count} record id(s) in Records are not 15/18-character Salesforce ids; they are kept in details.unrecognizedRecordIds, not in recordIds.`);
    }
    if (this.suspectUserIds > 0) {
      sink.warn(`${this.suspectUserIds} event(s) name a UserId whose case-safe suffix does not match its first 15 characters; they are kept, marked details.suspectUserId.`);
    }
    for (const type of [...this.unknownTypes].sort()) {
      sink.warn(
        type === UNTYPED
          ? 'Some events do not say their type (no attributes.type, channel, telling fields or type in the file name); they were imported as rtem:unknown with their common fields and the rest kept in details.'
          : `"${type}" is not a Salesforce event type this version knows; its events were imported with their common fields and the rest kept in details.`,
      );
    }
  }
}

function emit(sink: RowSink, eventType: string, payload: RtemPayload, place: RowPlace, raw: () => Buffer, ids: UnrecognizedIds): void {
  const mapped = mapRtemEvent(eventType, payload, place);
  if (mapped.event) {
    sink.event(mapped.event);
    ids.count += mapped.unrecognizedIds ?? 0;
    if (mapped.event.details?.suspectUserId !== undefined) ids.suspectUserIds++;
    if (!isKnownEventType(eventType)) ids.unknownTypes.add(eventType);
  } else rejectRow(sink, place, mapped.reason ?? 'not an event', raw());
}

/** The name used when neither the record, the channel, the fields nor the file name tell the event type. */
const UNTYPED = 'unknown';

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
    if (eventType !== null && isApiRecordType(eventType)) {
      const mapped = mapApiRecord(eventType, payload, place);
      if ('event' in mapped) sink.event(mapped.event);
      else rejectRow(sink, place, mapped.reason, bytes);
      return;
    }
    if (eventType !== null) return emit(sink, eventType, payload, place, () => bytes, ids);
    // An event without a type still has a date and an identifier: keep it with its common fields.
    if (payload.EventDate !== undefined && payload.EventIdentifier !== undefined) return emit(sink, UNTYPED, payload, place, () => bytes, ids);
    rejectRow(sink, place, 'the event type cannot be told from attributes, channel, fields or file name', bytes);
  });
  ids.warn(sink);
}

async function parseRtemCsv(input: ParseInput, sink: RowSink, decoding: TextDecoding): Promise<void> {
  const canonical = new Map(KNOWN_FIELDS.map((f) => [f.toLowerCase(), f]));
  const ids = new UnrecognizedIds();
  let names: string[] = [];
  let eventType: string | null = null;
  const stats = await readCsvTable(
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
  warnLineEndings(stats, sink, input.fileName);
  ids.warn(sink);
}

export const rtemParser: SourceParser = {
  format: 'salesforce-rtem',
  version: '2',
  description:
    'Salesforce Real-Time Event Monitoring events (every documented type: ApiEvent, ReportEvent, LoginAsEvent, LogoutEvent, SessionHijackingEvent, …) and SetupAuditTrail / LoginHistory API records: the record ids each access returned',
  detect: detectRtem,
  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input);
    const decoding = textDecoding(input, head);
    if (startsLikeJson(head)) await parseRtemJson(input, sink, decoding);
    else await parseRtemCsv(input, sink, decoding);
    return decoding.result;
  },
};
