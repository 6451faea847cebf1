import { formatCents } from '../../../../shared/display/money';
import { Truncate } from '../../components/Truncate';
import { formatCount } from '../../format';
import { isKnown, SCENARIOS, type ExposureComponent, type JurisdictionExposure, type Scenario } from './exposure-types';

function Figure({ c, scenario }: { c: ExposureComponent; scenario: Scenario }) {
  const value = c[scenario];
  const hover = [c.working?.[scenario], `Formula: ${c.formula}`, `Citation: ${c.citation}`].filter(Boolean).join('\n');
  return (
    <td className={`num ${typeof value === 'string' ? 'unknown-figure' : ''}`} title={hover}>
      {c.status === 'excluded' ? <span className="muted">excluded</span> : formatCents(value)}
    </td>
  );
}

function Subtotal({ j, scenario }: { j: JurisdictionExposure; scenario: Scenario }) {
  const unknown = j.components.find((c) => typeof c[scenario] === 'string')?.[scenario];
  const anyKnown = j.components.some((c) => c.status !== 'excluded' && isKnown(c[scenario]));
  if (unknown !== undefined && !anyKnown) return <span className="num unknown-figure">{formatCents(unknown)}</span>;
  return (
    <span className="num">
      {formatCents(j.subtotal[scenario])}
      {!j.subtotal.complete && <span className="plus-unknown"> + unknown</span>}
    </span>
  );
}

/** Qualifying consumers; residents the pack cannot classify make qualification unknown, never "0 qualifying". */
function Qualifying({ j }: { j: JurisdictionExposure }) {
  const confirmed = j.qualifying.exact + j.qualifying.derived;
  const undetermined = j.undetermined ? j.undetermined.exact + j.undetermined.derived + j.undetermined.inferredUpperBound : 0;
  if (undetermined > 0 && confirmed + j.qualifying.inferredUpperBound === 0) {
    return <span className="small warn" data-testid="qualification-unknown">qualification unknown for {formatCount(undetermined)} resident{undetermined === 1 ? '' : 's'} — counsel must review</span>;
  }
  return (
    <span className="small muted">
      {formatCount(confirmed)} qualifying + up to {formatCount(j.qualifying.inferredUpperBound)} inferred
      {undetermined > 0 && <span className="warn"> · {formatCount(undetermined)} unknown</span>}
    </span>
  );
}

/** Each component with its citation and formula one click away (and on hover over any figure). */
function ComponentRows({ c }: { c: ExposureComponent }) {
  return (
    <>
      <tr className={`component component-${c.status}`}>
        <td>
          <Truncate text={c.label} />
        </td>
        {SCENARIOS.map((s) => (
          <Figure key={s} c={c} scenario={s} />
        ))}
        <td>
          <Truncate className="small" text={c.citation} />
        </td>
        <td className={`small confidence-${c.confidence}`}>{c.confidence}</td>
      </tr>
      <tr className="component-detail">
        <td colSpan={6}>
          <details>
            <summary className="small">Formula and working{c.review ? ` · ${c.review}` : ''}</summary>
            <dl className="kv kv-tight small">
              <dt>Citation</dt>
              <dd className="wrap">{c.citation}</dd>
              <dt>Formula</dt>
              <dd className="wrap">{c.formula}</dd>
              {c.working &&
                SCENARIOS.map((s) => (
                  <FragmentRow key={s} term={s} text={c.working![s]} />
                ))}
              {c.reason && <FragmentRow term="Note" text={c.reason} />}
            </dl>
          </details>
        </td>
      </tr>
    </>
  );
}

function FragmentRow({ term, text }: { term: string; text: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd className="wrap mono">{text}</dd>
    </>
  );
}

export function ExposureTable({ jurisdictions }: { jurisdictions: readonly JurisdictionExposure[] }) {
  return (
    <div className="exposure-list" data-testid="exposure-jurisdictions">
      <div className="exposure-list-head" aria-hidden="true">
        <span>Code</span>
        <span>Jurisdiction</span>
        <span />
        <span>Qualifying consumers</span>
        <span className="num">Low</span>
        <span className="num">Stated</span>
        <span className="num">High</span>
      </div>
      {jurisdictions.map((j) => (
        <details key={j.code} className="panel exposure-jurisdiction" data-testid={`exposure-${j.code}`}>
          <summary>
            <span className="mono">{j.code}</span>
            <Truncate className="exposure-name" text={j.name} />
            <span>{j.review && <span className="pill pill-review" title={j.review}>unverified pack</span>}</span>
            <Qualifying j={j} />
            {SCENARIOS.map((s) => (
              <Subtotal key={s} j={j} scenario={s} />
            ))}
          </summary>
          <table className="mini-table components">
            <thead>
              <tr>
                <th>Component</th>
                <th className="num">Low</th>
                <th className="num">Stated</th>
                <th className="num">High</th>
                <th>Citation</th>
                <th>Confidence</th>
              </tr>
            </thead>
            <tbody>
              {j.components.map((c) => (
                <ComponentRows key={c.id} c={c} />
              ))}
            </tbody>
          </table>
          {j.unquantified.map((u) => (
            <p key={u.citation} className="small muted">
              Not quantified: {u.description} ({u.citation})
            </p>
          ))}
        </details>
      ))}
    </div>
  );
}
