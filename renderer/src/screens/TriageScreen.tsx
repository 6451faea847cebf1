import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LedgerApi, TriageEntry } from '../../../shared/contract/api';
import { loadHistogram, type Histogram } from '../analysis/histogram';
import { addIndicator, hasIndicator, indicatorCount, kindOfDimension, type ScopeDraft } from '../analysis/scope-draft';
import { CsvExport } from '../components/CsvExport';
import { ProgressCard } from '../components/ProgressCard';
import { EmptyState, ErrorBanner } from '../components/States';
import { Truncate } from '../components/Truncate';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { WindowFields } from '../components/WindowFields';
import { formatCount, formatUtc } from '../format';
import { useJob } from '../job';
import type { ScreenId } from './screens';
import { EventsOverTimeChart } from './triage/EventsOverTimeChart';

const PER_DIMENSION = 25;
const DIMENSIONS: ReadonlyArray<{ id: TriageEntry['dimension'] | 'all'; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'ip', label: 'IP' },
  { id: 'user', label: 'User' },
  { id: 'app', label: 'App' },
  { id: 'client', label: 'Client' },
  { id: 'agent', label: 'Agent' },
];

interface Props {
  api: LedgerApi;
  caseDir: string;
  draft: ScopeDraft;
  onDraft: (draft: ScopeDraft) => void;
  onScreen: (screen: ScreenId) => void;
}

function NewInWindow({ value }: { value: boolean | null }) {
  if (value === null) return <span className="muted" title="Give a window to see whether this value is new in it">—</span>;
  return value ? <span className="pill pill-warn" title="First ever seen inside the window">New</span> : <span className="muted">seen before</span>;
}

