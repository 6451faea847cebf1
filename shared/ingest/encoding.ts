import { isAscii, isUtf8 } from 'node:buffer';
import type { EncodingName, ParseInput } from './parser';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Windows-1252 0x80–0x9F; Node's `windows-1252` TextDecoder decodes these as Latin-1 control codes. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
/** Bytes Windows-1252 leaves undefined: their presence suggests ISO-8859-1 or another code page. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Windows-1252 differs from Latin-1 only in 0x80–0x9F. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export interface ByteOrderMark {
  encoding: EncodingName | null;
  length: number;
}

export function byteOrderMark(head: Uint8Array): ByteOrderMark {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return { encoding: null, length: 0 };
}

/** UTF-16 without a BOM shows as a zero byte in every other position of ASCII text. */
function utf16WithoutBom(head: Uint8Array): EncodingName | null {
  const n = Math.min(head.length - (head.length % 2), 512);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be';
  return null;
}

export function isUtf16(encoding: EncodingName): encoding is 'utf-16le' | 'utf-16be' {
  return encoding === 'utf-16le' || encoding === 'utf-16be';
}

/** Counts of well-formed multi-byte UTF-8 sequences and of high bytes that are not part of one. */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length - 1;
    } else invalid++;
  }
  return { valid, invalid };
}

/**
 * Decides a file's encoding from its first bytes and then from its content, and decodes it, a batch of whole
 * records (or one line) at a time. `decode` throws on bytes that contradict the file's encoding, so readers fall
 * back to decoding record by record and reject only the offending records.
 *
 * A BOM (or a forced encoding) decides at once. Otherwise the file counts as ASCII until the first high byte:
 * well-formed UTF-8 there means UTF-8, anything else Windows-1252 (the Data Export default). Later records that
 * contradict the decision (Latin-1 bytes in a UTF-8 file, or UTF-8 text in a Windows-1252 file) are mixed
 * encodings and are refused rather than stored as mojibake; so is a byte-order mark in the middle of the file.
 * A forced encoding is trusted.
 */
export class RecordDecoder {
  private decided: EncodingName | null;
  private guessed: boolean;
  private readonly forced: boolean;
  readonly bomLength: number;

  constructor(head: Buffer, forced?: EncodingName) {
    const bom = byteOrderMark(head);
    this.bomLength = bom.length;
    this.forced = forced !== undefined;
    if (forced) {
      this.decided = forced;
      this.guessed = false;
    } else if (bom.encoding) {
      this.decided = bom.encoding;
      this.guessed = false;
    } else {
      const utf16 = utf16WithoutBom(head);
      this.decided = utf16;
      this.guessed = utf16 !== null;
    }
  }

  /** The encoding once decided; an all-ASCII file reports UTF-8, which decodes it identically to Windows-1252. */
  get encoding(): EncodingName {
    return this.decided ?? 'utf-8';
  }

  get encodingGuessed(): boolean {
    return this.guessed;
  }

  readonly decode = (bytes: Buffer): string => {
    const encoding = this.decided;
    if (encoding === 'utf-16le' || encoding === 'utf-16be') return decodeUtf16(bytes, encoding);
    if (bytes.includes(UTF8_BOM)) throw new Error('a byte-order mark in the middle of the file (concatenated files?)');
    if (encoding === null) {
      if (isAscii(bytes)) return bytes.toString('latin1');
      this.decideFrom(bytes);
      return this.decode(bytes);
    }
    if (encoding === 'windows-1252') {
      // A forced Windows-1252 decodes every byte as asked, UTF-8 look-alikes included.
      if (!this.forced && utf8Evidence(bytes).valid > 0) {
        if (isUtf8(bytes)) throw new Error('UTF-8 text in a file decoded as Windows-1252 (mixed encodings)');
        // Several lines with some UTF-8 among them: make the reader decode them one record at a time.
        const lf = bytes.indexOf(0x0a);
        if (lf !== -1 && lf < bytes.length - 1) throw new Error('mixed encodings among these records');
      }
      return decodeWindows1252(bytes);
    }
    if (!isUtf8(bytes)) throw new Error('bytes that are not UTF-8 in a file decoded as UTF-8 (mixed encodings?)');
    return bytes.toString('utf8');
  };

  private decideFrom(bytes: Buffer): void {
    const { valid, invalid } = utf8Evidence(bytes);
    if (valid >= invalid) {
      this.decided = 'utf-8';
      this.guessed = invalid > 0;
    } else {
      this.decided = 'windows-1252';
      this.guessed = valid > 0 || bytes.some((b) => CP1252_UNDEFINED.has(b));
    }
  }
}

function decodeUtf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): string {
  if (bytes.length % 2 !== 0) throw new Error('an odd number of bytes in a UTF-16 file');
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  if (text.includes('\ufffd')) throw new Error(`bytes that are not valid ${encoding.toUpperCase()}`);
  if (text.includes('\ufeff')) throw new Error('a byte-order mark in the middle of the file (concatenated files?)');
  return text;
}

/** Message of an error thrown by `decode`. */
export function decodeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first bytes of the input, for encoding and header detection. */
export function readHead(input: Pick<ParseInput, 'open' | 'size'>, bytes = 64 * 1024): Promise<Buffer> {
  return readRange(input, 0, bytes);
}

/** Up to `max` bytes of the input from `start` (fewer at its end). */
export async function readRange(input: Pick<ParseInput, 'open' | 'size'>, start: number, max: number): Promise<Buffer> {
  if (max <= 0 || start >= input.size) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const chunk of input.open({ start, end: Math.min(input.size, start + max) - 1 }) as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * UTF-16 text as a UTF-8 byte stream, for readers that find delimiters and line feeds as ASCII bytes. The BOM is
 * dropped, so offset 0 of the output is offset `bomLength` of the file; `Utf16Offsets` maps offsets back.
 */
export async function* transcodeUtf16(stream: AsyncIterable<Buffer>, encoding: 'utf-16le' | 'utf-16be', bomLength: number): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let skip = bomLength;
  for await (const chunk of stream) {
    const bytes = skip > 0 ? chunk.subarray(Math.min(skip, chunk.length)) : chunk;
    skip = Math.max(0, skip - chunk.length);
    const text = decoder.decode(bytes, { stream: true });
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}

/**
 * Maps offsets in a transcoded UTF-16 stream back to the file, for records visited in order. Bytes between
 * records are line endings (ASCII: one byte is one UTF-16 code unit).
 */
export class Utf16Offsets {
  private outPos = 0;
  private filePos: number;

  constructor(
    bomLength: number,
    private readonly encoding: 'utf-16le' | 'utf-16be',
  ) {
    this.filePos = bomLength;
  }

  /** File offset, length and original bytes for a record at `byteOffset` in the transcoded stream. */
  map(byteOffset: number, utf8Bytes: Buffer): { byteOffset: number; byteLength: number; raw: Buffer } {
    const start = this.filePos + 2 * (byteOffset - this.outPos);
    const text = utf8Bytes.toString('utf8');
    const raw = Buffer.from(text, 'utf16le');
    if (this.encoding === 'utf-16be') raw.swap16();
    this.outPos = byteOffset + utf8Bytes.length;
    this.filePos = start + raw.length;
    return { byteOffset: start, byteLength: raw.length, raw };
  }
}
