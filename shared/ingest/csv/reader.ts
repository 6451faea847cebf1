/**
 * Streaming RFC-4180 CSV reader over raw bytes, with byte-exact provenance for every record.
 *
 *   const reader = new CsvReader({ onRecord(rec, raw) {...}, onBad(bad) {...} }, options);
 *   reader.push(chunk); ...; reader.end();          // or: await readCsv(stream, handlers, options)
 *
 * - `onRecord(rec, raw)`: `rec.fields` are decoded strings; `rec.recordNo` counts every record including the
 *   header (1-based); `lineNo` is the 1-based line the record starts on; `byteOffset`/`byteLength` cover the
 *   record's bytes in the stream including its line ending. `raw()` copies those bytes; call it only inside
 *   the callback.
 * - `onBad(bad)`: a record that could not be read (unterminated or malformed quoting, undecodable bytes, NUL
 *   bytes, longer than `maxRecordBytes`), with reason and raw bytes. A broken quoted record is rejected up to the
 *   end of the line it starts on and reading resumes on the next line, so one stray quote never swallows the file.
 * - Options: `delimiter` (`,` `;` `\t` `|`); `decode(bytes) => string` for the record bytes (default strict
 *   UTF-8; it must throw on bytes it cannot decode); `maxRecordBytes` (default 32 MiB, so fields of tens of MB
 *   are fine; longer records are rejected).
 *   Quotes, delimiters and line feeds are found as ASCII bytes, so `decode` must be for an ASCII-compatible
 *   encoding (UTF-8, Windows-1252, Latin-1). UTF-16 must be transcoded before it reaches this reader.
 * A UTF-8 byte-order mark at the start is skipped (offsets still count it); blank lines are skipped; CRLF and LF
 * both end a record, and so does CR in a file whose first line ends with CR alone; a final record without a line ending is read. Field text is kept verbatim (`=HYPERLINK(...)`
 * stays data); a quote inside an unquoted field is kept as data.
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';

export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvOptions {
  delimiter?: CsvDelimiter;
  decode?: (bytes: Buffer) => string;
  maxRecordBytes?: number;
}

export interface CsvRecord {
  fields: string[];
  recordNo: number;
  lineNo: number;
  byteOffset: number;
  byteLength: number;
}

export interface CsvBadRecord {
  recordNo: number;
  lineNo: number;
  byteOffset: number;
  byteLength: number;
  reason: string;
  raw: Buffer;
}

export interface CsvHandlers {
  onRecord(record: CsvRecord, raw: () => Buffer): void;
  onBad(bad: CsvBadRecord): void;
}

export const DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;
/** Small stream chunks are batched so per-batch work (decode, scan setup) is amortized. */
const MIN_BATCH_BYTES = 512 * 1024;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

function crAsLineFeed(chunk: Buffer): Buffer {
  if (!chunk.includes(CR)) return chunk;
  const copy = Buffer.from(chunk);
  for (let at = copy.indexOf(CR); at !== -1; at = copy.indexOf(CR, at + 1)) copy[at] = LF;
  return copy;
}

export function decodeUtf8Strict(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !isUtf8(bytes)) throw new Error('invalid UTF-8');
  return text;
}

const INCOMPLETE = 0;
const COMPLETE = 1;
const MALFORMED = 2;
type ParseStatus = typeof INCOMPLETE | typeof COMPLETE | typeof MALFORMED;

/** How character offsets in a decoded batch map back to bytes. */
type OffsetMode = 'identity' | 'utf8' | 'perRecord';

export class CsvReader {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly decode: (bytes: Buffer) => string;
  private readonly maxRecordBytes: number;

