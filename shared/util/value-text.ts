/** A value parsed from JSON as text: scalars as String() writes them, objects and arrays as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  return JSON.stringify(value);
}
