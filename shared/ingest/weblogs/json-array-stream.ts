import type { Readable } from 'node:stream';

export interface JsonArrayItem {
  /** The item's bytes; only the first `maxItemBytes` when `truncated`. */
  bytes: Buffer;
  itemNo: number;
  byteOffset: number;
  byteLength: number;
  truncated: boolean;
}

export interface JsonArrayTail {
  /** Set when the stream ended inside the array or its document: the byte offset where the unfinished part starts. */
  unfinishedAt: number | null;
  /** Whether the top-level key was found at all. */
  foundKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** JSON whitespace; compared directly, since this runs for every byte of the file. */
function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * Yields the elements of the array under a top-level key (`{"Records":[{…},{…}]}`) one at a time, without
 * holding the document: a byte-level scan that tracks strings and nesting depth. Built for CloudTrail files that
 * can be a single 1 GB line. The tail result says whether the document ended cleanly.
 */
export async function* streamTopLevelArray(
  stream: Readable,
  key: string,
  maxItemBytes: number,
  onBytes?: (total: number) => void,
): AsyncGenerator<JsonArrayItem, JsonArrayTail> {
  const keyBytes = Buffer.from(JSON.stringify(key));
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let lastTopKey: Buffer | null = null;
  let awaitingArray = false;
  let inArray = false;
  let foundKey = false;
  let itemStart = -1;
  let itemParts: Buffer[] = [];
  let itemKept = 0;
  let itemNo = 0;
  let position = 0;
  let arrayEnded = false;
  let keyCollect: Buffer[] = [];

  const keep = (piece: Buffer): void => {
    const room = maxItemBytes - itemKept;
    if (room <= 0) return;
    const slice = piece.length > room ? piece.subarray(0, room) : piece;
    itemParts.push(Buffer.from(slice));
    itemKept += slice.length;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let segmentStart = itemStart >= 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      const at = position + i;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (stringStart >= 0) {
            keyCollect.push(Buffer.from(chunk.subarray(Math.max(0, stringStart - position), i + 1)));
            lastTopKey = Buffer.concat(keyCollect);
            keyCollect = [];
            stringStart = -1;
          }
        }
        continue;
      }
      if (isWhitespace(b)) continue;
      if (inArray && depth === 2 && itemStart < 0 && b !== 0x2c && b !== 0x5d) {
        itemStart = at;
        segmentStart = i;
      }
      if (b === QUOTE) {
        inString = true;
        // Only keys of the top-level object are remembered, and only short ones.
        if (depth === 1 && !inArray) {
          stringStart = at;
          keyCollect = [];
          lastTopKey = null;
        }
        continue;
      }
      if (b === 0x7b || b === 0x5b) {
        if (awaitingArray && depth === 1 && b === 0x5b) {
          inArray = true;
          foundKey = true;
        }
        awaitingArray = false;
        depth++;
        continue;
      }
      if (b === 0x3a && depth === 1 && !inArray) {
        awaitingArray = lastTopKey !== null && lastTopKey.equals(keyBytes);
        continue;
      }
      const closes = b === 0x7d || b === 0x5d;
      if (closes) depth--;
      else if (depth === 1) awaitingArray = false;
      // An object or array item ends at its closing bracket; a scalar item before the comma or the array's `]`.
      const scalarEnds = inArray && itemStart >= 0 && ((b === 0x2c && depth === 2) || (b === 0x5d && depth === 1));
      const nestedEnds = inArray && itemStart >= 0 && closes && depth === 2;
      if (inArray && depth === 1) {
        inArray = false;
        arrayEnded = true;
      }
      if (scalarEnds || nestedEnds) {
        const endIndex = scalarEnds ? i : i + 1;
        keep(chunk.subarray(Math.max(0, segmentStart), endIndex));
        const byteLength = position + endIndex - itemStart;
        itemNo++;
        yield { bytes: trimEnd(Buffer.concat(itemParts)), itemNo, byteOffset: itemStart, byteLength, truncated: byteLength > maxItemBytes };
        itemParts = [];
        itemKept = 0;
        itemStart = -1;
        segmentStart = -1;
      }
    }
    if (itemStart >= 0) keep(chunk.subarray(Math.max(0, segmentStart)));
    if (inString && stringStart >= 0) {
      keyCollect.push(Buffer.from(chunk.subarray(Math.max(0, stringStart - position))));
      if (keyCollect.reduce((n, p) => n + p.length, 0) > 256) {
        stringStart = -1;
        keyCollect = [];
      }
    }
    position += chunk.length;
    onBytes?.(position);
  }
  if (itemStart >= 0) return { unfinishedAt: itemStart, foundKey };
  const unfinished = foundKey && (!arrayEnded || depth !== 0);
  return { unfinishedAt: unfinished ? position : null, foundKey };
}

function trimEnd(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && isWhitespace(bytes[end - 1] as number)) end--;
  return bytes.subarray(0, end);
}
