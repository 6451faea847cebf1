import type { AmountRange } from './types';

export { formatCents } from '../display/money';

/**
 * Money is integer cents. Products and sums are checked to stay exact (below 2^53); the only
 * rounding is choosing a per-unit amount inside a statutory range, which rounds half up to the cent.
 */
export const ROUNDING_RULE =
  'All amounts are integer cents. A per-unit amount chosen inside a statutory range (min + percent × (max − min)) is rounded half up to the whole cent before it is multiplied; products, caps and sums are exact.';

export function multiply(...factors: number[]): number {
  let product = 1;
  for (const factor of factors) {
    if (!Number.isSafeInteger(factor) || factor < 0) throw new RangeError(`Money factor ${factor} is not a non-negative safe integer`);
    product *= factor;
    if (!Number.isSafeInteger(product)) throw new RangeError(`Money product exceeds exact integer range (${factors.join(' × ')})`);
  }
  return product;
}

export function add(...amounts: number[]): number {
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError('Money sum exceeds exact integer range');
  return total;
}

/** min + (max − min) × percent / 100, rounded half up to the cent. */
export function amountAt(range: AmountRange, percent: number): number {
  const span = multiply(range.maxCents - range.minCents, percent);
  return add(range.minCents, Math.floor((span + 50) / 100));
}
