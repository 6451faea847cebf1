import { useState } from 'react';
import type { ExposureResult, FindingsReport, LedgerApi } from '../../../../shared/contract/api';
import { ErrorBanner } from '../../components/States';
import { AssumptionLinksTable } from '../findings/AssumptionLinksTable';

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
        <AssumptionLinksTable
          links={findings.assumptionLinks}
          firstHeader="Assumption (stated value)"
          detail={(key) => exposure.assumptions[key]?.value ?? 'not set'}
          testIdPrefix="bearing-"
          openKind={(_first, label) => (
            <button type="button" className="link" onClick={onOpenFindings}>
              {label}
            </button>
          )}
        />
      )}
    </section>
  );
}
