import type { Command } from '../command';
import { caseArg, intOption, stringOption } from '../command';

const ROWS_SHOWN = 5;

export const findings: Command = {
  words: ['findings'],
  usage: 'findings <case> [--retention-years N] [--burst-minutes N] [--burst-failures N] [--large-rows N] [--lead-days N] [--actor <text>]',
  summary: 'Security findings from the evidence, each with its rows (file, line, SHA-256) and the legal questions it bears on; logged.',
  options: {
    'retention-years': { type: 'string' },
    'burst-minutes': { type: 'string' },
    'burst-failures': { type: 'string' },
    'large-rows': { type: 'string' },
    'lead-days': { type: 'string' },
    actor: { type: 'string' },
  },
  async run({ engine, out, positionals, values }) {
    const given = {
      retentionYears: intOption(values, 'retention-years'),
      burstWindowMinutes: intOption(values, 'burst-minutes'),
      burstMinFailures: intOption(values, 'burst-failures'),
      largeRowCount: intOption(values, 'large-rows'),
      leadDays: intOption(values, 'lead-days'),
    };
    const options = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null && v !== undefined));
    const report = await engine.findings({ caseDir: caseArg(positionals), options, actor: stringOption(values, 'actor') ?? null });
    if (out.json) out.document(report);
    out.line(`${report.findings.length} finding(s); incident window ${report.incidentWindow ? `${report.incidentWindow.from} to ${report.incidentWindow.to}` : 'not defined'}`);
    out.line(`input digest ${report.inputDigest}, output digest ${report.outputDigest}`);
    for (const f of report.findings) {
      out.line('');
      out.line(`[${f.severity.toUpperCase()}] ${f.id}  ${f.title}`);
      for (const fact of f.facts) {
        out.line(`  - ${fact.text}`);
        for (const row of fact.rows.slice(0, ROWS_SHOWN)) out.line(`      ${row.file}${row.entry ? ` [${row.entry}]` : ''} line ${row.line ?? '?'} (record ${row.record}, evidence ${row.evidenceId}, SHA-256 ${row.sha256})`);
        if (fact.rows.length > ROWS_SHOWN) out.line(`      … and ${fact.rows.length - ROWS_SHOWN} more row(s) (--json lists them all)`);
      }
      out.line(`  remediation: ${f.remediation}`);
      out.line(`  bears on: ${f.bearsOn.map((q) => `${q.citation} (${q.question})`).join('; ')}`);
      out.line(`  limits: ${f.limits}`);
    }
    if (report.notes.length > 0) {
      out.line('');
      out.line('Not assessable from this evidence:');
      for (const note of report.notes) out.line(`  - ${note.check}: ${note.reason}`);
    }
    return 0;
  },
};
