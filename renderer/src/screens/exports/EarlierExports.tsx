import { useEffect, useState } from 'react';
import type { ExportListItem, ExportVerificationView, LedgerApi } from '../../../../shared/contract/api';
import { Hash } from '../../components/Hash';
import { EmptyState, ErrorBanner, StatusPill } from '../../components/States';
import { formatCount, formatUtc } from '../../format';

type Check = { state: 'running' } | { state: 'done'; result: ExportVerificationView } | { state: 'error'; error: unknown };

/**
 * Every export the custody log records (signed folders and CSV files), newest first. "Verify" re-reads one from
 * disk: a folder's signature and every file's hash, a CSV against the digest custody logged; what failed is named.
 */
export function EarlierExports({ api, caseDir, refreshKey }: { api: LedgerApi; caseDir: string; refreshKey: unknown }) {
  const [items, setItems] = useState<ExportListItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checks, setChecks] = useState<Record<string, Check>>({});

  useEffect(() => {
    let current = true;
    api.listExports({ caseDir }).then(
      (list) => current && (setItems(list), setError(null)),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, refreshKey]);

  const check = async (item: ExportListItem) => {
    setChecks((c) => ({ ...c, [item.path]: { state: 'running' } }));
    try {
      const result = await api.checkExport({ caseDir, path: item.path });
      setChecks((c) => ({ ...c, [item.path]: { state: 'done', result } }));
    } catch (e) {
      setChecks((c) => ({ ...c, [item.path]: { state: 'error', error: e } }));
    }
  };
  const checkAll = async () => {
    for (const item of items ?? []) await check(item);
  };

  return (
    <section className="panel" aria-labelledby="earlier-exports-title" data-testid="earlier-exports">
      <h2 id="earlier-exports-title">
        Earlier exports {items && <span className="small muted">{formatCount(items.length)} logged in custody</span>}
        {items && items.length > 1 && (
          <button type="button" className="btn btn-small" onClick={() => void checkAll()}>
            Verify all
          </button>
        )}
      </h2>
      {error !== null && <ErrorBanner error={error} />}
      {items && items.length === 0 && (
        <EmptyState title="Nothing exported from this case yet">
          <p>Signed exports and CSV exports of filtered tables are listed here once written, each with a way to check it again.</p>
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <ul className="export-list">
          {items.map((item) => {
            const status = checks[item.path];
            return (
              <li key={`${item.kind}:${item.path}`} className="export-item" data-testid="export-item" data-kind={item.kind}>
                <span className="action-tag">{item.kind === 'package' ? 'signed export' : `CSV · ${item.table}`}</span>
                <span className="export-where">
                  <code className="mono small wrap" title={item.path}>
                    {insideCase(caseDir, item.path)}
                  </code>
                  <span className="small muted">
                    {item.exportedAt ? `${formatUtc(item.exportedAt)} UTC` : 'time not logged'} · {item.exportedBy ?? 'unknown examiner'} ·{' '}
                    {item.kind === 'package' ? `${formatCount(item.files)} files` : `${formatCount(item.rows)} rows`}
                  </span>
                </span>
                <span className="export-actions">
                  {status?.state === 'done' && <StatusPill ok={status.result.ok} okText="Verified" failText="Fails" />}
                  <button type="button" className="btn btn-small" disabled={status?.state === 'running'} onClick={() => void check(item)} aria-label={`Verify ${item.kind === 'package' ? 'export' : 'CSV'} ${item.path}`}>
                    {status?.state === 'running' ? 'Checking…' : 'Verify'}
                  </button>
                </span>
                {item.kind === 'csv' && (
                  <span className="export-check small muted">
                    Logged SHA-256 <Hash value={item.sha256} /> (custody #{item.custodySeq})
                  </span>
                )}
                {status?.state === 'error' && (
                  <div className="export-check">
                    <ErrorBanner error={status.error} />
                  </div>
                )}
                {status?.state === 'done' && <CheckSummary kind={item.kind} result={status.result} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function CheckSummary({ kind, result }: { kind: ExportListItem['kind']; result: ExportVerificationView }) {
  const failed = result.files.filter((f) => !f.ok);
  return (
    <div className="export-check small" role="status" data-testid="export-check">
      {result.ok
        ? kind === 'package'
          ? `Signature valid; all ${formatCount(result.files.length)} files match the signed manifest.`
          : 'The file matches the SHA-256 and size custody logged.'
        : `${formatCount(failed.length)} of ${formatCount(result.files.length)} ${kind === 'package' ? `files fail${result.signatureOk ? '' : '; the signature does not verify'}` : 'checks fail'}:`}
      {failed.length > 0 && (
        <ul className="export-problems">
          {failed.map((f) => (
            <li key={f.path}>{f.problem ?? `${f.path} does not verify`}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The path inside the case folder when the export is in it (the case folder is shown in the sidebar), else the full path. */
function insideCase(caseDir: string, file: string): string {
  const base = caseDir.replace(/[\\/]+$/, '');
  return file.startsWith(`${base}/`) || file.startsWith(`${base}\\`) ? file.slice(base.length + 1) : file;
}