  private pending: Buffer = Buffer.alloc(0);
  private pendingOffset = 0;
  private queued: Buffer[] = [];
  private queuedBytes = 0;
  private waitFor = MIN_BATCH_BYTES;
  private bomChecked = false;
  private lineEnding: 'unknown' | 'lf' | 'cr' = 'unknown';
  private crAtChunkEnd = false;
  /** Record endings seen (outside quoted fields), and CRs not followed by LF in an LF or CRLF file. */
  private readonly endings = { crlf: 0, lf: 0, loneCr: 0, lfInCrFile: 0 };
  private lastByteCr = false;
  private bomSeen = false;
  private lineNo = 1;
  private recordNo = 0;
  /** Set while discarding an over-long line that has no line feed yet. */
  private skipping: { offset: number; lineNo: number; recordNo: number; raw: Buffer; length: number } | null = null;

  // Per-record scratch, set by parseRecord.
  private fields: string[] = [];
  private next = 0;
  private multiline = false;
  private badReason = '';
  private nextDelimiter = -1;
  private batch: Buffer = this.pending;
  private rawStart = 0;
  private rawEnd = 0;

  constructor(
    private readonly handlers: CsvHandlers,
    options: CsvOptions = {},
  ) {
    this.delimiter = options.delimiter ?? ',';
    this.delimiterCode = this.delimiter.charCodeAt(0);
    this.decode = options.decode ?? decodeUtf8Strict;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  /** True once a UTF-8 byte-order mark was skipped at the start. */
  get hadBom(): boolean {
    return this.bomSeen;
  }

  /** True once the input turned out to end its lines with CR alone (classic Mac OS, old Excel for Mac). */
  get loneCrLineEndings(): boolean {
    return this.lineEnding === 'cr';
  }

  /** One sentence when the line endings are suspicious (mixed, or lone CRs inside an LF/CRLF file), else null. */
  get lineEndingWarning(): string | null {
    const e = this.endings;
    if (this.lineEnding === 'cr') {
      return e.lfInCrFile > 0
        ? `mixed line endings: lines end with a lone CR (classic Mac OS), but ${e.lfInCrFile.toLocaleString('en-US')} line feeds were also found (read as line ends too); check the file was not joined from several sources or altered in transfer`
        : 'lines end with a lone CR (classic Mac OS); read as line ends';
    }
    const parts: string[] = [];
    if (e.crlf > 0 && e.lf > 0) parts.push(`${e.crlf.toLocaleString('en-US')} records end with CRLF and ${e.lf.toLocaleString('en-US')} with LF alone`);
    if (e.loneCr > 0) parts.push(`${e.loneCr.toLocaleString('en-US')} lone CR characters (a classic Mac OS line end) are inside lines, kept as data, so rows around them may be joined`);
    return parts.length > 0 ? `mixed line endings: ${parts.join('; ')}; check the file was not joined from several sources or altered in transfer` : null;
  }

  push(input: Buffer): void {
    if (input.length === 0) return;
    if (this.lineEnding === 'unknown') this.learnLineEnding(input);
    this.countLoneEndings(input);
    const chunk = this.lineEnding === 'cr' ? crAsLineFeed(input) : input;
    this.queued.push(chunk);
    this.queuedBytes += chunk.length;
    // A chunk ending in CR waits for the next byte to tell CRLF from a lone CR.
    if (this.pending.length + this.queuedBytes >= this.waitFor && !this.crAtChunkEnd) this.process(false);
  }

  end(): void {
    if (this.crAtChunkEnd) this.settleLineEnding('cr');
    // A CR as the very last byte ends the last line: not a lone CR inside a line.
    this.lastByteCr = false;
    this.process(true);
  }

  /**
   * Decided at the first line ending: a CR not followed by LF makes the whole input a lone-CR file, whose CRs are
   * read as line feeds (same byte count, so every offset stays exact).
   */
  private learnLineEnding(chunk: Buffer): void {
    if (this.crAtChunkEnd) return this.settleLineEnding(chunk[0] === LF ? 'lf' : 'cr');
    const cr = chunk.indexOf(CR);
    const lf = chunk.indexOf(LF);
    if (lf !== -1 && (cr === -1 || lf < cr || lf === cr + 1)) this.lineEnding = 'lf';
    else if (cr !== -1 && cr < chunk.length - 1) this.lineEnding = 'cr';
    else this.crAtChunkEnd = cr === chunk.length - 1;
  }

  /** Lone CRs in an LF/CRLF file and LFs in a lone-CR file, on the raw bytes (a CR at a chunk's end waits for the next byte). */
  private countLoneEndings(input: Buffer): void {
    if (this.lastByteCr && input[0] !== LF && this.lineEnding !== 'cr') this.endings.loneCr++;
    if (this.lineEnding === 'cr') {
      for (let at = input.indexOf(LF); at !== -1; at = input.indexOf(LF, at + 1)) this.endings.lfInCrFile++;
    } else {
      for (let at = input.indexOf(CR); at !== -1 && at < input.length - 1; at = input.indexOf(CR, at + 1)) if (input[at + 1] !== LF) this.endings.loneCr++;
    }
    this.lastByteCr = input[input.length - 1] === CR;
  }

  private settleLineEnding(ending: 'lf' | 'cr'): void {
    this.lineEnding = ending;
    this.crAtChunkEnd = false;
    if (ending === 'cr' && this.queued.length > 0) this.queued[this.queued.length - 1] = crAsLineFeed(this.queued[this.queued.length - 1]!);
  }

  private readonly raw = (): Buffer => Buffer.from(this.batch.subarray(this.rawStart, this.rawEnd));

  private process(final: boolean): void {
    let buf = this.queued.length === 0 ? this.pending : Buffer.concat([this.pending, ...this.queued]);
    this.queued = [];
    this.queuedBytes = 0;
    if (!this.bomChecked) {
      if (buf.length < 3 && !final) {
        this.pending = buf;
        return;
      }
      this.bomChecked = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        this.bomSeen = true;
        buf = buf.subarray(3);
        this.pendingOffset = 3;
      }
    }
    for (;;) {
      if (this.skipping) {
        buf = this.continueSkipping(buf, final);
        if (this.skipping) break;
      }
      const consumed = this.consume(buf, final);
      buf = buf.subarray(consumed);
      this.pendingOffset += consumed;
      if (final || buf.length <= this.maxRecordBytes) break;
      const rejected = this.rejectOverlongStart(buf);
      buf = buf.subarray(rejected);
      this.pendingOffset += rejected;
    }
    this.pending = buf;
    this.waitFor = Math.max(MIN_BATCH_BYTES, buf.length * 2);
  }

