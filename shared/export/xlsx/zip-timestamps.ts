import { promises as fsp } from 'node:fs';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_SIZE = 22;
const MAX_COMMENT = 0xffff;

/**
 * exceljs' zip writer (archiver) stamps every entry with the time it was added, so two otherwise identical
 * workbooks differ in bytes. This rewrites the DOS date/time of every entry, in both the local headers and
 * the central directory, to one fixed instant (UTC fields; DOS time has 2-second resolution).
 */
export async function setZipEntryTimes(file: string, at: Date): Promise<number> {
  const { time, date } = dosDateTime(at);
  const handle = await fsp.open(file, 'r+');
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, EOCD_MIN_SIZE + MAX_COMMENT);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || tail.readUInt32LE(eocd) !== EOCD_SIGNATURE) throw new Error(`${file} is not a zip file (no end-of-central-directory record)`);
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff) throw new Error(`${file} is a ZIP64 archive, which this writer does not produce`);

    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const local = Buffer.alloc(4);
    let at = 0;
    for (let i = 0; i < entries; i++) {
      if (directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`${file}: central directory entry ${i} is malformed`);
      directory.writeUInt16LE(time, at + 12);
      directory.writeUInt16LE(date, at + 14);
      const localOffset = directory.readUInt32LE(at + 42);
      await handle.read(local, 0, 4, localOffset);
      if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`${file}: local header of entry ${i} is malformed`);
      const stamp = Buffer.alloc(4);
      stamp.writeUInt16LE(time, 0);
      stamp.writeUInt16LE(date, 2);
      await handle.write(stamp, 0, 4, localOffset + 10);
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    await handle.write(directory, 0, directorySize, directoryOffset);
    return entries;
  } finally {
    await handle.close();
  }
}

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
