import type { Command } from '../command';
import { caseArg, intOption, listOption, stringOption } from '../command';
import type { Basis, ElementCode } from '../../shared/contract/elements';
import { ELEMENT_LABELS } from '../../shared/contract/elements';
import { LedgerError } from '../../shared/contract/errors';
import type { ResidencyRuleName } from '../../shared/contract/api';
import { formatCount } from '../output';

export const triage: Command = {
  words: ['triage'],
  usage: 'triage <case> [--from <ISO>] [--to <ISO>] [--limit N]',
  summary: 'Per IP, user, connected app, client and user agent: events, rows, exports, first/last seen, hours active.',
  options: { from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const rows = await engine.triage({ caseDir: caseArg(positionals), from: stringOption(values, 'from') ?? null, to: stringOption(values, 'to') ?? null, limit: intOption(values, 'limit') });
    if (out.json) out.document({ rows });
    if (rows.length === 0) out.line('No events in that window.');
    out.line(`${'dimension'.padEnd(9)} ${'rows'.padStart(9)} ${'events'.padStart(7)} ${'exports'.padStart(7)} ${'hours'.padStart(5)}  first seen                 last seen                  new  value`);
    for (const r of rows) {
      out.line(
        `${r.dimension.padEnd(9)} ${formatCount(r.rowsProcessed).padStart(9)} ${formatCount(r.events).padStart(7)} ${String(r.bulkOrReportExports).padStart(7)} ${String(r.hoursActive).padStart(5)}  ${r.firstSeen}  ${r.lastSeen}  ${r.firstSeenInWindow === null ? '   ' : r.firstSeenInWindow ? 'yes' : 'no '}  ${r.value}`,
      );
    }
    return 0;
  },
};

export const scope: Command = {
  words: ['scope'],
  usage: 'scope <case> --from <ISO> --to <ISO> [--ip <addr|CIDR>]... [--user <id|username>]... [--session <key>]... [--login-key <key>]... [--app <id|name>]... [--client <name>]... [--agent <substring>]... [--actor <text>]',
  summary: 'Record a new version of the incident definition (earlier versions stay; logged in custody).',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    ip: { type: 'string', multiple: true },
    user: { type: 'string', multiple: true },
    session: { type: 'string', multiple: true },
    'login-key': { type: 'string', multiple: true },
    app: { type: 'string', multiple: true },
    client: { type: 'string', multiple: true },
    agent: { type: 'string', multiple: true },
    actor: { type: 'string' },
  },
  async run({ engine, out, positionals, values }) {
    const from = stringOption(values, 'from');
    const to = stringOption(values, 'to');
    if (!from || !to) throw new LedgerError('BAD_USAGE', 'Give the incident window with --from and --to.');
    const view = await engine.defineScope({
      caseDir: caseArg(positionals),
      from,
      to,
      ips: listOption(values, 'ip'),
      users: listOption(values, 'user'),
      sessions: listOption(values, 'session'),
      loginKeys: listOption(values, 'login-key'),
      apps: listOption(values, 'app'),
      clients: listOption(values, 'client'),
      agents: listOption(values, 'agent'),
      actor: stringOption(values, 'actor') ?? null,
    });
    if (out.json) out.document(view);
    const d = view.definition;
    out.line(`Scope version ${view.version} recorded (SHA-256 ${view.sha256}).`);
    out.line(`  window   ${d.from} → ${d.to}`);
    for (const [label, list] of [['ips', d.ips], ['users', d.users], ['sessions', d.sessions], ['login keys', d.loginKeys], ['apps', d.apps], ['clients', d.clients], ['agents', d.agents]] as const) {
      if (list.length > 0) out.line(`  ${label.padEnd(9)}${list.join(', ')}`);
    }
    out.line(`  ${formatCount(view.matchingEvents)} events match now (indicators, plus events sharing their login or session keys).`);
    return 0;
  },
};

