/**
 * Turns a WHERE condition into a SQLite predicate over `subject_records.fields`.
 *
 * SOQL has two-valued logic: a comparison with an empty field is simply false, so `!=`, `NOT IN` and `NOT (...)`
 * include records whose field is empty. Every atom therefore evaluates to 0 or 1, never NULL, and NOT is plain
 * negation. Empty strings and missing keys are both null, as in Salesforce exports.
 */
import type { CompareOp, Condition, Literal, StringLiteral } from './ast';
import type { UtcRange } from './relativeDates';
import { dayRange, resolveRelativeDate, resolveRelativeDateN } from './relativeDates';

export type SqlParam = string | number;

export interface PredicateContext {
  /** Resolves a WHERE field to its stored name, or throws a PredicateRejection. */
  readonly resolveField: (parts: readonly string[]) => string;
  readonly eventTime: Date;
}

export class PredicateRejection extends Error {}

export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

/** The field's value with '' read as NULL. Field names are SOQL identifiers (`[A-Za-z0-9_]`), safe to inline. */
export function fieldValueSql(field: string): string {
  return `NULLIF(json_extract(fields, '$."${field}"'), '')`;
}

/** The value as a UTC `YYYY-MM-DDTHH:MM:SS.sssZ` string; accepts `T` or space, `Z`, `±hh:mm` or `±hhmm`, or a bare date. */
export function timestampSql(value: string): string {
  const withColonOffset =
    `CASE WHEN ${value} GLOB '*[+-][0-9][0-9][0-9][0-9]' ` +
    `THEN substr(${value}, 1, length(${value}) - 2) || ':' || substr(${value}, -2) ELSE ${value} END`;
  return `strftime('%Y-%m-%dT%H:%M:%fZ', ${withColonOffset})`;
}

export function conditionSql(condition: Condition, context: PredicateContext): SqlFragment {
  switch (condition.kind) {
    case 'and':
    case 'or': {
      const parts = condition.items.map((item) => conditionSql(item, context));
      return {
        sql: `(${parts.map((part) => part.sql).join(condition.kind === 'and' ? ' AND ' : ' OR ')})`,
        params: parts.flatMap((part) => part.params),
      };
    }
    case 'not':
      return negate(conditionSql(condition.item, context));
    case 'compare':
      return compareSql(context.resolveField(condition.field.parts), condition.op, condition.value, context);
    case 'like':
      return likeSql(context.resolveField(condition.field.parts), condition.pattern);
    case 'in': {
      const fragment = inSql(context.resolveField(condition.field.parts), condition.values, context);
      return condition.negated ? negate(fragment) : fragment;
    }
  }
}

function negate(fragment: SqlFragment): SqlFragment {
  return { sql: `(NOT ${fragment.sql})`, params: fragment.params };
}

function atom(sql: string, params: readonly SqlParam[]): SqlFragment {
  return { sql: `COALESCE(${sql}, 0)`, params };
}

function compareSql(field: string, op: CompareOp, literal: Literal, context: PredicateContext): SqlFragment {
  if (op === '!=') return negate(compareSql(field, '=', literal, context));
  const value = fieldValueSql(field);
  switch (literal.kind) {
    case 'null':
      if (op !== '=') throw new PredicateRejection(`Comparing ${field} with null using '${op}' is not supported.`);
      return { sql: `(${value} IS NULL)`, params: [] };
    case 'string':
      if (op === '=' && isSalesforceIdField(field) && /^[A-Za-z0-9]{15}$/.test(literal.value)) {
        // A 15-character id is case-sensitive and equals the first 15 characters of the stored 18-character id.
        return atom(`substr(${value}, 1, 15) = ?`, [literal.value]);
      }
      return atom(`lower(${value}) ${op} lower(?)`, [literal.value]);
    case 'number':
      return atom(`CAST(${value} AS REAL) ${op} ?`, [literal.value]);
    case 'boolean':
      if (op !== '=') throw new PredicateRejection(`Comparing ${field} with a boolean using '${op}' is not supported.`);
      // Checkboxes are never null in Salesforce, so an empty value can only be an unexported false.
      return literal.value
        ? atom(`lower(${value}) IN ('true', '1')`, [])
        : { sql: `(${value} IS NULL OR lower(${value}) IN ('false', '0'))`, params: [] };
    case 'datetime':
      return atom(`${timestampSql(value)} ${op} ?`, [literal.utc]);
    case 'date':
      return rangeSql(value, op, dayRange(literal.date));
    case 'relativeDate':
      return rangeSql(value, op, resolveRelativeDate(literal.name, context.eventTime));
    case 'relativeDateN':
      return rangeSql(value, op, resolveRelativeDateN(literal.name, literal.n, context.eventTime));
  }
}

/** A date or a date literal stands for a whole span of time: `=` is inside it, `<` before it, `>` after it. */
function rangeSql(value: string, op: Exclude<CompareOp, '!='>, range: UtcRange): SqlFragment {
  const ts = timestampSql(value);
  switch (op) {
    case '=':
      return atom(`(${ts} >= ? AND ${ts} < ?)`, [range.start, range.end]);
    case '<':
      return atom(`${ts} < ?`, [range.start]);
    case '<=':
      return atom(`${ts} < ?`, [range.end]);
    case '>':
      return atom(`${ts} >= ?`, [range.end]);
    case '>=':
      return atom(`${ts} >= ?`, [range.start]);
  }
}

function likeSql(field: string, pattern: StringLiteral): SqlFragment {
  return atom(`lower(${fieldValueSql(field)}) LIKE lower(?) ESCAPE '\\'`, [pattern.likePattern]);
}

function inSql(field: string, values: readonly Literal[], context: PredicateContext): SqlFragment {
  const plainStrings = values.every(
    (literal) => literal.kind === 'string' && !(isSalesforceIdField(field) && literal.value.length === 15),
  );
  if (plainStrings) {
    const params = values.map((literal) => (literal as StringLiteral).value);
    return atom(`lower(${fieldValueSql(field)}) IN (${params.map(() => 'lower(?)').join(', ')})`, params);
  }
  const parts = values.map((literal) => compareSql(field, '=', literal, context));
  return { sql: `(${parts.map((part) => part.sql).join(' OR ')})`, params: parts.flatMap((part) => part.params) };
}

export function isSalesforceIdField(field: string): boolean {
  return field === 'Id' || /[a-z]Id$/.test(field);
}
