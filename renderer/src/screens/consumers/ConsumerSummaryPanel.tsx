import { isElementCode, type ElementCode } from '../../../../shared/contract/elements';
import { topEntries, topStates, type ConsumerSummary } from '../../analysis/consumer-summary';
import { formatCount } from '../../format';
import { elementLabel } from './consumer-columns';

const TOP_STATES = 10;
const TOP_ELEMENTS = 6;

/** Confirmed consumers (exact, derived) and inferred upper bounds side by side but never added together. */
export function ConsumerSummaryPanel({ summary, onState, onElement }: { summary: ConsumerSummary; onState: (state: string) => void; onElement: (element: ElementCode) => void }) {
  const confirmed = summary.byBasis.exact + summary.byBasis.derived;
  return (
    <div className="summary-row" data-testid="consumer-summary" data-analysis={summary.analysis}>
      <div className="stat-card">
        <div className="label">Confirmed</div>
        <div className="stat" data-testid="summary-confirmed">{formatCount(confirmed)}</div>
        <div className="small muted">
          exact {formatCount(summary.byBasis.exact)} · derived {formatCount(summary.byBasis.derived)}
        </div>
      </div>
      <div className="stat-card stat-inferred" title="Consumers the attacker could have reached (e.g. a report whose rows are not listed); an upper bound, not a count of people reached">
        <div className="label">Inferred (upper bound)</div>
        <div className="stat" data-testid="summary-inferred">≤ {formatCount(summary.byBasis.inferred)}</div>
        <div className="small muted">
          {summary.inferredMinimum !== null && summary.inferredMinimum > 0 && <>at least {formatCount(summary.inferredMinimum)} · </>}kept apart from confirmed
        </div>
      </div>
      <div className="stat-card states-card">
        <div className="label">Top states (counted in)</div>
        {summary.byState ? (
          <div className="state-chips">
            {topStates(summary.byState, TOP_STATES).map(([state, n]) => (
              <button key={state} type="button" className="state-chip" onClick={() => onState(state)} title={`Show consumers counted in ${state}`}>
                <span className="mono">{state}</span> {formatCount(n)}
              </button>
            ))}
          </div>
        ) : (
          <p className="small muted">This analysis' stored summary has no state totals; filter by state below.</p>
        )}
      </div>
      {summary.byElement && Object.keys(summary.byElement).length > 0 && (
        <div className="stat-card elements-card">
          <div className="label">Data elements (consumers)</div>
          <div className="state-chips" data-testid="summary-elements">
            {topEntries(summary.byElement, TOP_ELEMENTS).map(([element, n]) => (
              <button
                key={element}
                type="button"
                className="state-chip"
                disabled={!isElementCode(element)}
                onClick={() => isElementCode(element) && onElement(element)}
                title={`Show consumers whose ${elementLabel(element).toLowerCase()} was exposed`}
              >
                {elementLabel(element)} {formatCount(n)}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
