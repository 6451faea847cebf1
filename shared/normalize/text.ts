/** Trimmed value, or null when blank. Spreadsheet-guard apostrophes (`'+3161…`) are removed. */
export function clean(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  const unguarded = trimmed.startsWith("'") ? trimmed.slice(1).trim() : trimmed;
  return unguarded === '' ? null : unguarded;
}

/** The first non-blank value. */
export function firstOf(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const cleaned = clean(value);
    if (cleaned !== null) return cleaned;
  }
  return null;
}
