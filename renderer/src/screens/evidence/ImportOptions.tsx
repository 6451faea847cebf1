import { useEffect, useId, useState } from 'react';
import type { FormatInfo, LedgerApi } from '../../../../shared/contract/api';
import { IMPORT_ENCODINGS, MAPPING_FIELDS } from '../../../../shared/contract/column-mapping';

/** What an import may be told instead of detecting it; empty values mean "detect". */
export interface ImportChoices {
  format: string;
  timeZone: string;
  encoding: string;
  locale: string;
  mapping: Array<{ field: string; column: string }>;
}

export const NO_CHOICES: ImportChoices = { format: '', timeZone: '', encoding: '', locale: '', mapping: [] };

/** The choices as the contract takes them. */
export function importRequest(choices: ImportChoices) {
  const mapping = choices.mapping.filter((m) => m.field && m.column.trim());
  return {
    format: choices.format || null,
    timeZone: choices.timeZone.trim() || null,
    encoding: choices.encoding || null,
    locale: choices.locale.trim() || null,
    mapping: mapping.length > 0 ? Object.fromEntries(mapping.map((m) => [m.field, m.column.trim()])) : null,
  };
}

/** Format, time zone, encoding, locale and a column mapping: the options the command line's `add` has. */
export function ImportOptions({
  api,
  choices,
  onChange,
  disabled,
  open = false,
}: {
  api: LedgerApi;
  choices: ImportChoices;
  onChange: (choices: ImportChoices) => void;
  disabled: boolean;
  /** Shown unfolded (when the options are the point, as for a file that was not imported). */
  open?: boolean;
}) {
  const zones = `${useId()}-time-zones`;
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  useEffect(() => {
    api.listFormats().then(setFormats, () => setFormats([]));
  }, [api]);
  const set = (patch: Partial<ImportChoices>) => onChange({ ...choices, ...patch });
  const setRow = (index: number, patch: Partial<ImportChoices['mapping'][number]>) => set({ mapping: choices.mapping.map((m, i) => (i === index ? { ...m, ...patch } : m)) });
  const changed = JSON.stringify(choices) !== JSON.stringify(NO_CHOICES);
  return (
    <details className="import-options" data-testid="import-options" open={open || undefined}>
      <summary>Import options{changed ? ' (set)' : ': detected from the file'}</summary>
      <fieldset className="grid-form" disabled={disabled}>
        <label>
          <span>Format</span>
          <select name="format" value={choices.format} onChange={(e) => set({ format: e.target.value })}>
            <option value="">Detect from content</option>
            {formats.map((f) => (
              <option key={f.format} value={f.format}>
                {f.format}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Encoding</span>
          <select name="encoding" value={choices.encoding} onChange={(e) => set({ encoding: e.target.value })}>
            <option value="">Detect</option>
            {IMPORT_ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Time zone of timestamps without one (IANA)</span>
          <input name="importTimeZone" list={zones} placeholder="Case time zone" value={choices.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
          <datalist id={zones}>
            {Intl.supportedValuesOf('timeZone').map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
        <label>
          <span>Locale of dates and numbers</span>
          <input name="locale" placeholder="e.g. en-GB, de-DE" value={choices.locale} onChange={(e) => set({ locale: e.target.value })} />
        </label>
        <div className="span-2 mapping-editor">
          <span className="small muted">Column mapping for generic CSV and JSON Lines logs: which column holds each field (others are found by their usual names)</span>
          {choices.mapping.map((m, index) => (
            <div key={index} className="mapping-row">
              <select aria-label={`Field ${index + 1}`} value={m.field} onChange={(e) => setRow(index, { field: e.target.value })}>
                {MAPPING_FIELDS.map((f) => (
                  <option key={f.field} value={f.field}>
                    {f.label}
                  </option>
                ))}
              </select>
              <span aria-hidden="true">←</span>
              <input aria-label={`Column for field ${index + 1}`} className="mono" placeholder="column or key name" value={m.column} onChange={(e) => setRow(index, { column: e.target.value })} />
              <button type="button" className="link" onClick={() => set({ mapping: choices.mapping.filter((_, i) => i !== index) })}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-small" onClick={() => set({ mapping: [...choices.mapping, { field: choices.mapping.length === 0 ? 'ts' : 'clientIp', column: '' }] })}>
            + Map a column
          </button>
        </div>
      </fieldset>
    </details>
  );
}
