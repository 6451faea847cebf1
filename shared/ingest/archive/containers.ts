/**
 * Compressed evidence read as it was delivered: a gzip file (CloudTrail `.json.gz`, gzipped log downloads) is
 * parsed through its decompressed bytes, and a ZIP of logs member by member. The vault keeps the file as acquired;
 * rows name the member (`entry`) and their offsets are in the decompressed member. The expansion guards of the
 * Data Export ZIP reader (`DEFAULT_ZIP_LIMITS`) apply to both.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LedgerError } from '../../contract/errors';
import { TripleHasher } from '../../util/hash';
import { readHead } from '../encoding';
import type { DetectSample, ParseInput, ParseResult, RowSink, SourceParser } from '../parser';
import { DEFAULT_ZIP_LIMITS, isZip, visitZipEntries, type ZipLimits } from './zip';

export type Container = 'gzip' | 'zip';

/** gzip by its magic bytes (1f 8b), whatever the file is called. */
export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export function containerOf(head: Buffer): Container | null {
  if (isGzip(head)) return 'gzip';
  return isZip(head) ? 'zip' : null;
}

/** The name of the member inside a gzip file: the name its header records, else the file name without `.gz`. */
export function gzipMemberName(head: Buffer, fileName: string): string {
  const FNAME = 0x08;
  const FEXTRA = 0x04;
  if (head.length > 10 && (head[3]! & FNAME) !== 0) {
    let i = 10;
    if ((head[3]! & FEXTRA) !== 0 && head.length >= 12) i += 2 + head.readUInt16LE(10);
    const end = head.indexOf(0, i);
    if (end > i) return head.toString('latin1', i, end);
  }
  return fileName.replace(/\.(?:gz|gzip)$/i, '') || fileName;
}

function expansionRefusal(decompressed: number, compressed: number, limits: ZipLimits): string | null {
  if (decompressed > limits.maxTotalBytes) return `The compressed file expands beyond ${limits.maxTotalBytes} bytes, so it was not read.`;
  const ratio = decompressed / Math.max(1, compressed);
  if (decompressed > limits.ratioFloorBytes && ratio > limits.maxRatio) {
    return `The compressed file expands more than ${limits.maxRatio}:1, which looks like a decompression bomb, so it was not read.`;
  }
  return null;
}

/** The decompressed bytes of a gzip input (every member, concatenated), guarded against expansion bombs. */
async function* gunzip(input: Pick<ParseInput, 'open' | 'size'>, limits: ZipLimits): AsyncGenerator<Buffer> {
  let produced = 0;
  const stream = input.open().pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      produced += chunk.length;
      const refused = expansionRefusal(produced, input.size, limits);
      if (refused) throw new LedgerError('INVALID_INPUT', refused);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    throw new LedgerError('INVALID_INPUT', `The gzip data is damaged (${(error as Error).message}); re-acquire the original file.`);
  } finally {
    stream.destroy();
  }
}

/** Bytes `start`..`end` (inclusive) of a stream. */
async function* slice(source: AsyncIterable<Buffer>, start: number, end: number): AsyncGenerator<Buffer> {
  let at = 0;
  for await (const chunk of source) {
    const from = Math.max(0, start - at);
    const to = Math.min(chunk.length, end + 1 - at);
    if (to > from) yield chunk.subarray(from, to);
    at += chunk.length;
    if (at > end) return;
  }
}

/** A parser's sink that names the member on every row and scales progress back to the compressed file. */
function memberSink(sink: RowSink, member: string, scale: number): RowSink {
  return {
    event: (row) => sink.event(((row.entry ??= member), row)),
    subject: (row) => sink.subject(((row.entry ??= member), row)),
    reject: (row) => sink.reject(((row.entry ??= member), row)),
    warn: (message) => sink.warn(message),
    progress: (bytes) => sink.progress(Math.floor(bytes * scale)),
    archiveEntry: (info) => sink.archiveEntry(info),
  };
}

/**
 * Parses a gzip evidence file with `parser`: one pass hashes the member (reported with `sink.archiveEntry`) and
 * finds its size, then the parser reads the decompressed bytes, re-inflated for each range it asks for.
 */
