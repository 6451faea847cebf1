import { topStates, type ConsumerSummary } from '../../analysis/consumer-summary';
import { formatCount } from '../../format';

const TOP_STATES = 10;

/** Confirmed consumers (exact, derived) and inferred upper bounds side by side but never added together. */
export function ConsumerSummaryPanel({ summary, onState }: { summary: ConsumerSummary; onState(state: string): void }) {
  const confirmed = summary.byBasis.exact + summary.byBasis.derived;
  return (
    <div className="summary-row" data-testid="consumer-summary">
      <div className="stat-card">
        <div className="label">Confirmed</div>
        <div className="stat">{formatCount(confirmed)}</div>
        <div className="small muted">
          exact {formatCount(summary.byBasis.exact)} · derived {formatCount(summary.byBasis.derived)}
        </div>
      </div>
      <div className="stat-card stat-inferred" title="Consumers the attacker could have reached (e.g. a report whose rows are not listed); an upper bound, not a count of people reached">
        <div className="label">Inferred (upper bound)</div>
        <div className="stat">≤ {formatCount(summary.byBasis.inferred)}</div>
        <div className="small muted">kept apart from confirmed; counsel decides how to treat them</div>
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
          <p className="small muted">State totals come with a reconstruction run in this session; filter by state below meanwhile.</p>
        )}
      </div>
    </div>
  );
}
