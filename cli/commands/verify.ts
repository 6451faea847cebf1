import type { Command } from '../command';
import { caseArg, stringOption } from '../command';

export const verify: Command = {
  words: ['verify'],
  usage: 'verify <case> [--actor <text>]',
  summary: 'Re-hash every vault file, recompute the custody chain, check the store; exit 3 on any problem.',
  options: { actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    const report = await engine.verify({ caseDir, actor: stringOption(values, 'actor') ?? null }, { onProgress: out.progress });
    out.endProgress();
    if (out.json) {
      out.document({
        ok: report.ok,
        evidence: report.evidence.map((e) => ({ id: e.id, name: e.name, sha256: e.sha256, ok: e.ok, problem: e.problem })),
        custody: report.custody,
        store: report.store,
        loggedAs: report.loggedAs,
      });
    }
    for (const e of report.evidence) out.line(`${e.ok ? 'ok  ' : 'FAIL'}  evidence ${e.id} ${e.name}${e.problem ? `: ${e.problem}` : ''}`);
    out.line(
      report.custody.ok
        ? `ok    custody chain: ${report.custody.entries} entries, head ${report.custody.head}`
        : `FAIL  custody chain broken at entry ${report.custody.firstBadSeq}: ${report.custody.problem}`,
    );
    out.line(report.store.ok ? 'ok    evidence store integrity' : `FAIL  evidence store: ${report.store.problems.join('; ')}`);
    out.line(report.ok ? 'Verification passed.' : 'Verification FAILED.');
    if (report.loggedAs) out.line(`Logged as custody entry ${report.loggedAs.seq} (${report.loggedAs.hash}).`);
    return report.ok ? 0 : 3;
  },
};
