import { useEffect, useState } from 'react';
import type { LedgerApi, ReconstructResult, ResidencyRuleName } from '../../../../shared/contract/api';
import { ProgressCard } from '../../components/ProgressCard';
import { ErrorBanner } from '../../components/States';
import { formatCount } from '../../format';
import { useJob } from '../../job';

const RULES: ReadonlyArray<{ rule: ResidencyRuleName; label: string; help: string }> = [
  { rule: 'most-recent', label: 'Most recent address', help: 'Each consumer counts in the state of the most recently updated address.' },
  { rule: 'all-states', label: 'All states on record', help: 'Each consumer counts in every state any of their records names (conservative).' },
];

interface Props {
  api: LedgerApi;
  caseDir: string;
  latestVersion: number | null;
  result: ReconstructResult | null;
  onReconstructed: (result: ReconstructResult) => void;
  onShowConsumers: () => void;
}

/** Runs reconstruction on the latest scope version with a residency rule, with live progress. */
export function ReconstructPanel({ api, caseDir, latestVersion, result, onReconstructed, onShowConsumers }: Props) {
  const [rule, setRule] = useState<ResidencyRuleName>(result?.residencyRule ?? 'most-recent');
  // A stored analysis can arrive after the panel mounts (the case was just opened): start from its rule.
  const resultRule = result?.residencyRule;
  useEffect(() => {
    if (resultRule) setRule(resultRule);
  }, [resultRule]);
  const [error, setError] = useState<unknown>(null);
  const job = useJob();
  const run = async () => {
    setError(null);
    try {
      onReconstructed(await job.run((context) => api.reconstruct({ caseDir, residency: rule }, context)));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel reconstruct" aria-labelledby="reconstruct-title">
      <h2 id="reconstruct-title">Reconstruct affected consumers</h2>
      <fieldset className="radio-row" disabled={job.running}>
        <legend className="small muted">Residency rule</legend>
        {RULES.map((r) => (
          <label key={r.rule} className="radio" title={r.help}>
            <input type="radio" name="residency" value={r.rule} checked={rule === r.rule} onChange={() => setRule(r.rule)} />
            {r.label}
          </label>
        ))}
      </fieldset>
      <div className="row-form">
        <button type="button" className="btn btn-primary" disabled={job.running || latestVersion === null} onClick={() => void run()}>
          Reconstruct
        </button>
        <span className="small muted">{latestVersion === null ? 'Save a scope first.' : `Uses scope version ${latestVersion}, the latest.`}</span>
      </div>
      {job.running && <ProgressCard progress={job.progress} onCancel={job.cancel} />}
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {result && !job.running && (
        <div className="reconstruct-result" data-testid="reconstruct-result">
          <strong>Analysis {result.analysis}</strong>
          <span>{formatCount(result.byBasis.exact + result.byBasis.derived)} confirmed</span>
          <span className="muted">
            (exact {formatCount(result.byBasis.exact)} · derived {formatCount(result.byBasis.derived)})
          </span>
          <span className="inferred-text">+ up to {formatCount(result.byBasis.inferred)} inferred</span>
          <span className="muted">from {formatCount(result.events)} in-scope events · {result.residencyRule}</span>
          <button type="button" className="link" onClick={onShowConsumers}>
            Show affected consumers →
          </button>
        </div>
      )}
    </section>
  );
}
