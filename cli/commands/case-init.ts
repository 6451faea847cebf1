import type { Command } from '../command';
import { stringOption } from '../command';
import { LedgerError } from '../../shared/contract/errors';
import { PASSPHRASE_ENV, readPassphrase } from '../passphrase';

export const caseInit: Command = {
  words: ['case', 'init'],
  usage: 'case init <dir> --name <text> --investigator <text> [--matter <text>] [--discovered YYYY-MM-DD] [--tz <IANA zone>] [--encrypt [--passphrase-file <file>]]',
  summary: 'Create a case folder: evidence store, vault, exports and a signing key pair.',
  options: {
    name: { type: 'string' },
    investigator: { type: 'string' },
    matter: { type: 'string' },
    discovered: { type: 'string' },
    tz: { type: 'string' },
    encrypt: { type: 'boolean' },
  },
  async run({ engine, out, positionals, values }) {
    const [dir] = positionals;
    const name = stringOption(values, 'name');
    const investigator = stringOption(values, 'investigator');
    if (!dir || positionals.length > 1) throw new LedgerError('BAD_USAGE', 'Name exactly one folder for the new case.');
    if (!name) throw new LedgerError('BAD_USAGE', 'Give the case a name with --name.');
    if (!investigator) throw new LedgerError('BAD_USAGE', 'Say who is investigating with --investigator.');
    const encrypt = values.encrypt === true;
    const passphrase = encrypt
      ? await readPassphrase({ file: stringOption(values, 'passphrase-file'), envVar: PASSPHRASE_ENV, prompt: 'New case passphrase: ', confirm: true })
      : null;
    const summary = await engine.createCase({
      caseDir: dir,
      name,
      investigator,
      matter: stringOption(values, 'matter') ?? null,
      discovered: stringOption(values, 'discovered') ?? null,
      timeZone: stringOption(values, 'tz') ?? null,
      encrypt,
      passphrase,
    });
    if (out.json) out.document(summary);
    out.line(`Created case "${summary.name}" in ${summary.caseDir}`);
    out.line(`  case id             ${summary.id}`);
    out.line(`  investigator        ${summary.investigator}`);
    out.line(`  time zone           ${summary.timeZone}`);
    if (summary.encrypted) out.line('  encrypted           yes (store, vault and exports; keep the passphrase safe: it cannot be recovered)');
    if (summary.discovered) out.line(`  discovered          ${summary.discovered}`);
    out.line(`  signing key (SHA-256 of public key) ${summary.publicKeyFingerprint}`);
    out.line(`  custody head        ${summary.custodyHead.hash}`);
    return 0;
  },
};
