import type { Command } from '../command';
import { caseArg, stringOption } from '../command';
import { NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, readPassphrase } from '../passphrase';

export const caseEncrypt: Command = {
  words: ['case', 'encrypt'],
  usage: 'case encrypt <case> [--passphrase-file <file>] [--actor <text>]',
  summary: `Encrypt a plain case (store, vault, exports) under a new passphrase (file, ${PASSPHRASE_ENV} or prompt); the plaintext copies are overwritten and deleted.`,
  options: { actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    const passphrase = await readPassphrase({ file: stringOption(values, 'passphrase-file'), envVar: PASSPHRASE_ENV, prompt: 'New case passphrase: ', confirm: true });
    const result = await engine.encryptCase({ caseDir, passphrase, actor: stringOption(values, 'actor') ?? null });
    if (out.json) out.document(result);
    out.line(`Encrypted ${caseDir}: the store, ${result.vaultFiles} vault files and ${result.exportFiles} export files (${result.exportsResigned} export manifests re-signed).`);
    out.line('Keep the passphrase safe: without it the case cannot be opened.');
    return 0;
  },
};

export const casePassphrase: Command = {
  words: ['case', 'passphrase'],
  usage: 'case passphrase <case> [--passphrase-file <old>] [--new-passphrase-file <new>] [--actor <text>]',
  summary: `Change an encrypted case's passphrase (old: --passphrase-file or ${PASSPHRASE_ENV}; new: --new-passphrase-file or ${NEW_PASSPHRASE_ENV}; else prompts). Nothing is re-encrypted.`,
  options: { 'new-passphrase-file': { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    const oldPassphrase = await readPassphrase({ file: stringOption(values, 'passphrase-file'), envVar: PASSPHRASE_ENV, prompt: 'Current passphrase: ' });
    const newPassphrase = await readPassphrase({ file: stringOption(values, 'new-passphrase-file'), envVar: NEW_PASSPHRASE_ENV, prompt: 'New passphrase: ', confirm: true });
    const summary = await engine.changePassphrase({ caseDir, oldPassphrase, newPassphrase, actor: stringOption(values, 'actor') ?? null });
    if (out.json) out.document(summary);
    out.line(`Passphrase changed for ${summary.caseDir}; the data key was re-wrapped, no data re-encrypted. Custody head ${summary.custodyHead.hash}.`);
    return 0;
  },
};
