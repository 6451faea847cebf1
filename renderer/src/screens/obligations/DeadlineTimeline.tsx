import { daysBetween, daysLeftText, type DatedDuty } from './obligation-types';

interface Props {
  duties: readonly DatedDuty[];
  discovered: string;
  today: string;
  timeZone: string;
  onJump: (jurisdiction: string) => void;
}

/**
 * Fixed deadlines on one axis from discovery, grouped by date, with a today line: each date says how many days are
 * left or how long it is overdue. "Possibly" duties are drawn hollow; a chip jumps to its jurisdiction's card.
 */
export function DeadlineTimeline({ duties, discovered, today, timeZone, onJump }: Props) {
  if (duties.length === 0) return <p className="small muted">No duty has a fixed due date; every deadline is “without unreasonable delay” or needs counsel.</p>;
  const byDate = new Map<string, DatedDuty[]>();
  for (const d of duties) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  const dates = [...byDate.keys()];
  const span = Math.max(1, daysBetween(discovered, today), ...dates.map((date) => daysBetween(discovered, date)));
  const overdue = dates.filter((date) => date < today).length;
  const todayIndex = dates.findIndex((date) => date >= today);
  const todayRow = (
    <li key="today" className="timeline-row timeline-today" data-testid="today-line">
      <span className="timeline-date mono">{today}</span>
      <span className="timeline-days small">today</span>
      <span className="timeline-track" aria-hidden="true">
        <span className="timeline-now" style={{ left: `${Math.min(100, (Math.max(0, daysBetween(discovered, today)) / span) * 100)}%` }} />
      </span>
      <span className="small">
        <strong>Today</strong> in {timeZone}
        {overdue > 0 ? <span className="fail-text"> · {overdue} deadline date{overdue === 1 ? '' : 's'} passed</span> : ' · no deadline has passed'}
      </span>
    </li>
  );
  const rows = [...byDate.entries()].map(([date, list]) => {
    const days = daysBetween(discovered, date);
    const past = date < today;
    return (
      <li key={date} className={`timeline-row ${past ? 'timeline-past' : ''}`}>
        <span className="timeline-date mono">{date}</span>
        <span className="timeline-days small muted">{days >= 0 ? `+${days} d` : `${days} d`}</span>
        <span className="timeline-track" aria-hidden="true">
          <span className="timeline-bar" style={{ width: `${Math.max(2, (Math.max(0, days) / span) * 100)}%` }} />
        </span>
        <span className="timeline-items">
          <span className={`small timeline-left ${past ? 'fail-text' : ''}`} data-testid="days-left">
            {daysLeftText(today, date)}
          </span>
          {list.map((d) => (
            <button
              type="button"
              key={`${d.jurisdiction}:${d.party}`}
              className={`deadline-chip ${d.duty === 'possibly-required' ? 'possibly' : ''}`}
              title={`${d.jurisdiction}: ${d.party} (${d.duty}), due ${date} (${timeZone}); go to its card`}
              onClick={() => onJump(d.jurisdiction)}
            >
              {d.jurisdiction.replace(/^US-/, '')} · {d.party}
            </button>
          ))}
        </span>
      </li>
    );
  });
  if (todayIndex < 0) rows.push(todayRow);
  else rows.splice(todayIndex, 0, todayRow);
  return (
    <ol className="timeline" aria-label="Deadlines" data-testid="deadline-timeline">
      {rows}
    </ol>
  );
}
