import type { ParseArgsConfig } from 'node:util';
import { LedgerError } from '../shared/contract/errors';
import type { LedgerEngine } from '../shared/engine/ledger-engine';
import type { Output } from './output';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  engine: LedgerEngine;
  out: Output;
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  signal: AbortSignal;
}

export interface Command {
  /** Words that select the command, e.g. `['case', 'init']`. */
  readonly words: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionSpec;
  /** Exit code: 0 success, 1 failure, 3 verification found a problem. */
  run(context: CommandContext): Promise<number>;
}

export function stringOption(values: CommandContext['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(values: CommandContext['values'], name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** The one positional of a command that takes just a case folder. */
export function caseArg(positionals: readonly string[]): string {
  const [caseDir] = positionals;
  if (!caseDir || positionals.length > 1) throw new LedgerError('BAD_USAGE', 'Name the case folder.');
  return caseDir;
}

export function intOption(values: CommandContext['values'], name: string): number | null {
  const text = stringOption(values, name);
  if (text === undefined) return null;
  if (!/^\d+$/.test(text)) throw new LedgerError('BAD_USAGE', `--${name} must be a whole number, not "${text}".`);
  return Number(text);
}
