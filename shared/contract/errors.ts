/** Error codes every front end understands. The message is one sentence that says what to do. */
export type ErrorCode =
  | 'BAD_USAGE'
  | 'NOT_FOUND'
  | 'NOT_A_CASE'
  | 'CASE_NOT_EMPTY'
  | 'DUPLICATE_EVIDENCE'
  | 'UNKNOWN_FORMAT'
  | 'INVALID_INPUT'
  | 'STORE_LOCKED'
  | 'SCHEMA_TOO_NEW'
  | 'CANCELLED'
  | 'VERIFICATION_FAILED'
  | 'INTERNAL';

export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
  }
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details: Readonly<Record<string, unknown>>;
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof LedgerError) return { code: error.code, message: error.message, details: error.details };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Internal error: ${message}. Please report this with the case's custody log.`, details: {} };
}
