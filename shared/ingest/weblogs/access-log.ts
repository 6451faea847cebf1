import { isIP } from 'node:net';
import { sha256Hex } from '../../util/hash';
import { offsetMinutes } from '../../util/time';
import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { decodeFailure, readHead, RecordDecoder } from '../encoding';
import { accessEvent, present } from './event';
import { readLines } from './lines';
import { rejectLine } from './reject';

/**
 * `[vhost[:port]] [forwarded-for list] host[, host…] ident user [time] "request" status bytes ["referer" "agent"] [extra…]`:
 * Apache and Nginx common and combined formats, with the optional virtual-host prefix, the X-Forwarded-For list some
 * Nginx formats log before the address, and trailing extra fields seen in real logs.
 */
const ACCESS_LINE =
  /^(?:(\S+) )?(?:("[^"]*"|(?:[^\s",]+, )+[^\s",]+) )?((?:[^\s",]+, )*[^\s",]+) (\S+) (\S+) \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(.*)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_LINE_BYTES = 1024 * 1024;

function accessTime(m: RegExpExecArray): string | null {
  const month = MONTHS.indexOf(m[7] as string);
  if (month < 0) return null;
  const epoch = Date.UTC(Number(m[8]), month, Number(m[6]), Number(m[9]), Number(m[10]), Number(m[11]));
  const ts = new Date(epoch - (offsetMinutes(m[12] as string) ?? 0) * 60_000);
  return Number.isNaN(ts.getTime()) ? null : ts.toISOString();
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

export const webAccessLogParser: SourceParser = {
  format: 'web-access-log',
  version: '2',
  description: 'Apache/Nginx access log (common or combined, optional vhost): who requested which URL, from where, when.',

  detect(sample: DetectSample): number {
    const lines = sample.head.toString('latin1').split('\n').slice(0, 20).filter((l) => l.trim() !== '');
    if (lines.length === 0) return 0;
    const matching = lines.filter((l) => ACCESS_LINE.test(l.replace(/\r$/, ''))).length;
    return matching === 0 ? 0 : 0.9 * (matching / lines.length);
  },

  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const head = await readHead(input);
    const decoder = new RecordDecoder(head, input.options.encoding);
    let recordNo = 0;
    let second = '';
    const seenThisSecond = new Map<string, number>();
    for await (const line of readLines(input.open(), MAX_LINE_BYTES, (n) => sink.progress(n))) {
      if (input.signal.aborted) break;
      const body = line.lineNo === 1 ? line.bytes.subarray(decoder.bomLength) : line.bytes;
      if (body.toString('latin1').trim() === '') continue;
      recordNo++;
      const provenance = { recordNo, lineNo: line.lineNo, byteOffset: line.byteOffset, byteLength: line.byteLength, entry: null };
      if (line.truncated) {
        rejectLine(sink, line, recordNo, `The line is longer than ${MAX_LINE_BYTES} bytes, so it is not an access log line.`);
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(body);
      } catch (error) {
        rejectLine(sink, line, recordNo, `The line cannot be decoded: it contains ${decodeFailure(error)}.`);
        continue;
      }
      const m = ACCESS_LINE.exec(text);
      const ts = m ? accessTime(m) : null;
      if (!m || !ts) {
        rejectLine(sink, line, recordNo, 'The line is not in Apache/Nginx common or combined log format.');
        continue;
      }
      // Identical lines in the same second are told apart by their order, which overlapping files share.
      if (ts !== second) {
        second = ts;
        seenThisSecond.clear();
      }
      const lineHash = sha256Hex(body);
      const occurrence = (seenThisSecond.get(lineHash) ?? 0) + 1;
      seenThisSecond.set(lineHash, occurrence);
      const [method, uri, protocol] = requestParts(unescape(m[13] as string));
      // Nginx may log a list of addresses ("a, b, c"): the first address is the client's.
      const hosts = (m[3] as string).split(', ');
      const host = hosts.find((h) => isIP(h)) ?? hosts[0]!;
      const combined = m[16] !== undefined;
      sink.event(
        accessEvent(
          provenance,
          { sourceType: combined ? 'web:combined' : 'web:common', ts, dedupKey: `web:${lineHash}:${occurrence}` },
          {
            clientIp: isIP(host) ? host : null,
            username: present(m[5]),
            userAgent: combined ? present(unescape(m[17] as string)) : null,
            operation: method,
            uri,
            status: present(m[14]),
          },
          {
            details: {
              vhost: present(m[1]),
              remoteHost: isIP(host) ? null : host,
              remoteHosts: hosts.length > 1 ? hosts : null,
              forwardedFor: present(m[2]?.replace(/^"|"$/g, '')),
              ident: present(m[4]),
              protocol,
              request: method === null ? present(m[13]) : null,
              bytes: m[15] === '-' ? null : Number(m[15]),
              referer: combined ? present(unescape(m[16] as string)) : null,
              extra: present(m[18]),
            },
          },
        ),
      );
    }
    return { encoding: decoder.encoding, encodingGuessed: decoder.encodingGuessed };
  },
};

function requestParts(request: string): [string | null, string | null, string | null] {
  const parts = /^([A-Z]+) (\S+)(?: (\S+))?$/.exec(request);
  if (!parts) return [null, null, null];
  return [parts[1] as string, parts[2] as string, parts[3] ?? null];
}
