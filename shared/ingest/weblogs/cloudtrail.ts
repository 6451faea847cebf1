import { isIP } from 'node:net';
import { sha256Hex } from '../../util/hash';
import { normalizeTimestamp } from '../../normalize/date';
import type { AccessEventRow, DetectSample, ParseInput, ParseResult, Provenance, RowSink, SourceParser } from '../parser';
import { readHead, readRange } from '../encoding';
import { accessEvent, present } from './event';
import { streamTopLevelArray } from './json-array-stream';
import { readLines } from './lines';
import { rejectLine } from './reject';

const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const CLOUDTRAIL_KEYS = ['"eventVersion"', '"eventSource"', '"eventName"', '"eventTime"'];

type Json = Record<string, unknown>;

function object(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** One CloudTrail record as an access event; null when it has no usable `eventTime`. */
function cloudTrailEvent(record: Json, provenance: Provenance, rawBytes: Buffer): AccessEventRow | null {
  const ts = normalizeTimestamp(present(record.eventTime));
  if (!ts) return null;
  const identity = object(record.userIdentity) ?? {};
  const issuer = object(object(identity.sessionContext)?.sessionIssuer) ?? {};
  const sourceAddress = present(record.sourceIPAddress);
  const resources = Array.isArray(record.resources) ? record.resources.map(object).filter((r): r is Json => r !== null) : [];
  const response = object(record.responseElements);
  const errorCode = present(record.errorCode);
  return accessEvent(
    provenance,
    { sourceType: 'cloudtrail', ts, dedupKey: `cloudtrail:${present(record.eventID) ?? sha256Hex(rawBytes)}` },
    {
      actorId: present(identity.arn) ?? present(identity.principalId),
      username: present(identity.userName) ?? present(issuer.userName),
      sessionKey: present(identity.accessKeyId),
      clientIp: sourceAddress !== null && isIP(sourceAddress) ? sourceAddress : null,
      userAgent: present(record.userAgent),
      operation: present(record.eventName),
      objectType: present(resources[0]?.type),
      status: errorCode ?? present(response?.ConsoleLogin) ?? 'Success',
      requestId: present(record.requestID),
    },
    {
      details: {
        eventSource: present(record.eventSource),
        awsRegion: present(record.awsRegion),
        accessKeyId: present(identity.accessKeyId),
        accountId: present(identity.accountId),
        identityType: present(identity.type),
        sourceService: sourceAddress !== null && !isIP(sourceAddress) ? sourceAddress : null,
        errorMessage: present(record.errorMessage),
        eventType: present(record.eventType),
        readOnly: typeof record.readOnly === 'boolean' ? record.readOnly : null,
        recipientAccountId: present(record.recipientAccountId),
        resourceArns: resources.map((r) => present(r.ARN)).filter((a): a is string => a !== null),
        requestParameters: present(record.requestParameters),
      },
    },
  );
}

function parseRecord(bytes: Buffer): { record: Json } | { error: string } {
  try {
    const record = object(JSON.parse(bytes.toString('utf8')));
    return record ? { record } : { error: 'The record is not a JSON object.' };
  } catch (error) {
    return { error: `The record is not valid JSON (${(error as Error).message}).` };
  }
}

/** The first non-space byte: `{` then `"Records"` means the S3 delivery shape, anything else JSON Lines. */
function isRecordsDocument(head: Buffer): boolean {
  const text = head.toString('utf8', 0, Math.min(head.length, 4096)).replace(/^\ufeff/, '').trimStart();
  return /^\{\s*"Records"\s*:\s*\[/.test(text);
}

export const awsCloudTrailParser: SourceParser = {
  format: 'aws-cloudtrail',
  version: '1',
  description: 'AWS CloudTrail records (S3 delivery {"Records":[…]} or JSON Lines): which AWS identity and key did what, from where.',

  detect(sample: DetectSample): number {
    const text = sample.head.toString('utf8', 0, Math.min(sample.head.length, 16 * 1024));
    const trimmed = text.replace(/^\ufeff/, '').trimStart();
    if (!trimmed.startsWith('{')) return 0;
    const hits = CLOUDTRAIL_KEYS.filter((key) => text.includes(key)).length;
    if (hits < 3) return 0;
    return isRecordsDocument(sample.head) || text.includes('"userIdentity"') ? 0.95 : 0.8;
  },

  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input, 4096);
    const emit = (bytes: Buffer, provenance: Provenance, rejectRaw: Buffer): void => {
      const parsed = parseRecord(bytes);
      const reject = (reason: string): void =>
        sink.reject({ entry: null, recordNo: provenance.recordNo, lineNo: provenance.lineNo, byteOffset: provenance.byteOffset, byteLength: provenance.byteLength, reason, raw: rejectRaw });
      if ('error' in parsed) return reject(parsed.error);
      const event = cloudTrailEvent(parsed.record, provenance, bytes);
      if (!event) return reject('The record has no valid eventTime.');
      sink.event(event);
    };
    if (isRecordsDocument(head)) await parseRecordsDocument(input, sink, emit);
    else await parseJsonLines(input, sink, emit);
    return { encoding: 'utf-8', encodingGuessed: false };
  },
};

type Emit = (bytes: Buffer, provenance: Provenance, rejectRaw: Buffer) => void;

async function parseRecordsDocument(input: ParseInput, sink: RowSink, emit: Emit): Promise<void> {
  const items = streamTopLevelArray(input.open(), 'Records', MAX_RECORD_BYTES, (n) => sink.progress(n));
  let recordNo = 0;
  for (;;) {
    const next = await items.next();
    if (next.done) {
      const tail = next.value;
      if (tail.unfinishedAt !== null) {
        const raw = await readRange(input, tail.unfinishedAt, 64 * 1024);
        sink.reject({
          entry: null, recordNo: null, lineNo: null, byteOffset: tail.unfinishedAt, byteLength: input.size - tail.unfinishedAt,
          reason: 'The file ends inside the Records array (truncated or not valid JSON), so the rest could not be read.', raw,
        });
      }
      return;
    }
    if (input.signal.aborted) return;
    const item = next.value;
    recordNo++;
    const provenance: Provenance = { recordNo, lineNo: null, byteOffset: item.byteOffset, byteLength: item.byteLength, entry: null };
    if (item.truncated) {
      sink.reject({ entry: null, recordNo, lineNo: null, byteOffset: item.byteOffset, byteLength: item.byteLength, reason: `The record is larger than ${MAX_RECORD_BYTES} bytes.`, raw: item.bytes });
      continue;
    }
    emit(item.bytes, provenance, item.bytes);
  }
}

async function parseJsonLines(input: ParseInput, sink: RowSink, emit: Emit): Promise<void> {
  let recordNo = 0;
  for await (const line of readLines(input.open(), MAX_RECORD_BYTES, (n) => sink.progress(n))) {
    if (input.signal.aborted) return;
    const bytes = line.lineNo === 1 && line.bytes[0] === 0xef && line.bytes[1] === 0xbb && line.bytes[2] === 0xbf ? line.bytes.subarray(3) : line.bytes;
    if (bytes.toString('latin1').trim() === '') continue;
    recordNo++;
    if (line.truncated) {
      rejectLine(sink, line, recordNo, `The line is longer than ${MAX_RECORD_BYTES} bytes.`);
      continue;
    }
    emit(bytes, { recordNo, lineNo: line.lineNo, byteOffset: line.byteOffset, byteLength: line.byteLength, entry: null }, line.bytes);
  }
}
