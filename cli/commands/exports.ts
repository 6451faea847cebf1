import type { Command } from '../command';
import { caseArg, intOption, listOption, stringOption } from '../command';
import { LedgerError } from '../../shared/contract/errors';
import { formatBytes } from '../output';

export const exportCommand: Command = {
  words: ['export'],
  usage: 'export <case> [--out <dir>] [--assume key=value]... [--notice-date YYYY-MM-DD] [--analysis N] [--actor <text>]',
  summary: 'Write the workbook, notification lists, custody report and a signed manifest; logged in custody.',
  options: { out: { type: 'string' }, assume: { type: 'string', multiple: true }, 'notice-date': { type: 'string' }, analysis: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const result = await engine.exportCase(
      {
        caseDir: caseArg(positionals),
        outDir: stringOption(values, 'out') ?? null,
        assumptions: listOption(values, 'assume'),
        noticeDate: stringOption(values, 'notice-date') ?? null,
        analysisId: intOption(values, 'analysis'),
        actor: stringOption(values, 'actor') ?? null,
      },
      { onProgress: out.progress },
    );
    out.endProgress();
    if (out.json) out.document(result);
    out.line(`Exported to ${result.dir}`);
    for (const f of result.files) out.line(`  ${f.sha256}  ${formatBytes(f.size).padStart(9)}  ${f.path}`);
    out.line(`Manifest ${result.manifestPath} (SHA-256 ${result.manifestSha256}), signed with the case key.`);
    out.line('Anyone can check it with: breach-ledger verify-export <manifest>');
    return 0;
  },
};

export const verifyExportCommand: Command = {
  words: ['verify-export'],
  usage: 'verify-export <manifest.json> [--case <case>]',
  summary: "Check an export's signature and every file's hash, without the case folder; exit 3 naming altered or missing files.",
  options: { case: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const [manifestPath, ...rest] = positionals;
    if (!manifestPath || rest.length > 0) throw new LedgerError('BAD_USAGE', 'Name one manifest.json.');
    const result = await engine.verifyExport({ manifestPath, caseDir: stringOption(values, 'case') ?? null });
    if (out.json) out.document(result);
    out.line(`${result.signatureOk ? 'ok  ' : 'FAIL'}  signature${result.publicKeyFingerprint ? ` (key ${result.publicKeyFingerprint})` : ''}`);
    for (const f of result.files) out.line(`${f.ok ? 'ok  ' : 'FAIL'}  ${f.path}${f.problem ? `: ${f.problem}` : ''}`);
    out.line(result.ok ? 'Export verified.' : 'Export verification FAILED.');
    return result.ok ? 0 : 3;
  },
};