  /**
   * The unconsumed bytes exceed the cap: reject the first line of the stuck record and resync after it.
   * Returns the bytes consumed (0 when the line has no end yet and skipping starts).
   */
  private rejectOverlongStart(buf: Buffer): number {
    const lf = buf.indexOf(LF);
    this.recordNo++;
    if (lf === -1) {
      this.skipping = {
        offset: this.pendingOffset,
        lineNo: this.lineNo,
        recordNo: this.recordNo,
        raw: Buffer.from(buf.subarray(0, this.maxRecordBytes)),
        length: 0,
      };
      return 0;
    }
    this.emitBad(buf, 0, lf + 1, this.overlongReason());
    this.lineNo++;
    return lf + 1;
  }

  private continueSkipping(buf: Buffer, final: boolean): Buffer {
    const skip = this.skipping!;
    const lf = buf.indexOf(LF);
    const end = lf === -1 ? buf.length : lf + 1;
    skip.length += end;
    this.pendingOffset += end;
    if (lf === -1 && !final) return buf.subarray(end);
    this.handlers.onBad({
      recordNo: skip.recordNo,
      lineNo: skip.lineNo,
      byteOffset: skip.offset,
      byteLength: skip.length,
      reason: `${this.overlongReason()} (only the first ${this.maxRecordBytes} bytes are kept)`,
      raw: skip.raw,
    });
    this.skipping = null;
    this.lineNo++;
    return buf.subarray(end);
  }

