import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { AddEvidenceOutcome, EvidenceItem, LedgerApi } from '../../../shared/contract/api';
import type { DesktopLedger } from '../api/desktop';
import { Hash } from '../components/Hash';
import { ProgressCard } from '../components/ProgressCard';
import { EmptyState, ErrorBanner } from '../components/States';
import { Truncate } from '../components/Truncate';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatBytes, formatCount, formatUtc, parsePathList, plural } from '../format';
import { useJob } from '../job';
import { EvidenceDetails } from './EvidenceDetails';
import { ImportOptions, importRequest, NO_CHOICES } from './evidence/ImportOptions';
import { RejectedRows } from './evidence/RejectedRows';
import { ReimportPanel } from './evidence/ReimportPanel';

interface Props {
  api: LedgerApi;
  caseDir: string;
  desktop: DesktopLedger['desktop'] | null;
  pendingFiles: string[];
  onPendingTaken: () => void;
}

const COLUMNS: Column<EvidenceItem>[] = [
  { key: 'name', header: 'File', width: 'minmax(180px, 2fr)', sortValue: (e) => e.originalName, render: (e) => <Truncate text={e.originalName} /> },
  { key: 'id', header: 'ID', width: '44px', align: 'right', sortValue: (e) => e.id, render: (e) => e.id },
  { key: 'format', header: 'Format', width: 'minmax(120px, 1fr)', sortValue: (e) => e.format, render: (e) => <Truncate className="mono small" text={e.format} /> },
  { key: 'size', header: 'Size', width: '80px', align: 'right', sortValue: (e) => e.size, render: (e) => formatBytes(e.size) },
  { key: 'rows', header: 'Rows', width: '76px', align: 'right', sortValue: (e) => e.latestImport?.rowsImported ?? null, render: (e) => (e.latestImport ? formatCount(e.latestImport.rowsImported) : '—') },
  {
    key: 'rejected',
    header: 'Rejects',
    width: '68px',
    align: 'right',
    sortValue: (e) => e.latestImport?.rowsRejected ?? null,
    render: (e) => (e.latestImport ? <span className={e.latestImport.rowsRejected > 0 ? 'warn' : ''}>{formatCount(e.latestImport.rowsRejected)}</span> : '—'),
  },
  {
    key: 'warnings',
    header: 'Warn.',
    width: '56px',
    align: 'right',
    sortValue: (e) => e.latestImport?.warnings.length ?? 0,
    render: (e) => <span className={e.latestImport?.warnings.length ? 'warn' : ''}>{e.latestImport?.warnings.length ?? 0}</span>,
  },
  { key: 'sha256', header: 'SHA-256', width: '168px', sortValue: (e) => e.sha256, render: (e) => <Hash value={e.sha256} testId={`sha256-${e.id}`} /> },
  { key: 'acquired', header: 'Acquired (UTC)', width: '170px', sortValue: (e) => e.acquiredAt, render: (e) => <span className="mono small">{formatUtc(e.acquiredAt)}</span> },
];

/** Matches a file by name, format, source, digest or evidence id. */
function matchesEvidence(item: EvidenceItem, needle: string): boolean {
  return [item.originalName, item.format, item.source ?? '', item.sha256, item.sha1, item.md5, String(item.id)].some((v) => v.toLowerCase().includes(needle));
}

