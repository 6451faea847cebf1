import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { sealableTables } from '../../shared/store/row-seals';
import { buildTinyCase } from '../helpers/breach';

let root: string;
let caseDir: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-seals-'));
  const built = await buildTinyCase(root);
  caseDir = built.caseDir;
  try {
    await built.engine.reconstruct({ caseDir, actor: 'test' });
    await built.engine.findings({ caseDir, actor: 'test' });
    await built.engine.exportCase({ caseDir, actor: 'test' });
    // A note is written after the custody entry that records it: sealed by the next entry, never a false alarm.
    const event = new Database(path.join(caseDir, 'ledger.sqlite'), { readonly: true }).prepare('SELECT min(id) FROM access_events').pluck().get() as number;
    await built.engine.annotate({ caseDir, target: { kind: 'event', id: event }, note: 'seen in the attacker window', tags: ['reviewed'], actor: 'test' });
  } finally {
    built.engine.close();
  }
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function verify(dir: string) {
  const engine = new LedgerEngine();
  try {
    return await engine.verify({ caseDir: dir, actor: 'test' });
  } finally {
    engine.close();
  }
}

/** A copy of the case with one raw SQL change made behind the app (append-only triggers dropped first). */
function tampered(name: string, sql: string): string {
  const dir = path.join(root, name);
  cpSync(caseDir, dir, { recursive: true });
  const db = new Database(path.join(dir, 'ledger.sqlite'));
  try {
    for (const trigger of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) db.exec(`DROP TRIGGER "${trigger}"`);
    db.exec(sql);
  } finally {
    db.close();
  }
  return dir;
}

function count(dir: string, sql: string): number {
  const db = new Database(path.join(dir, 'ledger.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('row seals: every row a step wrote, checked by verify', () => {
  it('a clean case (import, reconstruct, findings, export, a note) verifies clean, every row of every sealed table checked', async () => {
    const report = await verify(caseDir);
    expect(report.records.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const db = new Database(path.join(caseDir, 'ledger.sqlite'), { readonly: true });
    try {
      const { sealed, excluded } = sealableTables(db);
      expect(excluded.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['custody', 'row_seals']));
      expect(sealed.map((t) => t.name)).toEqual(expect.arrayContaining(['access_events', 'subject_records', 'analysis_consumers', 'event_day_values', 'annotations']));
      const rows = sealed.reduce((sum, t) => sum + (db.prepare(`SELECT count(*) FROM "${t.name}"`).pluck().get() as number), 0);
      expect(report.records.rowsChecked).toBe(rows);
      // The import's custody entry records a digest per table it wrote.
      const parse = JSON.parse(db.prepare(`SELECT details FROM custody WHERE action = 'parse' ORDER BY seq LIMIT 1`).pluck().get() as string) as { rowSeals: Record<string, { rows: number }> };
      expect(Object.keys(parse.rowSeals)).toEqual(expect.arrayContaining(['imports']));
    } finally {
      db.close();
    }
    // verify's own entry sealed the note written after its entry; a second verify is clean too.
    expect((await verify(caseDir)).ok).toBe(true);
  }, 120_000);

  it('names the table and rowid of a changed evidence-derived row', async () => {
    const id = count(caseDir, 'SELECT max(id) FROM subject_records') - 3;
    const dir = tampered('subject', `UPDATE subject_records SET system = 'salesforcd' WHERE id = ${id}`);
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    expect(report.records.problems).toEqual([expect.stringMatching(new RegExp(`^table subject_records, row ${id}: changed since custody entry \\d+ \\(parse evidence`))]);
  }, 60_000);

  it('names a changed row of an analysis table without its own id, and a removed one', async () => {
    const rowid = count(caseDir, 'SELECT max(rowid) FROM analysis_consumer_records') - 1;
    const dir = tampered('analysis', `UPDATE analysis_consumer_records SET reason = reason || ' ' WHERE rowid = ${rowid}; DELETE FROM analysis_hits WHERE rowid = 2`);
    const problems = (await verify(dir)).records.problems;
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^table analysis_consumer_records, row ${rowid}: changed since custody entry \\d+ \\(analysis`)));
    expect(problems).toContainEqual(expect.stringMatching(/^table analysis_hits: 1 of rows 1–\d+ sealed by custody entry \d+ \(analysis .* are gone/));
  }, 60_000);

  it('names a changed row of a WITHOUT ROWID rollup by its key', async () => {
    const dir = tampered('rollup', `UPDATE event_day_values SET events = events + 1 WHERE (dimension, value, day, import_id, part) = (SELECT dimension, value, day, import_id, part FROM event_day_values LIMIT 1)`);
    const problems = (await verify(dir)).records.problems;
    expect(problems).toEqual([expect.stringMatching(/^table event_day_values, row \('[a-z]+', '.*', '\d{4}-\d\d-\d\d', \d+, \d+\): changed or added since custody entry \d+ \(parse/)]);
  }, 60_000);

  it('a changed seal, a next-id counter moved back and a removed case row are each named', async () => {
    const seals = await verify(tampered('seal', `UPDATE row_seals SET row_crcs = zeroblob(length(row_crcs)) WHERE id = (SELECT max(id) FROM row_seals WHERE tbl = 'access_events')`));
    expect(seals.records.problems).toEqual([expect.stringMatching(/^table row_seals: the seals of access_events \(keys \d+–\d+\) differ from what custody entry \d+ \(parse/)]);
    const counter = await verify(tampered('counter', `UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'imports'`));
    expect(counter.records.problems).toEqual([expect.stringMatching(/^table sqlite_sequence: the next-id counter of imports is \d+, but its last row is \d+/)]);
    const gone = await verify(tampered('gone', `DELETE FROM case_info WHERE rowid = 2`));
    expect(gone.records.problems).toEqual([expect.stringMatching(/^table case_info: 1 of rows 1–\d+ sealed by custody entry 1 \(case-create .* are gone/)]);
  }, 60_000);
});
