import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { LedgerError } from '../../contract/errors';
import { TripleHasher } from '../../util/hash';
import type { ParseInput, RowSink } from '../parser';

export interface ZipLimits {
  maxEntries: number;
  /** Cap on the sum of all entries' uncompressed sizes. */
  maxTotalBytes: number;
  /** Cap on uncompressed ÷ compressed size, for entries larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 64 * 1024 ** 3,
  // Repetitive CSV compresses up to ~50:1; ZIP bombs run to thousands.
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
};

export interface ZipEntryVisit {
  name: string;
  size: number;
  /** The entry's uncompressed bytes; every byte read is also hashed. Call once. */
  open(): Readable;
}

/** Reads of the central directory (many small records, in order) are served from one window read at a time. */
const WINDOW_BYTES = 1024 * 1024;
const SMALL_READ_BYTES = 64 * 1024;

/** Reads entries through `input.open` byte ranges, so the archive is never loaded whole. */
class InputRangeReader extends yauzl.RandomAccessReader {
  private window: { start: number; bytes: Promise<Buffer> } | null = null;

  constructor(private readonly input: Pick<ParseInput, 'open' | 'size'>) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end <= start) return Readable.from([]);
    if (end - start > SMALL_READ_BYTES) return this.input.open({ start, end: end - 1 });
    const window = this.windowFor(start, end);
    return Readable.from(
      (async function* () {
        yield (await window.bytes).subarray(start - window.start, end - window.start);
      })(),
    );
  }

  private windowFor(start: number, end: number): { start: number; bytes: Promise<Buffer> } {
    const held = this.window;
    if (held && start >= held.start && end <= held.start + WINDOW_BYTES) return held;
    const last = Math.min(this.input.size, start + WINDOW_BYTES) - 1;
    const bytes = (async () => {
      const parts: Buffer[] = [];
      for await (const chunk of this.input.open({ start, end: last }) as AsyncIterable<Buffer>) parts.push(chunk);
      return Buffer.concat(parts);
    })();
    this.window = { start, bytes };
    return this.window;
  }
}

const getFileName = (yauzl as unknown as {
  getFileNameLowLevel: (flags: number, name: Buffer, extra: Array<{ id: number; data: Buffer }>, strict: boolean) => string;
}).getFileNameLowLevel;

function openZip(input: Pick<ParseInput, 'open' | 'size'>): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true };
    yauzl.fromRandomAccessReader(new InputRangeReader(input), input.size, options, (error, zip) => {
      if (error || !zip) reject(new LedgerError('INVALID_INPUT', `The file is not a readable ZIP archive (${error?.message ?? 'no archive'}); re-acquire the original export.`));
      else resolve(zip);
    });
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream))));
}

/** Why an entry is refused before any of it is read, or null when it is safe to read. */
function refusal(name: string, entry: yauzl.Entry, totalSoFar: number, limits: ZipLimits): string | null {
  const unsafe = yauzl.validateFileName(name);
  if (unsafe !== null) return `The archive entry has an unsafe name (${unsafe}), so it was not read.`;
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) return 'The archive entry is encrypted, so it was not read.';
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
    return `The archive entry expands ${Math.round(ratio)}:1 (limit ${limits.maxRatio}:1), which looks like a ZIP bomb, so it was not read.`;
  }
  if (totalSoFar + entry.uncompressedSize > limits.maxTotalBytes) {
    return `The archive expands beyond ${limits.maxTotalBytes} bytes in total at this entry, so it was not read.`;
  }
  return null;
}

/**
 * Visits each file entry of a ZIP in order: unsafe entries (path traversal, absolute paths, encryption, extreme
 * expansion, total size over the cap) are rejected unread; every other entry is hashed (SHA-256, SHA-1, MD5) in
 * the same pass the visitor reads it, and reported with `sink.archiveEntry`.
 */
