import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary, FindingsReport, LedgerApi, ReconstructResult, VerifyResult } from '../../../shared/contract/api';
import { emptyDraft, type ScopeDraft } from '../analysis/scope-draft';
import { caseSessionApi } from '../api/case-session';
import type { DesktopLedger } from '../api/desktop';
import { Hash } from '../components/Hash';
import { Truncate } from '../components/Truncate';
import { rememberExaminer } from '../examiner';
import { ConsumersScreen } from './ConsumersScreen';
import { CustodyScreen } from './CustodyScreen';
import { FindingsScreen } from './FindingsScreen';
import { EvidenceScreen } from './EvidenceScreen';
import { ExportsScreen } from './ExportsScreen';
import { ExposureScreen } from './ExposureScreen';
import { NoticesScreen } from './NoticesScreen';
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
  onSummary: (summary: CaseSummary) => void;
  /** Named at case open; the app's actions are logged as this person. */
  examiner: string;
  onClose: () => void;
  screen: ScreenId;
  onScreen: (screen: ScreenId) => void;
  lastVerify: VerifyResult | null;
  onVerified: (result: VerifyResult) => void;
  pendingFiles: string[];
  onPendingTaken: () => void;
}

export function CaseShell(props: Props) {
  const { api: rawApi, summary, screen, onScreen, onSummary } = props;
  const caseDir = summary.caseDir;
  const [examiner, setExaminer] = useState(props.examiner.trim() || summary.investigator);
  const examinerRef = useRef(examiner);
  examinerRef.current = examiner;
  useEffect(() => rememberExaminer(caseDir, examiner), [caseDir, examiner]);
  // Answers can arrive out of order: never let an older head replace a newer one.
  const headSeq = useRef(summary.custodyHead.seq);
  const refresh = useCallback(() => {
    rawApi.openCase({ caseDir }).then((next) => {
      if (next.custodyHead.seq < headSeq.current) return;
      headSeq.current = next.custodyHead.seq;
      onSummary(next);
    }, () => undefined);
  }, [rawApi, caseDir, onSummary]);
  const api = useMemo(() => caseSessionApi(rawApi, { examiner: () => examinerRef.current, onCustodyWritten: refresh }), [rawApi, refresh]);
  // Kept while the case is open, so the scope being built survives moving between screens.
  const [draft, setDraft] = useState<ScopeDraft>(emptyDraft);
  // The latest analysis: this session's reconstruction, or the stored summary of one run before the case was opened.
  const [reconstructed, setReconstructed] = useState<ReconstructResult | null>(null);
  const [findings, setFindings] = useState<FindingsReport | null>(null);
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
  // Findings read the incident window of the analysis, so a new reconstruction makes an earlier run stale.
  const onReconstructed = useCallback((result: ReconstructResult) => {
    setReconstructed(result);
    setFindings(null);
  }, []);

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
          <Truncate className="case-sub" text={[summary.matter && `Matter ${summary.matter}`, `Investigator ${summary.investigator}`].filter(Boolean).join(' · ')} />
        </div>
        <dl className="topbar-facts" data-testid="case-facts">
          <div>
            <dt>Time zone</dt>
            <dd>{summary.timeZone}</dd>
          </div>
          <div>
            <dt>Discovered</dt>
            <dd>{summary.discovered ?? 'not set'}</dd>
          </div>
        </dl>
        <ExaminerSetting examiner={examiner} onChange={setExaminer} />
        <div className="topbar-right">
          <span className="muted" data-testid="custody-head-seq">
            Head #{summary.custodyHead.seq}
          </span>
          <Hash value={summary.custodyHead.hash} testId="topbar-head" />
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
                {SCREENS.indexOf(s) < 9 && <kbd>Alt {SCREENS.indexOf(s) + 1}</kbd>}
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
          <EvidenceScreen api={api} caseDir={caseDir} desktop={props.desktop} pendingFiles={props.pendingFiles} onPendingTaken={props.onPendingTaken} />
        )}
        {screen === 'verify' && <VerifyScreen api={api} caseDir={caseDir} result={props.lastVerify} onVerified={props.onVerified} />}
        {screen === 'custody' && <CustodyScreen api={api} caseDir={caseDir} lastVerify={props.lastVerify} headSeq={summary.custodyHead.seq} />}
        {screen === 'triage' && <TriageScreen api={api} caseDir={caseDir} draft={draft} onDraft={setDraft} onScreen={onScreen} />}
        {screen === 'scope' && (
          <ScopeScreen api={api} caseDir={caseDir} draft={draft} onDraft={setDraft} reconstructed={reconstructed} onReconstructed={onReconstructed} onScreen={onScreen} />
        )}
        {screen === 'consumers' && <ConsumersScreen api={api} caseDir={caseDir} reconstructed={reconstructed} onScreen={onScreen} />}
        {screen === 'obligations' && <ObligationsScreen api={api} caseDir={caseDir} timeZone={summary.timeZone} onScreen={onScreen} />}
        {screen === 'exposure' && <ExposureScreen api={api} caseDir={caseDir} onScreen={onScreen} findings={findings} onFindings={setFindings} />}
        {screen === 'findings' && <FindingsScreen api={api} caseDir={caseDir} report={findings} onReport={setFindings} />}
        {screen === 'exports' && <ExportsScreen api={api} caseDir={caseDir} hasAnalysis={reconstructed !== null} />}
        {screen === 'notices' && <NoticesScreen api={api} caseDir={caseDir} discovered={summary.discovered} hasAnalysis={reconstructed !== null} onScreen={onScreen} />}
      </main>
    </div>
  );
}

/** Who the app logs actions as; changeable while the case is open (the OS account is logged beside it). */
function ExaminerSetting({ examiner, onChange }: { examiner: string; onChange: (examiner: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(examiner);
  if (!editing) {
    return (
      <button type="button" className="btn btn-small examiner" data-testid="examiner" onClick={() => (setDraft(examiner), setEditing(true))} title="Actions are logged in custody as this examiner, with the OS account">
        Examiner: <Truncate text={examiner} className="examiner-name" />
      </button>
    );
  }
  return (
    <form
      className="examiner-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim()) onChange(draft.trim());
        setEditing(false);
      }}
    >
      <input name="examiner" aria-label="Examiner logged in custody" value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus required />
      <button type="submit" className="btn btn-small">
        Save
      </button>
      <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
