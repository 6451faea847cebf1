import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExportView, LedgerApi, NoticePlanView, RulePackView, StoredNoticeFacts } from '../../../shared/contract/api';
import { Hash } from '../components/Hash';
import { ProgressCard } from '../components/ProgressCard';
import { EmptyState, ErrorBanner, isNoAnalysis, NoAnalysisYet } from '../components/States';
import { formatBytes, formatCount } from '../format';
import { useJob } from '../job';
import { LetterPreviewView } from './notices/LetterPreviewView';
import { NoticeFactsForm } from './notices/NoticeFactsForm';
import { TemplateEditor } from './notices/TemplateEditor';
import type { ScreenId } from './screens';

interface Props {
  api: LedgerApi;
  caseDir: string;
  discovered: string | null;
  hasAnalysis: boolean;
  onScreen: (screen: ScreenId) => void;
}

type PlanJurisdiction = NoticePlanView['jurisdictions'][number];

const METHOD_WORDS: Record<keyof PlanJurisdiction['byMethod'], string> = {
  'postal mail': 'By postal mail',
  'email only': 'Email only (no postal address)',
  'no address or email': 'Neither address nor email',
};

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

const HELD_WORDS = { conflict: 'with conflicting records', 'possible-match': 'possibly the same person as another', 'content-only': 'with an element found only by content' } as const;

/**
 * The notice package: counsel's facts, then per jurisdiction that requires individual notice the template (editable,
 * checked by the engine against the rule pack's required and forbidden content), a preview of a real person's
 * letter, the counts, and the export that writes letters and submissions into a signed export.
 */