  private overlongReason(): string {
    return `record is longer than the ${this.maxRecordBytes}-byte limit or has an unterminated quoted field`;
  }

  /** Reads every complete record in `buf`; returns how many bytes were consumed. */
  private consume(buf: Buffer, final: boolean): number {
    const limit = final ? buf.length : buf.lastIndexOf(LF) + 1;
    if (limit === 0) return 0;
    const region = limit === buf.length ? buf : buf.subarray(0, limit);
    this.batch = buf;
    let text: string | null;
    try {
      text = this.decode(region);
    } catch {
      text = null;
    }
    if (text !== null && text.length === limit) return this.parseBatch(text, buf, 'identity', final);
    if (text !== null && Buffer.byteLength(text) === limit) return this.parseBatch(text, buf, 'utf8', final);
    // Undecodable bytes somewhere: find record boundaries on a byte-for-byte view and decode each record alone.
    return this.parseBatch(region.toString('latin1'), buf, 'perRecord', final);
  }

  private parseBatch(s: string, buf: Buffer, mode: OffsetMode, final: boolean): number {
    const end = s.length;
    const hasNul = buf.indexOf(0) !== -1;
    this.nextDelimiter = -1;
    let pos = 0;
    let byte = 0;
    while (pos < end) {
      const c = s.charCodeAt(pos);
      if (c === LF || (c === CR && s.charCodeAt(pos + 1) === LF)) {
        const step = c === LF ? 1 : 2;
        pos += step;
        byte += step;
        this.lineNo++;
        continue;
      }
      let status = this.parseRecord(s, pos, end, final);
      if (status === INCOMPLETE) {
        if (!final) return byte;
        status = MALFORMED;
        this.badReason = 'quoted field is not terminated before the end of the file';
      }
      this.recordNo++;
      if (status === MALFORMED) {
        const lf = s.indexOf('\n', pos);
        const next = lf === -1 ? end : lf + 1;
        const length = mode === 'utf8' ? Buffer.byteLength(s.slice(pos, next)) : next - pos;
        this.emitBad(buf, byte, byte + length, this.badReason);
        this.lineNo++;
        pos = next;
        byte += length;
        continue;
      }
      const next = this.next;
      const length = mode === 'utf8' ? Buffer.byteLength(s.slice(pos, next)) : next - pos;
      const lines = this.multiline ? countLineFeeds(s, pos, next) : 1;
      if (length > this.maxRecordBytes) {
        this.emitBad(buf, byte, byte + length, this.overlongReason());
      } else if (hasNul && containsNul(s, pos, next)) {
        this.emitBad(buf, byte, byte + length, 'record contains NUL bytes');
      } else if (mode === 'perRecord') {
        this.emitDecodedRecord(buf, byte, byte + length);
      } else {
        this.emitRecord(byte, length);
      }
      this.lineNo += lines;
      pos = next;
      byte += length;
    }
    return byte;
  }

  private emitRecord(start: number, length: number): void {
    this.rawStart = start;
    this.rawEnd = start + length;
    this.handlers.onRecord(
      {
        fields: this.fields,
        recordNo: this.recordNo,
        lineNo: this.lineNo,
        byteOffset: this.pendingOffset + start,
        byteLength: length,
      },
      this.raw,
    );
  }

  private emitDecodedRecord(buf: Buffer, start: number, end: number): void {
    let text: string;
    try {
      text = this.decode(buf.subarray(start, end));
    } catch (err) {
      this.emitBad(buf, start, end, `record bytes cannot be decoded (${(err as Error).message})`);
      return;
    }
    this.nextDelimiter = -1;
    this.parseRecord(text, 0, text.length, true);
    this.nextDelimiter = -1;
    this.emitRecord(start, end - start);
  }

  private emitBad(buf: Buffer, start: number, end: number, reason: string): void {
    this.handlers.onBad({
      recordNo: this.recordNo,
      lineNo: this.lineNo,
      byteOffset: this.pendingOffset + start,
      byteLength: end - start,
      reason,
      raw: Buffer.from(buf.subarray(start, end)),
    });
  }

