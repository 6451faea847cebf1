import { Truncate } from '../../components/Truncate';
import { formatCount } from '../../format';
import { PARTIES, type BasisCounts, type JurisdictionObligations, type NoticeObligation } from './obligation-types';

const NOTICE_TEXT: Record<JurisdictionObligations['noticeRequired'], string> = { yes: 'Notice required', possibly: 'Notice possibly required', no: 'No notice required', unknown: 'Unknown — counsel must review' };
const DUTY_TEXT: Record<NoticeObligation['duty'], string> = { required: 'Required', 'possibly-required': 'Possibly', 'not-required': 'Not required', none: 'No duty', unknown: 'Unknown' };

function Counts({ label, counts }: { label: string; counts: BasisCounts }) {
  return (
    <span className="counts">
      <span className="muted">{label}</span> {formatCount(counts.exact + counts.derived)}
      <span className="inferred-text"> + ≤{formatCount(counts.inferredUpperBound)} inferred</span>
    </span>
  );
}

function Due({ o }: { o: NoticeObligation }) {
  if (o.due.kind === 'date') {
    return (
      <span>
        <strong className="mono">{o.due.date}</strong> <span className="small muted">{o.due.text}</span>
      </span>
    );
  }
  return <span className={`small ${o.due.text.startsWith('unknown') ? 'warn' : ''}`}>{o.due.text}</span>;
}

/** One jurisdiction: whether notice is owed and why, each duty with its due date and citation. */
export function JurisdictionCard({ j }: { j: JurisdictionObligations }) {
  return (
    <article className={`panel jurisdiction notice-${j.noticeRequired}`} aria-labelledby={`j-${j.jurisdiction}`} data-testid={`jurisdiction-${j.jurisdiction}`}>
      <header className="jurisdiction-head">
        <h3 id={`j-${j.jurisdiction}`}>
          <span className="mono">{j.jurisdiction}</span> {j.name}
        </h3>
        <span className={`pill notice-pill-${j.noticeRequired}`}>{NOTICE_TEXT[j.noticeRequired]}</span>
        {j.review && <span className="pill pill-review">{j.review}</span>}
        <span className="small muted jurisdiction-earliest">{j.earliestDue ? `earliest ${j.earliestDue}` : 'no fixed deadline'}</span>
      </header>
      <div className="jurisdiction-counts small">
        <Counts label="Residents" counts={j.residents} />
        <Counts label="Qualifying" counts={j.qualifying} />
        <span className="muted">rules v{j.packVersion}</span>
      </div>
      <details className="why">
        <summary>
          <Truncate className="small" text={`Why: ${j.why}`} />
        </summary>
        <p className="small wrap">{j.why}</p>
      </details>
      <table className="mini-table duties">
        <thead>
          <tr>
            <th>Notify</th>
            <th>Duty</th>
            <th>Due</th>
            <th>Citation</th>
          </tr>
        </thead>
        <tbody>
          {PARTIES.map(({ key, label }) => {
            const o = j[key];
            return (
              <tr key={key} title={o.reason}>
                <td>
                  {label}
                  {o.recipients && <Truncate className="small muted" text={o.recipients} />}
                </td>
                <td className={`duty-${o.duty}`}>{DUTY_TEXT[o.duty]}</td>
                <td>
                  <Due o={o} />
                </td>
                <td className="small wrap">{o.citation}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small">
        <span className="muted">Identity protection: </span>
        {j.identityProtection.text}
        {j.identityProtection.citation && <span className="muted"> ({j.identityProtection.citation})</span>}
      </p>
      {j.notes.length > 0 && <p className="small muted wrap">{j.notes.join(' · ')}</p>}
    </article>
  );
}
