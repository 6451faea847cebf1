import { useState } from 'react';
import type { ExposureResult, FindingsReport, LedgerApi } from '../../../../shared/contract/api';
import { assumptionLabel } from '../../../../shared/display/assumption-labels';
import { ErrorBanner } from '../../components/States';
import { byKind, kindLabel } from '../findings/finding-kinds';

interface Props {
  api: LedgerApi;
  caseDir: string;
  exposure: ExposureResult;
  findings: FindingsReport | null;
  onFindings: (report: FindingsReport) => void;
  onOpenFindings: () => void;
}

/**
 * Beside the assumptions: the security findings that bear on each security-related one, by kind. Counsel decides the
 * assumption; a finding never changes it. Findings run on demand (logged in custody), as on their own screen.
 */
export function FindingsBearing({ api, caseDir, exposure, findings, onFindings, onOpenFindings }: Props) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = () => {
    setRunning(true);
    setError(null);
    api.findings({ caseDir }).then(onFindings, setError).finally(() => setRunning(false));
  };
  return (
    <section className="panel" aria-labelledby="bearing-title" data-testid="findings-bearing">
      <h2 id="bearing-title">
        Security findings bearing on these assumptions
        <button type="button" className="link" onClick={run} disabled={running}>
          {running ? 'Running…' : findings ? 'Run findings again' : 'Run security findings'}
        </button>
      </h2>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {findings === null ? (
        <p className="small muted">Findings have not been run for this analysis. Running them reads the evidence and is logged in custody; no assumption changes.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" style={{ width: '24%', textAlign: 'left' }}>Assumption (stated value)</th>
              <th scope="col" style={{ width: '36%', textAlign: 'left' }}>How findings bear on it</th>
              <th scope="col" style={{ textAlign: 'left' }}>Findings from this evidence, by kind</th>
            </tr>
          </thead>
          <tbody>
            {findings.assumptionLinks.map((link) => (
              <tr key={link.assumption} data-testid={`bearing-${link.assumption}`} style={{ verticalAlign: 'top' }}>
                <td>
                  <b>{assumptionLabel(link.assumption)}</b>
                  <br />
                  <span className="mono small">{exposure.assumptions[link.assumption]?.value ?? 'not set'}</span>
                </td>
                <td className="small">{link.bearing}</td>
                <td>
                  {link.findings.length === 0 ? (
                    <span className="muted">none found in this evidence</span>
                  ) : (
                    <ul style={{ margin: 0, paddingLeft: '1.1em' }}>
                      {byKind(link.findings).map(({ first, count, high }) => (
                        <li key={first.id}>
                          <button type="button" className="link" onClick={onOpenFindings}>
                            {kindLabel(first.id)}
                          </button>{' '}
                          <span className="muted small">
                            {count} finding{count === 1 ? '' : 's'}
                            {high > 0 ? `, ${high} high` : ''}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
