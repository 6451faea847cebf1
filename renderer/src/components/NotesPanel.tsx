import { useEffect, useState } from 'react';
import type { AnnotationTarget, AnnotationView, LedgerApi } from '../../../shared/contract/api';
import { formatUtc } from '../format';
import { ErrorBanner } from './States';

/**
 * The examiner's note and tags on one event or consumer. Saving adds a version (logged in custody); earlier
 * versions stay listed under the current one, with who wrote them and when.
 */
export function NotesPanel({ api, caseDir, target, analysisId = null }: { api: LedgerApi; caseDir: string; target: AnnotationTarget; analysisId?: number | null }) {
  const [versions, setVersions] = useState<AnnotationView[] | null>(null);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `${target.kind}-${target.id}`;

  useEffect(() => {
    let current = true;
    setVersions(null);
    api.listAnnotations({ caseDir, target: { kind: target.kind, id: target.id } }).then(
      (list) => current && setVersions(list),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, target.kind, target.id]);

  const latest = versions?.at(-1) ?? null;
  const startEdit = () => {
    setNote(latest?.note ?? '');
    setTags(latest?.tags.join(', ') ?? '');
    setEditing(true);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.annotate({ caseDir, target, analysisId, note, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) });
      setVersions((list) => [...(list ?? []).map((v) => ({ ...v, current: false })), saved]);
      setEditing(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="notes" aria-labelledby={`notes-${id}`} data-testid={`notes-${id}`}>
      <h3 id={`notes-${id}`}>
        Examiner notes {latest && <span className="small muted">version {latest.version}</span>}
      </h3>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {!editing && latest && (
        <div className="note-current">
          {latest.tags.length > 0 && (
            <ul className="tag-list" aria-label="Tags">
              {latest.tags.map((t) => (
                <li key={t} className="tag">
                  {t}
                </li>
              ))}
            </ul>
          )}
          {latest.note ? <p className="note-text">{latest.note}</p> : <p className="small muted">No note text.</p>}
          <p className="small muted">
            {latest.actor} · {formatUtc(latest.createdAt)} UTC · custody #{latest.custodySeq}
          </p>
        </div>
      )}
      {!editing && versions && versions.length === 0 && <p className="small muted">No note yet.</p>}
      {!editing && (
        <button type="button" className="btn btn-small" onClick={startEdit} disabled={versions === null}>
          {latest ? 'Edit note (keeps this version)' : 'Add note or tags'}
        </button>
      )}
      {editing && (
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            <span>Note</span>
            <textarea name={`note-${id}`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <label>
            <span>Tags (comma-separated)</span>
            <input name={`tags-${id}`} value={tags} onChange={(e) => setTags(e.target.value)} placeholder="e.g. attacker, follow-up" />
          </label>
          <div className="row-actions">
            <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save as new version'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {versions && versions.length > 1 && (
        <details className="note-history">
          <summary className="small">Earlier versions ({versions.length - 1})</summary>
          <ol className="small">
            {versions.slice(0, -1).reverse().map((v) => (
              <li key={v.id} data-testid="note-version">
                <span className="muted">
                  v{v.version} · {v.actor} · {formatUtc(v.createdAt)} UTC
                </span>{' '}
                {v.tags.length > 0 && <span className="mono">[{v.tags.join(', ')}]</span>} {v.note}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
