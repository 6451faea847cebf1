/** Typed AST for the SOQL subset Breach Ledger can re-evaluate against a CRM snapshot. */

/** A field as written, split on dots: `Email` → ['Email'], `Account.Name` → ['Account', 'Name']. */
export interface FieldPath {
  readonly parts: readonly string[];
}

export type SelectItem = { readonly kind: 'field'; readonly field: FieldPath } | { readonly kind: 'count' };

export type RelativeDateName =
  | 'TODAY'
  | 'YESTERDAY'
  | 'TOMORROW'
  | 'LAST_WEEK'
  | 'THIS_WEEK'
  | 'NEXT_WEEK'
  | 'LAST_MONTH'
  | 'THIS_MONTH'
  | 'NEXT_MONTH'
  | 'LAST_90_DAYS'
  | 'NEXT_90_DAYS'
  | 'LAST_YEAR'
  | 'THIS_YEAR'
  | 'NEXT_YEAR';

export type RelativeDateNameWithN = 'LAST_N_DAYS' | 'NEXT_N_DAYS';

export interface StringLiteral {
  readonly kind: 'string';
  /** The unescaped text (`\%` → `%`). */
  readonly value: string;
  /** The text as a LIKE pattern with `\` as escape character: SOQL wildcards kept, escaped ones escaped. */
  readonly likePattern: string;
}

export type Literal =
  | StringLiteral
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  /** `YYYY-MM-DD`. */
  | { readonly kind: 'date'; readonly date: string }
  /** Normalized to UTC `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  | { readonly kind: 'datetime'; readonly utc: string }
  | { readonly kind: 'relativeDate'; readonly name: RelativeDateName }
  | { readonly kind: 'relativeDateN'; readonly name: RelativeDateNameWithN; readonly n: number };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { readonly kind: 'and'; readonly items: readonly Condition[] }
  | { readonly kind: 'or'; readonly items: readonly Condition[] }
  | { readonly kind: 'not'; readonly item: Condition }
  | { readonly kind: 'compare'; readonly field: FieldPath; readonly op: CompareOp; readonly value: Literal }
  | { readonly kind: 'like'; readonly field: FieldPath; readonly pattern: StringLiteral }
  | { readonly kind: 'in'; readonly field: FieldPath; readonly negated: boolean; readonly values: readonly Literal[] };

export interface OrderItem {
  readonly field: FieldPath;
  readonly direction: 'ASC' | 'DESC';
  /** SOQL default: NULLS FIRST for ASC, NULLS LAST for DESC. */
  readonly nulls: 'FIRST' | 'LAST';
}

export interface SoqlQuery {
  readonly object: string;
  readonly objectAlias: string | null;
  readonly select: readonly SelectItem[];
  readonly scope: string | null;
  readonly where: Condition | null;
  readonly orderBy: readonly OrderItem[];
  readonly limit: number | null;
  readonly offset: number | null;
}

export interface Unsupported {
  readonly supported: false;
  readonly reason: string;
}

export function unsupported(reason: string): Unsupported {
  return { supported: false, reason };
}
