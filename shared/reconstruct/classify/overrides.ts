/** Investigator decisions win over automatic classification; each one is kept with its own reason. */
import type { ElementCode } from '../../contract/elements';
import type { FieldClassification } from './classifyField';

export interface ElementOverride {
  readonly objectType: string;
  readonly field: string;
  readonly element: ElementCode | null;
  readonly note?: string;
}

const keyOf = (objectType: string, field: string) => `${objectType.toLowerCase()}\u0000${field.toLowerCase()}`;

/** Replaces matching classifications (object and field compared case-insensitively) and adds overrides for unseen fields. */
export function applyOverrides(
  classifications: readonly FieldClassification[],
  overrides: readonly ElementOverride[],
): FieldClassification[] {
  const byKey = new Map(overrides.map((override) => [keyOf(override.objectType, override.field), override]));
  const result = classifications.map((classification) => {
    const key = keyOf(classification.objectType, classification.field);
    const override = byKey.get(key);
    if (!override) return classification;
    byKey.delete(key);
    return overridden(classification.objectType, classification.field, override, classification);
  });
  for (const override of byKey.values()) result.push(overridden(override.objectType, override.field, override, null));
  return result;
}

function overridden(
  objectType: string,
  field: string,
  override: ElementOverride,
  automatic: FieldClassification | null,
): FieldClassification {
  const was = automatic ? ` (automatic: ${automatic.element ?? 'none'}, by ${automatic.by})` : '';
  const note = override.note ? `: ${override.note}` : '';
  return {
    objectType,
    field,
    element: override.element,
    by: 'override',
    reason: `Set by the investigator to ${override.element ?? 'no element'}${was}${note}.`,
  };
}
