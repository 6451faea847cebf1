import type { Command } from '../command';
import { caseArg, intOption, listOption, stringOption } from '../command';
import { LedgerError } from '../../shared/contract/errors';
import { formatBytes } from '../output';

export const share: Command = {
  words: ['share'],
  usage: 'share <case> --redact --out <dir> [--assume key=value]... [--notice-date YYYY-MM-DD] [--analysis N] [--actor <text>]',
  summary: 'Write a signed, redacted copy of the results (counts, obligations, exposure, hashes; consumers as pseudonyms) outside the case.',
  options: { redact: { type: 'boolean' }, out: { type: 'string' }, assume: { type: 'string', multiple: true }, 'notice-date': { type: 'string' }, analysis: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    if (values.redact !== true) throw new LedgerError('BAD_USAGE', 'Only redacted shares exist: pass --redact (use "export" for the full results).');
    const outDir = stringOption(values, 'out');
    if (!outDir) throw new LedgerError('BAD_USAGE', 'Name the folder for the share with --out.');
    const result = await engine.shareRedacted({
      caseDir,
      outDir,
      assumptions: listOption(values, 'assume'),
      noticeDate: stringOption(values, 'notice-date') ?? null,
      analysisId: intOption(values, 'analysis'),
      actor: stringOption(values, 'actor') ?? null,
    });
    if (out.json) out.document(result);
    out.line(`Shared (redacted, ${result.consumers} consumers as pseudonyms) to ${result.dir}`);
    for (const f of result.files) out.line(`  ${f.sha256}  ${formatBytes(f.size).padStart(9)}  ${f.path}`);
    out.line(`Manifest ${result.manifestPath} (SHA-256 ${result.manifestSha256}); check it with: breach-ledger verify-export <manifest>`);
    return 0;
  },
};

export const dispose: Command = {
  words: ['dispose'],
  usage: 'dispose <case> --certificate <file outside the case> --yes [--actor <text>]',
  summary: 'Destroy the case at the end of a matter (key first, then every file overwritten and deleted) after writing a signed disposal certificate.',
  options: { certificate: { type: 'string' }, yes: { type: 'boolean' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    const certificatePath = stringOption(values, 'certificate');
    if (!certificatePath) throw new LedgerError('BAD_USAGE', 'Name the disposal certificate file (outside the case) with --certificate.');
    if (values.yes !== true) throw new LedgerError('BAD_USAGE', `Disposal destroys ${caseDir} and cannot be undone; add --yes to confirm.`);
    const result = await engine.disposeCase({ caseDir, certificatePath, confirm: true, actor: stringOption(values, 'actor') ?? null });
    if (out.json) out.document(result);
    out.line(`Destroyed ${result.filesDestroyed} files (${formatBytes(result.bytesDestroyed)})${result.encrypted ? ', the wrapped data key first' : ''}.`);
    out.line(`Disposal certificate ${result.certificatePath}, signed with the case key; custody head at disposal ${result.custodyHead.hash}.`);
    return 0;
  },
};
