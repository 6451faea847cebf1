/**
 * The SOQL subset the attacker's queries use, as data: rendered to text for the logs and evaluated here against
 * exported field values, so the logged text and the ground truth cannot drift apart. Semantics follow SOQL:
 * string comparison is case-insensitive, an empty exported value is null, `!=` and `NOT IN` match null.
 */
export type Literal = string | boolean | { date: string } | { dateTime: string };

export type Condition =
  | { op: '=' | '!=' | '<' | '>' | '<=' | '>='; field: string; value: Literal }
  | { op: 'LIKE'; field: string; pattern: string }
  | { op: 'IN' | 'NOT IN'; field: string; values: readonly Literal[] }
  | { op: 'LAST_N_DAYS'; field: string; days: number }
  | { op: 'AND' | 'OR'; terms: readonly Condition[] }
  | { op: 'NOT'; term: Condition }
  /** Rendered verbatim; the evaluator cannot run it, which is the point (reconstruction must fall back). */
  | { op: 'SEMI_JOIN'; field: string; subquery: string; matches: (value: string) => boolean };

export interface Query {
  fields: readonly string[];
  object: string;
  where?: Condition;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' };
  limit?: number;
  offset?: number;
}

function renderLiteral(value: Literal): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return 'date' in value ? value.date : value.dateTime;
}

function renderCondition(c: Condition, nested: boolean): string {
  switch (c.op) {
    case 'AND':
    case 'OR': {
      const text = c.terms.map((t) => renderCondition(t, true)).join(` ${c.op} `);
      return nested ? `(${text})` : text;
    }
    case 'NOT':
      return `NOT ${renderCondition(c.term, true)}`;
    case 'LIKE':
      return `${c.field} LIKE ${renderLiteral(c.pattern)}`;
    case 'IN':
    case 'NOT IN':
      return `${c.field} ${c.op} (${c.values.map(renderLiteral).join(', ')})`;
    case 'LAST_N_DAYS':
      return `${c.field} = LAST_N_DAYS:${c.days}`;
    case 'SEMI_JOIN':
      return `${c.field} IN (${c.subquery})`;
    default:
      return `${c.field} ${c.op} ${renderLiteral(c.value)}`;
  }
}

export function renderQuery(q: Query): string {
  let text = `SELECT ${q.fields.join(', ')} FROM ${q.object}`;
  if (q.where) text += ` WHERE ${renderCondition(q.where, false)}`;
  if (q.orderBy) text += ` ORDER BY ${q.orderBy.field} ${q.orderBy.direction}`;
  if (q.limit !== undefined) text += ` LIMIT ${q.limit}`;
  if (q.offset !== undefined) text += ` OFFSET ${q.offset}`;
  return text;
}

/** Comparable form of an exported value for a literal's type; null when the export holds no value. */
function comparable(raw: string, literal: Literal): string | null {
  if (raw === '') return null;
  if (typeof literal === 'boolean') return raw === '1' ? 'true' : 'false';
  if (typeof literal === 'string') return raw.toLowerCase();
  if ('date' in literal) return raw.slice(0, 10);
  return `${raw.replace(' ', 'T')}Z`;
}

function literalValue(literal: Literal): string {
  if (typeof literal === 'boolean') return String(literal);
  if (typeof literal === 'string') return literal.toLowerCase();
  return 'date' in literal ? literal.date : literal.dateTime.replace(/\.\d+Z$/, 'Z');
}

/** Compiled once per pattern: the scan tests every record of every consumer against the same few patterns. */
const likePatterns = new Map<string, RegExp>();

function likeToRegExp(pattern: string): RegExp {
  let re = likePatterns.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
    re = new RegExp(`^${body}$`, 'is');
    likePatterns.set(pattern, re);
  }
  return re;
}

/** `queryTime` anchors date literals; the caller keeps data away from the boundary (see TIMELINE.creationGap). */
export function matches(c: Condition, fields: Readonly<Record<string, string>>, queryTime: number): boolean {
  const raw = (field: string): string => fields[field] ?? '';
  switch (c.op) {
    case 'AND':
      return c.terms.every((t) => matches(t, fields, queryTime));
    case 'OR':
      return c.terms.some((t) => matches(t, fields, queryTime));
    case 'NOT':
      return !matches(c.term, fields, queryTime);
    case 'LIKE':
      return raw(c.field) !== '' && likeToRegExp(c.pattern).test(raw(c.field));
    case 'IN':
    case 'NOT IN': {
      const value = raw(c.field);
      const found = value !== '' && c.values.some((v) => comparable(value, v) === literalValue(v));
      return c.op === 'IN' ? found : !found;
    }
    case 'LAST_N_DAYS': {
      const dayStart = Math.floor(queryTime / 86_400_000) * 86_400_000;
      const from = new Date(dayStart - c.days * 86_400_000).toISOString();
      const value = raw(c.field);
      return value !== '' && `${value.replace(' ', 'T')}.000Z` >= from;
    }
    case 'SEMI_JOIN':
      return c.matches(raw(c.field));
    default: {
      const value = comparable(raw(c.field), c.value);
      const literal = literalValue(c.value);
      if (value === null) return c.op === '!=';
      switch (c.op) {
        case '=':
          return value === literal;
        case '!=':
          return value !== literal;
        case '<':
          return value < literal;
        case '>':
          return value > literal;
        case '<=':
          return value <= literal;
        default:
          return value >= literal;
      }
    }
  }
}
