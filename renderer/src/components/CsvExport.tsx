import { useState } from 'react';
import type { CsvExportView } from '../../../shared/contract/api';
import { formatBytes, formatCount } from '../format';
import { Hash } from './Hash';
import { ErrorBanner } from './States';

/**
 * "Export CSV" for the rows a screen shows: the engine writes the file into the case's exports and logs it; the
 * screen then says where it went, how many rows, its SHA-256 and the custody entry.
 */
export function CsvExport({ what, run, disabled = false, testId }: { what: string; run: () => Promise<CsvExportView>; disabled?: boolean; testId: string }) {
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<CsvExportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      setWritten(await run());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="csv-export" data-testid={testId}>
      <button type="button" className="btn btn-small" disabled={busy || disabled} onClick={() => void go()}>
        {busy ? 'Writing CSV…' : `Export ${what} as CSV`}
      </button>
      {written && (
        <div className="csv-written small" role="status" data-testid={`${testId}-written`}>
          <span>
            {formatCount(written.rows)} rows ({formatBytes(written.size)}) written to
          </span>
          <code className="mono small wrap csv-path" data-testid={`${testId}-path`}>
            {written.path}
          </code>
          <span className="muted">SHA-256</span>
          <Hash value={written.sha256} />
          <span className="muted">logged as custody #{written.custodySeq}</span>
        </div>
      )}
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
