import type { Command } from '../command';
import { caseArg } from '../command';

export const custody: Command = {
  words: ['custody'],
  usage: 'custody <case> [--head]',
  summary: 'Print the hash-chained custody log, or with --head only the head hash.',
  options: { head: { type: 'boolean' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    const view = await engine.custody({ caseDir });
    if (values.head) {
      if (out.json) out.document({ head: view.head.hash, seq: view.head.seq });
      out.line(view.head.hash);
      return 0;
    }
    if (out.json) out.document(view);
    for (const e of view.entries) {
      out.line(`${String(e.seq).padStart(5)}  ${e.at}  ${e.action.padEnd(11)} ${e.subject}`);
      out.line(`       actor ${e.actor} (OS user ${e.osUser} on ${e.host}, Breach Ledger ${e.appVersion})`);
      out.line(`       details ${JSON.stringify(e.details)}`);
      out.line(`       prev ${e.prevHash}`);
      out.line(`       hash ${e.entryHash}`);
    }
    out.line(`head ${view.head.hash} (entry ${view.head.seq})`);
    return 0;
  },
};
