import type { ParseArgsConfig } from 'node:util';
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
