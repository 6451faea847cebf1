import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LedgerApi, ObligationsResult } from '../../../shared/contract/api';
import { Hash } from '../components/Hash';
import { PrintButton } from '../components/PrintButton';
import { EmptyState, ErrorBanner, isNoAnalysis, NoAnalysisYet } from '../components/States';
import { formatCount } from '../format';
import { DeadlineTimeline } from './obligations/DeadlineTimeline';
import { JurisdictionCard } from './obligations/JurisdictionCard';
import { datedDuties, todayIn, type JurisdictionObligations } from './obligations/obligation-types';
import type { ScreenId } from './screens';

type NoticeFilter = 'owed' | 'all' | 'review';
const FILTERS: ReadonlyArray<{ id: NoticeFilter; label: string; test: (j: JurisdictionObligations) => boolean }> = [
  { id: 'owed', label: 'Notice required or possible', test: (j) => j.noticeRequired !== 'no' },
  { id: 'review', label: 'Counsel must review', test: (j) => Boolean(j.review) || j.noticeRequired === 'unknown' },
  { id: 'all', label: 'All jurisdictions', test: () => true },
];

/** `timeZone`: the case's zone; deadlines are calendar dates there, and "today" is today there. */
export function ObligationsScreen({ api, caseDir, timeZone, onScreen }: { api: LedgerApi; caseDir: string; timeZone: string; onScreen: (screen: ScreenId) => void }) {
  const [report, setReport] = useState<ObligationsResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<NoticeFilter>('owed');
  const [search, setSearch] = useState('');
  const [jumpTo, setJumpTo] = useState<string | null>(null);
  const today = todayIn(timeZone);

  useEffect(() => {
    api.obligations({ caseDir }).then(setReport, setError);
  }, [api, caseDir]);

  const needle = search.trim().toLowerCase();
  const shown = useMemo(
    () =>
      (report?.jurisdictions ?? [])
        .filter(FILTERS.find((f) => f.id === filter)!.test)
        .filter((j) => !needle || j.jurisdiction.toLowerCase().includes(needle) || j.name.toLowerCase().includes(needle)),
    [report, filter, needle],
  );
  // A deadline chip shows its card even when the filters hid it, then moves focus there.
  const jump = useCallback((jurisdiction: string) => {
    setFilter('all');
    setSearch('');
    setJumpTo(jurisdiction);
  }, []);
  useEffect(() => {
    if (!jumpTo) return;
    const card = document.getElementById(`card-${jumpTo}`);
    card?.scrollIntoView({ block: 'start' });
    card?.focus({ preventScroll: true });
    setJumpTo(null);
  }, [jumpTo, shown]);
  const duties = useMemo(() => datedDuties(report?.jurisdictions ?? []), [report]);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Obligations</h1>
        {report && (
          <span className="muted">
            Discovered {report.discoveredDate} · analysis {report.analysis} · {report.rulePacks.length} rule packs · {report.holidayCalendar.name}
          </span>
        )}
        {report && <PrintButton what="obligations" />}
      </header>
      {isNoAnalysis(error) ? (
        <NoAnalysisYet onOpenScope={() => onScreen('scope')}>
          <p>Obligations are assessed against the affected consumers of a reconstruction, by state of residence.</p>
        </NoAnalysisYet>
      ) : (
        error !== null && <ErrorBanner error={error} />
      )}
      {!report && error === null && <p className="muted">Assessing obligations against the rule packs…</p>}
      {report && (
        <>
          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">
              Deadlines{' '}
              <span className="small muted">
                fixed due dates from discovery ({report.discoveredDate}), calendar days in {timeZone}; hollow = possibly owed; a chip opens its card
              </span>
            </h2>
            <DeadlineTimeline duties={duties} discovered={report.discoveredDate} today={today} timeZone={timeZone} onJump={jump} />
          </section>
          <div className="panel inferred-note small">
            <strong className="inferred-text">Inferred consumers:</strong> at least {formatCount(report.inferred.minimumOverall)}, at most {formatCount(report.inferred.upperBoundOverall)}. {report.inferred.note}
            {report.unassigned.map((u) => (
              <div key={u.jurisdiction}>
                <span className="mono">{u.jurisdiction}</span>: {formatCount(u.residents.exact + u.residents.derived)} + ≤{formatCount(u.residents.inferredUpperBound)} inferred — {u.reason}
              </div>
            ))}
            <div className="muted">
              Analysis digest <Hash value={report.analysisDigest} />
            </div>
          </div>
          <div className="segmented" role="group" aria-label="Jurisdictions">
            {FILTERS.map((f) => (
              <button key={f.id} type="button" aria-pressed={filter === f.id} className={filter === f.id ? 'active' : ''} onClick={() => setFilter(f.id)}>
                {f.label} <span className="muted">{report.jurisdictions.filter(f.test).length}</span>
              </button>
            ))}
            <span className="small muted">Sorted by earliest deadline</span>
            <label className="table-search">
              <span>Find a state</span>
              <input name="jurisdictionSearch" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. CA, Texas" />
            </label>
          </div>
          <p className="print-note" data-testid="print-view-note">
            Printed view: {FILTERS.find((f) => f.id === filter)!.label} · {shown.length} of {report.jurisdictions.length} jurisdictions
            {needle ? ` matching "${search.trim()}"` : ''}
          </p>
          {shown.length === 0 && <EmptyState title="No jurisdiction in this view" />}
          <div className="jurisdiction-grid">
            {shown.map((j) => (
              <JurisdictionCard key={j.jurisdiction} j={j} today={today} timeZone={timeZone} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
