import { formatBytes, formatCount, formatDuration } from '../format';
import type { JobProgress } from '../job';

const PHASE_NAMES: Record<string, string> = {
  acquire: 'Hashing and copying to vault',
  parse: 'Parsing rows',
  index: 'Building indexes',
  verify: 'Re-hashing vault copies',
  reconstruct: 'Reconstructing affected consumers',
  export: 'Writing and hashing export files',
  triage: 'Summing activity per dimension',
};

function amount(value: number, unit: JobProgress['unit']): string {
  return unit === 'bytes' ? formatBytes(value) : `${formatCount(value)} ${unit}`;
}

export function ProgressCard({ progress, onCancel }: { progress: JobProgress | null; onCancel?: () => void }) {
  const fraction = progress && progress.total ? Math.min(1, progress.done / progress.total) : null;
  return (
    <div className="progress-card" role="status" aria-live="polite" data-testid="job-progress">
      <div className="progress-head">
        <strong className="truncate" title={progress?.label}>
          {progress ? progress.label : 'Starting…'}
        </strong>
        <span className="muted">{progress ? (PHASE_NAMES[progress.phase] ?? progress.phase) : ''}</span>
        {onCancel && (
          <button type="button" className="btn btn-small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}>
        <div className={`bar-fill ${fraction === null ? 'bar-indeterminate' : ''}`} style={{ width: `${(fraction ?? 1) * 100}%` }} />
      </div>
      {progress && (
        <div className="progress-stats">
          <span>
            {amount(progress.done, progress.unit)}
            {progress.total !== null && ` of ${amount(progress.total, progress.unit)}`}
          </span>
          {progress.rows !== undefined && <span>{formatCount(progress.rows)} rows</span>}
          {progress.rowsPerSecond !== null && <span>{formatCount(Math.round(progress.rowsPerSecond))} rows/s</span>}
          {progress.rate !== null && progress.unit === 'bytes' && <span>{formatBytes(progress.rate)}/s</span>}
          <span>ETA {progress.etaSeconds === null ? '—' : formatDuration(progress.etaSeconds)}</span>
        </div>
      )}
    </div>
  );
}
