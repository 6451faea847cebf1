import type { Command } from '../command';
import { caseArg, intOption, stringOption } from '../command';
import { formatCount } from '../output';

export const events: Command = {
  words: ['events'],
  usage: 'events <case> [--type T] [--limit N] [--offset N]',
  summary: 'List imported access events (the newest import of each file, duplicates from overlapping files folded).',
  options: { type: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const result = await engine.listEvents({ caseDir: caseArg(positionals), type: stringOption(values, 'type') ?? null, limit: intOption(values, 'limit'), offset: intOption(values, 'offset') });
    if (out.json) out.document(result);
    out.line(`${formatCount(result.total)} events${stringOption(values, 'type') ? ` of type ${stringOption(values, 'type')}` : ''}; by type: ${Object.entries(result.byType).map(([t, n]) => `${t} ${formatCount(n)}`).join(', ') || 'none'}`);
    for (const e of result.events) {
      const who = e.username ?? e.actorId ?? '-';
      const ip = e.sourceIp ?? e.clientIp ?? '-';
      const what = [e.operation, e.uri, e.status, e.objectType, e.rowsProcessed !== null ? `${e.rowsProcessed} rows` : null, e.recordIds ? `${e.recordIds} record ids` : null]
        .filter(Boolean)
        .join(' ');
      out.line(`${String(e.id).padStart(7)}  ${e.ts}  ${e.sourceType.padEnd(22)} ${who}  ${ip}  ${what}${e.duplicates ? `  (+${e.duplicates} duplicate)` : ''}`);
      if (e.query) out.line(`         ${e.query.length > 160 ? `${e.query.slice(0, 159)}…` : e.query}`);
      out.line(
        `         evidence ${e.provenance.evidenceId}${e.provenance.entry ? ` entry ${e.provenance.entry}` : ''} record ${e.provenance.recordNo}${e.provenance.lineNo ? ` line ${e.provenance.lineNo}` : ''} offset ${e.provenance.byteOffset}`,
      );
    }
    return 0;
  },
};

export const people: Command = {
  words: ['people'],
  usage: 'people <case> [--limit N] [--offset N]',
  summary: 'List subject records (CRM and e-commerce people) with their normalized identity and provenance.',
  options: { limit: { type: 'string' }, offset: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const result = await engine.listPeople({ caseDir: caseArg(positionals), limit: intOption(values, 'limit'), offset: intOption(values, 'offset') });
    if (out.json) out.document(result);
    out.line(`${formatCount(result.total)} subject records`);
    for (const p of result.people) {
      out.line(`${String(p.id).padStart(7)}  ${p.system}/${p.objectType}${p.sourceId ? ` ${p.sourceId}` : ''}  ${p.name ?? '(no name)'}  ${p.email ?? ''}  ${p.phone ?? ''}  ${p.regions.join(' ')}`);
      out.line(`         evidence ${p.provenance.evidenceId}${p.provenance.entry ? ` entry ${p.provenance.entry}` : ''} record ${p.provenance.recordNo}${p.provenance.lineNo ? ` line ${p.provenance.lineNo}` : ''}`);
    }
    return 0;
  },
};
