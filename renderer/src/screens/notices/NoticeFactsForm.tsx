import { useState } from 'react';
import type { LedgerApi, NoticeFacts, StoredNoticeFacts } from '../../../../shared/contract/api';
import { ErrorBanner } from '../../components/States';
import { formatUtc } from '../../format';

interface Draft {
  companyName: string;
  companyAddress: string;
  tollFreePhone: string;
  website: string;
  companyEmail: string;
  contactName: string;
  contactTitle: string;
  contactPhone: string;
  contactEmail: string;
  incidentStart: string;
  incidentEnd: string;
  discoveredDate: string;
  noticeDate: string;
  whatHappened: string;
  whatWeAreDoing: string;
  lawEnforcementDelay: string;
  protectionProvider: string;
  protectionMonths: string;
  protectionEnrollBy: string;
  protectionUrl: string;
  protectionPhone: string;
  method: NoticeFacts['method'];
}

const METHOD_LABELS: Readonly<Record<NoticeFacts['method']['kind'], string>> = {
  written: 'Written notice (letters)',
  electronic: 'Electronic notice (email)',
  substitute: 'Substitute notice',
};

function draftOf(facts: NoticeFacts | null, discovered: string | null): Draft {
  const p = facts?.identityProtection ?? null;
  return {
    companyName: facts?.company.name ?? '',
    companyAddress: facts?.company.address.join('\n') ?? '',
    tollFreePhone: facts?.company.tollFreePhone ?? '',
    website: facts?.company.website ?? '',
    companyEmail: facts?.company.email ?? '',
    contactName: facts?.contact.name ?? '',
    contactTitle: facts?.contact.title ?? '',
    contactPhone: facts?.contact.phone ?? '',
    contactEmail: facts?.contact.email ?? '',
    incidentStart: facts?.incident.start ?? '',
    incidentEnd: facts?.incident.end ?? '',
    discoveredDate: facts?.discoveredDate ?? discovered ?? '',
    noticeDate: facts?.noticeDate ?? '',
    whatHappened: facts?.whatHappened ?? '',
    whatWeAreDoing: facts?.whatWeAreDoing ?? '',
    lawEnforcementDelay: facts?.lawEnforcementDelay ?? '',
    protectionProvider: p?.provider ?? '',
    protectionMonths: p?.months !== null && p?.months !== undefined ? String(p.months) : '',
    protectionEnrollBy: p?.enrollBy ?? '',
    protectionUrl: p?.url ?? '',
    protectionPhone: p?.phone ?? '',
    method: facts?.method ?? { kind: 'written' },
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** What the engine validates: blank optional fields are null; the engine names every missing or bad field. */
function factsOf(d: Draft): unknown {
  return {
    company: { name: d.companyName, address: d.companyAddress.split('\n'), tollFreePhone: orNull(d.tollFreePhone), website: orNull(d.website), email: orNull(d.companyEmail) },
    contact: { name: orNull(d.contactName), title: orNull(d.contactTitle), phone: orNull(d.contactPhone), email: orNull(d.contactEmail) },
    incident: { start: orNull(d.incidentStart), end: orNull(d.incidentEnd) },
    discoveredDate: orNull(d.discoveredDate),
    noticeDate: d.noticeDate.trim(),
    whatHappened: d.whatHappened,
    whatWeAreDoing: d.whatWeAreDoing,
    lawEnforcementDelay: orNull(d.lawEnforcementDelay),
    identityProtection: d.protectionProvider.trim()
      ? { provider: d.protectionProvider.trim(), months: d.protectionMonths.trim() ? Number(d.protectionMonths) : null, enrollBy: orNull(d.protectionEnrollBy), url: orNull(d.protectionUrl), phone: orNull(d.protectionPhone), instructions: null }
      : null,
    method: d.method,
  };
}

/** How notice is given: the engine checks it against each jurisdiction's methods and thresholds when the letters are written. */
function MethodFields({ method, onChange }: { method: NoticeFacts['method']; onChange: (method: NoticeFacts['method']) => void }) {
  const conditions = method.kind === 'electronic' ? method.conditions : [];
  const toggle = (kind: 'esign-consent' | 'primary-communication', on: boolean) =>
    onChange({ kind: 'electronic', conditions: on ? [...conditions.filter((c) => c !== kind), kind].sort() : conditions.filter((c) => c !== kind) });
  return (
    <fieldset>
      <legend>Notice method</legend>
      <div className="facts-grid">
        <label>
          <span>Method</span>
          <select
            name="fact-method"
            value={method.kind}
            onChange={(e) => {
              const kind = e.target.value as NoticeFacts['method']['kind'];
              onChange(kind === 'electronic' ? { kind, conditions: [] } : kind === 'substitute' ? { kind, writtenNoticeCostUsd: null, insufficientContact: false } : { kind: 'written' });
            }}
          >
            {Object.entries(METHOD_LABELS).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {method.kind === 'electronic' && (
          <>
            <label>
              <input type="checkbox" name="fact-method-esign" checked={conditions.includes('esign-consent')} onChange={(e) => toggle('esign-consent', e.target.checked)} />
              <span>Recipients consented under E-SIGN (15 U.S.C. § 7001)</span>
            </label>
            <label>
              <input type="checkbox" name="fact-method-primary" checked={conditions.includes('primary-communication')} onChange={(e) => toggle('primary-communication', e.target.checked)} />
              <span>Our primary way of communicating with them is electronic</span>
            </label>
          </>
        )}
        {method.kind === 'substitute' && (
          <>
            <label>
              <span>Estimated cost of written notice (USD)</span>
              <input
                name="fact-method-cost"
                className="mono"
                value={method.writtenNoticeCostUsd ?? ''}
                onChange={(e) => onChange({ ...method, writtenNoticeCostUsd: e.target.value.trim() === '' ? null : Number(e.target.value) })}
              />
            </label>
            <label>
              <input type="checkbox" name="fact-method-insufficient" checked={method.insufficientContact} onChange={(e) => onChange({ ...method, insufficientContact: e.target.checked })} />
              <span>Contact information is insufficient for written notice</span>
            </label>
          </>
        )}
      </div>
    </fieldset>
  );
}

type Field = { key: Exclude<keyof Draft, 'method'>; label: string; kind?: 'area' | 'date'; wide?: boolean; placeholder?: string };
const GROUPS: ReadonlyArray<{ title: string; fields: Field[] }> = [
  {
    title: 'Company and contact',
    fields: [
      { key: 'companyName', label: 'Company name' },
      { key: 'companyAddress', label: 'Postal address (one line each)', kind: 'area' },
      { key: 'tollFreePhone', label: 'Toll-free number' },
      { key: 'website', label: 'Website' },
      { key: 'companyEmail', label: 'Email' },
      { key: 'contactName', label: 'Contact name' },
      { key: 'contactTitle', label: 'Contact title' },
      { key: 'contactPhone', label: 'Contact phone' },
      { key: 'contactEmail', label: 'Contact email' },
    ],
  },
  {
    title: 'Dates (YYYY-MM-DD)',
    fields: [
      { key: 'incidentStart', label: 'Breach began', kind: 'date' },
      { key: 'incidentEnd', label: 'Breach ended', kind: 'date' },
      { key: 'discoveredDate', label: 'Discovered', kind: 'date' },
      { key: 'noticeDate', label: 'Date printed on the letters', kind: 'date' },
    ],
  },
  {
    title: 'The words of the notice',
    fields: [
      { key: 'whatHappened', label: 'What happened (never printed where the law forbids stating the nature of the breach)', kind: 'area', wide: true },
      { key: 'whatWeAreDoing', label: 'What we are doing', kind: 'area', wide: true },
      { key: 'lawEnforcementDelay', label: 'Law-enforcement delay (blank: notice was not delayed)', kind: 'area', wide: true },
    ],
  },
  {
    title: 'Identity-protection offer (blank provider: none offered)',
    fields: [
      { key: 'protectionProvider', label: 'Provider' },
      { key: 'protectionMonths', label: 'Months (blank: what each law requires)' },
      { key: 'protectionEnrollBy', label: 'Enroll by', kind: 'date' },
      { key: 'protectionUrl', label: 'Enrollment URL' },
      { key: 'protectionPhone', label: 'Enrollment phone' },
    ],
  },
];

/** Counsel's facts for the letters: each save is a new version, validated and logged in custody by the engine. */
export function NoticeFactsForm({ api, caseDir, stored, discovered, onSaved }: { api: LedgerApi; caseDir: string; stored: StoredNoticeFacts | null; discovered: string | null; onSaved: (facts: StoredNoticeFacts) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored?.facts ?? null, discovered));
  const [open, setOpen] = useState(stored === null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.setNoticeFacts({ caseDir, facts: factsOf(draft) });
      onSaved(saved);
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="facts-title" data-testid="notice-facts">
      <h2 id="facts-title">
        Notice facts
        <span className="small muted">
          {stored ? `version ${stored.id} · ${stored.actor} · ${formatUtc(stored.recordedAt)} UTC` : 'not stated yet: letters print a visible gap for every missing fact'}
        </span>
        <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : stored ? 'Edit facts' : 'State the facts'}
        </button>
      </h2>
      {stored && !open && (
        <p className="small">
          <strong>{stored.facts.company.name}</strong> · notice dated {stored.facts.noticeDate} · discovered {stored.facts.discoveredDate}
          {stored.facts.identityProtection ? ` · ${stored.facts.identityProtection.provider} offered` : ' · no identity-protection offer'}
        </p>
      )}
      {open && (
        <form
          className="facts-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {GROUPS.map((group) => (
            <fieldset key={group.title}>
              <legend>{group.title}</legend>
              <div className="facts-grid">
                {group.fields.map((f) => (
                  <label key={f.key} className={f.wide ? 'wide' : undefined}>
                    <span>{f.label}</span>
                    {f.kind === 'area' ? (
                      <textarea name={`fact-${f.key}`} rows={f.wide ? 3 : 2} value={draft[f.key]} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
                    ) : (
                      <input name={`fact-${f.key}`} className={f.kind === 'date' ? 'mono' : undefined} placeholder={f.kind === 'date' ? 'YYYY-MM-DD' : undefined} value={draft[f.key]} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
                    )}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <MethodFields method={draft.method} onChange={(method) => setDraft({ ...draft, method })} />
          {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
          <div className="row-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save facts as a new version'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