export const reconstruct: Command = {
  words: ['reconstruct'],
  usage: 'reconstruct <case> [--residency most-recent|all-states] [--actor <text>]',
  summary: 'Run the analysis for the current scope: affected consumers by basis, state and exposed element.',
  options: { residency: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values, signal }) {
    const summary = await engine.reconstruct(
      { caseDir: caseArg(positionals), residency: (stringOption(values, 'residency') as ResidencyRuleName | undefined) ?? null, actor: stringOption(values, 'actor') ?? null },
      { onProgress: out.progress, signal },
    );
    out.endProgress();
    if (out.json) out.document(summary);
    out.line(`Analysis ${summary.analysis} (scope version ${summary.scopeId}, residency rule ${summary.residencyRule}): ${formatCount(summary.events)} events in scope`);
    out.line(`  affected consumers ${formatCount(summary.total)}: exact ${formatCount(summary.byBasis.exact)}, derived ${formatCount(summary.byBasis.derived)}, inferred ${formatCount(summary.byBasis.inferred)} (an upper bound; at least ${formatCount(summary.inferredMinimum)})`);
    const { pairs, totalIfSamePeople } = summary.identityReview;
    if (totalIfSamePeople < summary.total) {
      out.line(`  ${formatCount(summary.total)} consumers; ${formatCount(totalIfSamePeople)} if the ${formatCount(pairs)} review pairs are the same people (see "review")`);
    } else if (pairs > 0) {
      out.line(`  ${formatCount(pairs)} identity pairs held apart for review; none would change the count (see "review")`);
    }
    if (summary.workforce.total > 0) {
      const w = summary.workforce.byBasis;
      out.line(`  workforce  ${formatCount(summary.workforce.total)} users and staff reached, counted apart: exact ${formatCount(w.exact)}, derived ${formatCount(w.derived)}, inferred ${formatCount(w.inferred)} (see "population --workforce")`);
    }
    for (const e of summary.excluded) out.line(`  excluded   ${formatCount(e.count)} ${e.reason}`);
    if (summary.contentOnlyReview.consumers > 0) {
      out.line(`  ${formatCount(summary.contentOnlyReview.consumers)} consumers hold ${Object.keys(summary.contentOnlyReview.byElement).join(', ')} found only by content: listed for review, not counted as exposed`);
    }
    const states = Object.entries(summary.byState).sort((a, b) => b[1] - a[1]);
    out.line(`  by state   ${states.slice(0, 12).map(([s, n]) => `${s} ${formatCount(n)}`).join(', ')}${states.length > 12 ? `, … (${states.length} buckets)` : ''}`);
    out.line(`  by element ${Object.entries(summary.byElement).sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ${formatCount(n)}`).join(', ')}`);
    if (summary.review > 0) out.line(`  review queue ${formatCount(summary.review)} items (see "review")`);
    const notes = Object.entries(summary.notes);
    if (notes.length > 0) out.line(`  notes      ${notes.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    out.line(`  digest ${summary.digest}`);
    return 0;
  },
};

export const consumers: Command = {
  words: ['consumers'],
  usage: 'consumers <case> [--state XX] [--basis exact|derived|inferred] [--element E] [--search text] [--limit N] [--offset N] [--analysis N]',
  summary: 'List affected consumers with names, emails, state, basis and exposed elements.',
  options: { state: { type: 'string' }, basis: { type: 'string' }, element: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' }, analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const page = await engine.listConsumers({
      caseDir: caseArg(positionals),
      state: stringOption(values, 'state') ?? null,
      basis: (stringOption(values, 'basis') as Basis | undefined) ?? null,
      element: (stringOption(values, 'element') as ElementCode | undefined) ?? null,
      search: stringOption(values, 'search') ?? null,
      limit: intOption(values, 'limit'),
      offset: intOption(values, 'offset'),
      analysisId: intOption(values, 'analysis'),
    });
    if (out.json) out.document(page);
    out.line(`${formatCount(page.total)} consumers (analysis ${page.analysis})`);
    for (const c of page.consumers) {
      out.line(`${String(c.id).padStart(7)}  ${c.basis.padEnd(8)} ${c.state.padEnd(8)} ${c.name ?? '(no name)'}  ${c.email ?? ''}`);
      out.line(`         ${c.elements.map((e) => (e.basis === c.basis ? e.element : `${e.element} (${e.basis})`)).join(', ') || 'no elements in clear'}`);
    }
    return 0;
  },
};

export const review: Command = {
  words: ['review'],
  usage: 'review <case> [--limit N] [--offset N] [--analysis N]',
  summary: 'List the review queue: identity pairs held apart, conflicting records, elements found only by content.',
  options: { limit: { type: 'string' }, offset: { type: 'string' }, analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const page = await engine.listReview({ caseDir: caseArg(positionals), limit: intOption(values, 'limit'), offset: intOption(values, 'offset'), analysisId: intOption(values, 'analysis') });
    if (out.json) out.document(page);
    out.line(`${formatCount(page.total)} review items (analysis ${page.analysis}); decide with "resolve <case> merge|split" or "classify"`);
    for (const item of page.items) out.line(`  ${item.kind.padEnd(15)} records ${item.subjectIds.join(', ')}: ${item.reason}`);
    return 0;
  },
};

