import { useEffect, useState } from 'react';
import type { EvidenceItem, LedgerApi, RejectPage, RejectView } from '../../../../shared/contract/api';
import { CsvExport } from '../../components/CsvExport';
import { ErrorBanner } from '../../components/States';
import { Truncate } from '../../components/Truncate';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatCount } from '../../format';
import { useDebounced } from '../../analysis/use-debounced';

const LIMIT = 5000;

const COLUMNS: Column<RejectView>[] = [
  { key: 'line', header: 'Line', width: '70px', align: 'right', sortValue: (r) => r.lineNo ?? r.recordNo, render: (r) => (r.lineNo ?? (r.recordNo !== null ? `rec ${r.recordNo}` : '—')) },
  { key: 'offset', header: 'Byte offset', width: '96px', align: 'right', sortValue: (r) => r.byteOffset, render: (r) => formatCount(r.byteOffset) },
  { key: 'reason', header: 'Reason', width: 'minmax(200px, 2fr)', sortValue: (r) => r.reason, render: (r) => <Truncate text={r.reason} /> },
  { key: 'raw', header: 'Raw bytes (escaped)', width: 'minmax(220px, 3fr)', render: (r) => <Truncate className="mono small" text={r.raw + (r.rawTruncated ? ' …' : '')} /> },
];

/** The rows the latest import of one file rejected: reason, line, byte offset and the raw bytes escaped; filterable. */
export function RejectedRows({ api, caseDir, item }: { api: LedgerApi; caseDir: string; item: EvidenceItem }) {
  const [filter, setFilter] = useState('');
  const reason = useDebounced(filter, 250);
  const [page, setPage] = useState<RejectPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<RejectView | null>(null);
  const importId = item.latestImport?.id ?? null;

  useEffect(() => {
    let current = true;
    api.listRejects({ caseDir, evidenceId: item.id, importId, reason: reason.trim() || null, limit: LIMIT }).then(
      (answer) => current && (setPage(answer), setError(null)),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, item.id, importId, reason]);

  return (
    <section className="panel" aria-labelledby="rejects-title" data-testid="rejected-rows">
      <h2 id="rejects-title">
        Rejected rows <span className="small muted">{page ? `${formatCount(page.total)} shown of ${formatCount(item.latestImport?.rowsRejected ?? 0)} · import ${page.importId}` : ''}</span>
      </h2>
      {page && Object.keys(page.byReason).length > 1 && (
        <ul className="reject-reasons small">
          {Object.entries(page.byReason).map(([why, n]) => (
            <li key={why}>
              <button type="button" className="link" onClick={() => setFilter(why)}>
                {why}
              </button>{' '}
              <span className="muted">{formatCount(n)}</span>
            </li>
          ))}
        </ul>
      )}
      <label className="table-search">
        <span>Filter by reason</span>
        <input name="rejectFilter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="e.g. timestamp" />
      </label>
      {page && page.total > 0 && (
        <CsvExport
          what={page.total === 1 ? 'the one rejected row' : reason.trim() ? `these ${formatCount(page.total)} rejected rows` : `all ${formatCount(page.total)} rejected rows`}
          testId="rejects-csv"
          run={() => api.exportCsv({ caseDir, table: 'rejects', evidenceId: item.id, importId: page.importId, reason: reason.trim() || null })}
        />
      )}
      {error !== null && <ErrorBanner error={error} />}
      {page && page.total > LIMIT && <p className="small muted">The first {formatCount(LIMIT)} are listed; narrow the filter to see others.</p>}
      {page && page.rejects.length > 0 && (
        <VirtualTable label="Rejected rows" testId="rejects-table" rows={page.rejects} columns={COLUMNS} rowKey={(r) => r.id} selectedKey={selected?.id ?? null} onSelect={setSelected} height={220} />
      )}
      {selected && (
        <dl className="kv small">
          <dt>Position</dt>
          <dd>
            {[selected.entry && `member ${selected.entry}`, selected.lineNo !== null && `line ${selected.lineNo}`, selected.recordNo !== null && `record ${selected.recordNo}`, `bytes ${selected.byteOffset}+${selected.byteLength}`].filter(Boolean).join(' · ')}
          </dd>
          <dt>Reason</dt>
          <dd className="wrap">{selected.reason}</dd>
          <dt>Raw bytes</dt>
          <dd>
            <pre className="json" tabIndex={0} aria-label="Raw bytes of the rejected row, escaped">
              {selected.raw}
              {selected.rawTruncated ? ' … (truncated)' : ''}
            </pre>
          </dd>
        </dl>
      )}
    </section>
  );
}
