import { useState } from 'react';
import type { LedgerApi, VerifyResult } from '../../../shared/contract/api';
import { Hash } from '../components/Hash';
import { ProgressCard } from '../components/ProgressCard';
import { EmptyState, ErrorBanner, StatusPill } from '../components/States';
import { Truncate } from '../components/Truncate';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useJob } from '../job';

type FileCheck = VerifyResult['evidence'][number];

const COLUMNS: Column<FileCheck>[] = [
  { key: 'ok', header: 'Result', width: '72px', render: (c) => <StatusPill ok={c.ok} /> },
  { key: 'id', header: 'ID', width: '44px', align: 'right', render: (c) => c.id },
  { key: 'name', header: 'File', width: 'minmax(160px, 1.5fr)', render: (c) => <Truncate text={c.name} /> },
  { key: 'sha256', header: 'Recorded SHA-256', width: '176px', render: (c) => <Hash value={c.sha256} /> },
  { key: 'problem', header: 'Finding', width: 'minmax(200px, 2fr)', render: (c) => <Truncate className={c.ok ? 'muted' : 'fail-text'} text={c.problem ?? 'Vault copy matches all three hashes and the size'} /> },
];

interface Props {
  api: LedgerApi;
  caseDir: string;
  result: VerifyResult | null;
  onVerified: (result: VerifyResult) => void;
}

export function VerifyScreen({ api, caseDir, result, onVerified }: Props) {
  const job = useJob();
  const [error, setError] = useState<unknown>(null);

  const verify = async () => {
    setError(null);
    try {
      onVerified(await job.run((context) => api.verify({ caseDir }, context)));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Verify</h1>
        <button type="button" className="btn btn-primary" onClick={() => void verify()} disabled={job.running}>
          {result ? 'Verify again' : 'Verify case'}
        </button>
      </header>
      <p className="muted small">Re-hashes every vault copy, recomputes the custody hash chain and checks the store’s integrity. The result is itself logged in custody.</p>
      {job.running && <ProgressCard progress={job.progress} />}
      {error !== null && <ErrorBanner error={error} />}
      {!result && !job.running && error === null && (
        <EmptyState title="Not verified in this session">
          <p>Run a verification before you hand the case over or sign an export, and note the custody head it records.</p>
        </EmptyState>
      )}
      {result && <VerifyReport result={result} />}
    </section>
  );
}

function VerifyReport({ result }: { result: VerifyResult }) {
  const failed = result.evidence.filter((e) => !e.ok).length;
  return (
    <>
      <div className={`verdict ${result.ok ? 'verdict-ok' : 'verdict-fail'}`} role="status" data-testid="verify-verdict">
        <strong>{result.ok ? 'All checks passed' : 'Verification failed'}</strong>
        <span>
          {result.evidence.length - failed} of {result.evidence.length} files intact · custody chain {result.custody.ok ? 'intact' : 'broken'} · store{' '}
          {result.store.ok ? 'consistent' : 'damaged'}
        </span>
        {result.loggedAs && (
          <span className="verdict-logged">
            Logged as custody #{result.loggedAs.seq} <Hash value={result.loggedAs.hash} />
          </span>
        )}
      </div>
      <div className="check-grid">
        <div className="panel">
          <h2>
            Custody chain <StatusPill ok={result.custody.ok} />
          </h2>
          <dl className="kv">
            <dt>Entries checked</dt>
            <dd>{result.custody.entries}</dd>
            <dt>Head</dt>
            <dd>
              <Hash value={result.custody.head} full />
            </dd>
            {result.custody.firstBadSeq !== null && (
              <>
                <dt>First bad entry</dt>
                <dd className="fail-text">#{result.custody.firstBadSeq}</dd>
              </>
            )}
            {result.custody.problem && (
              <>
                <dt>Problem</dt>
                <dd className="fail-text">{result.custody.problem}</dd>
              </>
            )}
          </dl>
        </div>
        <div className="panel">
          <h2>
            Evidence store <StatusPill ok={result.store.ok} />
          </h2>
          {result.store.ok ? <p className="muted small">SQLite integrity and reference checks found no problems.</p> : (
            <ul className="fail-text">
              {result.store.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <h2 className="subhead">Evidence files</h2>
      {result.evidence.length === 0 ? (
        <p className="muted small">The case holds no evidence files yet; only the custody chain and the store were checked.</p>
      ) : (
        <VirtualTable label="Evidence verification" testId="verify-table" rows={result.evidence} columns={COLUMNS} rowKey={(c) => c.id} height={300} />
      )}
    </>
  );
}
