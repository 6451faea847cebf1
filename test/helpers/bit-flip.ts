import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openCase } from '../../shared/store/case-folder';
import { verifyCase } from '../../shared/store/verify';

/**
 * The bit-flip harness: one bit of `ledger.sqlite` flipped at a random offset, in a fresh copy of a closed case,
 * then two questions. Did the row content change while the store still reads (a silent change)? Did verify
 * (or opening the case) report a problem? A flip no query can see (free space, slack) changes nothing.
 */
export interface FlipOutcome {
  offset: number;
  /** Tables whose rows read differently after the flip; empty when no row changed. */
  changedTables: string[];
  /** The store no longer reads whole (SQLite reports corruption): loud by construction. */
  unreadable: boolean;
  detected: boolean;
}

export interface FlipSummary {
  flips: number;
  silentChanges: number;
  silentDetected: number;
  unreadable: number;
  unreadableDetected: number;
  noEffect: number;
  /** Tables whose silent changes verify missed, with counts. */
  missedByTable: Record<string, number>;
  detectedByTable: Record<string, number>;
}

type Dump = Map<string, string>;

function dump(file: string): Dump | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string; sql: string }>;
    const result: Dump = new Map();
    for (const { name, sql } of tables) {
      const order = /WITHOUT ROWID/i.test(sql) ? '' : ' ORDER BY rowid';
      result.set(name, JSON.stringify(db.prepare(`SELECT * FROM "${name}"${order}`).raw().all()));
    }
    return result;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** A small deterministic generator, so a run can be repeated flip for flip. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function runBitFlips(caseDir: string, scratch: string, flips: number, seed = 19): Promise<{ summary: FlipSummary; outcomes: FlipOutcome[] }> {
  const store = path.join(caseDir, 'ledger.sqlite');
  const original = readFileSync(store);
  const before = dump(store)!;
  const next = random(seed);
  const outcomes: FlipOutcome[] = [];
  const work = path.join(scratch, 'flipped');
  for (let i = 0; i < flips; i++) {
    rmSync(work, { recursive: true, force: true });
    cpSync(caseDir, work, { recursive: true });
    const offset = 100 + Math.floor(next() * (original.length - 100));
    const bytes = Buffer.from(original);
    bytes[offset] = bytes[offset]! ^ (1 << Math.floor(next() * 8));
    writeFileSync(path.join(work, 'ledger.sqlite'), bytes);
    const after = dump(path.join(work, 'ledger.sqlite'));
    const changedTables = after ? [...before.keys()].filter((t) => before.get(t) !== after.get(t)) : [];
    let detected: boolean;
    try {
      const handle = await openCase(work);
      try {
        detected = !(await verifyCase(handle, 'bit-flip harness')).ok;
      } finally {
        handle.close();
      }
    } catch {
      // Refusing to open the case is a report too.
      detected = true;
    }
    outcomes.push({ offset, changedTables, unreadable: after === null, detected });
  }
  rmSync(work, { recursive: true, force: true });
  const silent = outcomes.filter((o) => !o.unreadable && o.changedTables.length > 0);
  const count = (list: FlipOutcome[]) =>
    list.reduce<Record<string, number>>((acc, o) => {
      for (const t of o.changedTables) acc[t] = (acc[t] ?? 0) + 1;
      return acc;
    }, {});
  return {
    outcomes,
    summary: {
      flips,
      silentChanges: silent.length,
      silentDetected: silent.filter((o) => o.detected).length,
      unreadable: outcomes.filter((o) => o.unreadable).length,
      unreadableDetected: outcomes.filter((o) => o.unreadable && o.detected).length,
      noEffect: outcomes.filter((o) => !o.unreadable && o.changedTables.length === 0).length,
      missedByTable: count(silent.filter((o) => !o.detected)),
      detectedByTable: count(silent.filter((o) => o.detected)),
    },
  };
}