export async function visitZipEntries(
  input: Pick<ParseInput, 'open' | 'size' | 'signal'>,
  sink: RowSink,
  visit: (entry: ZipEntryVisit) => Promise<void>,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<void> {
  await refuseExpansionBomb(input, limits);
  const zip = await openZip(input);
  let total = 0;
  try {
    for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
      if (input.signal.aborted) break;
      const nameBytes = entry.fileName as unknown as Buffer;
      const name = getFileName(entry.generalPurposeBitFlag, nameBytes, entry.extraFields, false);
      if (name.endsWith('/')) continue;
      const refused = refusal(name, entry, total, limits);
      if (refused) {
        sink.reject({ entry: name, recordNo: null, lineNo: null, byteOffset: entry.relativeOffsetOfLocalHeader, byteLength: entry.compressedSize, reason: refused, raw: Buffer.from(nameBytes) });
        continue;
      }
      total += entry.uncompressedSize;
      await visitEntry(zip, entry, name, sink, visit);
    }
  } finally {
    zip.close();
  }
}

/**
 * Reads the central directory alone (no entry is inflated) and refuses the whole archive when its entries
 * together expand past the total cap or the ratio cap against the archive's own size: a thousand small entries
 * of zeros are refused as fast as one large one. Entry sizes are enforced as declared while reading
 * (`validateEntrySizes`), so an archive cannot understate them.
 */
async function refuseExpansionBomb(input: Pick<ParseInput, 'open' | 'size'>, limits: ZipLimits): Promise<void> {
  const zip = await openZip(input);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new LedgerError('INVALID_INPUT', `The archive has ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed; split it and import the parts.`);
    }
    let declared = 0;
    for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
      // An entry that is itself a bomb is refused on its own when it is reached; the rest of the archive is read.
      if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) continue;
      declared += entry.uncompressedSize;
    }
    if (declared > limits.maxTotalBytes) {
      throw new LedgerError('INVALID_INPUT', `The archive expands to ${declared} bytes, beyond the ${limits.maxTotalBytes} allowed, so none of it was read; extract it and add the files.`);
    }
    const ratio = declared / Math.max(1, input.size);
    if (declared > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new LedgerError('INVALID_INPUT', `The archive expands ${Math.round(ratio)}:1 in total (limit ${limits.maxRatio}:1), which looks like a ZIP bomb, so none of it was read.`);
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry): void => (cleanup(), resolve(entry));
    const onEnd = (): void => (cleanup(), resolve(null));
    const onError = (error: Error): void => (cleanup(), reject(new LedgerError('INVALID_INPUT', `The ZIP archive is damaged (${error.message}); re-acquire the original export.`)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

async function visitEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string, sink: RowSink, visit: (entry: ZipEntryVisit) => Promise<void>): Promise<void> {
  const hasher = new TripleHasher();
  let source: Readable;
  try {
    source = await openEntry(zip, entry);
  } catch (error) {
    sink.reject({ entry: name, recordNo: null, lineNo: null, byteOffset: entry.relativeOffsetOfLocalHeader, byteLength: entry.compressedSize, reason: `The archive entry cannot be read (${(error as Error).message}).`, raw: Buffer.alloc(0) });
    return;
  }
  let failure: Error | null = null;
  async function* hashed(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        hasher.update(chunk);
        yield chunk;
      }
    } catch (error) {
      failure = error as Error;
    }
  }
  const iterator = hashed();
  let opened = false;
  await visit({
    name,
    size: entry.uncompressedSize,
    open: () => {
      if (opened) throw new Error(`Archive entry ${name} can be read only once.`);
      opened = true;
      return Readable.from(iterator);
    },
  });
  // Whatever the visitor left unread is still hashed, so the digests always cover the whole entry.
  for await (const _ of iterator) void _;
  if (failure !== null) {
    const error: Error = failure;
    sink.reject({ entry: name, recordNo: null, lineNo: null, byteOffset: entry.relativeOffsetOfLocalHeader, byteLength: entry.compressedSize, reason: `The archive entry is damaged (${error.message}); rows before the damage were kept.`, raw: Buffer.alloc(0) });
    return;
  }
  const digest = hasher.digest();
  sink.archiveEntry({ name, size: digest.size, sha256: digest.sha256, sha1: digest.sha1, md5: digest.md5 });
}

/** A local file header signature at the start: `PK\x03\x04` (or an empty archive's `PK\x05\x06`). */
export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/** Name of the first entry, read from the first local file header. */
export function firstZipEntryName(head: Buffer): string | null {
  if (!isZip(head) || head.length < 30 || head[2] !== 3) return null;
  const length = head.readUInt16LE(26);
  return head.length >= 30 + length ? head.toString('utf8', 30, 30 + length) : null;
}
