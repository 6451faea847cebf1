import type { Command } from '../command';
import { caseArg, stringOption } from '../command';
import { LedgerError } from '../../shared/contract/errors';

export const verify: Command = {
  words: ['verify'],
  usage: 'verify <case> [--expect-head <hash>] [--actor <text>]',
  summary: 'Re-hash every vault file, recompute the custody chain, check rows against custody and export manifests, check the store; exit 3 on any problem.',
  options: { actor: { type: 'string' }, 'expect-head': { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    const expectHead = stringOption(values, 'expect-head') ?? null;
    if (expectHead !== null && !/^[0-9a-f]{64}$/i.test(expectHead.trim())) throw new LedgerError('BAD_USAGE', `--expect-head takes a custody entry hash (64 hex digits), not "${expectHead}".`);
    const report = await engine.verify({ caseDir, actor: stringOption(values, 'actor') ?? null, expectHead }, { onProgress: out.progress });
    out.endProgress();
    if (out.json) {
      out.document({
        ok: report.ok,
        evidence: report.evidence.map((e) => ({ id: e.id, name: e.name, sha256: e.sha256, ok: e.ok, problem: e.problem })),
        custody: report.custody,
        store: report.store,
        records: report.records,
        loggedAs: report.loggedAs,
      });
    }
    for (const e of report.evidence) out.line(`${e.ok ? 'ok  ' : 'FAIL'}  evidence ${e.id} ${e.name}${e.problem ? `: ${e.problem}` : ''}`);
    out.line(
      report.custody.ok
        ? `ok    custody chain: ${report.custody.entries} entries, head ${report.custody.head}`
        : `FAIL  custody chain broken at entry ${report.custody.firstBadSeq}: ${report.custody.problem}`,
    );
    out.line(
      report.records.ok
        ? `ok    evidence rows match their custody entries; ${report.records.rowsChecked.toLocaleString('en-US')} rows match their seals; custody matches ${report.records.manifestsChecked} export manifest(s)${expectHead ? ' and the expected head' : ''}`
        : `FAIL  records: ${report.records.problems.join('; ')}`,
    );
    out.line(report.store.ok ? 'ok    evidence store integrity' : `FAIL  evidence store: ${report.store.problems.join('; ')}`);
    out.line(report.ok ? 'Verification passed.' : 'Verification FAILED.');
    if (report.loggedAs) out.line(`Logged as custody entry ${report.loggedAs.seq} (${report.loggedAs.hash}).`);
    return report.ok ? 0 : 3;
  },
};
