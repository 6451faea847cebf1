import { useCallback, useEffect, useState } from 'react';
import type { CaseSummary, LedgerApi, ReconstructResult, VerifyResult } from '../../../shared/contract/api';
import { emptyDraft, type ScopeDraft } from '../analysis/scope-draft';
import type { DesktopLedger } from '../api/desktop';
import { Hash } from '../components/Hash';
import { Truncate } from '../components/Truncate';
import { ConsumersScreen } from './ConsumersScreen';
import { CustodyScreen } from './CustodyScreen';
import { EvidenceScreen } from './EvidenceScreen';
import { ExportsScreen } from './ExportsScreen';
import { ExposureScreen } from './ExposureScreen';
import { ObligationsScreen } from './ObligationsScreen';
import { ScopeScreen } from './ScopeScreen';
import { SCREENS, type ScreenId } from './screens';
import { TriageScreen } from './TriageScreen';
import { VerifyScreen } from './VerifyScreen';

interface Props {
  api: LedgerApi;
  desktop: DesktopLedger['desktop'] | null;
  transportKind: 'electron' | 'bridge';
  summary: CaseSummary;
  onSummary(summary: CaseSummary): void;
  onClose(): void;
  screen: ScreenId;
  onScreen(screen: ScreenId): void;
  lastVerify: VerifyResult | null;
  onVerified(result: VerifyResult): void;
  pendingFiles: string[];
  onPendingTaken(): void;
}

export function CaseShell(props: Props) {
  const { api, summary, screen, onScreen, onSummary } = props;
  const caseDir = summary.caseDir;
  const refresh = useCallback(() => {
    api.openCase({ caseDir }).then(onSummary, () => undefined);
  }, [api, caseDir, onSummary]);
  // Kept while the case is open, so the scope being built survives moving between screens.
  const [draft, setDraft] = useState<ScopeDraft>(emptyDraft);
  // The latest analysis: this session's reconstruction, or the stored summary of one run before the case was opened.
  const [reconstructed, setReconstructed] = useState<ReconstructResult | null>(null);
  useEffect(() => {
    let current = true;
    // NOT_FOUND (no analysis yet) is the normal answer for a new case; the analysis screens report other failures themselves.
    api.analysisSummary({ caseDir }).then(
      (stored) => current && setReconstructed((session) => session ?? stored),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, caseDir]);
  const onReconstructed = useCallback((result: ReconstructResult) => {
    setReconstructed(result);
    refresh();
  }, [refresh]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const index = Number(event.key) - 1;
      if (event.altKey && !event.ctrlKey && !event.metaKey && SCREENS[index]) {
        event.preventDefault();
        onScreen(SCREENS[index].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onScreen]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Breach Ledger</span>
        <div className="case-meta">
          <Truncate className="case-name" text={summary.name} />
          <Truncate
            className="case-sub"
            text={[summary.matter && `Matter ${summary.matter}`, `Investigator ${summary.investigator}`, `Time zone ${summary.timeZone}`, summary.discovered && `Discovered ${summary.discovered}`]
              .filter(Boolean)
              .join(' · ')}
          />
        </div>
        <div className="topbar-right">
          <span className="muted">Custody head #{summary.custodyHead.seq}</span>
          <Hash value={summary.custodyHead.hash} />
          <span className="badge" title={props.transportKind === 'bridge' ? 'Served by the loopback browser bridge' : 'Desktop app'}>
            {props.transportKind === 'bridge' ? 'Bridge' : 'Desktop'}
          </span>
          <button type="button" className="btn btn-small" onClick={props.onClose}>
            Close case
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Case screens">
        {(['Evidence', 'Analysis'] as const).map((group) => (
          <div key={group} className="nav-group">
            <div className="nav-group-title">{group}</div>
            {SCREENS.filter((s) => s.group === group).map((s) => (
              <button
                key={s.id}
                type="button"
                className={`nav-item ${s.id === screen ? 'active' : ''}`}
                aria-current={s.id === screen ? 'page' : undefined}
                onClick={() => onScreen(s.id)}
              >
                <span>{s.title}</span>
                <kbd>Alt {SCREENS.indexOf(s) + 1}</kbd>
              </button>
            ))}
          </div>
        ))}
        <div className="sidebar-foot">
          <Truncate text={caseDir} className="mono small" />
          <span className="small muted">Case {summary.id}</span>
        </div>
      </nav>
      <main className="content">
        {screen === 'evidence' && (
          <EvidenceScreen api={api} caseDir={caseDir} desktop={props.desktop} onChanged={refresh} pendingFiles={props.pendingFiles} onPendingTaken={props.onPendingTaken} />
        )}
        {screen === 'verify' && <VerifyScreen api={api} caseDir={caseDir} result={props.lastVerify} onVerified={(r) => (props.onVerified(r), refresh())} />}
        {screen === 'custody' && <CustodyScreen api={api} caseDir={caseDir} lastVerify={props.lastVerify} />}
        {screen === 'triage' && <TriageScreen api={api} caseDir={caseDir} draft={draft} onDraft={setDraft} onScreen={onScreen} />}
        {screen === 'scope' && (
          <ScopeScreen api={api} caseDir={caseDir} draft={draft} onDraft={setDraft} reconstructed={reconstructed} onReconstructed={onReconstructed} onScreen={onScreen} />
        )}
        {screen === 'consumers' && <ConsumersScreen api={api} caseDir={caseDir} reconstructed={reconstructed} onScreen={onScreen} />}
        {screen === 'obligations' && <ObligationsScreen api={api} caseDir={caseDir} onScreen={onScreen} />}
        {screen === 'exposure' && <ExposureScreen api={api} caseDir={caseDir} onScreen={onScreen} />}
        {screen === 'exports' && <ExportsScreen api={api} caseDir={caseDir} />}
      </main>
    </div>
  );
}
