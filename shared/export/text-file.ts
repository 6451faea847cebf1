import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** A UTF-8 file written piece by piece, waiting for the disk whenever the stream's buffer is full. */
export class TextFile {
  private readonly stream: WriteStream;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
