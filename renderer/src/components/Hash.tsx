import { shortHash } from '../format';
import { CopyButton } from './CopyButton';

/**
 * A hash in monospace with a copy button; `full` shows every digit, otherwise the full value is on hover and in
 * print (a printed page has no hover, and an examiner records the whole digest).
 */
export function Hash({ value, full = false, testId }: { value: string; full?: boolean; testId?: string }) {
  return (
    <span className={full ? 'hash hash-full' : 'hash'}>
      <code title={value} data-testid={testId} data-value={value}>
        {full ? value : shortHash(value)}
      </code>
      {!full && <code className="hash-print">{value}</code>}
      <CopyButton value={value} />
    </span>
  );
}