export const population: Command = {
  words: ['population'],
  usage: 'population <case> --workforce|--non-person [--limit N] [--offset N] [--analysis N]',
  summary: 'List reached records that are not consumers: the workforce, or non-persons (business accounts, company-only leads) with the reason.',
  options: { workforce: { type: 'boolean' }, 'non-person': { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' }, analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const workforce = values.workforce === true;
    if (workforce === (values['non-person'] === true)) throw new LedgerError('BAD_USAGE', 'Give exactly one of --workforce or --non-person.');
    const page = await engine.listPopulation({
      caseDir: caseArg(positionals),
      population: workforce ? 'workforce' : 'non-person',
      limit: intOption(values, 'limit'),
      offset: intOption(values, 'offset'),
      analysisId: intOption(values, 'analysis'),
    });
    if (out.json) out.document(page);
    out.line(`${formatCount(page.total)} ${workforce ? 'workforce records' : 'non-person records'} reached (analysis ${page.analysis})`);
    for (const r of page.records) out.line(`${String(r.subjectId).padStart(7)}  ${r.basis.padEnd(8)} ${r.objectType} ${r.sourceId ?? ''}  ${r.name ?? '(no name)'}: ${r.reason}`);
    return 0;
  },
};

export const explain: Command = {
  words: ['explain'],
  usage: 'explain <case> <consumer-id> [--analysis N]',
  summary: 'Walk one consumer back to the events, records, evidence files and hashes behind it.',
  options: { analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const [caseDir, id, ...rest] = positionals;
    if (!caseDir || !id || rest.length > 0 || !/^\d+$/.test(id)) throw new LedgerError('BAD_USAGE', 'Name the case folder and one numeric consumer id.');
    const x = await engine.explainConsumer({ caseDir, consumerId: Number(id), analysisId: intOption(values, 'analysis') });
    if (out.json) out.document(x);
    const c = x.consumer;
    out.line(`Consumer ${c.id}: ${c.name ?? '(no name)'} ${c.email ?? ''} — basis ${c.basis}, state ${c.state} (analysis ${x.analysis})`);
    out.line(`Residency: ${x.residency.reason}; counted in ${x.residency.countedIn.join(', ')}`);
    out.line('Exposed elements:');
    for (const e of x.elements) out.line(`  ${ELEMENT_LABELS[e.element as ElementCode] ?? e.element}: field ${e.field} of record ${e.subjectId}, ${e.basis} via event ${e.eventId}`);
    out.line('Records:');
    for (const r of x.records) {
      out.line(`  record ${r.subjectId} ${r.system}/${r.objectType} ${r.sourceId ?? ''} (${r.joinedBecause})`);
      out.line(`    ${r.source.evidenceName} (SHA-256 ${r.source.sha256})${r.source.entry ? ` entry ${r.source.entry}` : ''} record ${r.source.recordNo}${r.source.lineNo ? ` line ${r.source.lineNo}` : ''} bytes ${r.source.byteOffset}+${r.source.byteLength}`);
    }
    out.line('Accesses:');
    for (const a of x.accesses) {
      out.line(`  ${a.basis.padEnd(8)} event ${a.eventId} ${a.ts} ${a.sourceType} by ${a.actor ?? '-'} from ${a.ip ?? '-'} (in scope: ${a.inScopeBecause})`);
      if (a.query) out.line(`    query  ${a.query}`);
      out.line(`    fields ${a.fields === '*' ? 'every field (no column list logged)' : a.fields.join(', ')}`);
      out.line(`    ${a.source.evidenceName} (SHA-256 ${a.source.sha256}) record ${a.source.recordNo}${a.source.lineNo ? ` line ${a.source.lineNo}` : ''} bytes ${a.source.byteOffset}+${a.source.byteLength}`);
      if (a.source.text) out.line(`    source ${a.source.text.trim().slice(0, 300)}${a.source.truncated || a.source.text.length > 300 ? '…' : ''}`);
      for (const n of a.notes) out.line(`    note   ${n}`);
    }
    return 0;
  },
};

export const resolve: Command = {
  words: ['resolve'],
  usage: 'resolve <case> merge <record-id> <record-id>... | resolve <case> split <record-id> [--note <text>] [--actor <text>]',
  summary: 'Force records into one consumer, or detach a record into its own; survives re-runs, logged in custody.',
  options: { note: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const [caseDir, action, ...ids] = positionals;
    if (!caseDir || (action !== 'merge' && action !== 'split') || ids.some((i) => !/^\d+$/.test(i))) throw new LedgerError('BAD_USAGE', 'Say merge or split, then numeric record ids (from "people").');
    const common = { caseDir, note: stringOption(values, 'note') ?? null, actor: stringOption(values, 'actor') ?? null };
    if (action === 'split' && ids.length !== 1) throw new LedgerError('BAD_USAGE', 'split takes exactly one record id.');
    const result =
      action === 'merge'
        ? await engine.resolve({ ...common, action, subjectIds: ids.map(Number) })
        : await engine.resolve({ ...common, action, subjectId: Number(ids[0]) });
    if (out.json) out.document(result);
    out.line(`Recorded decision ${result.decision}; run "reconstruct" to apply it.`);
    return 0;
  },
};

export const classify: Command = {
  words: ['classify'],
  usage: 'classify <case> <object> <field> <element|none> [--note <text>] [--actor <text>]',
  summary: 'Override which statutory element a field holds (e.g. Contact Notes__c medical); logged, survives re-runs.',
  options: { note: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const [caseDir, objectType, field, element, ...rest] = positionals;
    if (!caseDir || !objectType || !field || !element || rest.length > 0) throw new LedgerError('BAD_USAGE', 'Name the case, object, field and element (or none).');
    const result = await engine.classifyField({
      caseDir,
      objectType,
      field,
      element: element === 'none' ? null : (element as ElementCode),
      note: stringOption(values, 'note') ?? null,
      actor: stringOption(values, 'actor') ?? null,
    });
    if (out.json) out.document(result);
    out.line(`Recorded decision ${result.decision}: ${objectType}.${field} holds ${element}; run "reconstruct" to apply it.`);
    return 0;
  },
};
