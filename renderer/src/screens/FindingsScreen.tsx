import { useState } from 'react';
import type { FindingSeverity as Severity, FindingsReport, LedgerApi } from '../../../shared/contract/api';
import { EmptyState, ErrorBanner } from '../components/States';
import { AssumptionLinksTable } from './findings/AssumptionLinksTable';

const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** A stable in-page anchor for one finding, so an assumption's link scrolls to it. */
function findingAnchor(f: { id: string; subject: string }): string {
  return `finding-${f.id}-${f.subject}`.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** Security findings: run on demand (logged in custody), filtered by severity; each fact opens onto its evidence rows. */
export function FindingsScreen({ api, caseDir, report, onReport }: { api: LedgerApi; caseDir: string; report: FindingsReport | null; onReport: (report: FindingsReport) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const [shown, setShown] = useState<ReadonlySet<Severity>>(new Set(SEVERITIES));

  const run = () => {
    setRunning(true);
    setError(null);
    api.findings({ caseDir }).then(onReport, setError).finally(() => setRunning(false));
  };
  const toggle = (s: Severity) => setShown((prev) => (prev.has(s) ? new Set([...prev].filter((x) => x !== s)) : new Set([...prev, s])));
  const findings = report?.findings.filter((f) => shown.has(f.severity)) ?? [];

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Security findings</h1>
        <button type="button" className="btn" onClick={run} disabled={running} data-testid="run-findings">
          {running ? 'Running…' : report ? 'Run again' : 'Run findings'}
        </button>
        {report && <span className="muted">{report.findings.length} finding(s); output digest {report.outputDigest.slice(0, 16)}…</span>}
      </header>
      {error !== null && <ErrorBanner error={error} />}
      {!report && !running && <EmptyState title="Findings have not been run in this session" />}
      {report && (
        <>
          <fieldset className="panel radio-row">
            <legend>Severity</legend>
            {SEVERITIES.map((s) => (
              <label key={s} className="radio">
                <input type="checkbox" checked={shown.has(s)} onChange={() => toggle(s)} /> {s} ({report.findings.filter((f) => f.severity === s).length})
              </label>
            ))}
          </fieldset>
          <section className="panel" aria-labelledby="assumption-links-title" data-testid="assumption-links">
            <h2 id="assumption-links-title">Exposure assumptions these findings bear on</h2>
            <p className="small muted">Shown for counsel; a finding never changes an assumption. Set assumptions on the Exposure screen.</p>
            <AssumptionLinksTable
              links={report.assumptionLinks}
              firstHeader="Assumption"
              detail={(key) => key}
              testIdPrefix="assumption-link-"
              openKind={(first, label) => (
                <a href={`#${findingAnchor(first)}`} onClick={(event) => (event.preventDefault(), document.getElementById(findingAnchor(first))?.scrollIntoView())}>
                  {label}
                </a>
              )}
            />
          </section>
          {findings.map((f) => (
            <article key={`${f.id} ${f.subject}`} id={findingAnchor(f)} className="panel" data-testid="finding">
              <h2>
                <span className={`action-tag severity-${f.severity}`}>{f.severity}</span> {f.title}
              </h2>
              <div className="mono small">{f.id}</div>
              {f.facts.map((fact, n) => (
                <details key={n}>
                  <summary>{fact.text}</summary>
                  <table>
                    <thead>
                      <tr><th scope="col">Evidence</th><th scope="col">File</th><th scope="col">Record</th><th scope="col">Line</th><th scope="col">File SHA-256 (first 16; full in tooltip and report)</th></tr>
                    </thead>
                    <tbody>
                      {fact.rows.map((r) => (
                        <tr key={`${r.sha256}:${r.entry ?? ''}:${r.record}`}>
                          <td>{r.evidenceId}</td><td style={{ whiteSpace: 'nowrap' }}>{r.file}{r.entry ? ` [${r.entry}]` : ''}</td><td>{r.record}</td><td>{r.line ?? ''}</td><td className="mono small" title={r.sha256}>{r.sha256.slice(0, 16)}…</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ))}
              <p><b>Remediation.</b> {f.remediation}</p>
              <p><b>Bears on.</b> {f.bearsOn.map((q) => `${q.citation}: ${q.question}`).join('; ')}</p>
              <p className="small muted"><b>Limits.</b> {f.limits}</p>
            </article>
          ))}
          {report.notes.length > 0 && (
            <div className="panel">
              <h2>Not assessable from this evidence</h2>
              <ul>{report.notes.map((n) => <li key={n.check}><b>{n.check}</b>: {n.reason}</li>)}</ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
