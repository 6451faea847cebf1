import { isIsoDate } from './dates';
import { valueText } from '../util/value-text';

/**
 * Collects precise validation errors of the form `<file>: <path>: <problem>, got <value>`.
 * Each check returns whether the value passed, so callers can skip checks that depend on it.
 */
export class Checker {
  readonly errors: string[] = [];

  constructor(private readonly file: string) {}

  fail(path: string, problem: string, value?: unknown): false {
    const got = arguments.length >= 3 ? `, got ${describe(value)}` : '';
    this.errors.push(`${this.file}: ${path || '(root)'}: ${problem}${got}`);
    return false;
  }

  /** An object with exactly the allowed keys and all required keys. */
  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, 'expected an object', value);
    const record = value as Record<string, unknown>;
    let ok = true;
    for (const key of required) {
      if (!(key in record)) ok = this.fail(join(path, key), 'is required');
    }
    for (const key of Object.keys(record)) {
      if (!required.includes(key) && !optional.includes(key)) {
        ok = this.fail(join(path, key), `is not a known field (allowed: ${[...required, ...optional].join(', ')})`);
      }
    }
    return ok;
  }

  string(value: unknown, path: string): value is string {
    if (typeof value !== 'string' || value.trim() === '') return this.fail(path, 'expected a non-empty string', value);
    return true;
  }

  optionalString(value: unknown, path: string): boolean {
    return value === undefined || this.string(value, path);
  }

  date(value: unknown, path: string): value is string {
    if (!isIsoDate(value)) return this.fail(path, 'expected a calendar date YYYY-MM-DD', value);
    return true;
  }

  optionalDate(value: unknown, path: string): boolean {
    return value === undefined || this.date(value, path);
  }

  integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): value is number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(path, `expected an integer from ${min} to ${max}`, value);
    }
    return true;
  }

  boolean(value: unknown, path: string): value is boolean {
    if (typeof value !== 'boolean') return this.fail(path, 'expected true or false', value);
    return true;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): value is T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.fail(path, `expected one of ${allowed.join(', ')}`, value);
    }
    return true;
  }

  array(value: unknown, path: string, nonEmpty: boolean): value is unknown[] {
    if (!Array.isArray(value)) return this.fail(path, 'expected an array', value);
    if (nonEmpty && value.length === 0) return this.fail(path, 'must not be empty');
    return true;
  }

  /** `from`/`to` inclusive; `to` not before `from`. */
  period(value: Record<string, unknown>, path: string): boolean {
    const fromOk = this.date(value.from, join(path, 'from'));
    const toOk = this.optionalDate(value.to, join(path, 'to'));
    if (fromOk && toOk && typeof value.to === 'string' && value.to < (value.from as string)) {
      return this.fail(join(path, 'to'), `is before from ${value.from as string}`, value.to);
    }
    return fromOk && toOk;
  }

  /** Periods sorted by `from`, not overlapping; only the last may be open-ended. */
  timeline(periods: ReadonlyArray<Record<string, unknown>>, path: string): void {
    for (let i = 1; i < periods.length; i++) {
      const previous = periods[i - 1]!;
      const current = periods[i]!;
      if (typeof current.from !== 'string' || typeof previous.from !== 'string') continue;
      if (previous.to === undefined) {
        this.fail(`${path}[${i - 1}].to`, `is required because a later period starts ${current.from}`);
      } else if (typeof previous.to === 'string' && previous.to >= current.from) {
        this.fail(`${path}[${i}].from`, `overlaps the previous period ending ${previous.to}`, current.from);
      }
    }
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${valueText(value)}`;
}
