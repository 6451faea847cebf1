import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFile, KEY_FILE, rewrapKeyFile, unlockKeyFile } from '../../../shared/store/case-keys';
import { readJson } from '../../helpers/json';
import { tempDir } from '../../helpers/tmp';

describe('case key file (scrypt-wrapped data key)', () => {
  it('unlocks with the passphrase and derives the same keys; records scrypt parameters and salt', async () => {
    const dir = tempDir();
    const created = await createKeyFile(dir, 'correct horse battery');
    const file = readJson<{ kdf: { name: string; N: number; r: number; p: number; salt: string } }>(path.join(dir, KEY_FILE));
    expect(file.kdf).toMatchObject({ name: 'scrypt', N: 131072, r: 8, p: 1 });
    expect(Buffer.from(file.kdf.salt, 'base64')).toHaveLength(16);
    expect(JSON.stringify(file)).not.toContain('correct horse battery');
    const unlocked = await unlockKeyFile(dir, 'correct horse battery');
    expect(unlocked.files.equals(created.files)).toBe(true);
    expect(unlocked.store.equals(created.store)).toBe(true);
    expect(unlocked.files.equals(unlocked.store)).toBe(false);
  });

  it('refuses a wrong passphrase with one clear error that does not echo it', async () => {
    const dir = tempDir();
    await createKeyFile(dir, 'correct horse battery');
    const error = await unlockKeyFile(dir, 'wrong-guess-123').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Wrong passphrase for this case/);
    expect((error as Error).message).not.toContain('wrong-guess-123');
  });

  it('reports a damaged key file as damaged', async () => {
    const dir = tempDir();
    await createKeyFile(dir, 'correct horse battery');
    const file = path.join(dir, KEY_FILE);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.slice(0, 40));
    await expect(unlockKeyFile(dir, 'correct horse battery')).rejects.toThrow(/key file .* is damaged \(it is not valid JSON\)/);
    writeFileSync(file, good.replace(/"salt": "[^"]+"/, '"salt": "AAAA"'));
    await expect(unlockKeyFile(dir, 'correct horse battery')).rejects.toThrow(/is damaged \(its scrypt parameters are invalid\)/);
  });

  it('re-wraps on a passphrase change: the old one fails, the new one gives the same data key', async () => {
    const dir = tempDir();
    const before = await createKeyFile(dir, 'first passphrase');
    await expect(rewrapKeyFile(dir, 'not the passphrase', 'second passphrase')).rejects.toThrow(/Wrong passphrase/);
    const after = await rewrapKeyFile(dir, 'first passphrase', 'second passphrase');
    expect(after.files.equals(before.files)).toBe(true);
    await expect(unlockKeyFile(dir, 'first passphrase')).rejects.toThrow(/Wrong passphrase/);
    expect((await unlockKeyFile(dir, 'second passphrase')).store.equals(before.store)).toBe(true);
    expect(readdirSync(dir)).toEqual([KEY_FILE]);
  });
});
