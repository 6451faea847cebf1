import { readFileSync } from 'node:fs';
import { LedgerError } from '../shared/contract/errors';

export const PASSPHRASE_ENV = 'BREACH_LEDGER_PASSPHRASE';
export const NEW_PASSPHRASE_ENV = 'BREACH_LEDGER_NEW_PASSPHRASE';

export interface PassphraseSource {
  /** A file holding the passphrase (one trailing newline is ignored). */
  file: string | undefined;
  /** The environment variable to read when no file is given. */
  envVar: string;
  /** What to ask at the terminal when neither is given. */
  prompt: string;
  /** Ask twice at the terminal (for a new passphrase). */
  confirm?: boolean;
}

/** A passphrase from a file, the environment, or a no-echo prompt; never from argv and never printed. */
export async function readPassphrase(source: PassphraseSource): Promise<string> {
  if (source.file) {
    try {
      return readFileSync(source.file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new LedgerError('BAD_USAGE', `Cannot read the passphrase file ${source.file}; check the path.`);
    }
  }
  const fromEnv = process.env[source.envVar];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new LedgerError('BAD_USAGE', `${source.prompt.replace(/:\s*$/, '')} is needed: give --passphrase-file <file> or set ${source.envVar}.`);
  }
  const first = await promptHidden(source.prompt);
  if (source.confirm && (await promptHidden('Repeat it: ')) !== first) throw new LedgerError('BAD_USAGE', 'The two passphrases differ; nothing was changed.');
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new LedgerError('CANCELLED', 'Cancelled at the passphrase prompt; nothing was changed.'));
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}
