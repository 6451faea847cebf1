/** Splits SOQL text into tokens. Keywords are not distinguished here: the parser matches identifiers case-insensitively. */
import type { StringLiteral, Unsupported } from './ast';
import { unsupported } from './ast';

export type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly literal: StringLiteral; readonly at: number }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly at: number }
  | { readonly kind: 'date'; readonly date: string; readonly at: number }
  | { readonly kind: 'datetime'; readonly utc: string; readonly at: number }
  | { readonly kind: 'op'; readonly text: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly at: number }
  | { readonly kind: 'punct'; readonly text: '(' | ')' | ',' | '.' | ':'; readonly at: number };

export type TokenizeResult = { readonly supported: true; readonly tokens: readonly Token[] } | Unsupported;

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const DATETIME = /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2}))?(?![A-Za-z0-9_])/y;
const DATETIME_WITHOUT_ZONE = /\d{4}-\d{2}-\d{2}T/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      const read = readString(text, i);
      if (!read.supported) return read;
      tokens.push({ kind: 'string', literal: read.literal, at: i });
      i = read.end;
      continue;
    }
    const dateMatch = matchAt(DATETIME, text, i);
    if (dateMatch) {
      const token = dateToken(dateMatch, i);
      if (!token) return unsupported(`Invalid date or datetime literal '${dateMatch[0]}' at position ${i}.`);
      tokens.push(token);
      i += dateMatch[0].length;
      continue;
    }
    if (matchAt(DATETIME_WITHOUT_ZONE, text, i)) {
      return unsupported(`Datetime literal at position ${i} has no time zone; SOQL requires Z or an offset such as +01:00.`);
    }
    const numberMatch = matchAt(NUMBER, text, i);
    if (numberMatch) {
      tokens.push({ kind: 'number', value: Number(numberMatch[0]), text: numberMatch[0], at: i });
      i += numberMatch[0].length;
      continue;
    }
    const identMatch = matchAt(IDENT, text, i);
    if (identMatch) {
      tokens.push({ kind: 'ident', text: identMatch[0], at: i });
      i += identMatch[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two === '<>' ? '!=' : two, at: i });
      i += 2;
      continue;
    }
    if (ch === '=' || ch === '<' || ch === '>') {
      tokens.push({ kind: 'op', text: ch, at: i });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === '.' || ch === ':') {
      tokens.push({ kind: 'punct', text: ch, at: i });
      i++;
      continue;
    }
    return unsupported(`Unexpected character '${ch}' at position ${i}.`);
  }
  return { supported: true, tokens };
}

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

type StringRead = { readonly supported: true; readonly literal: StringLiteral; readonly end: number } | Unsupported;

function readString(text: string, start: number): StringRead {
  let value = '';
  let likePattern = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'") return { supported: true, literal: { kind: 'string', value, likePattern }, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      likePattern += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    if (next === '%' || next === '_') {
      // Only meaningful in LIKE: a literal % or _ rather than a wildcard.
      value += next;
      likePattern += `\\${next}`;
    } else {
      const decoded = SIMPLE_ESCAPES[next.toLowerCase()];
      if (decoded === undefined) return unsupported(`Invalid escape sequence '\\${next}' in string literal at position ${i}.`);
      value += decoded;
      likePattern += decoded === '\\' ? '\\\\' : decoded;
    }
    i += 2;
  }
  return unsupported(`Unterminated string literal starting at position ${start}.`);
}

function dateToken(m: RegExpExecArray, at: number): Token | null {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const dayStart = Date.UTC(year, month - 1, day);
  const check = new Date(dayStart);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (h === undefined) return { kind: 'date', date: `${y}-${mo}-${d}`, at };
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const millis = frac ? Number(frac.slice(1).padEnd(3, '0')) : 0;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utcMillis = dayStart + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
  return { kind: 'datetime', utc: new Date(utcMillis).toISOString(), at };
}
