import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { outputFileStream } from '../store/byte-streams';

/** A UTF-8 file written piece by piece, waiting for the disk whenever the stream's buffer is full; encrypted when `key` is given. */
export class TextFile {
  private readonly stream: Writable;

  constructor(readonly file: string, key: Buffer | null = null) {
    this.stream = outputFileStream(file, key);
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
