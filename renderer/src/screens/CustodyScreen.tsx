import { useEffect, useState } from 'react';
import type { CustodyEntryView, CustodyView, LedgerApi, VerifyResult } from '../../../shared/contract/api';
import { Hash } from '../components/Hash';
import { PrintButton, usePrinting } from '../components/PrintButton';
import { EmptyState, ErrorBanner, StatusPill } from '../components/States';
import { Truncate } from '../components/Truncate';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatUtc } from '../format';

const COLUMNS: Column<CustodyEntryView>[] = [
  { key: 'seq', header: 'Seq', width: '56px', align: 'right', sortValue: (e) => e.seq, render: (e) => e.seq },
  { key: 'at', header: 'Time (UTC)', width: '170px', sortValue: (e) => e.at, render: (e) => <span className="mono small">{formatUtc(e.at)}</span> },
  { key: 'actor', header: 'Examiner', width: 'minmax(110px, 1fr)', sortValue: (e) => e.actor, render: (e) => <Truncate text={e.actor} /> },
  { key: 'os', header: 'OS account', width: '96px', sortValue: (e) => e.osUser, render: (e) => <Truncate className="mono small" text={e.osUser} /> },
  { key: 'action', header: 'Action', width: '96px', sortValue: (e) => e.action, render: (e) => <span className="action-tag">{e.action}</span> },
  { key: 'subject', header: 'Subject', width: 'minmax(180px, 2.5fr)', sortValue: (e) => e.subject, render: (e) => <Truncate text={e.subject} /> },
  { key: 'hash', header: 'Entry hash', width: '176px', render: (e) => <Hash value={e.entryHash} /> },
];

function matchesEntry(entry: CustodyEntryView, needle: string): boolean {
  return [String(entry.seq), entry.at, entry.actor, entry.osUser, entry.action, entry.subject, entry.entryHash, JSON.stringify(entry.details)].some((v) => v.toLowerCase().includes(needle));
}

/** `headSeq`: the custody head the top bar shows; the log is read again whenever it moves. */
export function CustodyScreen({ api, caseDir, lastVerify, headSeq }: { api: LedgerApi; caseDir: string; lastVerify: VerifyResult | null; headSeq: number }) {
  const [view, setView] = useState<CustodyView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const printing = usePrinting();

  useEffect(() => {
    api.custody({ caseDir }).then(setView, setError);
  }, [api, caseDir, headSeq]);

  const selected = view?.entries.find((e) => e.seq === selectedSeq) ?? null;
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-head">
        <h1 id="screen-title">Custody log</h1>
        {view && <span className="muted">{view.entries.length} entries, append-only and hash-chained</span>}
        {view && <PrintButton what="custody log" />}
      </header>
      {error !== null && <ErrorBanner error={error} />}
      {view && (
        <div className="head-card panel">
          <div>
            <div className="label">Head · entry #{view.head.seq}</div>
            <Hash value={view.head.hash} full testId="custody-head" />
            <div className="small muted">Write this hash in your notes: any later change to the log changes it.</div>
          </div>
          <VerificationStatus view={view} lastVerify={lastVerify} />
        </div>
      )}
      {view && view.entries.length === 0 && <EmptyState title="The custody log is empty" />}
      {view && view.entries.length > 0 && (
        <>
          <label className="table-search">
            <span>Search the log</span>
            <input name="custodySearch" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Action, examiner, subject, hash" />
          </label>
          {printing && <PrintedLog entries={view.entries} />}
          <VirtualTable
            label="Custody entries"
            testId="custody-table"
            rows={search.trim() ? view.entries.filter((e) => matchesEntry(e, search.trim().toLowerCase())) : view.entries}
            columns={COLUMNS}
            rowKey={(e) => e.seq}
            selectedKey={selectedSeq}
            onSelect={(e) => setSelectedSeq(e.seq)}
            height={300}
          />
          {selected ? <EntryDetails entry={selected} /> : <p className="small muted">Select an entry (or use ↑ ↓ in the table) to see its details and chain link.</p>}
        </>
      )}
    </section>
  );
}

/** The latest verification: this session's result, or else the last `verify` entry in the chain. */
function VerificationStatus({ view, lastVerify }: { view: CustodyView; lastVerify: VerifyResult | null }) {
  const logged = view.entries.findLast((e) => e.action === 'verify');
  if (!logged) return <div className="verify-status"><span className="pill pill-none">Never verified</span><span className="small muted">Run Verify to check the chain and the vault.</span></div>;
  const ok = lastVerify?.loggedAs?.seq === logged.seq ? lastVerify.ok : logged.details.ok === true;
  const since = view.head.seq - logged.seq;
  return (
    <div className="verify-status" data-testid="custody-verification">
      <StatusPill ok={ok} okText="Verified" failText="Failed" />
      <span className="small">
        Last verification #{logged.seq} at {formatUtc(logged.at)} by {logged.actor}
        {since > 0 ? `; ${since} entr${since === 1 ? 'y' : 'ies'} added since` : ''}
      </span>
    </div>
  );
}

function EntryDetails({ entry }: { entry: CustodyEntryView }) {
  return (
    <div className="panel details" aria-label={`Custody entry ${entry.seq}`}>
      <h2 className="truncate" title={entry.subject}>
        #{entry.seq} · {entry.action} · {entry.subject}
      </h2>
      <dl className="kv">
        <dt>When</dt>
        <dd>{formatUtc(entry.at)}</dd>
        <dt>Who</dt>
        <dd>
          {entry.actor} (OS user {entry.osUser} on {entry.host}, Breach Ledger {entry.appVersion})
        </dd>
        <dt>Previous hash</dt>
        <dd>
          <Hash value={entry.prevHash} full />
        </dd>
        <dt>Entry hash</dt>
        <dd>
          <Hash value={entry.entryHash} full />
        </dd>
        <dt>Details</dt>
        <dd>
          <pre className="json" tabIndex={0} aria-label="Entry details">
            {JSON.stringify(entry.details, null, 2)}
          </pre>
        </dd>
      </dl>
    </div>
  );
}

/** The whole log as a plain table, rendered only while printing (the screen's table shows only the rows in view). */
function PrintedLog({ entries }: { entries: readonly CustodyEntryView[] }) {
  return (
    <table className="mini-table print-only">
      <thead>
        <tr>
          <th>Seq</th>
          <th>Time (UTC)</th>
          <th>Examiner / OS account</th>
          <th>Action</th>
          <th>Subject</th>
          <th>Entry hash</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq}>
            <td>{e.seq}</td>
            <td className="mono">{formatUtc(e.at)}</td>
            <td>
              {e.actor} / {e.osUser}
            </td>
            <td>{e.action}</td>
            <td className="wrap">{e.subject}</td>
            <td className="mono wrap">{e.entryHash}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
