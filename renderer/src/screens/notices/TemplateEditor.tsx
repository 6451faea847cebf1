import { useEffect, useState } from 'react';
import type { LedgerApi, TemplateCheck, TemplateInUse } from '../../../../shared/contract/api';
import { ELEMENT_LABELS, isElementCode } from '../../../../shared/contract/elements';
import { ErrorBanner } from '../../components/States';
import { TemplateChecks } from './TemplateChecks';

/**
 * Counsel's template for one jurisdiction: the text in force (counsel's saved version or the default built from the
 * rule pack), editable here. "Check" asks the engine without saving; "Save" records a new version, and the engine
 * refuses a template that drops a required section or includes forbidden content, naming each.
 */
export function TemplateEditor({ api, caseDir, jurisdiction, onSaved }: { api: LedgerApi; caseDir: string; jurisdiction: string; onSaved: () => void }) {
  const [view, setView] = useState<TemplateInUse | null>(null);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<TemplateCheck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setView(null);
    setError(null);
    setSaved(null);
    api.noticeTemplate({ caseDir, jurisdiction }).then(
      (v) => {
        if (!current) return;
        setView(v);
        setText(v.text);
        setCheck(v.check);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, caseDir, jurisdiction]);

  const edited = view !== null && text !== view.text;
  const runCheck = async () => {
    setBusy(true);
    setError(null);
    try {
      setCheck(await api.checkNoticeTemplate({ caseDir, jurisdiction, text }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const result = await api.setNoticeTemplate({ caseDir, jurisdiction, text });
      const fresh = await api.noticeTemplate({ caseDir, jurisdiction });
      setView(fresh);
      setText(fresh.text);
      setCheck(fresh.check);
      setSaved(result.sha256);
      onSaved();
    } catch (e) {
      setError(e);
      // The refusal names the problems; the full check goes beside it.
      setCheck(await api.checkNoticeTemplate({ caseDir, jurisdiction, text }).catch(() => null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`template-${jurisdiction}`} data-testid="template-editor">
      <h2 id={`template-${jurisdiction}`}>
        Template
        {view && (
          <span className="small muted" data-testid="template-source">
            {view.source === 'counsel' ? `counsel’s version ${view.id ?? ''}` : 'default built from the rule pack'} · SHA-256 {view.sha256.slice(0, 12)}…
          </span>
        )}
        {edited && <span className="pill pill-none">edited, not saved</span>}
      </h2>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {saved && (
        <p className="small ok-text" role="status">
          Saved as a new version (SHA-256 {saved.slice(0, 16)}…), logged in custody.
        </p>
      )}
      {view && <RulesInForce rules={view.rules} />}
      {view && (
        <>
          <label className="template-text">
            <span>Template text: [title], [section: Heading], {'{{placeholders}}'}; lines starting with # are comments</span>
            <textarea name="templateText" rows={18} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="row-actions">
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void runCheck()}>
              Check template
            </button>
            <button type="button" className="btn btn-small btn-primary" disabled={busy || !edited} onClick={() => void save()}>
              Save template
            </button>
            <button type="button" className="btn btn-small" disabled={busy || !edited} onClick={() => (setText(view.text), setCheck(view.check))}>
              Discard edits
            </button>
          </div>
          {check && <TemplateChecks check={check} testId="template-checks" />}
        </>
      )}
    </section>
  );
}

const RULE_WORDS = { stated: 'stated in the pack (checked)', none: 'none: the law sets no such rule', 'not-researched': 'not researched — counsel must review' } as const;

/** The content rules the check applies, as the rule pack states them on the law date. */
function RulesInForce({ rules }: { rules: TemplateInUse['rules'] }) {
  return (
    <dl className="kv small rules-in-force" data-testid="rules-in-force">
      <dt>Rule pack</dt>
      <dd>
        {rules.jurisdiction} v{rules.packVersion} ({rules.packStatus}) · in force {rules.date}
        {rules.citation ? ` · ${rules.citation}` : ''}
      </dd>
      <dt>Required content</dt>
      <dd>{RULE_WORDS[rules.requiredRule]}</dd>
      <dt>Forbidden content</dt>
      <dd>{RULE_WORDS[rules.forbiddenRule]}</dd>
      {rules.minFontPoints && (
        <>
          <dt>Type size</dt>
          <dd>
            at least {rules.minFontPoints.points} point · {rules.minFontPoints.citation}
          </dd>
        </>
      )}
      <dt>Identity protection</dt>
      <dd>
        {rules.identityProtection
          ? `${rules.identityProtection.months} months offered${rules.identityProtection.whenExposed.length > 0 ? ` when any of ${rules.identityProtection.whenExposed.map((e) => (isElementCode(e) ? ELEMENT_LABELS[e] : e).toLowerCase()).join(', ')} was exposed` : ''} · ${rules.identityProtection.citation}`
          : 'no offer required by the pack'}
      </dd>
    </dl>
  );
}
