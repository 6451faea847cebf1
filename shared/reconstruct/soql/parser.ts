/**
 * Recursive-descent parser for the supported SOQL subset. Anything outside the subset is rejected with a
 * one-sentence reason rather than approximated, so a re-evaluated query is never silently wrong.
 */
import type {
  Condition,
  FieldPath,
  Literal,
  OrderItem,
  RelativeDateName,
  SelectItem,
  SoqlQuery,
  Unsupported,
} from './ast';
import { unsupported } from './ast';
import type { Token } from './tokenizer';
import { tokenize } from './tokenizer';

export type ParseResult = { readonly supported: true; readonly query: SoqlQuery } | Unsupported;

const RELATIVE_DATES: ReadonlySet<string> = new Set<RelativeDateName>([
  'TODAY',
  'YESTERDAY',
  'TOMORROW',
  'LAST_WEEK',
  'THIS_WEEK',
  'NEXT_WEEK',
  'LAST_MONTH',
  'THIS_MONTH',
  'NEXT_MONTH',
  'LAST_90_DAYS',
  'NEXT_90_DAYS',
  'LAST_YEAR',
  'THIS_YEAR',
  'NEXT_YEAR',
]);
const RELATIVE_DATES_WITH_N: ReadonlySet<string> = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS']);
const AGGREGATES: ReadonlySet<string> = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
/** Words that end the FROM object (so they are never taken as its alias). */
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'USING', 'WHERE', 'WITH', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FOR', 'UPDATE', 'ALL',
]);
/** Polymorphic relationships whose parent object type differs per record. */
const POLYMORPHIC_RELATIONSHIPS: ReadonlySet<string> = new Set(['WHO', 'WHAT']);

class Rejection extends Error {}

