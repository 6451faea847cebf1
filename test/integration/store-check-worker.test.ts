import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../shared/store/db';
import { runDigester, type RunDigestJob } from '../../shared/store/row-seals';
import { checkStoreBeside } from '../../shared/store/store-check-worker';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-store-check-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const RUN = 100;

/** A store (encrypted with `key` if given) holding 5,000 rows of varied text, and one digest job per 100 rows. */
function storeWithRows(name: string, key: Buffer | null): { db: Db; jobs: RunDigestJob[] } {
  const db = openStore(path.join(root, `${name}.sqlite`), { create: true, key });
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) insert.run(`note ${i} ${"it's".repeat(i % 7)} ${'é'.repeat(i % 3)}`);
  })();
  const sql = `SELECT count(*), CAST(group_concat(r, '') AS BLOB) FROM (SELECT CAST(concat_ws(',', rowid, quote(body)) || char(10) AS BLOB) AS r FROM notes WHERE rowid BETWEEN ? AND ? ORDER BY rowid)`;
  const jobs = Array.from({ length: 5000 / RUN }, (_, i) => ({ sql, first: i * RUN + 1, last: (i + 1) * RUN }));
  return { db, jobs };
}

describe("verify's store checks on a second connection", () => {
  /** Once the worker has reported the store, it is left time to take runs before this thread asks for the digests. */
  async function workerShares(name: string, key: Buffer | null): Promise<void> {
    const { db, jobs } = storeWithRows(name, key);
    const expected = jobs.map(runDigester(db));
    expect(new Set(expected.map((d) => d.sha256)).size).toBe(jobs.length);
    const check = checkStoreBeside(db, key, jobs);
    expect(await check.store()).toEqual({ integrity: [], foreignKeyProblems: 0 });
    await sleep(50);
    const found = await check.digests();
    expect(found.byWorker).toBeGreaterThan(0);
    expect(found.digests).toEqual(expected);
    db.close();
  }

  it('a plain store: the worker checks integrity and takes runs from the shared queue, with the digests this thread gives', async () => {
    await workerShares('plain', null);
  });

  it('an encrypted store: the worker opens it with the case key', async () => {
    await workerShares('encrypted', randomBytes(32));
  });

  it('a worker that cannot open the store leaves every check to this thread, with the same results', async () => {
    const { db, jobs } = storeWithRows('wrong-key', randomBytes(32));
    const expected = jobs.map(runDigester(db));
    const check = checkStoreBeside(db, randomBytes(32), jobs);
    expect(await check.store()).toEqual({ integrity: [], foreignKeyProblems: 0 });
    const found = await check.digests();
    expect(found.byWorker).toBe(0);
    expect(found.digests).toEqual(expected);
    db.close();
  });

  it('a damaged foreign key is counted by the worker', async () => {
    const { db, jobs } = storeWithRows('orphans', null);
    db.exec('CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parents(id))');
    db.pragma('foreign_keys = OFF');
    db.exec('INSERT INTO children (parent) VALUES (7), (8)');
    const check = checkStoreBeside(db, null, jobs);
    expect(await check.store()).toEqual({ integrity: [], foreignKeyProblems: 2 });
    await check.digests();
    db.close();
  });
});
