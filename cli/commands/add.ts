import type { Command } from '../command';
import { stringOption } from '../command';
import { LedgerError } from '../../shared/contract/errors';
import { formatBytes, formatCount } from '../output';
import { terminalSafe } from '../terminal-text';
import { readFileSync } from 'node:fs';

/** A `--map` file: a JSON object of target field → source column (it is recorded with the import). */
function readMapping(file: string | undefined): Record<string, string> | null {
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LedgerError('NOT_FOUND', `Cannot read the column mapping ${file}; check the path.`);
  }
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch (error) {
    throw new LedgerError('BAD_USAGE', `The column mapping ${file} is not valid JSON: ${(error as Error).message}.`);
  }
}

export const add: Command = {
  words: ['add'],
  usage: 'add <case> <file>... [--source <text>] [--format <name>] [--actor <text>] [--tz <IANA zone>] [--encoding <name>] [--locale <tag>] [--map <mapping.json>]',
  summary: 'Acquire files into the vault (SHA-256, SHA-1, MD5 in one pass) and import them.',
  options: {
    source: { type: 'string' },
    format: { type: 'string' },
    actor: { type: 'string' },
    tz: { type: 'string' },
    encoding: { type: 'string' },
    locale: { type: 'string' },
    map: { type: 'string' },
  },
  async run({ engine, out, positionals, values, signal }) {
    const [caseDir, ...files] = positionals;
    if (!caseDir || files.length === 0) throw new LedgerError('BAD_USAGE', 'Name the case folder and at least one file to add.');
    const outcomes = await engine.addEvidence(
      {
        caseDir,
        files,
        source: stringOption(values, 'source') ?? null,
        format: stringOption(values, 'format') ?? null,
        actor: stringOption(values, 'actor') ?? null,
        timeZone: stringOption(values, 'tz') ?? null,
        encoding: stringOption(values, 'encoding') ?? null,
        locale: stringOption(values, 'locale') ?? null,
        mapping: readMapping(stringOption(values, 'map')),
      },
      { onProgress: out.progress, signal },
    );
    out.endProgress();
    if (out.json) out.document({ results: outcomes });
    for (const outcome of outcomes) {
      if (outcome.status === 'added') {
        const e = outcome.evidence;
        out.line(`Added evidence ${e.id}: ${e.originalName} (${formatBytes(e.size)}, format ${e.format})`);
        out.line(`  SHA-256 ${e.sha256}`);
        const i = e.latestImport;
        if (i) {
          out.line(
            `  rows read ${formatCount(i.rowsRead)}, imported ${formatCount(i.rowsImported)}, rejected ${formatCount(i.rowsRejected)}, duplicate ${formatCount(i.rowsDuplicate)} (encoding ${i.encoding})`,
          );
          for (const warning of i.warnings) out.line(`  warning: ${warning}`);
        } else {
          out.line(`  not imported: ${e.notImported ?? 'no import'}`);
        }
      } else {
        process.stderr.write(`${terminalSafe(`${outcome.file}: ${outcome.message}`)}\n`);
      }
    }
    return outcomes.every((o) => o.status === 'added') ? 0 : 1;
  },
};

export const reimport: Command = {
  words: ['import'],
  usage: 'import <case> <evidence-id> [--format <name>] [--encoding <name>] [--locale <tag>] [--tz <zone>] [--map <mapping.json>] [--actor <text>]',
  summary: 'Parse an acquired file again (another format, encoding, locale or zone); the new import supersedes the old one.',
  options: { format: { type: 'string' }, encoding: { type: 'string' }, locale: { type: 'string' }, tz: { type: 'string' }, map: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values, signal }) {
    const [caseDir, id, ...rest] = positionals;
    if (!caseDir || !id || !/^\d+$/.test(id) || rest.length > 0) throw new LedgerError('BAD_USAGE', 'Name the case folder and one numeric evidence id.');
    const e = await engine.reimportEvidence(
      {
        caseDir,
        evidenceId: Number(id),
        format: stringOption(values, 'format') ?? null,
        encoding: stringOption(values, 'encoding') ?? null,
        locale: stringOption(values, 'locale') ?? null,
        timeZone: stringOption(values, 'tz') ?? null,
        mapping: readMapping(stringOption(values, 'map')),
        actor: stringOption(values, 'actor') ?? null,
      },
      { onProgress: out.progress, signal },
    );
    out.endProgress();
    if (out.json) out.document(e);
    const i = e.latestImport!;
    out.line(`Re-imported evidence ${e.id} (${e.originalName}) as ${i.format}, encoding ${i.encoding}: read ${formatCount(i.rowsRead)}, imported ${formatCount(i.rowsImported)}, rejected ${formatCount(i.rowsRejected)}.`);
    for (const warning of i.warnings) out.line(`  warning: ${warning}`);
    return 0;
  },
};
