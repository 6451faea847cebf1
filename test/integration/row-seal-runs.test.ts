import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../shared/store/db';
import { sealableTables, sealNewRows } from '../../shared/store/row-seals';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-seal-runs-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  first: number;
  last: number;
  rows: number;
  digest: string;
  crcs: string;
}

/** The runs as the seal definition states them, read one row at a time: up to 4,096 consecutive rowids, a gap starts a new run. */
function expectedRuns(db: Db, table: string, after: number): Run[] {
  const sealed = sealableTables(db).sealed.find((t) => t.name === table)!;
  const runs: Array<{ first: number; last: number; bytes: Buffer[] }> = [];
  for (const [rowid, bytes] of db.prepare(`SELECT rowid, ${sealed.text} FROM ${table} WHERE rowid > ? ORDER BY rowid`).raw().iterate(after) as IterableIterator<[number, Buffer]>) {
    const open = runs.at(-1);
    if (open && open.last === rowid - 1 && open.bytes.length < 4096) {
      open.last = rowid;
      open.bytes.push(bytes);
    } else runs.push({ first: rowid, last: rowid, bytes: [bytes] });
  }
  return runs.map((run) => ({
    first: run.first,
    last: run.last,
    rows: run.bytes.length,
    digest: createHash('sha256').update(Buffer.concat(run.bytes)).digest('hex'),
    crcs: Buffer.concat(run.bytes.map((b) => { const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(b)); return crc; })).toString('hex'),
  }));
}

function recordedRuns(db: Db, table: string, seq: number): Run[] {
  return (db.prepare('SELECT first_key, last_key, rows, digest, row_crcs FROM row_seals WHERE tbl = ? AND custody_seq = ? ORDER BY id').raw().all(table, seq) as Array<[number, number, number, string, Buffer]>).map(
    ([first, last, rows, digest, crcs]) => ({ first, last, rows, digest, crcs: crcs.toString('hex') }),
  );
}

describe('sealing a step’s new rows', () => {
  it('reads whole runs at once and records exactly the runs the row-by-row definition gives, gaps and later seals included', () => {
    const db = openStore(path.join(root, 'runs.sqlite'), { create: true });
    db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, weight REAL, raw BLOB, n INTEGER);
      CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes BEGIN SELECT RAISE(ABORT, 'append-only'); END;`);
    const insert = db.prepare('INSERT INTO notes (id, body, weight, raw, n) VALUES (?, ?, ?, ?, ?)');
    const add = (ids: number[]) =>
      db.transaction(() => {
        for (const id of ids) insert.run(id, id % 11 === 0 ? null : `note ${id}, it's\n"quoted" ${'é'.repeat(id % 5)}`, id % 3 === 0 ? id / 7 : null, id % 13 === 0 ? Buffer.from([id % 256, 0, 10]) : null, id % 2 ? id : null);
      })();
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    add([...range(1, 4999), ...range(5100, 10_000)]);
    sealNewRows(db, 1);
    const first = recordedRuns(db, 'notes', 1);
    expect(first.map((r) => [r.first, r.last])).toEqual([[1, 4096], [4097, 4999], [5100, 9195], [9196, 10_000]]);
    expect(first).toEqual(expectedRuns(db, 'notes', 0));

    add(range(10_001, 18_192));
    sealNewRows(db, 2);
    const second = recordedRuns(db, 'notes', 2);
    expect(second.map((r) => [r.first, r.last])).toEqual([[10_001, 14_096], [14_097, 18_192]]);
    expect(second).toEqual(expectedRuns(db, 'notes', 10_000));

    expect(sealNewRows(db, 3)).toEqual({});
    db.close();
  });
});
