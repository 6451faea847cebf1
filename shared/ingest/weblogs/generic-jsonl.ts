import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { readLines } from './lines';
import { mappedEvent, resolveMapping } from './mapped-event';
import { rejectLine } from './reject';

const MAX_LINE_BYTES = 16 * 1024 * 1024;

function valueAt(object: Record<string, unknown>, key: string): unknown {
  if (key in object) return object[key];
  let current: unknown = object;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export const genericJsonLinesParser: SourceParser = {
  format: 'generic-jsonl',
  version: '1',
  description: 'Any JSON Lines log, read through a column mapping (ts, clientIp, username, sessionKey, recordIds, …; dotted keys reach nested values).',

  detect(sample: DetectSample): number {
    const lines = sample.head.toString('utf8').replace(/^\ufeff/, '').split('\n').slice(0, 5).filter((l) => l.trim() !== '');
    if (lines.length === 0) return 0;
    const complete = lines.length > 1 ? lines.slice(0, -1) : lines;
    const objects = complete.filter((l) => l.trim().startsWith('{') && l.trim().endsWith('}')).length;
    return objects * 2 > complete.length ? 0.2 : 0;
  },

  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    let recordNo = 0;
    for await (const line of readLines(input.open(), MAX_LINE_BYTES, (n) => sink.progress(n))) {
      if (input.signal.aborted) break;
      const bytes = line.lineNo === 1 && line.bytes[0] === 0xef && line.bytes[1] === 0xbb && line.bytes[2] === 0xbf ? line.bytes.subarray(3) : line.bytes;
      if (bytes.toString('latin1').trim() === '') continue;
      recordNo++;
      if (line.truncated) {
        rejectLine(sink, line, recordNo, `The line is longer than ${MAX_LINE_BYTES} bytes.`);
        continue;
      }
      let object: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(bytes.toString('utf8'));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
        object = parsed as Record<string, unknown>;
      } catch (error) {
        rejectLine(sink, line, recordNo, `The line is not a JSON object (${(error as Error).message}).`);
        continue;
      }
      const mapping = resolveMapping(input.options.mapping, (key) => valueAt(object, key) !== undefined);
      const provenance = { recordNo, lineNo: line.lineNo, byteOffset: line.byteOffset, byteLength: line.byteLength, entry: null };
      const event = mappedEvent((key) => valueAt(object, key), Object.keys(object), mapping, provenance, 'jsonl', bytes, input.options.timeZone);
      if (typeof event === 'string') rejectLine(sink, line, recordNo, event);
      else sink.event(event);
    }
    return { encoding: 'utf-8', encodingGuessed: false };
  },
};
