import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { custodyEntryHash } from '../../shared/store/custody';
import { runCli } from '../helpers/cli';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-verify-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A plain case with two files, an analysis and one signed export, then a few more custody entries. */
async function caseWithExport(name: string): Promise<{ caseDir: string }> {
  const caseDir = path.join(root, name);
  const engine = new LedgerEngine();
  try {
    await engine.createCase({ caseDir, name, investigator: 'Test', discovered: '2025-02-10' });
    for (const file of ['a.bin', 'b.bin']) writeFileSync(path.join(root, `${name}-${file}`), randomBytes(4096));
    await engine.addEvidence({ caseDir, files: [path.join(root, `${name}-a.bin`), path.join(root, `${name}-b.bin`)], actor: 'test' });
    await engine.defineScope({ caseDir, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', ips: ['203.0.113.9'], actor: 'test' });
    await engine.reconstruct({ caseDir, actor: 'test' });
    await engine.exportCase({ caseDir, actor: 'test' });
    for (let i = 0; i < 3; i++) await engine.verify({ caseDir, actor: 'test' });
    return { caseDir };
  } finally {
    engine.close();
  }
}

function store(caseDir: string): Database.Database {
  return new Database(path.join(caseDir, 'ledger.sqlite'));
}

async function verifyOf(caseDir: string, expectHead?: string) {
  const engine = new LedgerEngine();
  try {
    return await engine.verify({ caseDir, actor: 'test', expectHead: expectHead ?? null });
  } finally {
    engine.close();
  }
}

describe('verify covers what it has the data to catch', () => {
  it('a vault file and its evidence row both replaced (trigger dropped): caught against the custody digests', async () => {
    const { caseDir } = await caseWithExport('replaced');
    const db = store(caseDir);
    const row = db.prepare('SELECT id, sha256 FROM evidence ORDER BY id LIMIT 1').get() as { id: number; sha256: string };
    const forged = randomBytes(4096);
    const digest = (algorithm: string) => createHash(algorithm).update(forged).digest('hex');
    db.exec('DROP TRIGGER evidence_no_update');
    db.prepare('UPDATE evidence SET sha256 = ?, sha1 = ?, md5 = ?, size = ? WHERE id = ?').run(digest('sha256'), digest('sha1'), digest('md5'), forged.length, row.id);
    db.close();
    const vault = path.join(caseDir, 'vault');
    chmodSync(path.join(vault, row.sha256), 0o644);
    rmSync(path.join(vault, row.sha256));
    writeFileSync(path.join(vault, digest('sha256')), forged);

    const report = await verifyOf(caseDir);
    expect(report.evidence.every((e) => e.ok)).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.records.problems.join('\n')).toMatch(new RegExp(`evidence ${row.id} \\(table evidence\\) differs from custody entry \\d+: sha256 ${digest('sha256')}, custody recorded ${row.sha256}`));
  });

  it('the last custody entries deleted: caught against the head an export manifest signed', async () => {
    const { caseDir } = await caseWithExport('truncated');
    const manifestFile = readdirSync(path.join(caseDir, 'exports'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('manifest.json'))!;
    const manifestHead = (JSON.parse(readFileSync(path.join(caseDir, 'exports', manifestFile), 'utf8')) as { custody: { currentHead: { seq: number } } }).custody.currentHead;
    const db = store(caseDir);
    db.exec('DROP TRIGGER custody_no_delete');
    db.prepare('DELETE FROM custody WHERE seq >= ?').run(manifestHead.seq - 1);
    db.close();
    const report = await verifyOf(caseDir);
    expect(report.custody.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.records.problems.join('\n')).toMatch(new RegExp(`records custody entry ${manifestHead.seq}, but the custody log ends at entry ${manifestHead.seq - 2}`));
  });

  it('a custody entry edited and every later hash recomputed: only the expected head (the external anchor) catches it', async () => {
    const { caseDir } = await caseWithExport('rechained');
    const engine = new LedgerEngine();
    const anchor = (await engine.custody({ caseDir })).head.hash;
    engine.close();
    const db = store(caseDir);
    db.exec('DROP TRIGGER custody_no_update');
    const rows = db.prepare('SELECT * FROM custody ORDER BY seq').all() as Array<Record<string, string | number>>;
    let prev = rows[0]!.prev_hash as string;
    const update = db.prepare('UPDATE custody SET details = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?');
    for (const row of rows) {
      const details = row.seq === 2 ? (row.details as string).replace(/"size":\d+/, '"size":1') : (row.details as string);
      const hash = custodyEntryHash(prev, {
        seq: row.seq as number,
        at: row.at as string,
        actor: row.actor as string,
        osUser: row.os_user as string,
        host: row.host as string,
        appVersion: row.app_version as string,
        action: row.action as 'acquire',
        subject: row.subject as string,
        details,
      });
      update.run(details, prev, hash, row.seq);
      prev = hash;
    }
    db.close();
    const report = await verifyOf(caseDir, anchor);
    expect(report.custody.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.records.problems.join('\n')).toMatch(`no entry with the expected head hash ${anchor}`);
    const cli = runCli(['verify', caseDir, '--expect-head', anchor]);
    expect(cli.status).toBe(3);
    expect(cli.stdout).toMatch(/FAIL {2}records: .*expected head hash/);
  });

  it('a damaged page of the store: exit 3, the damaged table named, logged', async () => {
    const { caseDir } = await caseWithExport('malformed');
    const db = store(caseDir);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const table = 'scopes';
    const target = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = ?`).pluck().get(table) as number;
    db.close();
    const file = path.join(caseDir, 'ledger.sqlite');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (target - 1) * pageSize);
    closeSync(fd);
    const cli = runCli(['verify', caseDir]);
    expect(cli.status).toBe(3);
    expect(`${cli.stdout}${cli.stderr}`).toMatch(new RegExp(`damaged: .*${table}`));
    expect(`${cli.stdout}${cli.stderr}`).not.toMatch(/Internal error/);
  });
});
