import type { Command } from '../command';
import { caseArg } from '../command';
import { formatBytes, formatCount } from '../output';

export const evidence: Command = {
  words: ['evidence'],
  usage: 'evidence <case>',
  summary: 'List evidence: name, size, SHA-256/SHA-1/MD5, acquisition, format, row counts.',
  options: {},
  async run({ engine, out, positionals }) {
    const caseDir = caseArg(positionals);
    const items = await engine.listEvidence({ caseDir });
    if (out.json) out.document({ evidence: items });
    if (items.length === 0) out.line('No evidence yet; add files with "add <case> <file>...".');
    for (const e of items) {
      out.line(`#${e.id}  ${e.originalName}  ${formatBytes(e.size)}  format ${e.format}${e.formatForced ? ' (forced)' : ''}`);
      out.line(`    SHA-256  ${e.sha256}`);
      out.line(`    SHA-1    ${e.sha1}`);
      out.line(`    MD5      ${e.md5}`);
      out.line(`    acquired ${e.acquiredAt} by ${e.acquiredBy}${e.source ? ` from ${e.source}` : ''} (source zone ${e.timeZone})`);
      const i = e.latestImport;
      out.line(
        i
          ? `    rows     read ${formatCount(i.rowsRead)}, imported ${formatCount(i.rowsImported)}, rejected ${formatCount(i.rowsRejected)}, duplicate ${formatCount(i.rowsDuplicate)}`
          : `    not imported: ${e.notImported ?? 'no import'}`,
      );
    }
    return 0;
  },
};
