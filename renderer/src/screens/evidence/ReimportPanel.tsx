import { useState } from 'react';
import type { EvidenceItem, LedgerApi } from '../../../../shared/contract/api';
import { ProgressCard } from '../../components/ProgressCard';
import { ErrorBanner } from '../../components/States';
import { formatCount } from '../../format';
import { useJob } from '../../job';
import { ImportOptions, importRequest, NO_CHOICES } from './ImportOptions';

/**
 * Parses a file already in the vault again with the examiner's options: the way to import a file that was kept but
 * not imported (an unknown layout, a log without a recognised timestamp column), or one read with the wrong zone,
 * encoding or locale. The original is never touched; the engine logs the import in custody.
 */
export function ReimportPanel({ api, caseDir, item, onImported }: { api: LedgerApi; caseDir: string; item: EvidenceItem; onImported: () => void }) {
  const [choices, setChoices] = useState(NO_CHOICES);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<EvidenceItem | null>(null);
  const job = useJob();
  const notImported = item.latestImport === null;

  const run = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await job.run((context) => api.reimportEvidence({ caseDir, evidenceId: item.id, ...importRequest(choices) }, context)));
    } catch (e) {
      setError(e);
    } finally {
      onImported();
    }
  };

  return (
    <section className="panel" aria-labelledby="reimport-title" data-testid="reimport">
      <h2 id="reimport-title">{notImported ? 'Import this file' : 'Import this file again'}</h2>
      <p className="small muted">
        {notImported
          ? 'It is kept in the vault but was not imported. Choose its format, encoding, time zone, locale or column mapping, then import it.'
          : 'Parse it again with other options (the original in the vault is not changed; the import is logged in custody).'}
      </p>
      <ImportOptions api={api} choices={choices} onChange={setChoices} disabled={job.running} open={notImported} />
      <p>
        <button type="button" className="btn btn-primary" disabled={job.running} onClick={() => void run()}>
          Import evidence {item.id}
          {notImported ? '' : ' again'}
        </button>
      </p>
      {job.running && <ProgressCard progress={job.progress} onCancel={job.cancel} />}
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {result && (
        <p className="small" role="status" data-testid="reimport-result">
          {result.latestImport
            ? `Imported: ${formatCount(result.latestImport.rowsImported)} rows · ${formatCount(result.latestImport.rowsRejected)} rejected · ${formatCount(result.latestImport.rowsDuplicate)} duplicate.`
            : `Still not imported: ${result.notImported ?? 'no parser read it'}`}
        </p>
      )}
    </section>
  );
}