export function TriageScreen({ api, caseDir, draft, onDraft, onScreen }: Props) {
  const [entries, setEntries] = useState<TriageEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [dimension, setDimension] = useState<(typeof DIMENSIONS)[number]['id']>('all');
  const [histogram, setHistogram] = useState<Histogram | null>(null);
  const [histogramError, setHistogramError] = useState<unknown>(null);
  // The window of the triage shown: the events CSV exports exactly that, not an edit not yet run.
  const [ranWindow, setRanWindow] = useState<{ from: string; to: string } | null>(null);
  const job = useJob();
  const runJob = job.run;

  const run = useCallback(
    (from: string, to: string) => {
      setLoading(true);
      setError(null);
      setHistogramError(null);
      const window = from.trim() || to.trim() ? { from, to } : null;
      setRanWindow(window);
      const triage = runJob((context) => api.triage({ caseDir, from: from.trim() || null, to: to.trim() || null, limit: PER_DIMENSION }, context)).then(setEntries, setError);
      const chart = loadHistogram(api, caseDir, window).then(setHistogram, (e: unknown) => {
        setHistogram(null);
        setHistogramError(e);
      });
      void Promise.all([triage, chart]).finally(() => setLoading(false));
    },
    [api, caseDir, runJob],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs for the case that opened; later window edits run on submit.
  useEffect(() => run(draft.from, draft.to), [run]);

  const toggle = useCallback((e: TriageEntry) => {
    const kind = kindOfDimension(e.dimension);
    if (!hasIndicator(draft, kind, e.value)) onDraft(addIndicator(draft, kind, e.value));
  }, [draft, onDraft]);
  const columns = useMemo<Column<TriageEntry>[]>(
    () => [
      {
        key: 'value',
        header: 'Value',
        // Wide enough for an app's name beside its 18-character id at any window size (the grid scrolls sideways).
        width: 'minmax(340px, 3fr)',
        sortValue: (e) => (e.names.length > 0 ? `${e.names.join(' / ')} ${e.value}` : e.value),
        render: (e) => (
          <span className="triage-value">
            <span className="action-tag">{e.dimension}</span>
            {e.names.length > 0 ? (
              <span className="app-identity" data-testid="app-identity">
                <Truncate className="app-name" text={e.names.join(' / ')} />
                <Truncate className="mono small muted" text={e.value} />
              </span>
            ) : (
              <Truncate className="mono small" text={e.value} />
            )}
          </span>
        ),
      },
      { key: 'new', header: 'New', width: '82px', sortValue: (e) => (e.firstSeenInWindow === null ? null : e.firstSeenInWindow ? 0 : 1), render: (e) => <NewInWindow value={e.firstSeenInWindow} /> },
      {
        key: 'scope',
        header: 'Scope',
        width: '88px',
        render: (e) => {
          const kind = kindOfDimension(e.dimension);
          return hasIndicator(draft, kind, e.value) ? (
            <span className="small ok-text">✓ indicator</span>
          ) : (
            <button type="button" className="btn btn-small" aria-label={`Add ${e.dimension} ${e.names.length > 0 ? `${e.names.join(' / ')} (${e.value})` : e.value} to scope`} onClick={() => toggle(e)}>
              + Scope
            </button>
          );
        },
      },
      { key: 'events', header: 'Events', width: '70px', align: 'right', sortValue: (e) => e.events, render: (e) => formatCount(e.events) },
      { key: 'rows', header: 'Rows proc.', width: '86px', align: 'right', sortValue: (e) => e.rowsProcessed, render: (e) => formatCount(e.rowsProcessed) },
      { key: 'exports', header: 'Exports', width: '64px', align: 'right', sortValue: (e) => e.bulkOrReportExports, render: (e) => <span className={e.bulkOrReportExports > 0 ? 'warn' : ''}>{formatCount(e.bulkOrReportExports)}</span> },
      { key: 'first', header: 'First seen (UTC)', width: '170px', sortValue: (e) => e.firstSeen, render: (e) => <span className="mono small">{formatUtc(e.firstSeen)}</span> },
      { key: 'last', header: 'Last seen (UTC)', width: '170px', sortValue: (e) => e.lastSeen, render: (e) => <span className="mono small">{formatUtc(e.lastSeen)}</span> },
    ],
    [draft, toggle],
  );

  const [search, setSearch] = useState('');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const needle = search.trim().toLowerCase();
  const shown = useMemo(
    () => (entries ?? []).filter((e) => (dimension === 'all' || e.dimension === dimension) && (!needle || e.value.toLowerCase().includes(needle) || e.names.some((n) => n.toLowerCase().includes(needle)))),
    [entries, dimension, needle],
  );
  const picked = indicatorCount(draft);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Triage</h1>
        <span className="muted">Top {PER_DIMENSION} IPs, users, apps, clients and agents by rows processed</span>
      </header>
      <form
        className="panel triage-controls"
        onSubmit={(e) => {
          e.preventDefault();
          run(draft.from, draft.to);
        }}
      >
        <WindowFields from={draft.from} to={draft.to} onChange={(w) => onDraft({ ...draft, ...w })} />
        <button type="submit" className="btn btn-primary" disabled={loading}>
          {loading ? 'Working…' : 'Run triage'}
        </button>
        {job.running && <ProgressCard progress={job.progress} onCancel={job.cancel} />}
        <div className="triage-picked">
          <span className="small">{picked === 0 ? 'No indicators picked yet' : `${picked} indicator${picked === 1 ? '' : 's'} picked`}</span>
          <button type="button" className="btn btn-small" onClick={() => onScreen('scope')}>
            Open scope editor →
          </button>
        </div>
      </form>
      {error !== null && <ErrorBanner error={error} />}
      {(histogramError !== null || (histogram && histogram.buckets.length > 0)) && (
        <section className="panel" aria-labelledby="events-title">
          <h2 id="events-title">
            Events over time{' '}
            <span className="muted small">
              {histogram?.window
                ? `per ${histogram.bucket}, stacked by source type; the shaded band is the window, with a quarter of its length either side (at most ${histogram.bucket === 'hour' ? 'a day' : 'a week'})`
                : `per ${histogram?.bucket ?? 'bucket'}, stacked by source type; all imported events (give a window to zoom in)`}
            </span>
          </h2>
          {histogramError !== null && <ErrorBanner error={histogramError} />}
          {histogram && histogram.buckets.length > 0 && <EventsOverTimeChart histogram={histogram} />}
        </section>
      )}
      {entries && entries.length === 0 && (
        <EmptyState title="No access events in this window" action={<button type="button" className="btn" onClick={() => onScreen('evidence')}>Add evidence</button>}>
          <p>Triage ranks the actors in imported access logs. Import Salesforce event logs, real-time events or web and cloud logs, or widen the window.</p>
        </EmptyState>
      )}
      {entries && entries.length > 0 && (
        <>
          <div className="table-tools">
            <div className="segmented" role="group" aria-label="Kind">
              {DIMENSIONS.map((d) => (
                <button key={d.id} type="button" aria-pressed={dimension === d.id} className={dimension === d.id ? 'active' : ''} onClick={() => setDimension(d.id)}>
                  {d.label} <span className="muted">{d.id === 'all' ? entries.length : entries.filter((e) => e.dimension === d.id).length}</span>
                </button>
              ))}
            </div>
            <CsvExport
              what={ranWindow ? 'the events in this window' : 'all events'}
              testId="events-csv"
              run={() => api.exportCsv({ caseDir, table: 'events', from: ranWindow?.from.trim() || null, to: ranWindow?.to.trim() || null })}
            />
            <label className="table-search">
              <span>Search values</span>
              <input name="triageSearch" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="IP, user, app…" />
            </label>
          </div>
          <VirtualTable
            label="Top talkers"
            testId="triage-table"
            rows={shown}
            columns={columns}
            rowKey={(e) => `${e.dimension}:${e.value}`}
            selectedKey={selectedKey}
            onSelect={(e) => setSelectedKey(`${e.dimension}:${e.value}`)}
            onOpen={toggle}
            height={340}
          />
          <p className="small muted">↑ ↓ in the table select a row; Enter adds it to the scope. Headers sort.</p>
        </>
      )}
    </section>
  );
}
