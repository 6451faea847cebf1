import { Readable } from 'node:stream';

/** The first `bytes` of a stream, and a stream that replays them before the rest (for detection on entries). */
export async function peekStream(stream: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) break;
    taken.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* taken;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: Buffer.concat(taken).subarray(0, bytes), stream: Readable.from(replay()) };
}
