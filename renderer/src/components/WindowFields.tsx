/** The incident window as two ISO 8601 UTC instants, typed as an examiner writes them. */
export function WindowFields({ from, to, onChange, disabled }: { from: string; to: string; onChange: (window: { from: string; to: string }) => void; disabled?: boolean }) {
  return (
    <div className="window-fields">
      <label>
        <span>From (UTC)</span>
        <input name="from" className="mono" placeholder="e.g. 2025-06-16T14:00:00Z" value={from} disabled={disabled} onChange={(e) => onChange({ from: e.target.value, to })} />
      </label>
      <label>
        <span>To (UTC)</span>
        <input name="to" className="mono" placeholder="e.g. 2025-06-17T03:00:00Z" value={to} disabled={disabled} onChange={(e) => onChange({ from, to: e.target.value })} />
      </label>
    </div>
  );
}