  /** Parses one record starting at `start`; sets `fields`, `next` (offset after its line ending) and `multiline`. */
  private parseRecord(s: string, start: number, end: number, final: boolean): ParseStatus {
    const fields: string[] = [];
    this.fields = fields;
    this.multiline = false;
    let lf = s.indexOf('\n', start);
    let pos = start;
    for (;;) {
      if (s.charCodeAt(pos) === QUOTE) {
        let from = pos + 1;
        let escaped = false;
        let close: number;
        for (;;) {
          close = s.indexOf('"', from);
          if (close === -1) return INCOMPLETE;
          if (s.charCodeAt(close + 1) !== QUOTE) break;
          escaped = true;
          from = close + 2;
        }
        if (lf !== -1 && close > lf) this.multiline = true;
        const value = s.slice(pos + 1, close);
        fields.push(escaped ? value.replaceAll('""', '"') : value);
        const after = close + 1;
        const c = s.charCodeAt(after);
        if (c === this.delimiterCode) {
          pos = after + 1;
          continue;
        }
        if (c === LF) {
          this.endings.lf++;
          this.next = after + 1;
          return COMPLETE;
        }
        if (c === CR && s.charCodeAt(after + 1) === LF) {
          this.endings.crlf++;
          this.next = after + 2;
          return COMPLETE;
        }
        if (after >= end) {
          if (!final) return INCOMPLETE;
          this.next = end;
          return COMPLETE;
        }
        this.badReason = `unexpected character after the closing quote of field ${fields.length}`;
        return MALFORMED;
      }
      if (lf !== -1 && lf < pos) lf = s.indexOf('\n', pos);
      if (lf === -1 && !final) return INCOMPLETE;
      const lineEnd = lf === -1 ? end : lf;
      let d = this.nextDelimiter;
      if (d < pos && d !== -2) {
        d = s.indexOf(this.delimiter, pos);
        // -2 remembers "no delimiter until the end of this batch" so single-column files stay linear.
        this.nextDelimiter = d === -1 ? -2 : d;
      }
      if (d >= 0 && d < lineEnd) {
        fields.push(s.slice(pos, d));
        pos = d + 1;
        continue;
      }
      const crlf = lineEnd > pos && s.charCodeAt(lineEnd - 1) === CR;
      const valueEnd = crlf ? lineEnd - 1 : lineEnd;
      if (lf !== -1) {
        if (crlf) this.endings.crlf++;
        else this.endings.lf++;
      }
      fields.push(s.slice(pos, valueEnd));
      this.next = lf === -1 ? end : lf + 1;
      return COMPLETE;
    }
  }
}

function containsNul(s: string, from: number, to: number): boolean {
  const at = s.indexOf('\0', from);
  return at !== -1 && at < to;
}

function countLineFeeds(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) count++;
  return Math.max(count, 1);
}

export interface CsvReadStats {
  bytesRead: number;
  hadBom: boolean;
  /** Suspicious line endings (mixed, lone CRs), in one sentence; null when they are consistent. */
  lineEndingWarning: string | null;
}

/** Feeds a byte stream through a CsvReader. `onProgress` gets the bytes read so far after each chunk. */
export async function readCsv(
  stream: Readable,
  handlers: CsvHandlers,
  options: CsvOptions & { signal?: AbortSignal; onProgress?: (bytesRead: number) => void } = {},
): Promise<CsvReadStats> {
  const reader = new CsvReader(handlers, options);
  let bytesRead = 0;
  for await (const chunk of stream) {
    options.signal?.throwIfAborted();
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    reader.push(bytes);
    bytesRead += bytes.length;
    options.onProgress?.(bytesRead);
  }
  reader.end();
  return { bytesRead, hadBom: reader.hadBom, lineEndingWarning: reader.lineEndingWarning };
}