export function NoticesScreen({ api, caseDir, discovered, hasAnalysis, onScreen }: Props) {
  const [facts, setFacts] = useState<StoredNoticeFacts | null | undefined>(undefined);
  const [plan, setPlan] = useState<NoticePlanView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [packs, setPacks] = useState<RulePackView[]>([]);
  const bump = useCallback(() => setRevision((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    api.noticeFacts({ caseDir }).then(
      (f) => current && setFacts(f),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir]);
  useEffect(() => {
    let current = true;
    api.noticePlan({ caseDir }).then(
      (p) => {
        if (!current) return;
        setPlan(p);
        setSelected((s) => s ?? p.jurisdictions[0]?.jurisdiction ?? null);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, revision]);

  useEffect(() => {
    let current = true;
    api.listRules({ caseDir }).then(
      (list) => current && setPacks(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, caseDir]);

  const chosen = useMemo(() => plan?.jurisdictions.find((j) => j.jurisdiction === selected) ?? null, [plan, selected]);
  const otherPacks = useMemo(() => packs.filter((p) => !plan?.jurisdictions.some((j) => j.jurisdiction === p.jurisdiction)), [packs, plan]);
  const otherChosen = chosen ? null : (otherPacks.find((p) => p.jurisdiction === selected) ?? null);

  if (!hasAnalysis || (isNoAnalysis(error) && !plan)) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <header className="screen-head">
          <h1 id="screen-title">Notices</h1>
        </header>
        <NoAnalysisYet onOpenScope={() => onScreen('scope')}>
          <p>Letters go to the people an analysis found, under the laws that require notice. Define the scope and reconstruct first.</p>
        </NoAnalysisYet>
      </section>
    );
  }

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Notices</h1>
        {plan && (
          <span className="muted" data-testid="notice-totals">
            {formatCount(plan.jurisdictions.length)} jurisdictions require individual notice · {formatCount(plan.jurisdictions.reduce((n, j) => n + j.letters, 0))} letters ·{' '}
            {formatCount(plan.jurisdictions.reduce((n, j) => n + j.heldForReview, 0))} held back for review · analysis {plan.analysis}
          </span>
        )}
      </header>
      {error !== null && !isNoAnalysis(error) && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {facts !== undefined && <NoticeFactsForm api={api} caseDir={caseDir} stored={facts} discovered={discovered} onSaved={(f) => (setFacts(f), bump())} />}
      {plan && plan.jurisdictions.length === 0 && (
        <EmptyState title="No jurisdiction requires individual notice on this analysis">
          <p>The Obligations screen explains, per jurisdiction, why notice is or is not required and what counsel must review.</p>
        </EmptyState>
      )}
      {plan && (plan.jurisdictions.length > 0 || otherPacks.length > 0) && (
        <div className="notices-layout">
          <JurisdictionList rows={plan.jurisdictions} others={otherPacks} selected={selected} onSelect={setSelected} />
          {chosen && (
            <div className="notices-detail" key={chosen.jurisdiction}>
              <NoticeCounts row={chosen} />
              <TemplateEditor api={api} caseDir={caseDir} jurisdiction={chosen.jurisdiction} onSaved={bump} />
              <LetterPreviewView api={api} caseDir={caseDir} jurisdiction={chosen.jurisdiction} revision={`${revision}#${facts?.id ?? 0}`} />
            </div>
          )}
          {otherChosen && (
            <div className="notices-detail" key={otherChosen.jurisdiction}>
              <section className="panel" aria-labelledby="notice-counts-title" data-testid="notice-counts">
                <h2 id="notice-counts-title">
                  {otherChosen.name} <span className="small muted">{otherChosen.jurisdiction}</span>
                </h2>
                <p className="small">No letters on this analysis: no one here is owed individual notice under this jurisdiction’s law (the Obligations screen says why). Its template can be prepared and checked all the same.</p>
              </section>
              <TemplateEditor api={api} caseDir={caseDir} jurisdiction={otherChosen.jurisdiction} onSaved={bump} />
            </div>
          )}
        </div>
      )}
      {plan && plan.jurisdictions.length > 0 && <NoticeExport api={api} caseDir={caseDir} />}
    </section>
  );
}

function JurisdictionList({ rows, others, selected, onSelect }: { rows: readonly PlanJurisdiction[]; others: readonly RulePackView[]; selected: string | null; onSelect: (j: string) => void }) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = rows.filter((j) => !needle || j.jurisdiction.toLowerCase().includes(needle) || j.name.toLowerCase().includes(needle));
  return (
    <nav className="panel notices-list" aria-label="Jurisdictions requiring notice">
      <label className="table-search">
        <span>Find a jurisdiction</span>
        <input name="noticeJurisdictionSearch" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. CA, Massachusetts" />
      </label>
      <ul>
        {shown.map((j) => (
          <li key={j.jurisdiction}>
            <button type="button" className={`notice-jurisdiction ${j.jurisdiction === selected ? 'active' : ''}`} aria-current={j.jurisdiction === selected ? 'true' : undefined} onClick={() => onSelect(j.jurisdiction)} data-testid={`notice-${j.jurisdiction}`}>
              <span className="notice-jurisdiction-name">
                <span className="mono">{j.jurisdiction.replace(/^US-/, '')}</span> {j.name}
              </span>
              <span className="small muted">
                {plural(j.letters, 'letter')}
                {j.heldForReview > 0 ? ` · ${formatCount(j.heldForReview)} held` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <label className="other-templates">
          <span>Template of another jurisdiction (no letters here)</span>
          <select name="otherJurisdiction" value={others.some((p) => p.jurisdiction === selected) ? selected! : ''} onChange={(e) => e.target.value && onSelect(e.target.value)}>
            <option value="">Choose…</option>
            {others.map((p) => (
              <option key={p.jurisdiction} value={p.jurisdiction}>
                {p.jurisdiction.replace(/^US-/, '')} {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}

function NoticeCounts({ row }: { row: PlanJurisdiction }) {
  return (
    <section className="panel" aria-labelledby="notice-counts-title" data-testid="notice-counts">
      <h2 id="notice-counts-title">
        {row.name} <span className="small muted">{row.jurisdiction}</span>
      </h2>
      <dl className="stat-row">
        <div>
          <dt>Letters</dt>
          <dd data-testid="count-letters">{formatCount(row.letters)}</dd>
        </div>
        <div>
          <dt>Held back for review</dt>
          <dd data-testid="count-held">{formatCount(row.heldForReview)}</dd>
        </div>
        <div>
          <dt>Inferred only (no letter)</dt>
          <dd>up to {formatCount(row.inferredUpperBound)}</dd>
        </div>
        {(Object.keys(METHOD_WORDS) as Array<keyof typeof METHOD_WORDS>).map((method) => [method, row.byMethod[method]] as const).map(([method, n]) => (
          <div key={method}>
            <dt>{METHOD_WORDS[method]}</dt>
            <dd data-testid={`count-${method.replace(/\W+/g, '-')}`}>{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      {row.heldForReview > 0 && (
        <p className="small muted">
          Held until an investigator decides:{' '}
          {Object.entries(row.heldByKind)
            .map(([kind, n]) => `${formatCount(n)} ${HELD_WORDS[kind as keyof typeof HELD_WORDS]}`)
            .join(' · ')}{' '}
          (the review queue is on the Affected consumers screen).
        </p>
      )}
      {row.byMethod['no address or email'] > 0 && <p className="small warn">{formatCount(row.byMethod['no address or email'])} people have neither a postal address in this jurisdiction nor an email: counsel must consider substitute notice.</p>}
    </section>
  );
}

/** Writes the notice package (letters and submissions) into a new folder of the case's exports with its own signed manifest. */
function NoticeExport({ api, caseDir }: { api: LedgerApi; caseDir: string }) {
  const job = useJob();
  const [exported, setExported] = useState<ExportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setError(null);
    try {
      setExported(await job.run((context) => api.writeNoticePackage({ caseDir }, context)));
    } catch (e) {
      setError(e);
    }
  };
  const files = exported?.files ?? [];
  return (
    <section className="panel" aria-labelledby="notice-export-title" data-testid="notice-export">
      <h2 id="notice-export-title">Export the notice package</h2>
      <p className="small muted">Writes the letters (PDF, one file per jurisdiction), the DOCX templates, mail-merge CSVs, email versions and the regulator and agency submissions into a new folder under the case’s exports; every file is hashed in its signed manifest and the package is logged in custody. A full export (Exports screen) carries the same files.</p>
      <button type="button" className="btn btn-primary" disabled={job.running} onClick={() => void run()}>
        Export notice package
      </button>
      {job.running && <ProgressCard progress={job.progress} onCancel={job.cancel} />}
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {exported && (
        <div className="small" role="status" data-testid="notice-export-result">
          <p>
            {formatCount(files.length)} files written in <code className="mono small wrap">{exported.dir}</code>
          </p>
          <p>
            Manifest SHA-256 <Hash value={exported.manifestSha256} />
          </p>
          <ul className="notice-files" tabIndex={0} aria-label="Files of the notice package">
            {files.map((f) => (
              <li key={f.path}>
                <span className="mono">{f.path}</span> <span className="muted">{formatBytes(f.size)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
