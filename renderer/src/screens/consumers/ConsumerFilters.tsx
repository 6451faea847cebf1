import { BASES, ELEMENT_CODES, ELEMENT_LABELS, type Basis, type ElementCode } from '../../../../shared/contract/elements';

export interface ConsumerFilter {
  state: string;
  basis: Basis | '';
  element: ElementCode | '';
  search: string;
}

export const NO_FILTER: ConsumerFilter = { state: '', basis: '', element: '', search: '' };

/** State, basis, element and a name/email search; typing is debounced by the screen. */
export function ConsumerFilters({ filter, states, onChange }: { filter: ConsumerFilter; states: readonly string[]; onChange: (filter: ConsumerFilter) => void }) {
  const active = filter.state || filter.basis || filter.element || filter.search;
  return (
    <div className="filters" role="search" aria-label="Filter consumers">
      <label>
        <span>State</span>
        <input name="state" className="mono" list="consumer-states" placeholder="e.g. CA, non-US" value={filter.state} onChange={(e) => onChange({ ...filter, state: e.target.value })} />
        <datalist id="consumer-states">
          {states.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <label>
        <span>Basis</span>
        <select name="basis" value={filter.basis} onChange={(e) => onChange({ ...filter, basis: e.target.value as Basis | '' })}>
          <option value="">Any basis</option>
          {BASES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Data element</span>
        <select name="element" value={filter.element} onChange={(e) => onChange({ ...filter, element: e.target.value as ElementCode | '' })}>
          <option value="">Any element</option>
          {ELEMENT_CODES.map((code) => (
            <option key={code} value={code}>
              {ELEMENT_LABELS[code]}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        <span>Search name or email</span>
        <input name="search" type="search" placeholder="e.g. cruz or @yahoo" value={filter.search} onChange={(e) => onChange({ ...filter, search: e.target.value })} />
      </label>
      <button type="button" className="btn" disabled={!active} onClick={() => onChange(NO_FILTER)}>
        Clear
      </button>
    </div>
  );
}
