import type { Command } from '../command';
import { caseArg, intOption, listOption, stringOption } from '../command';
import { LedgerError } from '../../shared/contract/errors';
import { formatCents } from '../../shared/display/money';
import { formatCount } from '../output';

export const rules: Command = {
  words: ['rules'],
  usage: 'rules [<case>] [--jurisdiction XX]',
  summary: 'List the rule packs (bundled, plus any added to the case) with versions, status and review dates.',
  options: { jurisdiction: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    if (positionals.length > 1) throw new LedgerError('BAD_USAGE', 'Name at most one case folder.');
    const packs = await engine.listRules({ caseDir: positionals[0] ?? null, jurisdiction: stringOption(values, 'jurisdiction') ?? null });
    if (out.json) out.document({ rulePacks: packs });
    for (const p of packs) {
      out.line(`${p.jurisdiction.padEnd(6)} ${p.version.padEnd(7)} ${(p.status === 'unverified' ? 'unverified — counsel must review' : 'researched').padEnd(33)} reviewed ${p.lastReviewed}  effective ${p.effectiveFrom}  ${p.origin === 'case' ? 'added to case  ' : ''}${p.name}`);
      out.line(`       SHA-256 ${p.sha256}, ${p.sources} sources`);
    }
    return 0;
  },
};

export const rulesAdd: Command = {
  words: ['rules', 'add'],
  usage: 'rules add <case> <file> [--actor <text>]',
  summary: 'Validate a newer rule pack, copy it into the case, hash it and log it in custody.',
  options: { actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const [caseDir, file, ...rest] = positionals;
    if (!caseDir || !file || rest.length > 0) throw new LedgerError('BAD_USAGE', 'Name the case folder and one rule pack file.');
    const added = await engine.addRules({ caseDir, file, actor: stringOption(values, 'actor') ?? null });
    if (out.json) out.document(added);
    out.line(`Added rule pack ${added.jurisdiction} ${added.version} (SHA-256 ${added.sha256})${added.supersedes ? `, superseding ${added.supersedes}` : ''}.`);
    return 0;
  },
};

export const obligations: Command = {
  words: ['obligations'],
  usage: 'obligations <case> [--assume fact=value]... [--notice-date YYYY-MM-DD] [--analysis N]',
  summary: 'For each jurisdiction with affected residents, and each federal or sectoral regime the case facts (--assume hipaa-covered=yes, ...) make apply: whether notice is required and why, deadlines, regulators, credit agencies, media.',
  options: { assume: { type: 'string', multiple: true }, 'notice-date': { type: 'string' }, analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const report = await engine.obligations({
      caseDir: caseArg(positionals),
      assumptions: listOption(values, 'assume'),
      noticeDate: stringOption(values, 'notice-date') ?? null,
      analysisId: intOption(values, 'analysis'),
    });
    if (out.json) out.document(report);
    out.line(`Obligations for analysis ${report.analysis}, discovered ${report.discoveredDate} (deadlines use ${report.holidayCalendar.name}).`);
    for (const j of report.jurisdictions) {
      const residents = j.residents.exact + j.residents.derived + j.residents.inferredUpperBound;
      out.line('');
      out.line(`${j.jurisdiction} ${j.name}${j.review ? `  [${j.review}]` : ''}  pack ${j.packVersion}`);
      out.line(`  residents ${formatCount(residents)} (exact ${j.residents.exact}, derived ${j.residents.derived}, inferred ≤ ${j.residents.inferredUpperBound}); qualifying ${j.qualifying.exact + j.qualifying.derived + j.qualifying.inferredUpperBound}`);
      out.line(`  notice required: ${j.noticeRequired} — ${j.why}`);
      if (!j.applies) out.line(`  ${j.applicability}`);
      const parties = [['individuals', j.individuals], ['regulator', j.regulator], ['credit agencies', j.consumerReportingAgencies], ...(j.media ? [['media', j.media] as const] : [])] as const;
      for (const [label, o] of parties) {
        out.line(`  ${label.padEnd(16)} ${o.duty.padEnd(18)} ${o.due.kind === 'date' ? `by ${o.due.date}` : o.due.text}${o.recipients ? ` → ${o.recipients}` : ''}${o.threshold ? ` (threshold ${o.threshold.rule}: ${o.threshold.status})` : ''}  [${o.citation}; confidence ${o.confidence}]`);
        if (o.duty === 'deemed-met') out.line(`    ${o.reason}`);
      }
      out.line(`  identity protection: ${j.identityProtection.text}`);
      for (const note of j.notes) out.line(`  note: ${note}`);
    }
    out.line('');
    for (const r of report.regimes) out.line(`${r.applies ? 'applies' : 'not applied'}: ${r.jurisdiction} — ${r.reason}`);
    for (const u of report.unassigned) out.line(`\n${JSON.stringify(u)}`);
    out.line(`\n${report.inferred.note}`);
    return 0;
  },
};

export const exposure: Command = {
  words: ['exposure'],
  usage: 'exposure <case> [--assume key=value]... [--notice-date YYYY-MM-DD] [--analysis N]',
  summary: 'Statutory damages and penalty exposure per jurisdiction and component: low (no violation beyond the breach) / stated (the stated assumptions) / high (every violation the facts allow), cited.',
  options: { assume: { type: 'string', multiple: true }, 'notice-date': { type: 'string' }, analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const report = await engine.exposure({
      caseDir: caseArg(positionals),
      assumptions: listOption(values, 'assume'),
      noticeDate: stringOption(values, 'notice-date') ?? null,
      analysisId: intOption(values, 'analysis'),
    });
    if (out.json) out.document(report);
    out.line(`Exposure for analysis ${report.analysis} (${report.rounding})`);
    for (const j of report.jurisdictions) {
      out.line('');
      out.line(`${j.code} ${j.name}${j.review ? `  [${j.review}]` : ''}  pack ${j.packVersion}`);
      for (const c of j.components) {
        out.line(`  ${c.label}: low ${formatCents(c.low)}, stated ${formatCents(c.stated)}, high ${formatCents(c.high)}${c.status === 'excluded' ? ' (excluded)' : ''}  [confidence ${c.confidence}]`);
        out.line(`    ${c.formula}  [${c.citation}]`);
        for (const v of c.violations) out.line(`    needs ${v.violation} [${v.citation}]: ${v.status} — ${v.why}`);
        if (c.reason) out.line(`    ${c.reason}`);
      }
      for (const u of j.unquantified) out.line(`  not quantified: ${u.description} [${u.citation}]`);
    }
    const t = report.totals;
    out.line('');
    out.line(`TOTAL low ${formatCents(t.low)}, stated ${formatCents(t.stated)}, high ${formatCents(t.high)}${t.complete ? '' : ` (known components only; unknown: ${t.unknownComponents.length})`}`);
    out.line('Assumptions:');
    for (const [key, a] of Object.entries(report.assumptions)) out.line(`  ${key} = ${a.value} (${a.source}) — ${a.description}`);
    out.line('Scenarios: low = no violation beyond the breach; stated = the stated facts and assumptions; high = every violation the facts allow.');
    out.line('Sensitivity of the stated total:');
    for (const s of report.sensitivity.slice(0, 10)) out.line(`  ${s.key.padEnd(22)} swing ${formatCents(s.swing)} (now ${s.current})`);
    return 0;
  },
};
