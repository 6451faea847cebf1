import { chmodSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createCase, openCase, STORE_FILE } from '../../shared/store/case-folder';
import { addEvidence } from '../../shared/ingest/acquire';
import { verifyCase } from '../../shared/store/verify';
import { listCustody } from '../../shared/store/custody';
import { openStore, schemaVersion } from '../../shared/store/db';
import { SCHEMA_VERSION } from '../../shared/store/schema';
import { sha256Hex } from '../../shared/util/hash';
import { createHash } from 'node:crypto';
import { SAMPLES } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const SAMPLE_A = path.join(SAMPLES, 'newrelic__sample_log_lines.csv');
const SAMPLE_B = path.join(SAMPLES, 'elastic-beats__apache_access_test.log');

async function caseWithTwoFiles() {
  const dir = path.join(tempDir(), 'case');
  const handle = await createCase({ dir, name: 'Test', investigator: 'Ivy', discovered: '2025-06-10', timeZone: 'UTC' });
  const a = await addEvidence(handle, { file: SAMPLE_A, actor: 'ivy', format: 'unparsed' });
  const b = await addEvidence(handle, { file: SAMPLE_B, actor: 'ivy', format: 'unparsed' });
  return { dir, handle, a: a.evidence, b: b.evidence };
}

describe('acquisition', () => {
  it('records the three digests of the original bytes and stores a read-only copy named by SHA-256', async () => {
    const { dir, handle, a } = await caseWithTwoFiles();
    const bytes = readFileSync(SAMPLE_A);
    expect(a.sha256).toBe(sha256Hex(bytes));
    expect(a.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
    expect(a.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(a.size).toBe(bytes.length);
    const vaultCopy = path.join(dir, 'vault', a.sha256);
    expect(readFileSync(vaultCopy).equals(bytes)).toBe(true);
    expect(readdirSync(path.join(dir, 'vault')).sort()).toEqual([a.sha256, (await handle.db.prepare('SELECT sha256 FROM evidence WHERE id = 2').pluck().get()) as string].sort());
    handle.close();
  });

  it('refuses a file whose SHA-256 is already in the case, naming the existing evidence, without a second copy', async () => {
    const { dir, handle, a } = await caseWithTwoFiles();
    const copy = path.join(tempDir(), 'renamed.csv');
    cpSync(SAMPLE_A, copy);
    await expect(addEvidence(handle, { file: copy, actor: 'ivy' })).rejects.toMatchObject({ code: 'DUPLICATE_EVIDENCE', details: { existingId: a.id } });
    expect(readdirSync(path.join(dir, 'vault'))).toHaveLength(2);
    expect(handle.db.prepare('SELECT COUNT(*) FROM evidence').pluck().get()).toBe(2);
    handle.close();
  });

  it('writes one custody entry per acquisition with the digests', async () => {
    const { handle, a } = await caseWithTwoFiles();
    const acquire = listCustody(handle.db).filter((e) => e.action === 'acquire');
    expect(acquire).toHaveLength(2);
    expect(acquire[0]!.details).toMatchObject({ evidenceId: a.id, sha256: a.sha256, sha1: a.sha1, md5: a.md5 });
    handle.close();
  });
});

describe('bulk import journal', () => {
  const elf = path.join(SAMPLES, 'appomni__salesforce_elf_soap_api_event_activity_audit_download_resource_soapapi.json');

  it('imports with a rollback journal while the case is not shared, and leaves the store in WAL mode', async () => {
    const dir = path.join(tempDir(), 'case');
    const handle = await createCase({ dir, name: 'Test', investigator: 'Ivy' });
    const modes: string[] = [];
    await addEvidence(handle, { file: elf, actor: 'ivy' }, (p) => p.phase === 'parse' && modes.push(handle.db.pragma('journal_mode', { simple: true }) as string));
    expect(modes.length).toBeGreaterThan(0);
    expect(new Set(modes)).toEqual(new Set(['delete']));
    expect(handle.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.db.prepare('SELECT COUNT(*) FROM access_events').pluck().get()).toBeGreaterThan(0);
    handle.close();
  });

  it('stays in WAL mode when another connection has the store open, and the import still lands', async () => {
    const dir = path.join(tempDir(), 'case');
    const handle = await createCase({ dir, name: 'Test', investigator: 'Ivy' });
    const other = new Database(path.join(dir, STORE_FILE), { readonly: true });
    other.prepare('SELECT COUNT(*) FROM evidence').get();
    const modes: string[] = [];
    const result = await addEvidence(handle, { file: elf, actor: 'ivy' }, (p) => p.phase === 'parse' && modes.push(handle.db.pragma('journal_mode', { simple: true }) as string));
    expect(new Set(modes)).toEqual(new Set(['wal']));
    expect(result.import?.rowsImported).toBeGreaterThan(0);
    expect(other.prepare('SELECT COUNT(*) FROM access_events').pluck().get()).toBe(result.import!.rowsImported);
    other.close();
    handle.close();
  });
});

describe('append-only store', () => {
  for (const table of ['evidence', 'custody', 'case_info']) {
    it(`aborts UPDATE and DELETE on ${table} (raw SQL)`, async () => {
      const { dir, handle } = await caseWithTwoFiles();
      handle.close();
      const raw = new Database(path.join(dir, STORE_FILE));
      const column = table === 'custody' ? 'actor' : table === 'evidence' ? 'original_name' : 'value';
      expect(() => raw.prepare(`UPDATE ${table} SET ${column} = 'x'`).run()).toThrow(/append-only/);
      expect(() => raw.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
      raw.close();
    });
  }
});

describe('verify', () => {
  it('passes on an untouched case and logs itself in custody', async () => {
    const { handle } = await caseWithTwoFiles();
    const report = await verifyCase(handle, 'ivy');
    expect(report.ok).toBe(true);
    expect(report.evidence.every((e) => e.ok)).toBe(true);
    const last = listCustody(handle.db).at(-1)!;
    expect(last.action).toBe('verify');
    expect(last.details).toMatchObject({ ok: true, evidenceChecked: 2 });
    handle.close();
  });

  it('names the evidence whose vault file had one byte flipped', async () => {
    const { dir, handle, a, b } = await caseWithTwoFiles();
    const file = path.join(dir, 'vault', b.sha256);
    chmodSync(file, 0o644);
    const bytes = readFileSync(file);
    bytes[10] = bytes[10]! ^ 0xff;
    writeFileSync(file, bytes);
    const report = await verifyCase(handle, 'ivy');
    expect(report.ok).toBe(false);
    expect(report.evidence.find((e) => e.id === a.id)!.ok).toBe(true);
    const bad = report.evidence.find((e) => e.id === b.id)!;
    expect(bad.ok).toBe(false);
    expect(bad.problem).toContain(`SHA-256 expected ${b.sha256}`);
    handle.close();
  });

  it('reports a deleted vault file as missing', async () => {
    const { dir, handle, a } = await caseWithTwoFiles();
    rmSync(path.join(dir, 'vault', a.sha256));
    const report = await verifyCase(handle, 'ivy');
    expect(report.ok).toBe(false);
    expect(report.evidence.find((e) => e.id === a.id)!.problem).toMatch(/missing/);
    handle.close();
  });

  it('reports the first broken custody sequence when a row is edited behind the app', async () => {
    const { dir, handle } = await caseWithTwoFiles();
    handle.close();
    const raw = new Database(path.join(dir, STORE_FILE));
    const trigger = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'custody_no_update'").pluck().get() as string;
    raw.exec('DROP TRIGGER custody_no_update');
    raw.prepare("UPDATE custody SET actor = 'mallory' WHERE seq = 2").run();
    raw.exec(trigger);
    raw.close();
    const reopened = await openCase(dir);
    const report = await verifyCase(reopened, 'ivy');
    expect(report.ok).toBe(false);
    expect(report.custody.ok).toBe(false);
    expect(report.custody.firstBadSeq).toBe(2);
    reopened.close();
  });

  it('reports a custody row deleted behind the app as a gap', async () => {
    const { dir, handle } = await caseWithTwoFiles();
    handle.close();
    const raw = new Database(path.join(dir, STORE_FILE));
    const trigger = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'custody_no_delete'").pluck().get() as string;
    raw.exec('DROP TRIGGER custody_no_delete');
    raw.prepare('DELETE FROM custody WHERE seq = 2').run();
    raw.exec(trigger);
    raw.close();
    const reopened = await openCase(dir);
    const report = await verifyCase(reopened, 'ivy');
    expect(report.custody.firstBadSeq).toBe(3);
    expect(report.custody.problem).toMatch(/missing/);
    reopened.close();
  });

  it('passes on a copy of the case folder moved elsewhere (no absolute case paths in the store)', async () => {
    const { dir, handle } = await caseWithTwoFiles();
    handle.close();
    const moved = path.join(tempDir(), 'elsewhere', 'case-copy');
    cpSync(dir, moved, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    const storeText = readFileSync(path.join(moved, STORE_FILE)).toString('latin1');
    expect(storeText.includes(dir)).toBe(false);
    const reopened = await openCase(moved);
    const report = await verifyCase(reopened, 'ivy');
    expect(report.ok).toBe(true);
    reopened.close();
  });
});

describe('schema', () => {
  it('records its version and migrates an empty store to the current version', () => {
    const file = path.join(tempDir(), 'x.sqlite');
    const db = openStore(file, { create: true });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
    const reopened = openStore(file, { create: false });
    expect(schemaVersion(reopened)).toBe(SCHEMA_VERSION);
    reopened.close();
  });

  it('refuses a store written by a newer schema', () => {
    const file = path.join(tempDir(), 'x.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openStore(file, { create: false })).toThrow(/newer Breach Ledger/);
  });
});

describe('case folder', () => {
  it('creates the store, vault, exports and an Ed25519 key pair whose public key is in the store', async () => {
    const dir = path.join(tempDir(), 'c');
    const handle = await createCase({ dir, name: 'N', investigator: 'I' });
    expect(existsSync(path.join(dir, 'ledger.sqlite'))).toBe(true);
    expect(existsSync(path.join(dir, 'vault'))).toBe(true);
    expect(existsSync(path.join(dir, 'exports'))).toBe(true);
    const pub = readFileSync(path.join(dir, 'keys', 'signing-key.pub.pem'), 'utf8');
    expect(handle.info.publicKeyPem).toBe(pub);
    expect(pub).toContain('BEGIN PUBLIC KEY');
    handle.close();
  });

  it('refuses a non-empty folder', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'something.txt'), 'x');
    await expect(createCase({ dir, name: 'N', investigator: 'I' })).rejects.toMatchObject({ code: 'CASE_NOT_EMPTY' });
  });

  it('rejects an invalid time zone or discovery date', async () => {
    await expect(createCase({ dir: path.join(tempDir(), 'c'), name: 'N', investigator: 'I', timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'BAD_USAGE' });
    await expect(createCase({ dir: path.join(tempDir(), 'c'), name: 'N', investigator: 'I', discovered: '2025-02-30' })).rejects.toMatchObject({ code: 'BAD_USAGE' });
  });
});
