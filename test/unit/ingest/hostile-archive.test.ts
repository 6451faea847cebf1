import { crc32, deflateRawSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { visitZipEntries } from '../../../shared/ingest/archive/zip';
import type { RowSink } from '../../../shared/ingest/parser';

/** A ZIP of `count` deflated entries of `bytes` zeros each, written by hand (stored sizes are the true ones). */
function zerosZip(count: number, bytes: number): Buffer {
  const plain = Buffer.alloc(bytes);
  const data = deflateRawSync(plain, { level: 9 });
  const crc = crc32(plain);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`zeros-${i}.csv`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(bytes, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(bytes, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function inputOf(bytes: Buffer) {
  return {
    size: bytes.length,
    signal: new AbortController().signal,
    open: (range?: { start: number; end?: number }) => Readable.from([bytes.subarray(range?.start ?? 0, range?.end === undefined ? bytes.length : range.end + 1)]),
  };
}

const sink = (): RowSink & { rejects: unknown[] } => {
  const rejects: unknown[] = [];
  return { rejects, event() {}, subject() {}, reject: (r) => void rejects.push(r), warn() {}, progress() {}, archiveEntry() {} };
};

describe('ZIP expansion caps per archive', () => {
  it('1,000 entries of 16 MB zeros are refused whole, fast, before any entry is inflated', async () => {
    const zip = zerosZip(1000, 16 * 1000 * 1000);
    let visited = 0;
    const started = Date.now();
    await expect(
      visitZipEntries(inputOf(zip), sink(), () => {
        visited++;
        return Promise.resolve();
      }),
    ).rejects.toThrow(/expands \d+:1 in total \(limit 200:1\), which looks like a ZIP bomb, so none of it was read/);
    // Inflating them took 168 s; reading only the central directory takes well under a second on an idle machine.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(visited).toBe(0);
  });

  it('an ordinary archive of small entries is still read entry by entry', async () => {
    const zip = zerosZip(3, 1000);
    const names: string[] = [];
    await visitZipEntries(inputOf(zip), sink(), async (entry) => {
      names.push(entry.name);
      for await (const _ of entry.open()) void _;
    });
    expect(names).toEqual(['zeros-0.csv', 'zeros-1.csv', 'zeros-2.csv']);
  });
});
