import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import { LedgerError } from '../contract/errors';

/**
 * The encrypted file format of an encrypted case (vault files, exports, the signing key):
 *
 *   header  = "BLCHUNK1" | chunk size (u32 BE) | nonce prefix (8 random bytes)          20 bytes
 *   chunk i = AES-256-GCM(plaintext[i * size, (i + 1) * size)) | tag                  ≤ size + 16 bytes
 *
 * Chunk i's nonce is the prefix followed by i (u32 BE); its additional data is the header, i and a final-chunk
 * flag, so a reordered, dropped, appended or truncated chunk fails authentication. An empty file is one
 * empty final chunk. The plaintext size follows from the file size.
 */
const MAGIC = Buffer.from('BLCHUNK1', 'ascii');
export const HEADER_BYTES = 20;
export const TAG_BYTES = 16;
export const CHUNK_BYTES = 1024 * 1024;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

export class ChunkAuthError extends LedgerError {
  constructor(readonly chunk: number, what: string) {
    super('VERIFICATION_FAILED', `authentication failed at chunk ${chunk} of ${what}: the ciphertext was altered, truncated or reordered`, { chunk });
  }
}

export function isChunkedCiphertext(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

function nonceFor(header: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  header.copy(nonce, 0, 12, 20);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

function aadFor(header: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(HEADER_BYTES + 5);
  header.copy(aad, 0);
  aad.writeUInt32BE(index, HEADER_BYTES);
  aad[HEADER_BYTES + 4] = final ? 1 : 0;
  return aad;
}

/** Encrypts one chunk: AES-256-GCM ciphertext followed by its tag. */
export type Seal<T> = (plaintext: Buffer, nonce: Buffer, aad: Buffer) => T;

export function sealHere(key: Buffer): Seal<Buffer> {
  return (plaintext, nonce, aad) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(aad);
    const body = cipher.update(plaintext);
    cipher.final();
    return Buffer.concat([body, cipher.getAuthTag()]);
  };
}

export interface SealedChunk<T> {
  /** Where the chunk goes in the encrypted file. */
  offset: number;
  sealed: T;
}

/** Cuts a stream of plaintext into chunks and seals each; the caller writes `header` at offset 0. */
export class ChunkEncryptor<T> {
  readonly header = Buffer.alloc(HEADER_BYTES);
  private pending: Buffer;
  private fill = 0;
  private index = 0;

  constructor(private readonly seal: Seal<T>, private readonly chunkBytes = CHUNK_BYTES) {
    MAGIC.copy(this.header, 0);
    this.header.writeUInt32BE(chunkBytes, 8);
    randomBytes(8).copy(this.header, 12);
    this.pending = Buffer.allocUnsafeSlow(chunkBytes);
  }

  /**
   * The chunks `bytes` completes. `bytes` is copied, so the caller may reuse it at once. A full chunk is held
   * back until more data or `final()` says whether it is the last one.
   */
  update(bytes: Buffer): SealedChunk<T>[] {
    const out: SealedChunk<T>[] = [];
    for (let at = 0; at < bytes.length; ) {
      if (this.fill === this.chunkBytes) out.push(this.sealPending(false));
      const n = Math.min(this.chunkBytes - this.fill, bytes.length - at);
      bytes.copy(this.pending, this.fill, at, at + n);
      this.fill += n;
      at += n;
    }
    return out;
  }

  final(): SealedChunk<T>[] {
    return [this.sealPending(true)];
  }

  private sealPending(final: boolean): SealedChunk<T> {
    const index = this.index++;
    // The sealer may take this buffer to another thread, so the next chunk gets its own (never a pooled slice).
    const plaintext = this.pending.subarray(0, this.fill);
    this.pending = Buffer.allocUnsafeSlow(this.chunkBytes);
    this.fill = 0;
    return {
      offset: HEADER_BYTES + index * (this.chunkBytes + TAG_BYTES),
      sealed: this.seal(plaintext, nonceFor(this.header, index), aadFor(this.header, index, final)),
    };
  }
}

export function encryptBuffer(key: Buffer, plaintext: Buffer): Buffer {
  const encryptor = new ChunkEncryptor(sealHere(key));
  const chunks = [...encryptor.update(plaintext), ...encryptor.final()];
  return Buffer.concat([encryptor.header, ...chunks.map((c) => c.sealed)]);
}

/** Random access to the plaintext of a chunked file; every chunk read is authenticated. */
export class EncryptedFile {
  private constructor(
    private readonly handle: fsp.FileHandle,
    private readonly key: Buffer,
    private readonly header: Buffer,
    private readonly what: string,
    readonly chunkBytes: number,
    readonly chunkCount: number,
    readonly plaintextSize: number,
  ) {}

  /** `what` names the file in errors (e.g. `vault/<sha256>`). */
  static async open(file: string, key: Buffer, what: string): Promise<EncryptedFile> {
    const handle = await fsp.open(file, 'r');
    try {
      const { size } = await handle.stat();
      const header = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
      const chunkBytes = header.readUInt32BE(8);
      if (bytesRead < HEADER_BYTES || !isChunkedCiphertext(header) || chunkBytes === 0 || chunkBytes > MAX_CHUNK_BYTES) {
        throw new LedgerError('VERIFICATION_FAILED', `${what} is not an encrypted Breach Ledger file (its header is missing or damaged)`);
      }
      const body = size - HEADER_BYTES;
      const chunkCount = Math.max(1, Math.ceil(body / (chunkBytes + TAG_BYTES)));
      const plaintextSize = body - chunkCount * TAG_BYTES;
      if (plaintextSize < 0) throw new ChunkAuthError(0, what);
      return new EncryptedFile(handle, key, header, what, chunkBytes, chunkCount, plaintextSize);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async readChunk(index: number): Promise<Buffer> {
    const stored = Buffer.alloc(Math.min(this.chunkBytes, this.plaintextSize - index * this.chunkBytes) + TAG_BYTES);
    const { bytesRead } = await this.handle.read(stored, 0, stored.length, HEADER_BYTES + index * (this.chunkBytes + TAG_BYTES));
    if (bytesRead !== stored.length) throw new ChunkAuthError(index, this.what);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonceFor(this.header, index));
    decipher.setAAD(aadFor(this.header, index, index === this.chunkCount - 1));
    decipher.setAuthTag(stored.subarray(stored.length - TAG_BYTES));
    const plain = decipher.update(stored.subarray(0, stored.length - TAG_BYTES));
    try {
      decipher.final();
    } catch {
      throw new ChunkAuthError(index, this.what);
    }
    return plain;
  }

  /** Plaintext bytes [offset, offset + length), shorter at the end of the file. */
  async read(offset: number, length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.slices(offset, Math.min(this.plaintextSize, offset + length))) parts.push(part);
    return Buffer.concat(parts);
  }

  /** Decrypted slices covering plaintext [start, end). */
  async *slices(start: number, end: number): AsyncGenerator<Buffer> {
    if (end <= start) {
      if (this.plaintextSize === 0) await this.readChunk(0);
      return;
    }
    for (let index = Math.floor(start / this.chunkBytes); index * this.chunkBytes < end; index++) {
      const chunkStart = index * this.chunkBytes;
      const plain = await this.readChunk(index);
      yield plain.subarray(Math.max(0, start - chunkStart), Math.min(plain.length, end - chunkStart));
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** A byte stream of plaintext [start, end] (inclusive, as fs streams take it). */
export function decryptingStream(file: string, key: Buffer, what: string, range: { start?: number; end?: number } = {}): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    const encrypted = await EncryptedFile.open(file, key, what);
    try {
      const end = range.end === undefined ? encrypted.plaintextSize : Math.min(encrypted.plaintextSize, range.end + 1);
      yield* encrypted.slices(range.start ?? 0, end);
    } finally {
      await encrypted.close();
    }
  }
  return Readable.from(generate(), { objectMode: false });
}

export async function decryptFile(file: string, key: Buffer, what: string): Promise<Buffer> {
  const encrypted = await EncryptedFile.open(file, key, what);
  try {
    return await encrypted.read(0, encrypted.plaintextSize);
  } finally {
    await encrypted.close();
  }
}
