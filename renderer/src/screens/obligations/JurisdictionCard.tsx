import { Truncate } from '../../components/Truncate';
import { formatCount } from '../../format';
import { daysLeftText, isOwed, PARTIES, whyItems, type BasisCounts, type JurisdictionObligations, type NoticeObligation } from './obligation-types';

const NOTICE_TEXT: Record<JurisdictionObligations['noticeRequired'], string> = { yes: 'Notice required', possibly: 'Notice possibly required', no: 'No notice required', unknown: 'Unknown — counsel must review' };
const DUTY_TEXT: Record<NoticeObligation['duty'], string> = { required: 'Required', 'possibly-required': 'Possibly', 'not-required': 'Not required', none: 'No duty', unknown: 'Unknown', 'deemed-met': 'Deemed met' };

function Counts({ label, counts }: { label: string; counts: BasisCounts }) {
  return (
    <span className="counts">
      <span className="muted">{label}</span> {formatCount(counts.exact + counts.derived)}
      <span className="inferred-text"> + ≤{formatCount(counts.inferredUpperBound)} inferred</span>
    </span>
  );
}

function Due({ o, today, timeZone }: { o: NoticeObligation; today: string; timeZone: string }) {
  if (!isOwed(o.duty)) return <span className="small muted">—</span>;
  if (o.due.kind === 'date') {
    const past = o.due.date < today;
    return (
      <span>
        <strong className="mono">{o.due.date}</strong> <span className="small muted">end of day, {timeZone}</span>{' '}
        <span className={`small ${past ? 'fail-text' : ''}`}>({daysLeftText(today, o.due.date)})</span> <span className="small muted">{o.due.text}</span>
      </span>
    );
  }
  return <span className={`small ${o.due.text.startsWith('unknown') ? 'warn' : ''}`}>{o.due.text}</span>;
}

/** One jurisdiction: whether notice is owed and why, each duty with its due date and citation. */
export function JurisdictionCard({ j, today, timeZone }: { j: JurisdictionObligations; today: string; timeZone: string }) {
  const why = whyItems(j.why);
  // An unverified pack's "not required" is not a finding: it stands beside "counsel must review" only as unknown.
  const doubtful = Boolean(j.review);
  return (
    <article
      id={`card-${j.jurisdiction}`}
      tabIndex={-1}
      className={`panel jurisdiction notice-${j.noticeRequired}`}
      aria-labelledby={`j-${j.jurisdiction}`}
      data-testid={`jurisdiction-${j.jurisdiction}`}
    >
      <header className="jurisdiction-head">
        <h3 id={`j-${j.jurisdiction}`}>
          <span className="mono">{j.jurisdiction}</span> {j.name}
        </h3>
        <span className={`pill notice-pill-${doubtful && j.noticeRequired === 'no' ? 'unknown' : j.noticeRequired}`}>
          {doubtful && j.noticeRequired === 'no' ? 'No notice found (unverified pack)' : NOTICE_TEXT[j.noticeRequired]}
        </span>
        {j.review && <span className="pill pill-review">{j.review}</span>}
        <span className="small muted jurisdiction-earliest">{j.earliestDue ? `earliest ${j.earliestDue}` : 'no fixed deadline'}</span>
      </header>
      <div className="jurisdiction-counts small">
        <Counts label="Residents" counts={j.residents} />
        <Counts label="Qualifying" counts={j.qualifying} />
        <span className="muted">rules v{j.packVersion}</span>
      </div>
      <div className="why small">
        <span className="muted">Why</span>
        <ul className="why-list">
          {why.map((item) => (
            <li key={item} className="wrap">
              {item}
            </li>
          ))}
        </ul>
      </div>
      <table className="mini-table duties">
        <thead>
          <tr>
            <th>Notify</th>
            <th>Duty</th>
            <th>Due</th>
            <th>Citation</th>
            <th>Confidence</th>
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
                <td className={`duty-${doubtful && o.duty === 'not-required' ? 'unknown' : o.duty}`}>
                  {doubtful && o.duty === 'not-required' ? 'Not found — review' : DUTY_TEXT[o.duty]}
                </td>
                <td>
                  <Due o={o} today={today} timeZone={timeZone} />
                </td>
                <td className="small wrap">{o.citation}</td>
                <td className={`small confidence-${o.confidence}`}>{o.confidence}</td>
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
