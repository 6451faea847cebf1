import { useEffect, useState, type FormEvent } from 'react';
import type { CaseSummary, LedgerApi } from '../../../shared/contract/api';
import type { DesktopLedger } from '../api/desktop';
import { ErrorBanner } from '../components/States';
import { Truncate } from '../components/Truncate';
import { formatUtc } from '../format';
import { rememberedExaminer } from '../examiner';
import { forgetCase, loadRecentCases } from '../recent-cases';

interface Props {
  api: LedgerApi;
  desktop: DesktopLedger['desktop'] | null;
  /** `examiner`: who the app logs actions as (the investigator of a new case, unless named otherwise). */
  onOpened: (summary: CaseSummary, examiner: string) => void;
  /** A case chosen from the native menu before the picker was shown. */
  openOnMount: string | null;
  onOpenOnMountDone: () => void;
}

const EMPTY_FORM = { caseDir: '', name: '', investigator: '', matter: '', discovered: '', timeZone: 'UTC' };

export function CasePicker({ api, desktop, onOpened, openOnMount, onOpenOnMountDone }: Props) {
  const [recent, setRecent] = useState(loadRecentCases);
  const [openPath, setOpenPath] = useState('');
  const [examiner, setExaminer] = useState(() => rememberedExaminer(null));
  const [form, setForm] = useState(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const attempt = async (work: () => Promise<CaseSummary>, examinerFor: (summary: CaseSummary) => string) => {
    setBusy(true);
    setError(null);
    try {
      const summary = await work();
      onOpened(summary, examinerFor(summary));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const open = (caseDir: string) => attempt(() => api.openCase({ caseDir }), (summary) => examiner.trim() || rememberedExaminer(summary.caseDir) || summary.investigator);

  useEffect(() => {
    if (!openOnMount) return;
    onOpenOnMountDone();
    void open(openOnMount);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- opens the case named at launch once, not again when callbacks change.
  }, [openOnMount]);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() =>
      api.createCase({
        caseDir: form.caseDir.trim(),
        name: form.name.trim(),
        investigator: form.investigator.trim(),
        matter: form.matter.trim() || null,
        discovered: form.discovered || null,
        timeZone: form.timeZone.trim() || null,
      }),
      (summary) => summary.investigator,
    );
  };
  const field = (key: keyof typeof EMPTY_FORM) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const browse = async (purpose: 'create' | 'open') => {
    const dir = await desktop?.chooseCaseFolder(purpose);
    if (dir && purpose === 'open') setOpenPath(dir);
    if (dir && purpose === 'create') setForm((f) => ({ ...f, caseDir: dir }));
  };

  return (
    <main className="picker">
      <header className="picker-head">
        <h1>Breach Ledger</h1>
        <p className="muted">Open a case folder or start a new one. A case is one portable folder: evidence store, vault of originals, exports and signing key.</p>
      </header>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="picker-grid">
        <section className="panel" aria-labelledby="open-title">
          <h2 id="open-title">Open a case</h2>
          <form
            className="open-form"
            onSubmit={(e) => {
              e.preventDefault();
              void open(openPath.trim());
            }}
          >
            <div className="row-form">
              <label className="grow">
                <span>Case folder</span>
                <input name="openPath" className="mono" placeholder="e.g. /cases/2024-017-acme" value={openPath} onChange={(e) => setOpenPath(e.target.value)} required />
              </label>
              {desktop && (
                <button type="button" className="btn" onClick={() => void browse('open')}>
                  Browse…
                </button>
              )}
              <button type="submit" className="btn btn-primary" disabled={busy || !openPath.trim()}>
                Open
              </button>
            </div>
            <label className="examiner-field">
              <span>Examiner (actions are logged as this person, with the OS account)</span>
              <input name="examiner" placeholder="Defaults to the case's investigator" value={examiner} onChange={(e) => setExaminer(e.target.value)} />
            </label>
          </form>
          <h3 className="subhead">Recent cases</h3>
          {recent.length === 0 ? (
            <p className="muted small">Cases you open or create appear here.</p>
          ) : (
            <ul className="recent" aria-label="Recent cases">
              {recent.map((r) => (
                <li key={r.caseDir}>
                  <button type="button" className="recent-open" onClick={() => void open(r.caseDir)} disabled={busy}>
                    <Truncate className="recent-name" text={r.matter ? `${r.name} · ${r.matter}` : r.name} />
                    <Truncate className="mono small muted" text={r.caseDir} />
                  </button>
                  <span className="small muted">opened {formatUtc(r.openedAt)}</span>
                  <button type="button" className="link" aria-label={`Forget ${r.name}`} onClick={() => setRecent(forgetCase(r.caseDir))}>
                    Forget
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="create-title">
          <h2 id="create-title">New case</h2>
          <form className="grid-form" onSubmit={create}>
            <label className="span-2">
              <span>Case folder (new or empty)</span>
              <span className="row-form">
                <input name="caseDir" className="mono grow" placeholder="e.g. /cases/2024-017-acme" required {...field('caseDir')} />
                {desktop && (
                  <button type="button" className="btn" onClick={() => void browse('create')}>
                    Browse…
                  </button>
                )}
              </span>
            </label>
            <label className="span-2">
              <span>Case name</span>
              <input name="name" placeholder="e.g. Acme CRM exfiltration" required {...field('name')} />
            </label>
            <label>
              <span>Investigator</span>
              <input name="investigator" placeholder="e.g. J. Rivera" required {...field('investigator')} />
            </label>
            <label>
              <span>Matter (optional)</span>
              <input name="matter" placeholder="e.g. M-2024-017" {...field('matter')} />
            </label>
            <label>
              <span>Discovered (optional)</span>
              <input name="discovered" type="date" {...field('discovered')} />
            </label>
            <label>
              <span>Time zone of the case (IANA)</span>
              <input name="timeZone" list="time-zones" placeholder="UTC when left empty" {...field('timeZone')} />
            </label>
            <datalist id="time-zones">
              {Intl.supportedValuesOf('timeZone').map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <div className="span-2 form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Create case
              </button>
            </div>
          </form>
        </section>
      </div>
    </main>
  );
}