export function parseSoql(text: string): ParseResult {
  const tokenized = tokenize(text);
  if (!tokenized.supported) return tokenized;
  try {
    return { supported: true, query: new Parser(tokenized.tokens).query() };
  } catch (error) {
    if (error instanceof Rejection) return unsupported(error.message);
    throw error;
  }
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  query(): SoqlQuery {
    this.expectWord('SELECT');
    const select = this.selectList();
    this.expectWord('FROM');
    const object = this.identifier('an object name after FROM');
    if (this.isPunct(',')) this.reject('Querying more than one object in FROM is not supported.');
    const next = this.peek();
    const objectAlias = next?.kind === 'ident' && !CLAUSE_WORDS.has(next.text.toUpperCase()) ? this.identifier('') : null;

    let scope: string | null = null;
    if (this.acceptWord('USING')) {
      this.expectWord('SCOPE');
      scope = this.identifier('a scope name after USING SCOPE');
    }
    const where = this.acceptWord('WHERE') ? this.condition() : null;
    this.rejectClause('WITH', 'WITH clauses (SECURITY_ENFORCED, DATA CATEGORY, ...) are not supported.');
    this.rejectClause('GROUP', 'GROUP BY is not supported: aggregate queries return summaries, not records.');
    this.rejectClause('HAVING', 'HAVING is not supported: aggregate queries return summaries, not records.');
    const orderBy = this.acceptWord('ORDER') ? (this.expectWord('BY'), this.orderList()) : [];
    const limit = this.acceptWord('LIMIT') ? this.nonNegativeInteger('LIMIT') : null;
    const offset = this.acceptWord('OFFSET') ? this.nonNegativeInteger('OFFSET') : null;
    this.rejectClause('FOR', 'FOR VIEW / FOR REFERENCE / FOR UPDATE clauses are not supported.');
    this.rejectClause('UPDATE', 'UPDATE TRACKING / UPDATE VIEWSTAT clauses are not supported.');
    this.rejectClause('ALL', 'ALL ROWS is not supported.');
    const rest = this.peek();
    if (rest) this.reject(`Found ${describe(rest)} after the end of the query.`);
    return { object, objectAlias, select, scope, where, orderBy, limit, offset };
  }

  private selectList(): SelectItem[] {
    const items: SelectItem[] = [this.selectItem()];
    while (this.acceptPunct(',')) items.push(this.selectItem());
    if (items.some((item) => item.kind === 'count') && items.length > 1) {
      this.reject('COUNT() cannot be combined with other fields in the SELECT list.');
    }
    return items;
  }

  private selectItem(): SelectItem {
    if (this.isPunct('(')) this.reject('Subqueries in the SELECT list are not supported.');
    const head = this.peek();
    if (head?.kind === 'ident' && head.text.toUpperCase() === 'TYPEOF') this.reject('TYPEOF is not supported.');
    const fnName = this.functionNameAhead();
    if (fnName !== null) {
      const upper = fnName.toUpperCase();
      this.pos += 2;
      if (upper === 'COUNT' && this.acceptPunct(')')) return { kind: 'count' };
      if (upper === 'FIELDS') this.reject('FIELDS(...) is not supported: the selected fields must be listed.');
      if (AGGREGATES.has(upper)) this.reject(`Aggregate function ${upper}(...) is not supported; only COUNT() is.`);
      this.reject(`Function ${fnName}() is not supported.`);
    }
    const field = this.fieldPath();
    const after = this.peek();
    if (after?.kind === 'ident' && after.text.toUpperCase() !== 'FROM') {
      this.reject(`Field aliases ('${after.text}') are not supported.`);
    }
    return { kind: 'field', field };
  }

  private condition(): Condition {
    const first = this.unaryCondition();
    const items: Condition[] = [first];
    let connector: 'AND' | 'OR' | null = null;
    for (;;) {
      const word = this.peekWord();
      if (word !== 'AND' && word !== 'OR') break;
      if (connector !== null && connector !== word) {
        this.reject('AND and OR are mixed without parentheses, which Salesforce rejects.');
      }
      connector = word;
      this.pos++;
      items.push(this.unaryCondition());
    }
    if (connector === null) return first;
    return connector === 'AND' ? { kind: 'and', items } : { kind: 'or', items };
  }

  private unaryCondition(): Condition {
    if (this.acceptWord('NOT')) return { kind: 'not', item: this.unaryCondition() };
    if (this.acceptPunct('(')) {
      if (this.peekWord() === 'SELECT') this.reject('Subqueries are not supported.');
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    return this.fieldCondition();
  }

  private fieldCondition(): Condition {
    const fnName = this.functionNameAhead();
    if (fnName !== null) this.reject(`Function ${fnName}() in WHERE is not supported.`);
    const field = this.fieldPath();
    const token = this.peek();
    if (token?.kind === 'op') {
      this.pos++;
      return { kind: 'compare', field, op: token.text, value: this.literal() };
    }
    const word = this.peekWord();
    if (word === 'LIKE') {
      this.pos++;
      const pattern = this.literal();
      if (pattern.kind !== 'string') this.reject('LIKE needs a quoted string pattern.');
      return { kind: 'like', field, pattern };
    }
    if (word === 'IN') {
      this.pos++;
      return { kind: 'in', field, negated: false, values: this.literalList() };
    }
    if (word === 'NOT') {
      this.pos++;
      this.expectWord('IN');
      return { kind: 'in', field, negated: true, values: this.literalList() };
    }
    if (word === 'INCLUDES' || word === 'EXCLUDES') this.reject(`${word} (multi-select picklists) is not supported.`);
    return this.reject(`Expected a comparison operator, LIKE or IN after ${joinPath(field)}, found ${describe(token)}.`);
  }

  private literalList(): Literal[] {
    this.expectPunct('(');
    if (this.peekWord() === 'SELECT') this.reject('Semi-joins and anti-joins (IN (SELECT ...)) are not supported.');
    const values: Literal[] = [this.literal()];
    while (this.acceptPunct(',')) values.push(this.literal());
    this.expectPunct(')');
    return values;
  }

  private literal(): Literal {
    const token = this.next();
    switch (token?.kind) {
      case 'string':
        return token.literal;
      case 'number':
        return { kind: 'number', value: token.value };
      case 'date':
        return { kind: 'date', date: token.date };
      case 'datetime':
        return { kind: 'datetime', utc: token.utc };
      case 'ident':
        return this.wordLiteral(token.text);
      case 'punct':
        if (token.text === ':') this.reject('Bind variables (:name) are not supported: the log does not hold their values.');
        if (token.text === '(') this.reject('Subqueries are not supported.');
    }
    return this.reject(`Expected a value, found ${describe(token)}.`);
  }

  private wordLiteral(word: string): Literal {
    const upper = word.toUpperCase();
    if (upper === 'NULL') return { kind: 'null' };
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
    if (RELATIVE_DATES.has(upper)) return { kind: 'relativeDate', name: upper as RelativeDateName };
    if (RELATIVE_DATES_WITH_N.has(upper)) {
      this.expectPunct(':');
      const n = this.next();
      if (n?.kind !== 'number' || !Number.isInteger(n.value) || n.value < 0) {
        this.reject(`${upper} needs a non-negative whole number after the colon.`);
      }
      return { kind: 'relativeDateN', name: upper as 'LAST_N_DAYS' | 'NEXT_N_DAYS', n: n.value };
    }
    if (/^(LAST|NEXT|THIS)_/.test(upper) || /^N_/.test(upper)) this.reject(`Date literal ${upper} is not supported.`);
    return this.reject(`Unknown value '${word}'.`);
  }

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const fnName = this.functionNameAhead();
      if (fnName !== null) this.reject(`Function ${fnName}() in ORDER BY is not supported.`);
      const field = this.fieldPath();
      const direction = this.acceptWord('DESC') ? 'DESC' : (this.acceptWord('ASC'), 'ASC');
      let nulls: 'FIRST' | 'LAST' = direction === 'ASC' ? 'FIRST' : 'LAST';
      if (this.acceptWord('NULLS')) {
        if (this.acceptWord('FIRST')) nulls = 'FIRST';
        else if (this.acceptWord('LAST')) nulls = 'LAST';
        else this.reject('NULLS must be followed by FIRST or LAST.');
      }
      items.push({ field, direction, nulls });
    } while (this.acceptPunct(','));
    return items;
  }

  private fieldPath(): FieldPath {
    const parts = [this.identifier('a field name')];
    while (this.acceptPunct('.')) parts.push(this.identifier('a field name after "."'));
    const relationship = parts.length > 1 ? parts[0]!.toUpperCase() : null;
    if (relationship !== null && POLYMORPHIC_RELATIONSHIPS.has(relationship)) {
      this.reject(`Polymorphic relationship field ${parts.join('.')} is not supported.`);
    }
    return { parts };
  }

  private nonNegativeInteger(clause: string): number {
    const token = this.next();
    if (token?.kind === 'punct' && token.text === ':') this.reject(`Bind variables in ${clause} are not supported.`);
    if (token?.kind !== 'number' || !Number.isInteger(token.value) || token.value < 0) {
      this.reject(`${clause} needs a non-negative whole number.`);
    }
    return token.value;
  }

  /** The name of a function call starting here (`name(`), or null. */
  private functionNameAhead(): string | null {
    const name = this.tokens[this.pos];
    const paren = this.tokens[this.pos + 1];
    return name?.kind === 'ident' && paren?.kind === 'punct' && paren.text === '(' ? name.text : null;
  }

  private rejectClause(word: string, reason: string): void {
    if (this.peekWord() === word) this.reject(reason);
  }

  private identifier(what: string): string {
    const token = this.next();
    if (token?.kind !== 'ident') this.reject(`Expected ${what}, found ${describe(token)}.`);
    return token.text;
  }

  private expectWord(word: string): void {
    if (!this.acceptWord(word)) this.reject(`Expected ${word}, found ${describe(this.peek())}.`);
  }

  private acceptWord(word: string): boolean {
    if (this.peekWord() !== word) return false;
    this.pos++;
    return true;
  }

  private peekWord(): string | null {
    const token = this.peek();
    return token?.kind === 'ident' ? token.text.toUpperCase() : null;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text;
  }

  private acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.pos++;
    return true;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) this.reject(`Expected '${text}', found ${describe(this.peek())}.`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token | undefined {
    return this.tokens[this.pos++];
  }

  private reject(reason: string): never {
    throw new Rejection(reason);
  }
}

function joinPath(field: FieldPath): string {
  return field.parts.join('.');
}

function describe(token: Token | undefined): string {
  if (token === undefined) return 'the end of the query';
  switch (token.kind) {
    case 'ident':
      return `'${token.text}'`;
    case 'string':
      return 'a quoted string';
    case 'number':
      return `the number ${token.text}`;
    case 'date':
      return `the date ${token.date}`;
    case 'datetime':
      return `the datetime ${token.utc}`;
    case 'op':
    case 'punct':
      return `'${token.text}'`;
  }
}
