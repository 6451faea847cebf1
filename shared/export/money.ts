import type { Money } from '../law/types';

/** Whole dollars and cents from integer cents, for a spreadsheet number formatted with two decimals. */
export function centsToDollars(cents: number): number {
  return cents / 100;
}

/** A figure as a spreadsheet cell: dollars, or the engine's "unknown — counsel must review" text as is. */
export function moneyCell(amount: Money): number | string {
  return typeof amount === 'number' ? centsToDollars(amount) : amount;
}
