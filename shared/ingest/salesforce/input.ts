/** Reading helpers shared by the Salesforce parsers. */
import { LedgerError } from '../../contract/errors';
import { decodeUtf8Strict } from '../csv/reader';
import { byteOrderMark, decodeWindows1252, isUtf16 } from '../encoding';
import type { ParseInput, ParseResult, RowSink } from '../parser';
import type { RowPlace } from './event-row';
import { JsonUnitSplitter } from './json-units';

/** Feeds every chunk of the input to `push`, reporting progress and stopping when the import is cancelled. */
async function feedInput(input: ParseInput, sink: RowSink, push: (chunk: Buffer) => void): Promise<void> {
  let read = 0;
  for await (const chunk of input.open()) {
    input.signal.throwIfAborted();
    push(chunk as Buffer);
    read += (chunk as Buffer).length;
    sink.progress(read);
  }
}

/**
 * Each JSON object of the input (one document, concatenated documents, JSON Lines or the records of a query
 * result) with its place and bytes; units that are not JSON objects are rejected.
 */
export async function readJsonObjects(
  input: ParseInput,
  sink: RowSink,
  decoding: TextDecoding,
  onObject: (object: Record<string, unknown>, place: RowPlace, bytes: Buffer) => void,
): Promise<void> {
  let recordNo = 0;
  const splitter = new JsonUnitSplitter({
    onUnit(unit) {
      recordNo++;
      const place = { recordNo, lineNo: unit.lineNo, byteOffset: unit.byteOffset, byteLength: unit.bytes.length };
      let value: unknown;
      try {
        value = JSON.parse(decoding.decode(unit.bytes));
      } catch (err) {
        return rejectRow(sink, place, `not valid JSON (${(err as Error).message})`, unit.bytes);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return rejectRow(sink, place, 'JSON value is not an object', unit.bytes);
      onObject(value as Record<string, unknown>, place, unit.bytes);
    },
    onBad(bad) {
      recordNo++;
      rejectRow(sink, { recordNo, lineNo: bad.lineNo, byteOffset: bad.byteOffset, byteLength: bad.bytes.length }, bad.reason, bad.bytes);
    },
  });
  await feedInput(input, sink, (chunk) => splitter.push(chunk));
  splitter.end();
}

/** True when the first non-blank byte (after a UTF-8 BOM) opens a JSON object or array. */
export function startsLikeJson(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return head[i] === 0x7b || head[i] === 0x5b;
}

export interface TextDecoding {
  decode: (bytes: Buffer) => string;
  result: ParseResult;
}

/** Salesforce writes UTF-8; `--encoding windows-1252` is honoured for files re-saved by spreadsheet tools. */
export function textDecoding(input: ParseInput, head: Buffer): TextDecoding {
  const forced = input.options.encoding;
  const bom = byteOrderMark(head).encoding;
  if ((forced !== undefined && isUtf16(forced)) || (bom !== null && isUtf16(bom))) {
    throw new LedgerError('INVALID_INPUT', 'This Salesforce parser reads UTF-8 or Windows-1252 text; convert UTF-16 files to UTF-8 first.', {
      fileName: input.fileName,
    });
  }
  if (forced === 'windows-1252') return { decode: decodeWindows1252, result: { encoding: 'windows-1252', encodingGuessed: false } };
  return { decode: decodeUtf8Strict, result: { encoding: bom === 'utf-8-bom' ? 'utf-8-bom' : 'utf-8', encodingGuessed: false } };
}

/** Sends a reject for a record that was read but cannot become a row. */
export function rejectRow(
  sink: RowSink,
  place: { recordNo: number | null; lineNo: number | null; byteOffset: number; byteLength: number },
  reason: string,
  raw: Buffer,
): void {
  sink.reject({ entry: null, ...place, reason, raw });
}
