import { useEffect, useMemo, useState } from 'react';
import type { ExposureResult, FindingsReport, LedgerApi } from '../../../shared/contract/api';
import { ErrorBanner, isNoAnalysis, NoAnalysisYet } from '../components/States';
import { AssumptionEditor } from './exposure/AssumptionEditor';
import { assumptionArgs, SCENARIOS, type Scenario } from './exposure/exposure-types';
import { ExposureTable } from './exposure/ExposureTable';
import { FindingsBearing } from './exposure/FindingsBearing';
import { JurisdictionStackChart } from './exposure/JurisdictionStackChart';
import { ScenarioTotals } from './exposure/ScenarioTotals';
import { TornadoChart } from './exposure/TornadoChart';
import { UnknownComponents } from './exposure/UnknownComponents';
import { assumptionLabel } from '../../../shared/display/assumption-labels';
import type { ScreenId } from './screens';

interface Props {
  api: LedgerApi;
  caseDir: string;
  onScreen: (screen: ScreenId) => void;
  findings: FindingsReport | null;
  onFindings: (report: FindingsReport) => void;
}

export function ExposureScreen({ api, caseDir, onScreen, findings, onFindings }: Props) {
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ExposureResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(true);
  const [scenario, setScenario] = useState<Scenario>('stated');
  const assumptions = useMemo(() => assumptionArgs(settings), [settings]);

  useEffect(() => {
    let current = true;
    setBusy(true);
    api.exposure({ caseDir, assumptions }).then(
      (r) => {
        if (!current) return;
        setReport(r);
        setError(null);
        setBusy(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(e);
        setBusy(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, assumptions]);

  const set = (key: string, value: string | null) =>
    setSettings((s) => {
      const next = { ...s };
      if (value === null) delete next[key];
      else next[key] = value;
      return next;
    });

  if (!report && isNoAnalysis(error)) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <header className="screen-head">
          <h1 id="screen-title">Exposure</h1>
        </header>
        <NoAnalysisYet onOpenScope={() => onScreen('scope')}>
          <p>Exposure is computed from the affected consumers of a reconstruction and the rule packs, in whole cents, with low (no violation beyond the breach), stated (the stated assumptions) and high (every violation the facts allow) scenarios.</p>
        </NoAnalysisYet>
      </section>
    );
  }
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Exposure</h1>
        {report && (
          <span className="muted">
            Analysis {report.analysis} · {report.rulePacks.length} rule packs · known components only{busy ? ' · recomputing…' : ''}
          </span>
        )}
      </header>
      {error !== null && !report && <ErrorBanner error={error} />}
      {!report && error === null && <p className="muted">Computing exposure…</p>}
      {report && (
        <>
          <ScenarioTotals totals={report.totals} />
          <UnknownComponents report={report} />
          <div className="exposure-grid">
            <section className="panel" aria-labelledby="assumptions-title">
              <h2 id="assumptions-title">
                Assumptions
                <button type="button" className="link" disabled={Object.keys(settings).length === 0} onClick={() => setSettings({})}>
                  Reset to defaults
                </button>
              </h2>
              <AssumptionEditor report={report} settings={settings} onSet={set} busy={busy} />
              {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
              <p className="small muted">{report.rounding}</p>
            </section>
            <section className="panel" aria-labelledby="tornado-title">
              <h2 id="tornado-title">
                Sensitivity <span className="small muted">change in the stated total per assumption</span>
              </h2>
              <TornadoChart rows={report.sensitivity} />
              <LeftOut report={report} />
            </section>
          </div>
          <FindingsBearing api={api} caseDir={caseDir} exposure={report} findings={findings} onFindings={onFindings} onOpenFindings={() => onScreen('findings')} />
          <section className="panel" aria-labelledby="stack-title">
            <h2 id="stack-title">
              By jurisdiction and component
              <span className="segmented segmented-small" role="tablist" aria-label="Scenario">
                {SCENARIOS.map((s) => (
                  <button key={s} type="button" role="tab" aria-selected={scenario === s} className={scenario === s ? 'active' : ''} onClick={() => setScenario(s)}>
                    {s}
                  </button>
                ))}
              </span>
            </h2>
            <JurisdictionStackChart jurisdictions={report.jurisdictions} scenario={scenario} />
          </section>
          <h2>Jurisdictions ({report.jurisdictions.length})</h2>
          <ExposureTable jurisdictions={report.jurisdictions} />
        </>
      )}
    </section>
  );
}

/** What the sensitivity chart does not show, so a short chart is not read as "nothing else matters". */
function LeftOut({ report }: { report: ExposureResult }) {
  const varied = new Set(report.sensitivity.map((r) => r.key));
  const fixed = Object.keys(report.assumptions).filter((key) => !varied.has(key));
  const unknown = report.totals.unknownComponents.length;
  return (
    <p className="small muted" data-testid="tornado-left-out">
      Left out of the chart: {fixed.length > 0 ? `${fixed.map(assumptionLabel).join(', ')} (not varied: fixed by the analysis, set per state, or without alternatives)` : 'no assumption'}
      {unknown > 0 ? `; the ${unknown} component${unknown === 1 ? '' : 's'} of unknown amount, which are in no total` : ''}.
    </p>
  );
}
