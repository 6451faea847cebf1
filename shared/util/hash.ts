import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256, SHA-1 and MD5 fed from one pass over the bytes. */
export class TripleHasher {
  private readonly sha256 = createHash('sha256');
  private readonly sha1 = createHash('sha1');
  private readonly md5 = createHash('md5');
  private bytes = 0;

  get bytesRead(): number {
    return this.bytes;
  }

  update(chunk: Buffer): void {
    this.sha256.update(chunk);
    this.sha1.update(chunk);
    this.md5.update(chunk);
    this.bytes += chunk.length;
  }

  digest(): FileDigests {
    return { sha256: this.sha256.digest('hex'), sha1: this.sha1.digest('hex'), md5: this.md5.digest('hex'), size: this.bytes };
  }
}

export interface FileDigests {
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
}