export function EvidenceScreen({ api, caseDir, desktop, pendingFiles, onPendingTaken }: Props) {
  const [items, setItems] = useState<EvidenceItem[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [pathText, setPathText] = useState('');
  const [outcomes, setOutcomes] = useState<AddEvidenceOutcome[] | null>(null);
  const [addError, setAddError] = useState<unknown>(null);
  const [dropHint, setDropHint] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [choices, setChoices] = useState(NO_CHOICES);
  const job = useJob();

  const load = useCallback(() => {
    api.listEvidence({ caseDir }).then(
      (list) => {
        setItems(list);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(error),
    );
  }, [api, caseDir]);
  useEffect(load, [load]);

  const add = useCallback(
    async (files: string[]) => {
      if (files.length === 0 || job.running) return;
      setAddError(null);
      setOutcomes(null);
      try {
        const result = await job.run((context) => api.addEvidence({ caseDir, files, ...importRequest(choices) }, context));
        setOutcomes(result);
        if (result.every((o) => o.status !== 'failed')) setPathText('');
      } catch (error) {
        setAddError(error);
      } finally {
        load();
      }
    },
    [api, caseDir, job, load, choices],
  );

  useEffect(() => {
    if (pendingFiles.length === 0) return;
    onPendingTaken();
    void add(pendingFiles);
  }, [pendingFiles, onPendingTaken, add]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const dropped = Array.from(event.dataTransfer.files);
    if (!desktop) return setDropHint('The browser does not reveal file paths; paste them in the box instead (one per line).');
    setDropHint(null);
    void add(dropped.map((f) => desktop.pathForFile(f)).filter(Boolean));
  };

  const selected = items?.find((e) => e.id === selectedId) ?? null;
  const typedPaths = parsePathList(pathText);
  const totals = useMemo(
    () => (items ?? []).reduce((t, e) => ({ size: t.size + e.size, rows: t.rows + (e.latestImport?.rowsImported ?? 0) }), { size: 0, rows: 0 }),
    [items],
  );

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Evidence</h1>
        {items && (
          <span className="muted" data-testid="evidence-summary">
            {items.length} file{items.length === 1 ? '' : 's'} · {formatBytes(totals.size)} · {formatCount(totals.rows)} rows imported
          </span>
        )}
      </header>

      <div className={`panel add-panel ${job.running ? 'busy' : ''}`} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <form
          className="add-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add(typedPaths);
          }}
        >
          <label className="grow">
            <span>Add evidence: file paths, one per line{desktop ? ', or drop files here' : ''}</span>
            <textarea
              name="paths"
              className="mono"
              rows={3}
              spellCheck={false}
              placeholder={'e.g. /evidence/EventLogFile_API_2024-03-05.csv\n/evidence/shop-customers.csv'}
              value={pathText}
              onChange={(e) => setPathText(e.target.value)}
              disabled={job.running}
            />
          </label>
          <div className="add-actions">
            <button type="submit" className="btn btn-primary" disabled={job.running || typedPaths.length === 0}>
              Add {typedPaths.length > 1 ? `${typedPaths.length} files` : 'file'}
            </button>
            {desktop && (
              <button type="button" className="btn" disabled={job.running} onClick={() => void desktop.chooseEvidenceFiles().then(add)}>
                Choose files…
              </button>
            )}
          </div>
        </form>
        <ImportOptions api={api} choices={choices} onChange={setChoices} disabled={job.running} />
        <p className="small muted">Each file is hashed (SHA-256, SHA-1, MD5), copied read-only into the vault, logged in custody and parsed. Originals are never changed.</p>
        {dropHint && <p className="small warn">{dropHint}</p>}
        {job.running && <ProgressCard progress={job.progress} onCancel={job.cancel} />}
        {addError !== null && <ErrorBanner error={addError} onDismiss={() => setAddError(null)} />}
        {outcomes && <Outcomes outcomes={outcomes} onDismiss={() => setOutcomes(null)} />}
      </div>

      {loadError !== null && <ErrorBanner error={loadError} />}
      {items && items.length === 0 && (
        <EmptyState title="No evidence yet">
          <p>Add the logs and exports you collected: Salesforce event log files, real-time event exports, audit trail, login history, CRM or shop customer exports, web server and cloud logs.</p>
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <>
          <label className="table-search">
            <span>Search files</span>
            <input name="evidenceSearch" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, format, hash, id" />
          </label>
          <VirtualTable
            label="Evidence files"
            testId="evidence-table"
            rows={search.trim() ? items.filter((e) => matchesEvidence(e, search.trim().toLowerCase())) : items}
            columns={COLUMNS}
            rowKey={(e) => e.id}
            selectedKey={selectedId}
            onSelect={(e) => setSelectedId(e.id)}
            height={300}
          />
          {selected ? <EvidenceDetails item={selected} /> : <p className="small muted">Select a row (or use ↑ ↓ in the table) to see all hashes, the parser, its warnings and its rejected rows.</p>}
          {selected && (selected.latestImport?.rowsRejected ?? 0) > 0 && <RejectedRows key={`${selected.id}-${selected.latestImport?.id}`} api={api} caseDir={caseDir} item={selected} />}
          {selected && <ReimportPanel key={selected.id} api={api} caseDir={caseDir} item={selected} onImported={load} />}
        </>
      )}
    </section>
  );
}

function Outcomes({ outcomes, onDismiss }: { outcomes: AddEvidenceOutcome[]; onDismiss: () => void }) {
  const added = outcomes.filter((o) => o.status === 'added').length;
  return (
    <div className="outcomes" data-testid="add-outcomes">
      <div className="outcomes-head">
        <strong>
          {added} of {outcomes.length} file{outcomes.length === 1 ? '' : 's'} added
        </strong>
        <button type="button" className="link" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <ul>
        {outcomes.map((o) => (
          <li key={o.file} className={`outcome outcome-${o.status}`}>
            <span className="outcome-status">{o.status === 'added' ? 'Added' : o.status === 'duplicate' ? 'Duplicate' : o.code === 'CANCELLED' ? 'Cancelled' : 'Failed'}</span>
            <Truncate className="mono small" text={o.file} />
            <span className="small">
              {o.status === 'added'
                ? `evidence ${o.evidence.id} · ${o.evidence.format} · ${plural(o.evidence.latestImport?.rowsImported ?? 0, 'row')}`
                : o.message}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
