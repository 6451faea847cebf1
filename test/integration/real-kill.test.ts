import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ADD_POINTS, ENCRYPT_POINTS, killAdd, killEncrypt, type KillRun } from '../helpers/real-kill';

const FIXTURES = path.resolve(__dirname, '../fixtures');
let root: string;
let template: string;
let big: string;
let passphraseFile: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-sigkill-'));
  template = path.join(root, 'template');
  big = path.join(root, 'big.bin');
  writeFileSync(big, randomBytes(24 * 1024 * 1024));
  passphraseFile = path.join(root, 'passphrase.txt');
  writeFileSync(passphraseFile, 'sigkill harness passphrase\n');
  expect(runCli(['case', 'init', template, '--name', 'SIGKILL', '--investigator', 'Test']).status).toBe(0);
  expect(runCli(['add', template, path.join(FIXTURES, 'people/Contact.csv')]).status).toBe(0);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const report = (runs: KillRun[]) => runs.filter((r) => r.problems.length > 0).map((r) => `${r.point}: ${r.problems.join('; ')}`);

describe('SIGKILL of the real CLI, then the same command again', () => {
  it('add killed while staging, right after the vault rename and at a random moment: nothing lost, verify passes', async () => {
    const files = [big, path.join(FIXTURES, 'salesforce/elf-API.csv')];
    const runs: KillRun[] = [];
    for (const point of [...ADD_POINTS, { name: 'random 1.5 s', delayMs: 1500 + Math.floor(Math.random() * 1500) }]) {
      runs.push(await killAdd(template, path.join(root, 'add'), files, 1, point));
    }
    expect(report(runs)).toEqual([]);
    // The boundary kills must have landed while the command ran.
    expect(runs.slice(0, ADD_POINTS.length).every((r) => r.killed)).toBe(true);
  }, 150_000);

  it('case encrypt killed mid-ciphertext and with a plaintext set aside: resumed, nothing lost, verify passes', async () => {
    const encryptTemplate = path.join(root, 'encrypt-template');
    rmSync(encryptTemplate, { recursive: true, force: true });
    expect(runCli(['case', 'init', encryptTemplate, '--name', 'SIGKILL encrypt', '--investigator', 'Test']).status).toBe(0);
    expect(runCli(['add', encryptTemplate, big, path.join(FIXTURES, 'people/Contact.csv')]).status).toBe(0);
    const runs: KillRun[] = [];
    // Random moments are in `npm run bench -- reliability sigkill`; each round here costs three CLI starts and a key derivation.
    for (const point of ENCRYPT_POINTS) {
      runs.push(await killEncrypt(encryptTemplate, path.join(root, 'encrypt'), 2, passphraseFile, point));
    }
    expect(report(runs)).toEqual([]);
    expect(runs.every((r) => r.killed)).toBe(true);
  }, 150_000);
});
