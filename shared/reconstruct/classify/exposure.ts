/** Per record: which elements the access exposed in clear, given what it selected and what the record holds. */
import type { ElementCode } from '../../contract/elements';
import type { FieldClassification } from './classifyField';
import { valueInClear } from './valueInClear';

export interface ExposedElement {
  readonly element: ElementCode;
  readonly field: string;
  readonly reason: string;
}

/** One object type's classified fields, looked up case-insensitively. Build once, use for every record. */
export type FieldElementIndex = ReadonlyMap<string, FieldClassification & { readonly element: ElementCode }>;

export function fieldElementIndex(classifications: readonly FieldClassification[], objectType: string): FieldElementIndex {
  const index = new Map<string, FieldClassification & { readonly element: ElementCode }>();
  const wanted = objectType.toLowerCase();
  for (const classification of classifications) {
    const { element } = classification;
    if (element !== null && classification.objectType.toLowerCase() === wanted) {
      index.set(classification.field.toLowerCase(), { ...classification, element });
    }
  }
  return index;
}

/** Each field list's lower-cased set, built once however many records the same list is applied to. */
const choices = new WeakMap<readonly string[], ReadonlySet<string>>();

function choice(selected: readonly string[]): ReadonlySet<string> {
  let chosen = choices.get(selected);
  if (!chosen) {
    chosen = new Set(selected.map((field) => field.toLowerCase()));
    choices.set(selected, chosen);
  }
  return chosen;
}

/**
 * `selected` is the access's field list, or `'*'` when it returned whole records (exports, reports without column
 * lists). `fields` is the record's `fields` JSON (text or parsed). Fields are reported in the record's own order.
 */
export function exposedElements(
  selected: readonly string[] | '*',
  fields: string | Readonly<Record<string, unknown>>,
  index: FieldElementIndex,
): ExposedElement[] {
  const record = typeof fields === 'string' ? (JSON.parse(fields) as Record<string, unknown>) : fields;
  const chosen = selected === '*' ? null : choice(selected);
  const exposed: ExposedElement[] = [];
  for (const [field, raw] of Object.entries(record)) {
    const key = field.toLowerCase();
    if (chosen !== null && !chosen.has(key)) continue;
    const classification = index.get(key);
    if (!classification || (typeof raw !== 'string' && typeof raw !== 'number')) continue;
    const verdict = valueInClear(classification.element, String(raw));
    if (verdict.clear) exposed.push({ element: classification.element, field, reason: verdict.reason });
  }
  return exposed;
}
