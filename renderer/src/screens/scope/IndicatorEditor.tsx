import { useState, type FormEvent } from 'react';
import { addIndicator, INDICATOR_KINDS, removeIndicator, type IndicatorKind, type ScopeDraft } from '../../analysis/scope-draft';

/** Indicators as removable chips, grouped by kind, with a one-line form to add more. */
export function IndicatorEditor({ draft, onDraft }: { draft: ScopeDraft; onDraft: (draft: ScopeDraft) => void }) {
  const [kind, setKind] = useState<IndicatorKind>('ips');
  const [value, setValue] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    onDraft(addIndicator(draft, kind, value));
    setValue('');
  };
  const placeholder = INDICATOR_KINDS.find((k) => k.kind === kind)?.placeholder;
  return (
    <div className="indicators">
      <form className="row-form" onSubmit={add} aria-label="Add indicator">
        <label>
          <span>Kind</span>
          <select name="indicatorKind" value={kind} onChange={(e) => setKind(e.target.value as IndicatorKind)}>
            {INDICATOR_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          <span>Value</span>
          <input name="indicatorValue" className="mono" placeholder={placeholder} value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={!value.trim()}>
          Add indicator
        </button>
      </form>
      <dl className="chip-groups" data-testid="scope-indicators">
        {INDICATOR_KINDS.map(({ kind: k, label }) => (
          <div key={k} className="chip-group">
            <dt>{label}</dt>
            <dd>
              {draft.indicators[k].length === 0 && <span className="muted small">none</span>}
              {draft.indicators[k].map((v) => (
                <span key={v} className="chip" title={v}>
                  <span className="chip-text mono">{v}</span>
                  <button type="button" className="chip-remove" aria-label={`Remove ${label} ${v}`} onClick={() => onDraft(removeIndicator(draft, k, v))}>
                    ×
                  </button>
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
