import path from 'node:path';
import { parseArgs } from 'node:util';
import { LedgerError, toErrorPayload } from '../shared/contract/errors';
import { LedgerEngine } from '../shared/engine/ledger-engine';
import { explainSystemError } from '../shared/store/errors';
import { COMMANDS } from './commands';
import type { Command } from './command';
import { createOutput } from './output';
import { terminalJson, terminalSafe } from './terminal-text';
import { PASSPHRASE_ENV, readPassphrase } from './passphrase';

export const EXIT = { ok: 0, failure: 1, usage: 2, verification: 3 } as const;

function findCommand(args: readonly string[]): { command: Command; rest: string[] } | null {
  for (const command of [...COMMANDS].sort((a, b) => b.words.length - a.words.length)) {
    if (command.words.every((word, i) => args[i] === word)) return { command, rest: args.slice(command.words.length) };
  }
  return null;
}

function help(): string {
  const lines = ['Breach Ledger: forensic evidence, affected consumers, obligations and exposure after a CRM breach.', '', 'Usage: breach-ledger <command> [options] [--json]', ''];
  for (const c of COMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'Every command prints text by default and one JSON document with --json.', `An encrypted case's passphrase comes from --passphrase-file <file>, ${PASSPHRASE_ENV}, or a prompt.`, 'Exit codes: 0 success, 1 failure, 2 bad usage, 3 verification found a problem.');
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${help()}\n`);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv);
  const json = argv.includes('--json');
  if (!found) {
    process.stderr.write(`Unknown command "${terminalSafe(argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' '))}"; run "breach-ledger --help" for the list.\n`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, 'passphrase-file': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${terminalSafe((error as Error).message.replace(/\.$/, ''))}; usage: ${command.usage}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: breach-ledger ${command.usage}\n${command.summary}\n`);
    return EXIT.ok;
  }
  const out = createOutput(json);
  const passphraseFile = parsed.values['passphrase-file'];
  const engine = new LedgerEngine({
    passphraseFor: (caseDir) => readPassphrase({ file: typeof passphraseFile === 'string' ? passphraseFile : undefined, envVar: PASSPHRASE_ENV, prompt: `Passphrase for ${caseDir}: ` }),
  });
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    return await command.run({
      engine,
      out,
      positionals: parsed.positionals,
      values: parsed.values as Record<string, string | boolean | string[] | undefined>,
      signal: abort.signal,
    });
  } catch (raw) {
    out.endProgress();
    const error = explainSystemError(raw, path.resolve(parsed.positionals[0] ?? '.'));
    const payload = toErrorPayload(error);
    if (json) process.stdout.write(`${terminalJson(JSON.stringify({ error: payload }, null, 2))}\n`);
    process.stderr.write(`${terminalSafe(payload.message)}${payload.code === 'BAD_USAGE' ? ` Usage: breach-ledger ${command.usage}` : ''}\n`);
    if (error instanceof LedgerError) {
      if (error.code === 'BAD_USAGE') return EXIT.usage;
      if (error.code === 'VERIFICATION_FAILED') return EXIT.verification;
      return EXIT.failure;
    }
    if (process.env.BREACH_LEDGER_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT.failure;
  } finally {
    process.removeListener('SIGINT', onSigint);
    engine.close();
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Internal error: ${terminalSafe((error as Error).message)}\n`);
    process.exitCode = EXIT.failure;
  },
);
