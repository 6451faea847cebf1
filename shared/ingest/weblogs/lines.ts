import type { Readable } from 'node:stream';

export interface Line {
  /** Line bytes without the terminator; only the first `maxLineBytes` when `truncated`. */
  bytes: Buffer;
  lineNo: number;
  byteOffset: number;
  /** Length of the line in the file, terminator included. */
  byteLength: number;
  truncated: boolean;
}

/**
 * Splits a byte stream into lines (LF or CRLF) with their offsets, without decoding. A line longer than
 * `maxLineBytes` is still walked to its end, but only its first bytes are kept, so memory stays flat.
 */
export async function* readLines(stream: Readable, maxLineBytes: number, onBytes?: (total: number) => void): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let kept = 0;
  let lineStart = 0;
  let position = 0;
  let lineNo = 1;
  const take = (piece: Buffer): void => {
    const room = maxLineBytes - kept;
    if (room <= 0) return;
    const slice = piece.length > room ? piece.subarray(0, room) : piece;
    parts.push(Buffer.from(slice));
    kept += slice.length;
  };
  const finish = (end: number, terminatorLength: number): Line => {
    let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    const contentLength = end - lineStart - terminatorLength;
    if (terminatorLength === 1 && bytes.length === contentLength && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    const line: Line = { bytes, lineNo, byteOffset: lineStart, byteLength: end - lineStart, truncated: contentLength > maxLineBytes };
    parts = [];
    kept = 0;
    lineStart = end;
    lineNo++;
    return line;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl === -1) break;
      take(chunk.subarray(from, nl));
      yield finish(position + nl + 1, 1);
      from = nl + 1;
    }
    take(chunk.subarray(from));
    position += chunk.length;
    onBytes?.(position);
  }
  if (position > lineStart) {
    const line = finish(position, 0);
    if (line.bytes[line.bytes.length - 1] === 0x0d) line.bytes = line.bytes.subarray(0, -1);
    yield line;
  }
}
