import type { TemplateCheck } from '../../../../shared/contract/api';

const STATUS_WORDS: Record<TemplateCheck['requirements'][number]['status'], { text: string; tone: 'ok' | 'fail' | 'none' }> = {
  met: { text: 'present', tone: 'ok' },
  missing: { text: 'missing', tone: 'fail' },
  misplaced: { text: 'misplaced', tone: 'fail' },
  present: { text: 'included — forbidden', tone: 'fail' },
  absent: { text: 'left out', tone: 'ok' },
  'counsel-confirms': { text: 'counsel confirms', tone: 'none' },
};

const KIND_WORDS: Record<TemplateCheck['requirements'][number]['kind'], string> = {
  title: 'Title',
  heading: 'Heading',
  item: 'Required item',
  forbidden: 'Forbidden',
};

/**
 * The template against the jurisdiction's content rules: each required title, heading and item, each forbidden
 * inclusion, with the status the engine found and the citation; problems name the line. When the pack has not
 * researched the rules, a pass says nothing about compliance, and the panel says so.
 */
export function TemplateChecks({ check, testId }: { check: TemplateCheck; testId: string }) {
  const required = check.requirements.filter((r) => r.kind !== 'forbidden');
  const forbidden = check.requirements.filter((r) => r.kind === 'forbidden');
  return (
    <div className="template-checks" data-testid={testId}>
      <p className={check.ok ? 'ok-text' : 'fail-text'} role="status">
        <strong>{check.ok ? 'The template meets the checks below.' : `The template fails ${check.problems.length} check${check.problems.length === 1 ? '' : 's'}:`}</strong>
      </p>
      {check.problems.length > 0 && (
        <ul className="check-problems" data-testid="template-problems">
          {check.problems.map((p, i) => (
            <li key={i}>
              {p.line !== null && <span className="mono small muted">line {p.line}: </span>}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {!check.researched && <p className="warn small">The rule pack has not researched this jurisdiction’s required or forbidden content: passing these checks says nothing about compliance; counsel must review.</p>}
      {check.notes.length > 0 && (
        <ul className="small muted check-notes">
          {check.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <RequirementTable title={`Required content (${required.length})`} rows={required} empty="The rule pack states no required content for this jurisdiction." />
      <RequirementTable title={`Forbidden content (${forbidden.length})`} rows={forbidden} empty="The rule pack states no forbidden content for this jurisdiction." />
    </div>
  );
}

function RequirementTable({ title, rows, empty }: { title: string; rows: TemplateCheck['requirements']; empty: string }) {
  return (
    <>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="small muted">{empty}</p>
      ) : (
        <table className="mini-table requirement-table">
          <thead>
            <tr>
              <th>Kind</th>
              <th>What the law asks</th>
              <th>In this template</th>
              <th>Citation</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const status = STATUS_WORDS[r.status];
              return (
                <tr key={r.id} data-requirement={r.id} data-status={r.status}>
                  <td className="small">{KIND_WORDS[r.kind]}</td>
                  <td>{r.text}</td>
                  <td>
                    <span className={`pill ${status.tone === 'ok' ? 'pill-ok' : status.tone === 'fail' ? 'pill-fail' : 'pill-none'}`}>{status.text}</span>
                  </td>
                  <td className="small">{r.citation}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
