import { daysBetween, type DatedDuty } from './obligation-types';

/** Fixed deadlines on one axis from discovery, grouped by date; "possibly" duties are drawn hollow. */
export function DeadlineTimeline({ duties, discovered }: { duties: readonly DatedDuty[]; discovered: string }) {
  if (duties.length === 0) return <p className="small muted">No duty has a fixed due date; every deadline is “without unreasonable delay” or needs counsel.</p>;
  const byDate = new Map<string, DatedDuty[]>();
  for (const d of duties) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  const span = Math.max(1, ...[...byDate.keys()].map((date) => daysBetween(discovered, date)));
  return (
    <ol className="timeline" aria-label="Deadlines" data-testid="deadline-timeline">
      {[...byDate.entries()].map(([date, list]) => {
        const days = daysBetween(discovered, date);
        return (
          <li key={date} className="timeline-row">
            <span className="timeline-date mono">{date}</span>
            <span className="timeline-days small muted">{days >= 0 ? `+${days} d` : `${days} d`}</span>
            <span className="timeline-track" aria-hidden="true">
              <span className="timeline-bar" style={{ width: `${Math.max(2, (Math.max(0, days) / span) * 100)}%` }} />
            </span>
            <span className="timeline-items">
              {list.map((d) => (
                <span key={`${d.jurisdiction}:${d.party}`} className={`deadline-chip ${d.duty === 'possibly-required' ? 'possibly' : ''}`} title={`${d.jurisdiction}: ${d.party} (${d.duty})`}>
                  {d.jurisdiction.replace(/^US-/, '')} · {d.party}
                </span>
              ))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
