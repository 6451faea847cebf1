/** Reading helpers shared by the Salesforce parsers. */
import { LedgerError } from '../../contract/errors';
import { decodeUtf8Strict } from '../csv/reader';
import type { EncodingName, ParseInput, ParseResult, RowSink } from '../parser';

/** The first `max` bytes of the input. */
export async function readHead(input: ParseInput, max = 64 * 1024): Promise<Buffer> {
  if (input.size === 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const chunk of input.open({ start: 0, end: Math.min(input.size, max) - 1 })) parts.push(chunk as Buffer);
  return Buffer.concat(parts).subarray(0, max);
}

/** Feeds every chunk of the input to `push`, reporting progress and stopping when the import is cancelled. */
export async function feedInput(input: ParseInput, sink: RowSink, push: (chunk: Buffer) => void): Promise<void> {
  let read = 0;
  for await (const chunk of input.open()) {
    input.signal.throwIfAborted();
    push(chunk as Buffer);
    read += (chunk as Buffer).length;
    sink.progress(read);
  }
}

/** True when the first non-blank byte (after a UTF-8 BOM) opens a JSON object or array. */
export function startsLikeJson(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return head[i] === 0x7b || head[i] === 0x5b;
}

export function hasUtf8Bom(head: Buffer): boolean {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

export interface TextDecoding {
  decode: (bytes: Buffer) => string;
  result: ParseResult;
}

/** Salesforce writes UTF-8; `--encoding windows-1252` is honoured for files re-saved by spreadsheet tools. */
export function textDecoding(input: ParseInput, head: Buffer): TextDecoding {
  const forced = input.options.encoding;
  if (forced === 'utf-16le' || forced === 'utf-16be' || head.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) || head.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))) {
    throw new LedgerError('INVALID_INPUT', 'This Salesforce parser reads UTF-8 or Windows-1252 text; convert UTF-16 files to UTF-8 first.', {
      fileName: input.fileName,
    });
  }
  if (forced === 'windows-1252') return { decode: decodeWindows1252, result: { encoding: 'windows-1252', encodingGuessed: false } };
  const encoding: EncodingName = hasUtf8Bom(head) ? 'utf-8-bom' : 'utf-8';
  return { decode: decodeUtf8Strict, result: { encoding, encodingGuessed: false } };
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

/** Windows-1252 differs from Latin-1 only in 0x80–0x9F (Node's TextDecoder treats the two as one). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
