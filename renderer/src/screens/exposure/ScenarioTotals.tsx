import type { ExposureResult } from '../../../../shared/contract/api';
import { formatCents } from '../../../../shared/display/money';
import { SCENARIOS } from './exposure-types';

const HELP = {
  low: 'No violation beyond the breach',
  stated: 'The stated facts and assumptions: exact and derived consumers at the chosen amount',
  high: 'Every violation the facts allow: all bases, including inferred upper bounds, at the maximum amount',
} as const;

/** Low / stated / high totals of the known components; says plainly when some components are unknown. */
export function ScenarioTotals({ totals }: { totals: ExposureResult['totals'] }) {
  return (
    <div className="summary-row" data-testid="exposure-totals">
      {SCENARIOS.map((s) => (
        <div key={s} className={`stat-card scenario-${s}`} title={HELP[s]}>
          <div className="label">{s}</div>
          <div className="stat" data-testid={`total-${s}`} data-cents={totals[s]}>
            {formatCents(totals[s])}
            {!totals.complete && <span className="plus-unknown"> + unknown</span>}
          </div>
          <div className="small muted">{HELP[s]}</div>
        </div>
      ))}
      {!totals.complete && (
        <div className="stat-card stat-warning">
          <div className="label">Not in the totals</div>
          <div className="stat">{totals.unknownComponents.length}</div>
          <div className="small warn">components of unknown amount, listed below — counsel must review</div>
        </div>
      )}
    </div>
  );
}
