import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBreach } from '../../shared/demo';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { canonicalJson } from '../../shared/util/canonical-json';
import { buildTinyCase } from '../helpers/breach';
import { jsonOf, runCli, type Printed } from '../helpers/cli';
import { readJson } from '../helpers/json';
import type { Scenario } from '../unit/demo/helpers';
import type { DisposalCertificate } from '../../shared/store/dispose';

const PASSPHRASE = 'tiny breach passphrase';
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-encryption-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function folderDigest(dir: string): Record<string, string> {
  return Object.fromEntries(allFiles(dir).map((f) => [path.relative(dir, f), createHash('sha256').update(readFileSync(f)).digest('hex')]));
}

/** Files (relative) in which any of the markers appears in the clear. */
function filesContaining(dir: string, markers: readonly string[]): string[] {
  return allFiles(dir).filter((f) => {
    const text = readFileSync(f).toString('latin1');
    return markers.some((m) => text.includes(m));
  });
}

/** Names and emails of people in the case: text that must never appear in the clear. */
async function identities(engine: LedgerEngine, caseDir: string): Promise<string[]> {
  const { people } = await engine.listPeople({ caseDir, limit: 100 });
  const values = people.flatMap((p) => [p.email, p.name]).filter((v): v is string => typeof v === 'string' && v.length >= 6);
  expect(values.length).toBeGreaterThan(20);
  return values;
}

