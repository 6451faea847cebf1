import { useEffect, useRef, useState } from 'react';
import type { Explanation, LedgerApi } from '../../../../shared/contract/api';
import { NotesPanel } from '../../components/NotesPanel';
import { PrintButton } from '../../components/PrintButton';
import { ErrorBanner } from '../../components/States';
import { formatUtc } from '../../format';
import { BasisPill, elementLabel, statesText } from './consumer-columns';
import { SourceCitationView } from './SourceCitationView';

interface Props {
  api: LedgerApi;
  caseDir: string;
  consumerId: number;
  analysisId: number;
  onClose: () => void;
}

/** Walks one consumer back to records, accesses (query, fields, why in scope), log lines and file hashes. */
export function ConsumerDrawer({ api, caseDir, consumerId, analysisId, onClose }: Props) {
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    setExplanation(null);
    setError(null);
    api.explainConsumer({ caseDir, consumerId, analysisId }).then(
      (x) => current && setExplanation(x),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, consumerId, analysisId]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Focus moves into the drawer when it opens and back where it was when it closes.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    return () => before?.focus?.();
  }, []);

  const c = explanation?.consumer;
  return (
    <div className="drawer" role="dialog" aria-modal="false" aria-labelledby="drawer-title" data-testid="consumer-drawer" ref={panel} tabIndex={-1}>
      <header className="drawer-head">
        <h2 id="drawer-title" className="truncate" title={c?.name ?? undefined}>
          Consumer {consumerId}
          {c?.name ? ` · ${c.name}` : ''}
        </h2>
        <PrintButton what="walk-back" />
        <button type="button" className="btn btn-small" onClick={onClose} aria-keyshortcuts="Escape">
          Close details <kbd aria-hidden="true">Esc</kbd>
        </button>
      </header>
      <div className="drawer-body" tabIndex={0} aria-label="Consumer details">
        {error !== null && <ErrorBanner error={error} />}
        {!explanation && error === null && <p className="muted">Reading the evidence behind consumer {consumerId}…</p>}
        {explanation && c && (
          <>
            <dl className="kv">
              <dt>Basis</dt>
              <dd>
                <BasisPill basis={c.basis} />
                {c.basis === 'inferred' && <span className="small muted"> could have been reached; not shown to have been</span>}
              </dd>
              <dt>Email</dt>
              <dd className="mono small wrap">{c.email ?? '—'}</dd>
              <dt>Phone</dt>
              <dd className="mono small">{c.phone ?? '—'}</dd>
              <dt>Counted in</dt>
              <dd>
                <span className="mono">{statesText(c)}</span> <span className="small muted">— {explanation.residency.reason}</span>
              </dd>
            </dl>

            <NotesPanel api={api} caseDir={caseDir} target={{ kind: 'consumer', id: consumerId }} analysisId={analysisId} />

            <h3>Exposed elements ({explanation.elements.length})</h3>
            {explanation.elements.length === 0 && <p className="small muted">No exposed element is recorded for this consumer.</p>}
            <table className="mini-table" hidden={explanation.elements.length === 0}>
              <thead>
                <tr>
                  <th>Element</th>
                  <th>Basis</th>
                  <th>Field</th>
                  <th className="num">Record</th>
                  <th className="num">Event</th>
                </tr>
              </thead>
              <tbody>
                {explanation.elements.map((e) => (
                  <tr key={`${e.element}:${e.subjectId}:${e.field}:${e.eventId}`}>
                    <td>{elementLabel(e.element)}</td>
                    <td>{e.basis}</td>
                    <td className="mono small">{e.field}</td>
                    <td className="num">{e.subjectId}</td>
                    <td className="num">{e.eventId}</td>
                  </tr>
                ))}
              </tbody>
            </table>

            <h3>Accesses ({explanation.accesses.length})</h3>
            {explanation.accesses.length === 0 && <p className="small muted">No in-scope access is recorded for this consumer.</p>}
            <ol className="walk">
              {explanation.accesses.map((a) => (
                <li key={`${a.eventId}:${a.subjectId}`} className={`walk-item basis-edge-${a.basis}`} data-testid="access">
                  <div className="walk-title">
                    <span className="mono small">{formatUtc(a.ts)}</span>
                    <span className="action-tag">{a.sourceType}</span>
                    <BasisPill basis={a.basis} />
                    <span className="small muted truncate">event {a.eventId} → record {a.subjectId}</span>
                  </div>
                  <dl className="kv kv-tight">
                    <dt>Who / where</dt>
                    <dd className="small">{[a.actor, a.ip, a.app].filter(Boolean).join(' · ') || '—'}</dd>
                    <dt>In scope because</dt>
                    <dd className="small">{a.inScopeBecause}</dd>
                    <dt>Fields</dt>
                    <dd className="small mono wrap">{a.fields === '*' ? 'all fields (*)' : a.fields.join(', ')}</dd>
                    {a.query && (
                      <>
                        <dt>Query</dt>
                        <dd>
                          <pre className="source-text" tabIndex={0} aria-label="Query">
                            {a.query}
                          </pre>
                        </dd>
                      </>
                    )}
                    {a.notes.length > 0 && (
                      <>
                        <dt>Notes</dt>
                        <dd className="small warn-soft">{a.notes.join(' · ')}</dd>
                      </>
                    )}
                  </dl>
                  <SourceCitationView source={a.source} />
                  <EventNotes api={api} caseDir={caseDir} eventId={a.eventId} />
                </li>
              ))}
            </ol>

            <h3>Records ({explanation.records.length})</h3>
            {explanation.records.length === 0 && <p className="small muted">No source record is recorded for this consumer.</p>}
            <ol className="walk">
              {explanation.records.map((r) => (
                <li key={r.subjectId} className="walk-item" data-testid="record">
                  <div className="walk-title">
                    <span className="action-tag">{r.system}</span>
                    <strong>{r.objectType}</strong>
                    <span className="mono small">{r.sourceId ?? `record ${r.subjectId}`}</span>
                    <span className="small muted truncate" title={r.joinedBecause}>
                      {r.joinedBecause}
                    </span>
                  </div>
                  <SourceCitationView source={r.source} />
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}

/** Notes on one access event, read only when the examiner opens them (a consumer can have many accesses). */
function EventNotes({ api, caseDir, eventId }: { api: LedgerApi; caseDir: string; eventId: number }) {
  const [open, setOpen] = useState(false);
  if (open) return <NotesPanel api={api} caseDir={caseDir} target={{ kind: 'event', id: eventId }} />;
  return (
    <button type="button" className="link" onClick={() => setOpen(true)}>
      Notes and tags on event {eventId}
    </button>
  );
}
