import type { Command } from '../command';
import { stringOption } from '../command';
import { LedgerError } from '../../shared/contract/errors';

export const caseInit: Command = {
  words: ['case', 'init'],
  usage: 'case init <dir> --name <text> --investigator <text> [--matter <text>] [--discovered YYYY-MM-DD] [--tz <IANA zone>]',
  summary: 'Create a case folder: evidence store, vault, exports and a signing key pair.',
  options: {
    name: { type: 'string' },
    investigator: { type: 'string' },
    matter: { type: 'string' },
    discovered: { type: 'string' },
    tz: { type: 'string' },
  },
  async run({ engine, out, positionals, values }) {
    const [dir] = positionals;
    const name = stringOption(values, 'name');
    const investigator = stringOption(values, 'investigator');
    if (!dir || positionals.length > 1) throw new LedgerError('BAD_USAGE', 'Name exactly one folder for the new case.');
    if (!name) throw new LedgerError('BAD_USAGE', 'Give the case a name with --name.');
    if (!investigator) throw new LedgerError('BAD_USAGE', 'Say who is investigating with --investigator.');
    const summary = await engine.createCase({
      caseDir: dir,
      name,
      investigator,
      matter: stringOption(values, 'matter') ?? null,
      discovered: stringOption(values, 'discovered') ?? null,
      timeZone: stringOption(values, 'tz') ?? null,
    });
    if (out.json) out.document(summary);
    out.line(`Created case "${summary.name}" in ${summary.caseDir}`);
    out.line(`  case id             ${summary.id}`);
    out.line(`  investigator        ${summary.investigator}`);
    out.line(`  time zone           ${summary.timeZone}`);
    if (summary.discovered) out.line(`  discovered          ${summary.discovered}`);
    out.line(`  signing key (SHA-256 of public key) ${summary.publicKeyFingerprint}`);
    out.line(`  custody head        ${summary.custodyHead.hash}`);
    return 0;
  },
};
