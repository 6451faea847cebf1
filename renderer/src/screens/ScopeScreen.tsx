import { useCallback, useEffect, useState } from 'react';
import type { LedgerApi, ReconstructResult, ScopeView } from '../../../shared/contract/api';
import { draftFromScope, indicatorCount, scopeRequest, type ScopeDraft } from '../analysis/scope-draft';
import { Hash } from '../components/Hash';
import { EmptyState, ErrorBanner } from '../components/States';
import { Truncate } from '../components/Truncate';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { WindowFields } from '../components/WindowFields';
import { formatCount, formatUtc } from '../format';
import { IndicatorEditor } from './scope/IndicatorEditor';
import { ReconstructPanel } from './scope/ReconstructPanel';
import type { ScreenId } from './screens';

interface Props {
  api: LedgerApi;
  caseDir: string;
  draft: ScopeDraft;
  onDraft: (draft: ScopeDraft) => void;
  reconstructed: ReconstructResult | null;
  onReconstructed: (result: ReconstructResult) => void;
  onScreen: (screen: ScreenId) => void;
}

function indicatorsOf(scope: ScopeView): string {
  const d = scope.definition;
  return [...d.ips, ...d.users, ...d.apps, ...d.clients, ...d.agents, ...d.sessions, ...d.loginKeys].join(', ');
}

const COLUMNS: Column<ScopeView>[] = [
  { key: 'version', header: 'Ver.', width: '44px', align: 'right', render: (s) => s.version },
  { key: 'created', header: 'Saved (UTC)', width: '150px', render: (s) => <span className="mono small">{formatUtc(s.createdAt)}</span> },
  { key: 'window', header: 'Window', width: 'minmax(200px, 1.4fr)', render: (s) => <Truncate className="mono small" text={`${formatUtc(s.definition.from)} → ${formatUtc(s.definition.to)}`} /> },
  { key: 'indicators', header: 'Indicators', width: 'minmax(160px, 2fr)', render: (s) => <Truncate className="mono small" text={indicatorsOf(s)} /> },
  { key: 'events', header: 'Events', width: '80px', align: 'right', render: (s) => formatCount(s.matchingEvents) },
  { key: 'actor', header: 'By', width: 'minmax(80px, 0.7fr)', render: (s) => <Truncate text={s.actor} /> },
  { key: 'sha256', header: 'SHA-256', width: '160px', render: (s) => <Hash value={s.sha256} /> },
];

export function ScopeScreen({ api, caseDir, draft, onDraft, reconstructed, onReconstructed, onScreen }: Props) {
  const [scopes, setScopes] = useState<ScopeView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<ScopeView | null>(null);

  const load = useCallback(() => {
    api.listScopes({ caseDir }).then(setScopes, setLoadError);
  }, [api, caseDir]);
  useEffect(load, [load]);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      setSaved(await api.defineScope(scopeRequest(caseDir, draft)));
      load();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };
  const latest = scopes && scopes.length > 0 ? scopes[scopes.length - 1]! : null;
  const empty = indicatorCount(draft) === 0 && !draft.from && !draft.to;

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Scope</h1>
        <span className="muted">{latest ? `Latest version ${latest.version} selects ${formatCount(latest.matchingEvents)} events` : 'No scope saved yet'}</span>
      </header>
      {loadError !== null && <ErrorBanner error={loadError} />}

      <section className="panel scope-editor" aria-labelledby="editor-title">
        <h2 id="editor-title">
          Incident definition
          {latest && (
            <button type="button" className="link" onClick={() => onDraft(draftFromScope(latest))}>
              Load version {latest.version}
            </button>
          )}
        </h2>
        {empty && (
          <p className="small muted">
            Type the window and indicators, or pick them from <button type="button" className="link" onClick={() => onScreen('triage')}>Triage</button>. An event is in scope when it falls in the window and
            matches any indicator (or shares a login or session with one that does).
          </p>
        )}
        <WindowFields from={draft.from} to={draft.to} onChange={(w) => onDraft({ ...draft, ...w })} />
        <IndicatorEditor draft={draft} onDraft={onDraft} />
        <div className="row-form">
          <button type="button" className="btn btn-primary" disabled={saving || indicatorCount(draft) === 0} onClick={() => void save()}>
            Save as version {(latest?.version ?? 0) + 1}
          </button>
          {saved && !saveError && (
            <span className="small" data-testid="scope-saved">
              Saved version {saved.version}: {formatCount(saved.matchingEvents)} matching events
            </span>
          )}
        </div>
        {saveError !== null && <ErrorBanner error={saveError} onDismiss={() => setSaveError(null)} />}
      </section>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {scopes && scopes.length === 0 && (
          <EmptyState title="No scope yet" action={<button type="button" className="btn" onClick={() => onScreen('triage')}>Open triage</button>}>
            <p>Every save is a new, hashed version logged in custody; earlier versions are kept.</p>
          </EmptyState>
        )}
        {scopes && scopes.length > 0 && (
          <VirtualTable label="Scope versions" testId="scope-versions" rows={[...scopes].reverse()} columns={COLUMNS} rowKey={(s) => s.version} onSelect={(s) => onDraft(draftFromScope(s))} height={170} />
        )}
      </section>

      <ReconstructPanel
        api={api}
        caseDir={caseDir}
        latestVersion={latest?.version ?? null}
        result={reconstructed}
        onReconstructed={onReconstructed}
        onShowConsumers={() => onScreen('consumers')}
      />
    </section>
  );
}
