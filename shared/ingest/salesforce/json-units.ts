/**
 * Splits a JSON byte stream into event-sized units with byte provenance, without parsing it:
 * - each top-level object (one document, concatenated documents or JSON Lines) is a unit;
 * - each object element of a top-level array is a unit;
 * - each object element of a top-level object's `records` array (a SOQL/REST query result) is a unit.
 * Anything else at the top level is reported as bad up to the end of its line. A unit still open at the end
 * of the stream is reported up to the end of its first line and the bytes after it are scanned again, so one
 * broken line of JSON Lines does not swallow the rest.
 */

export interface JsonUnit {
  bytes: Buffer;
  byteOffset: number;
  lineNo: number;
}

export interface JsonUnitBad extends JsonUnit {
  reason: string;
}

export interface JsonUnitHandlers {
  onUnit(unit: JsonUnit): void;
  onBad(bad: JsonUnitBad): void;
}

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

type Capture = 'unit' | 'garbage' | null;

export class JsonUnitSplitter {
  private offset = 0;
  private line = 1;
  private stack: number[] = [];
  private inString = false;
  private escape = false;
  private expectKey = false;
  private keyCapture: string | null = null;
  private lastKey: string | null = null;
  /** Depth at which units start: 0 (top-level objects), 1 (top-level array) or 2 (a `records` array). */
  private unitDepth = 0;
  private capture: Capture = null;
  private captureStart = 0;
  private captureLine = 1;
  private parts: Buffer[] = [];

  constructor(private readonly handlers: JsonUnitHandlers) {}

  push(chunk: Buffer): void {
    let from = 0;
    let i = 0;
    if (this.offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    for (; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.capture === 'garbage') {
        if (b === LF) {
          this.parts.push(chunk.subarray(from, i + 1));
          this.finishCapture('top-level text is not a JSON object');
          this.line++;
        }
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (b === BACKSLASH) this.escape = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (this.keyCapture !== null) {
            this.lastKey = this.keyCapture;
            this.keyCapture = null;
          }
        } else if (this.keyCapture !== null && this.keyCapture.length < 64) this.keyCapture += String.fromCharCode(b);
        if (b === LF) this.line++;
        continue;
      }
      switch (b) {
        case LF:
          this.line++;
          break;
        case 0x20:
        case 0x09:
        case 0x0d:
        case 0x3a:
          break;
        case QUOTE:
          if (this.stack.length === 0) {
            from = this.startCapture('garbage', i);
            break;
          }
          this.inString = true;
          this.keyCapture = this.expectKey && this.stack.length === 1 ? '' : null;
          this.expectKey = false;
          break;
        case COMMA:
          this.expectKey = this.stack.length === 1 && this.stack[0] === OPEN_OBJECT;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (this.stack.length === 1 && b === OPEN_ARRAY && this.stack[0] === OPEN_OBJECT && this.lastKey === 'records') {
            // A query result: its records are the units, not the wrapper.
            this.capture = null;
            this.parts = [];
            this.unitDepth = 2;
          } else if (this.stack.length === 0 && b === OPEN_ARRAY) {
            this.unitDepth = 1;
          } else if (this.stack.length === this.unitDepth && this.capture === null) {
            // Arrays at unit level are captured too, so the parser can reject them instead of losing them.
            from = this.startCapture('unit', i);
          }
          this.stack.push(b);
          this.expectKey = b === OPEN_OBJECT && this.stack.length === 1;
          this.lastKey = this.stack.length === 1 ? null : this.lastKey;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.stack.pop();
          if (this.capture === 'unit' && this.stack.length === this.unitDepth) {
            this.parts.push(chunk.subarray(from, i + 1));
            this.finishCapture(null);
          }
          if (this.stack.length === 0) this.unitDepth = 0;
          break;
        default:
          if (this.stack.length === 0) from = this.startCapture('garbage', i);
      }
    }
    if (this.capture !== null) this.parts.push(chunk.subarray(from));
    this.offset += chunk.length;
  }

  end(): void {
    if (this.capture === null) return;
    const bytes = Buffer.concat(this.parts);
    const start = this.captureStart;
    const line = this.captureLine;
    const wasGarbage = this.capture === 'garbage';
    this.reset();
    const lf = bytes.indexOf(LF);
    const firstLine = lf === -1 || wasGarbage ? bytes : bytes.subarray(0, lf + 1);
    this.handlers.onBad({
      bytes: Buffer.from(firstLine),
      byteOffset: start,
      lineNo: line,
      reason: wasGarbage ? 'top-level text is not a JSON object' : 'JSON value is not closed before the end of the file',
    });
    if (firstLine.length === bytes.length) return;
    this.offset = start + firstLine.length;
    this.line = line + 1;
    this.push(bytes.subarray(firstLine.length));
    this.end();
  }

  private reset(): void {
    this.capture = null;
    this.parts = [];
    this.stack = [];
    this.inString = false;
    this.escape = false;
    this.expectKey = false;
    this.keyCapture = null;
    this.lastKey = null;
    this.unitDepth = 0;
  }

  /** Starts capturing at chunk index `i`; returns `i` as the new capture origin within the chunk. */
  private startCapture(kind: Exclude<Capture, null>, i: number): number {
    this.capture = kind;
    this.captureStart = this.offset + i;
    this.captureLine = this.line;
    this.parts = [];
    return i;
  }

  private finishCapture(badReason: string | null): void {
    const bytes = this.parts.length === 1 ? Buffer.from(this.parts[0]!) : Buffer.concat(this.parts);
    const unit = { bytes, byteOffset: this.captureStart, lineNo: this.captureLine };
    this.capture = null;
    this.parts = [];
    if (badReason === null) this.handlers.onUnit(unit);
    else this.handlers.onBad({ ...unit, reason: badReason });
  }
}
