import type { ReactNode } from 'react';
import { LedgerError } from '../../../shared/contract/errors';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <h3>{title}</h3>
      {children && <div className="empty-body">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

/** The engine's own message, with its error code for the examiner's notes. */
export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const code = error instanceof LedgerError ? error.code : 'ERROR';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-code">{code}</span>
      <span className="banner-text">{message}</span>
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

/** The analysis calls' NOT_FOUND: no reconstruction has been run for this case yet. */
export function isNoAnalysis(error: unknown): boolean {
  return error instanceof LedgerError && error.code === 'NOT_FOUND';
}

/** What an analysis screen shows before the first reconstruction: why it is empty, and the way to the scope screen. */
export function NoAnalysisYet({ onOpenScope, children }: { onOpenScope: () => void; children: ReactNode }) {
  return (
    <EmptyState title="No analysis yet" action={<button type="button" className="btn btn-primary" onClick={onOpenScope}>Open scope and reconstruct</button>}>
      {children}
    </EmptyState>
  );
}

export function StatusPill({ ok, okText = 'Pass', failText = 'Fail' }: { ok: boolean; okText?: string; failText?: string }) {
  return <span className={`pill ${ok ? 'pill-ok' : 'pill-fail'}`}>{ok ? okText : failText}</span>;
}
