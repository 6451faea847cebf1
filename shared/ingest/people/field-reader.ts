import { clean } from '../../normalize/text';

/** The first non-blank value among the named fields. */
export type FieldReader = (...names: string[]) => string | null;

/** The field names of a header, matched without regard to case. */
export class FieldHeader {
  /** Lowercased name → the first header with that spelling. */
  private readonly byLower = new Map<string, string>();
  /** Name as asked for → the header it reads, or null when there is none. */
  private readonly resolved = new Map<string, string | null>();
  private readonly anyPresent = new Map<readonly string[], boolean>();

  constructor(readonly keys: readonly string[]) {
    for (const key of keys) if (!this.byLower.has(key.toLowerCase())) this.byLower.set(key.toLowerCase(), key);
  }

  private key(name: string): string | null {
    let key = this.resolved.get(name);
    if (key === undefined) {
      key = this.byLower.get(name.toLowerCase()) ?? null;
      this.resolved.set(name, key);
    }
    return key;
  }

  /** Whether the header has any of these fields (the same array is answered from memory). */
  hasAny(names: readonly string[]): boolean {
    let present = this.anyPresent.get(names);
    if (present === undefined) {
      present = names.some((name) => this.key(name) !== null);
      this.anyPresent.set(names, present);
    }
    return present;
  }

  /** A reader of one row with this header. */
  reader(fields: Readonly<Record<string, string>>): FieldReader {
    return (...names) => {
      for (const name of names) {
        const key = this.key(name);
        const value = key === null ? null : clean(fields[key]);
        if (value !== null) return value;
      }
      return null;
    };
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// The rows of a file share their header, so names are resolved once per header instead of once per row.
let lastHeader = new FieldHeader([]);

/** The header of a row's fields. */
export function fieldHeader(fields: Readonly<Record<string, string>>): FieldHeader {
  const keys = Object.keys(fields);
  if (!sameKeys(keys, lastHeader.keys)) lastHeader = new FieldHeader(keys);
  return lastHeader;
}

/** Case-insensitive field lookup for sources whose header spelling varies. */
export function fieldReader(fields: Readonly<Record<string, string>>): FieldReader {
  return fieldHeader(fields).reader(fields);
}