describe('an encrypted case through the whole pipeline', () => {
  let engine: LedgerEngine;
  let caseDir: string;
  let files: string[];
  let markers: string[];

  beforeAll(async () => {
    const dataDir = path.join(root, 'pipeline-data');
    const breach = await generateBreach({ outDir: dataDir, seed: 11, size: 'tiny' });
    const scenario = readJson<Scenario>(breach.scenarioPath);
    files = breach.files.map((f) => path.join(dataDir, f.path));
    engine = new LedgerEngine();
    caseDir = path.join(root, 'encrypted-case');
    const summary = await engine.createCase({ caseDir, name: 'Tiny breach', investigator: 'Test', discovered: '2025-06-23', encrypt: true, passphrase: PASSPHRASE });
    expect(summary.encrypted).toBe(true);
    const outcomes = await engine.addEvidence({ caseDir, files, actor: 'test' });
    expect(outcomes.every((o) => o.status === 'added')).toBe(true);
    const a = scenario.attack;
    await engine.defineScope({ caseDir, from: a.window.start, to: a.window.end, ips: a.attackerIps, apps: [a.connectedApp.name], actor: 'test' });
    markers = await identities(engine, caseDir);
  });
  afterAll(() => engine.close());

  it('records the digests of the original plaintext, and verifies them and every chunk tag', async () => {
    const evidence = await engine.listEvidence({ caseDir });
    for (const item of evidence) {
      const original = readFileSync(item.originalPath);
      expect(item.sha256).toBe(createHash('sha256').update(original).digest('hex'));
      expect(item.md5).toBe(createHash('md5').update(original).digest('hex'));
      expect(readFileSync(path.join(caseDir, 'vault', item.sha256)).subarray(0, 8).toString()).toBe('BLCHUNK1');
    }
    expect(evidence.some((e) => (e.latestImport?.rowsImported ?? 0) > 0)).toBe(true);
    const report = await engine.verify({ caseDir, actor: 'test' });
    expect(report.ok).toBe(true);
  });

  it('reconstructs, explains from the vault, exports encrypted files that verify-export accepts, and leaves no identity in the clear', async () => {
    const result = await engine.reconstruct({ caseDir, actor: 'test' });
    expect(result.total).toBeGreaterThan(0);
    const { consumers } = await engine.listConsumers({ caseDir, limit: 1 });
    const explained = await engine.explainConsumer({ caseDir, consumerId: consumers[0]!.id });
    expect(explained.records[0]!.source.text).toBeTruthy();

    const exported = await engine.exportCase({ caseDir, actor: 'test' });
    for (const f of exported.files) expect(readFileSync(path.join(exported.dir, f.path)).subarray(0, 8).toString()).toBe('BLCHUNK1');
    expect((await engine.verifyExport({ manifestPath: exported.manifestPath, caseDir })).ok).toBe(true);
    expect(filesContaining(caseDir, markers)).toEqual([]);
  });

  it('shares a redacted, signed copy with no name or email from the case', async () => {
    const out = path.join(root, 'share');
    const shared = await engine.shareRedacted({ caseDir, outDir: out, actor: 'test' });
    expect(shared.consumers).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(['consumers.csv', 'custody.json', 'evidence.json', 'manifest.json', 'summary.json']);
    const addresses = readFileSync(files.find((f) => /contact/i.test(f))!, 'utf8').match(/\d+ [A-Z][a-z]+ (St|Ave|Rd|Blvd|Ln|Dr|Way|Ct)\b/g) ?? [];
    expect(filesContaining(out, [...markers, ...addresses])).toEqual([]);
    const csv = readFileSync(path.join(out, 'consumers.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(shared.consumers + 1);
    expect(csv[1]).toMatch(/^P-[0-9a-f]{16},/);
    expect((await engine.verifyExport({ manifestPath: shared.manifestPath, caseDir })).ok).toBe(true);
  });

  it('names the evidence when one ciphertext byte of its vault file is altered', async () => {
    const [item] = await engine.listEvidence({ caseDir });
    const file = path.join(caseDir, 'vault', item!.sha256);
    const bytes = readFileSync(file);
    bytes[40]! ^= 0x01;
    rmSync(file, { force: true });
    writeFileSync(file, bytes);
    const report = await engine.verify({ caseDir, actor: 'test' });
    expect(report.ok).toBe(false);
    const failed = report.evidence.filter((e) => !e.ok);
    expect(failed.map((e) => e.name)).toEqual([item!.originalName]);
    expect(failed[0]!.problem).toMatch(/authentication failed at chunk 0 of vault\/[0-9a-f]{64}/);
  });

  it('disposes: certificate outside the case signed with the case key, wrapped key destroyed, folder gone', async () => {
    const certificatePath = path.join(root, 'disposal.json');
    await expect(engine.disposeCase({ caseDir, certificatePath, confirm: false })).rejects.toThrow(/cannot be undone; confirm it explicitly/);
    await expect(engine.disposeCase({ caseDir, certificatePath: path.join(caseDir, 'c.json'), confirm: true })).rejects.toThrow(/outside the case/);
    const before = allFiles(caseDir).map((f) => path.relative(caseDir, f).split(path.sep).join('/'));
    const head = (await engine.custody({ caseDir })).head;
    const result = await engine.disposeCase({ caseDir, certificatePath, confirm: true, actor: 'examiner' });
    expect(existsSync(caseDir)).toBe(false);
    const certificate = readJson<DisposalCertificate>(certificatePath);
    const { signature, ...body } = certificate;
    expect(verifySignature(null, Buffer.from(canonicalJson(body)), createPublicKey(signature.publicKeyPem), Buffer.from(signature.value, 'base64'))).toBe(true);
    expect(certificate.encrypted).toBe(true);
    expect(certificate.custodyHead.seq).toBe(head.seq + 1);
    expect(certificate.disposedBy.actor).toBe('examiner');
    expect(certificate.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(before.filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal'))));
    expect(certificate.files.find((f: { path: string }) => f.path === 'keys/case-key.json')).toMatchObject({ size: expect.any(Number) as unknown, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(result.filesDestroyed).toBe(certificate.files.length);
  });
});

describe('keys and passphrases', () => {
  let caseDir: string;
  beforeAll(async () => {
    caseDir = path.join(root, 'keys-case');
    const engine = new LedgerEngine();
    await engine.createCase({ caseDir, name: 'Keys', investigator: 'Test', encrypt: true, passphrase: PASSPHRASE });
    const file = path.join(root, 'keys-evidence.csv');
    writeFileSync(file, 'Id,Email\n1,keys.marker@example.com\n');
    await engine.addEvidence({ caseDir, files: [file], actor: 'test', format: 'unparsed' });
    engine.close();
  });

  it('a locked case will not open without its passphrase', async () => {
    const engine = new LedgerEngine();
    await expect(engine.listEvidence({ caseDir })).rejects.toThrow(/is an encrypted case; give its passphrase/);
    engine.close();
  });

  it('a wrong passphrase is one clear error and changes no byte of the folder', async () => {
    const before = folderDigest(caseDir);
    const engine = new LedgerEngine({ passphraseFor: () => Promise.resolve('not the passphrase') });
    const error = await engine.listEvidence({ caseDir }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^Wrong passphrase for this case/);
    expect((error as Error).message).not.toContain('not the passphrase');
    engine.close();
    expect(folderDigest(caseDir)).toEqual(before);
  });

  it('a corrupt key file is a clear error and loses nothing', async () => {
    const keyFile = path.join(caseDir, 'keys', 'case-key.json');
    const good = readFileSync(keyFile);
    writeFileSync(keyFile, good.subarray(0, 50));
    const before = folderDigest(caseDir);
    const engine = new LedgerEngine();
    await expect(engine.unlockCase({ caseDir, passphrase: PASSPHRASE })).rejects.toThrow(/key file .* is damaged/);
    engine.close();
    expect(folderDigest(caseDir)).toEqual(before);
    writeFileSync(keyFile, good);
  });

  it('a passphrase change re-wraps the key: old fails, new works, data untouched', async () => {
    const vault = (dir: string) => Object.fromEntries(Object.entries(folderDigest(dir)).filter(([f]) => f.startsWith('vault')));
    const before = vault(caseDir);
    const engine = new LedgerEngine();
    await engine.changePassphrase({ caseDir, oldPassphrase: PASSPHRASE, newPassphrase: 'a brand new passphrase', actor: 'test' });
    engine.close();
    expect(vault(caseDir)).toEqual(before);
    const again = new LedgerEngine();
    await expect(again.unlockCase({ caseDir, passphrase: PASSPHRASE })).rejects.toThrow(/Wrong passphrase/);
    const summary = await again.unlockCase({ caseDir, passphrase: 'a brand new passphrase' });
    expect(summary.evidenceCount).toBe(1);
    expect((await again.custody({ caseDir })).entries.at(-1)!.action).toBe('passphrase-change');
    expect((await again.verify({ caseDir })).ok).toBe(true);
    again.close();
  });
});

describe('case encrypt', () => {
  it('converts a plain case: store, vault and exports encrypted, no plaintext left anywhere, everything still verifies', async () => {
    const built = await buildTinyCase(path.join(root, 'convert'));
    const { engine, caseDir } = built;
    await engine.reconstruct({ caseDir, actor: 'test' });
    const exported = await engine.exportCase({ caseDir, actor: 'test' });
    const markers = await identities(engine, caseDir);
    expect(filesContaining(caseDir, markers).length).toBeGreaterThan(0);

    const result = await engine.encryptCase({ caseDir, passphrase: PASSPHRASE, actor: 'test' });
    expect(result.vaultFiles).toBe(built.files.length);
    expect(result.exportsResigned).toBe(1);
    engine.close();

    expect(filesContaining(caseDir, markers)).toEqual([]);
    expect(allFiles(caseDir).filter((f) => /\.(encrypting|new|pending|old)$|\.partial-/.test(f))).toEqual([]);
    const reopened = new LedgerEngine();
    await expect(reopened.listEvidence({ caseDir })).rejects.toThrow(/encrypted case/);
    await reopened.unlockCase({ caseDir, passphrase: PASSPHRASE });
    expect((await reopened.verify({ caseDir })).ok).toBe(true);
    expect((await reopened.verifyExport({ manifestPath: exported.manifestPath, caseDir })).ok).toBe(true);
    expect((await reopened.custody({ caseDir })).entries.some((e) => e.action === 'case-encrypt')).toBe(true);
    expect((await reopened.listConsumers({ caseDir, limit: 5 })).total).toBeGreaterThan(0);
    reopened.close();
  });
  it('finishes an interrupted conversion on a second run with the same passphrase, losing nothing', async () => {
    const built = await buildTinyCase(path.join(root, 'interrupted'));
    const { engine, caseDir } = built;
    await engine.reconstruct({ caseDir, actor: 'test' });
    const exported = await engine.exportCase({ caseDir, actor: 'test' });
    const markers = await identities(engine, caseDir);
    engine.close();

    // A directory where the last vault file should be stops the conversion half-way through the vault.
    const vaultDir = path.join(caseDir, 'vault');
    const last = readdirSync(vaultDir).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort().at(-1)!;
    const aside = path.join(root, 'aside.bin');
    renameSync(path.join(vaultDir, last), aside);
    mkdirSync(path.join(vaultDir, last));
    const first = new LedgerEngine();
    await expect(first.encryptCase({ caseDir, passphrase: PASSPHRASE, actor: 'test' })).rejects.toThrow();
    first.close();
    rmdirSync(path.join(vaultDir, last));
    renameSync(aside, path.join(vaultDir, last));

    const meanwhile = new LedgerEngine();
    await expect(meanwhile.listEvidence({ caseDir })).rejects.toThrow(/interrupted; encrypt it again with the same passphrase/);
    const before = folderDigest(caseDir);
    await expect(meanwhile.encryptCase({ caseDir, passphrase: 'another passphrase', actor: 'test' })).rejects.toThrow(/Wrong passphrase/);
    expect(folderDigest(caseDir)).toEqual(before);
    const result = await meanwhile.encryptCase({ caseDir, passphrase: PASSPHRASE, actor: 'test' });
    expect(result.vaultFiles).toBe(built.files.length);
    meanwhile.close();

    expect(filesContaining(caseDir, markers)).toEqual([]);
    expect(allFiles(caseDir).filter((f) => /\.(encrypting|new|pending|old)$|\.partial-/.test(f))).toEqual([]);
    const reopened = new LedgerEngine();
    await reopened.unlockCase({ caseDir, passphrase: PASSPHRASE });
    expect((await reopened.verify({ caseDir })).ok).toBe(true);
    expect((await reopened.verifyExport({ manifestPath: exported.manifestPath, caseDir })).ok).toBe(true);
    const encrypted = (await reopened.custody({ caseDir })).entries.filter((e) => e.action === 'case-encrypt');
    expect(encrypted).toHaveLength(1);
    expect(encrypted[0]!.details).toMatchObject({ resumed: true, vaultFiles: built.files.length });
    expect((await reopened.listConsumers({ caseDir, limit: 5 })).total).toBeGreaterThan(0);
    reopened.close();
  });
});

describe('the CLI', () => {
  it('creates an encrypted case from BREACH_LEDGER_PASSPHRASE, never prints it, refuses when locked, and dispose needs --yes', () => {
    const caseDir = path.join(root, 'cli-case');
    const env = { BREACH_LEDGER_PASSPHRASE: 'cli secret passphrase' };
    const created = runCli(['case', 'init', caseDir, '--name', 'CLI', '--investigator', 'Test', '--encrypt', '--json'], { env });
    expect(created.status).toBe(0);
    expect(jsonOf<Printed<'createCase'>>(created).encrypted).toBe(true);
    expect(created.stdout + created.stderr).not.toContain('cli secret passphrase');

    const locked = runCli(['evidence', caseDir], { env: { BREACH_LEDGER_PASSPHRASE: '' } });
    expect(locked.status).toBe(2);
    expect(locked.stderr).toMatch(/passphrase/);

    const wrongFile = path.join(root, 'wrong-pass.txt');
    writeFileSync(wrongFile, 'definitely wrong pass\n');
    const wrong = runCli(['evidence', caseDir, '--passphrase-file', wrongFile]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/^Wrong passphrase/);
    expect(wrong.stderr).not.toContain('definitely wrong pass');

    const refused = runCli(['dispose', caseDir, '--certificate', path.join(root, 'cli-cert.json')], { env });
    expect(refused.status).toBe(2);
    expect(existsSync(caseDir)).toBe(true);
  });
});
