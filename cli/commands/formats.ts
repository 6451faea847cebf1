import type { Command } from '../command';

export const formats: Command = {
  words: ['formats'],
  usage: 'formats',
  summary: 'List the source formats Breach Ledger can detect and import.',
  options: {},
  async run({ engine, out }) {
    const list = await engine.listFormats();
    if (out.json) out.document({ formats: list });
    for (const f of list) out.line(`${f.format.padEnd(30)} ${f.version.padEnd(6)} ${f.description}`);
    return 0;
  },
};
