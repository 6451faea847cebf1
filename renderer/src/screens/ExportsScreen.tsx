import { useState } from 'react';
import type { ExportVerificationView, ExportView, LedgerApi } from '../../../shared/contract/api';
import { Hash } from '../components/Hash';
import { ProgressCard } from '../components/ProgressCard';
import { EmptyState, ErrorBanner, StatusPill } from '../components/States';
import { Truncate } from '../components/Truncate';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatBytes } from '../format';
import { useJob } from '../job';
import { CsvExport } from '../components/CsvExport';
import { EarlierExports } from './exports/EarlierExports';

type ExportedFile = ExportView['files'][number];
type CheckedFile = ExportVerificationView['files'][number];

const FILE_COLUMNS: Column<ExportedFile>[] = [
  { key: 'path', header: 'File', width: 'minmax(220px, 2fr)', render: (f) => <Truncate className="mono small" text={f.path} /> },
  { key: 'size', header: 'Size', width: '90px', align: 'right', render: (f) => formatBytes(f.size) },
  { key: 'sha256', header: 'SHA-256', width: '190px', render: (f) => <Hash value={f.sha256} /> },
];
const CHECK_COLUMNS: Column<CheckedFile>[] = [
  { key: 'ok', header: 'Result', width: '72px', render: (f) => <StatusPill ok={f.ok} /> },
  { key: 'path', header: 'File', width: 'minmax(220px, 2fr)', render: (f) => <Truncate className="mono small" text={f.path} /> },
  { key: 'problem', header: 'Finding', width: 'minmax(200px, 2fr)', render: (f) => <Truncate className={f.ok ? 'muted' : 'fail-text'} text={f.problem ?? 'Hash matches the signed manifest'} /> },
];

/** `hasAnalysis`: an export carries an analysis, so it is offered only once one exists. */
export function ExportsScreen({ api, caseDir, hasAnalysis }: { api: LedgerApi; caseDir: string; hasAnalysis: boolean }) {
  const job = useJob();
  const [outDir, setOutDir] = useState('');
  const [exported, setExported] = useState<ExportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [csvCount, setCsvCount] = useState(0);

  const run = async () => {
    setError(null);
    try {
      setExported(await job.run((context) => api.exportCase({ caseDir, outDir: outDir.trim() || null }, context)));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Exports</h1>
        <span className="muted">Workbook, notification lists, custody report and a signed manifest; each export is hashed and logged in custody</span>
      </header>
      <form
        className="panel row-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label className="grow">
          <span>Output folder (empty: a new timestamped folder under the case’s exports/)</span>
          <input name="outDir" className="mono" placeholder={`Empty: ${caseDir}/exports/<UTC timestamp>`} value={outDir} disabled={job.running} onChange={(e) => setOutDir(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={job.running || !hasAnalysis} aria-describedby={hasAnalysis ? undefined : 'export-needs-analysis'}>
          Export case
        </button>
      </form>
      {!hasAnalysis && (
        <p id="export-needs-analysis" className="small warn">
          Nothing to export yet: run Reconstruct on the Scope screen first.
        </p>
      )}
      {job.running && <ProgressCard progress={job.progress} onCancel={job.cancel} />}
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {!exported && !job.running && (
        <EmptyState title="No export in this session yet">
          <p>Export writes the analysis, obligations and exposure with their evidence citations into a new folder, then signs a manifest of every file’s SHA-256 with this case’s key. Verify an export below at any time.</p>
        </EmptyState>
      )}
      {exported && (
        <section className="panel" aria-labelledby="exported-title" data-testid="export-result">
          <h2 id="exported-title">
            Exported {exported.files.length} files to <Truncate className="mono small" text={exported.dir} />
          </h2>
          <dl className="kv">
            <dt>Manifest</dt>
            <dd>
              <Truncate className="mono small" text={exported.manifestPath} />
            </dd>
            <dt>Manifest SHA-256</dt>
            <dd>
              <Hash value={exported.manifestSha256} full testId="manifest-sha256" />
            </dd>
          </dl>
          <VirtualTable label="Exported files" testId="export-files" rows={exported.files} columns={FILE_COLUMNS} rowKey={(f) => f.path} height={240} />
        </section>
      )}
      <section className="panel" aria-labelledby="notes-export-title">
        <h2 id="notes-export-title">Examiner notes</h2>
        <p className="small muted">Every version of every note and tag on events and consumers (each signed export also carries them as examiner-notes.csv).</p>
        <CsvExport what="examiner notes" testId="notes-csv" run={() => api.exportCsv({ caseDir, table: 'notes' }).then((v) => (setCsvCount((n) => n + 1), v))} />
      </section>
      <EarlierExports api={api} caseDir={caseDir} refreshKey={`${exported?.manifestPath ?? ''}#${csvCount}`} />
      <VerifyExportPanel api={api} caseDir={caseDir} manifestPath={exported?.manifestPath ?? ''} />
    </section>
  );
}

function VerifyExportPanel({ api, caseDir, manifestPath }: { api: LedgerApi; caseDir: string; manifestPath: string }) {
  const [path, setPath] = useState(manifestPath);
  const [result, setResult] = useState<ExportVerificationView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [lastDefault, setLastDefault] = useState(manifestPath);
  if (manifestPath !== lastDefault) {
    setLastDefault(manifestPath);
    setPath(manifestPath);
    setResult(null);
  }
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.verifyExport({ manifestPath: path.trim(), caseDir }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const failed = result?.files.filter((f) => !f.ok).length ?? 0;
  return (
    <section className="panel" aria-labelledby="verify-export-title">
      <h2 id="verify-export-title">Verify an export</h2>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <label className="grow">
          <span>Manifest file</span>
          <input name="manifestPath" className="mono" placeholder="e.g. /cases/…/exports/…/manifest.json" value={path} onChange={(e) => setPath(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={busy || !path.trim()}>
          Verify export
        </button>
      </form>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {result && (
        <div className="export-verdict" data-testid="export-verdict">
          <div className={`verdict ${result.ok ? 'verdict-ok' : 'verdict-fail'}`}>
            <strong>{result.ok ? 'Export intact' : 'Export does not verify'}</strong>
            <span>Signature {result.signatureOk ? 'valid' : 'INVALID'}</span>
            <span>
              {result.files.length - failed} of {result.files.length} files match
            </span>
            {result.publicKeyFingerprint && (
              <span className="verdict-logged">
                Signed by key <Hash value={result.publicKeyFingerprint} />
              </span>
            )}
          </div>
          <VirtualTable label="Export verification" testId="export-checks" rows={result.files} columns={CHECK_COLUMNS} rowKey={(f) => f.path} height={200} />
        </div>
      )}
    </section>
  );
}
