import { useCallback, useEffect, useState } from 'react';
import type { ConsumerQuery, ConsumerView, LedgerApi, ReconstructResult } from '../../../shared/contract/api';
import type { Basis } from '../../../shared/contract/elements';
import { useConsumerSummary } from '../analysis/consumer-summary';
import { useDebounced } from '../analysis/use-debounced';
import { CsvExport } from '../components/CsvExport';
import { PagedTable } from '../components/PagedTable';
import { EmptyState, ErrorBanner, isNoAnalysis, NoAnalysisYet } from '../components/States';
import { formatCount } from '../format';
import { CONSUMER_COLUMNS } from './consumers/consumer-columns';
import { ConsumerDrawer } from './consumers/ConsumerDrawer';
import { ConsumerFilters, NO_FILTER, type ConsumerFilter } from './consumers/ConsumerFilters';
import { ConsumerSummaryPanel } from './consumers/ConsumerSummaryPanel';
import type { ScreenId } from './screens';

const PAGE_SIZE = 200;
const TYPING_PAUSE_MS = 250;

interface Props {
  api: LedgerApi;
  caseDir: string;
  reconstructed: ReconstructResult | null;
  onScreen: (screen: ScreenId) => void;
}

interface FirstPage {
  query: ConsumerQuery;
  key: string;
  analysis: number;
  total: number;
  consumers: ConsumerView[];
}

function queryFor(caseDir: string, filter: ConsumerFilter): ConsumerQuery {
  return { caseDir, state: filter.state.trim() || null, basis: filter.basis || null, element: filter.element || null, search: filter.search.trim() || null };
}

export function ConsumersScreen({ api, caseDir, reconstructed, onScreen }: Props) {
  const [filter, setFilter] = useState<ConsumerFilter>(NO_FILTER);
  const settled = useDebounced(filter, TYPING_PAUSE_MS);
  const [first, setFirst] = useState<FirstPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<ConsumerView | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const { summary, error: summaryError } = useConsumerSummary(api, caseDir, reconstructed, first?.analysis ?? null);

  useEffect(() => {
    let current = true;
    const query = queryFor(caseDir, settled);
    setLoading(true);
    api.listConsumers({ ...query, limit: PAGE_SIZE, offset: 0 }).then(
      (page) => {
        if (!current) return;
        setFirst({ query, key: JSON.stringify(query), analysis: page.analysis, total: page.total, consumers: page.consumers });
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, settled, reconstructed]);

  const loadPage = useCallback(
    async (offset: number, limit: number) => (await api.listConsumers({ ...first!.query, analysisId: first!.analysis, limit, offset })).consumers,
    [api, first],
  );
  const closeDrawer = useCallback(() => setOpenId(null), []);
  const open = useCallback((c: ConsumerView) => {
    setSelected(c);
    setOpenId(c.id);
  }, []);

  const filtered = first !== null && first.key !== JSON.stringify(queryFor(caseDir, NO_FILTER));
  const counts = useBasisCounts(api, first, !filtered && summary && first && summary.analysis === first.analysis ? summary.byBasis : null);

  if (isNoAnalysis(error) && !first) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <header className="screen-head">
          <h1 id="screen-title">Affected consumers</h1>
        </header>
        <NoAnalysisYet onOpenScope={() => onScreen('scope')}>
          <p>Affected consumers come from a reconstruction: define the incident scope (window and indicators), then run Reconstruct. Each consumer is then traced to the records, accesses and log lines behind it.</p>
        </NoAnalysisYet>
      </section>
    );
  }

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Affected consumers</h1>
        {first && (
          <span className="muted" data-testid="consumer-count" data-total={first.total}>
            {counts ? <ConfirmedPlusInferred counts={counts} /> : `${formatCount(first.total)} rows`}
            {filtered ? ' match the filters' : ''} · analysis {first.analysis}
            {loading && ' · updating…'}
          </span>
        )}
      </header>
      {summary && <ConsumerSummaryPanel summary={summary} onState={(state) => setFilter({ ...filter, state })} onElement={(element) => setFilter({ ...filter, element })} />}
      {summaryError !== null && <ErrorBanner error={summaryError} />}
      <ConsumerFilters filter={filter} states={summary?.byState ? Object.keys(summary.byState) : []} onChange={setFilter} />
      {first && first.total > 0 && (
        <div className="table-actions">
          <CsvExport
            what={filtered ? `the ${formatCount(first.total)} filtered consumers` : `all ${formatCount(first.total)} consumers`}
            testId="consumers-csv"
            run={() => api.exportCsv({ ...first.query, table: 'consumers', analysisId: first.analysis })}
          />
        </div>
      )}
      {error !== null && <ErrorBanner error={error} />}
      {first && first.total === 0 && (
        <EmptyState title="No consumers match these filters" action={<button type="button" className="btn" onClick={() => setFilter(NO_FILTER)}>Clear filters</button>} />
      )}
      {first && first.total > 0 && (
        <>
          <PagedTable
            key={`${first.key}#${first.analysis}`}
            label="Affected consumers"
            testId="consumer-table"
            columns={CONSUMER_COLUMNS}
            total={first.total}
            firstPage={first.consumers}
            pageSize={PAGE_SIZE}
            loadPage={loadPage}
            rowKey={(c) => c.id}
            rowClassName={(c) => (c.basis === 'inferred' ? 'row-inferred' : '')}
            selectedKey={selected?.id ?? null}
            onSelect={open}
            onOpen={open}
            onError={setError}
            height={430}
          />
          <p className="small muted">
            Click a row, or move with ↑ ↓ in the table, to trace the consumer back to evidence. Inferred rows (dashed edge) are upper bounds, not confirmed access.
          </p>
        </>
      )}
      {openId !== null && first && <ConsumerDrawer api={api} caseDir={caseDir} consumerId={openId} analysisId={first.analysis} onClose={closeDrawer} />}
    </section>
  );
}

type BasisCounts = Record<Basis, number>;

/** Confirmed people and the inferred upper bound side by side, never added together. */
function ConfirmedPlusInferred({ counts }: { counts: BasisCounts }) {
  return (
    <>
      <strong data-testid="header-confirmed">{formatCount(counts.exact + counts.derived)}</strong> confirmed + up to{' '}
      <strong data-testid="header-inferred">{formatCount(counts.inferred)}</strong> inferred
    </>
  );
}

/**
 * Counts by basis of the rows the table shows: the analysis summary when unfiltered; with a basis filter, the
 * total is all of that basis; otherwise the store is asked once per basis.
 */
function useBasisCounts(api: LedgerApi, first: FirstPage | null, unfiltered: BasisCounts | null): BasisCounts | null {
  const [asked, setAsked] = useState<{ key: string; counts: BasisCounts } | null>(null);
  const key = first ? `${first.key}#${first.analysis}` : null;
  const basis = first?.query.basis ?? null;
  useEffect(() => {
    if (!first || unfiltered || basis) return;
    let current = true;
    const bases: Basis[] = ['exact', 'derived', 'inferred'];
    Promise.all(bases.map((b) => api.listConsumers({ ...first.query, analysisId: first.analysis, basis: b, limit: 1, offset: 0 }))).then(
      ([exact, derived, inferred]) => current && setAsked({ key: key!, counts: { exact: exact!.total, derived: derived!.total, inferred: inferred!.total } }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, first, key, unfiltered, basis]);
  if (!first) return null;
  if (unfiltered) return unfiltered;
  if (basis) return { exact: 0, derived: 0, inferred: 0, [basis]: first.total };
  return asked?.key === key ? asked.counts : null;
}