export async function parseGzip(input: ParseInput, sink: RowSink, parser: SourceParser, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ParseResult> {
  const member = gzipMemberName(await readHead(input, 1024), input.fileName);
  const hasher = new TripleHasher();
  for await (const chunk of gunzip(input, limits)) {
    input.signal.throwIfAborted();
    hasher.update(chunk);
  }
  const digest = hasher.digest();
  const inner: ParseInput = {
    fileName: member,
    size: digest.size,
    options: input.options,
    signal: input.signal,
    open: (range) => {
      const all = gunzip(input, limits);
      return Readable.from(range ? slice(all, range.start, range.end ?? digest.size - 1) : all);
    },
  };
  const result = await parser.parse(inner, memberSink(sink, member, input.size / Math.max(1, digest.size)));
  sink.archiveEntry({ name: member, size: digest.size, sha256: digest.sha256, sha1: digest.sha1, md5: digest.md5 });
  return result;
}

/** Members of a ZIP of logs larger than this are not read from inside the archive (they are held in memory). */
export const MAX_ZIP_MEMBER_BYTES = 256 * 1024 * 1024;

/**
 * Parses each member of a ZIP of logs with the parser `choose` picks for it (by content, like a plain file);
 * members no parser recognises, and members over `MAX_ZIP_MEMBER_BYTES`, are rejected with the reason. Path,
 * encryption and expansion guards are those of `visitZipEntries`.
 */
export async function parseZipMembers(
  input: ParseInput,
  sink: RowSink,
  choose: (sample: DetectSample) => SourceParser | null,
): Promise<ParseResult> {
  let guessed = false;
  const used = new Set<string>();
  await visitZipEntries(input, sink, async (entry) => {
    const refuse = (reason: string): void => sink.reject({ entry: entry.name, recordNo: null, lineNo: null, byteOffset: 0, byteLength: entry.size, reason, raw: Buffer.alloc(0) });
    if (entry.size > MAX_ZIP_MEMBER_BYTES) {
      return refuse(`The member is larger than ${MAX_ZIP_MEMBER_BYTES} bytes; extract it and add it as its own file.`);
    }
    const parts: Buffer[] = [];
    for await (const chunk of entry.open() as AsyncIterable<Buffer>) parts.push(chunk);
    const bytes = Buffer.concat(parts);
    const parser = choose({ fileName: entry.name, size: bytes.length, head: bytes.subarray(0, 64 * 1024) });
    if (!parser) return refuse('No parser recognises this member of the archive; it is kept in the archive and was not imported.');
    used.add(parser.format);
    const memberInput: ParseInput = {
      fileName: entry.name,
      size: bytes.length,
      options: input.options,
      signal: input.signal,
      open: (range) => Readable.from([bytes.subarray(range?.start ?? 0, range?.end === undefined ? bytes.length : range.end + 1)]),
    };
    const result = await parser.parse(memberInput, memberSink(sink, entry.name, 0));
    guessed ||= result.encodingGuessed;
  });
  if (used.size > 1) sink.warn(`The archive's members were read with several parsers: ${[...used].sort().join(', ')}.`);
  sink.progress(input.size);
  return { encoding: 'binary', encodingGuessed: guessed };
}

/** The first 64 KiB of a gzip file's decompressed bytes, for detection; null when it does not inflate. */
export async function gunzippedHead(open: () => Readable, bytes = 64 * 1024): Promise<Buffer | null> {
  const stream = open().pipe(createGunzip());
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= bytes) break;
    }
  } catch {
    if (length === 0) return null;
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** The detection sample of the first file member of a ZIP, or null when it has none or cannot be read. */
export async function firstZipMemberSample(input: Pick<ParseInput, 'open' | 'size' | 'signal'>): Promise<DetectSample | null> {
  const found: { sample: DetectSample | null } = { sample: null };
  const ignore: RowSink = { event() {}, subject() {}, reject() {}, warn() {}, progress() {}, archiveEntry() {} };
  const stop = new Error('first member read');
  try {
    await visitZipEntries(input, ignore, async (entry) => {
      const parts: Buffer[] = [];
      let length = 0;
      for await (const chunk of entry.open() as AsyncIterable<Buffer>) {
        parts.push(chunk);
        length += chunk.length;
        if (length >= 64 * 1024) break;
      }
      found.sample = { fileName: entry.name, size: entry.size, head: Buffer.concat(parts).subarray(0, 64 * 1024) };
      throw stop;
    });
  } catch (error) {
    if (error !== stop) return null;
  }
  return found.sample;
}
