/** Progress of a long job, streamed to every front end (bars on a terminal, progress rows in the app). */
export type JobPhase = 'acquire' | 'parse' | 'index' | 'verify' | 'reconstruct' | 'assess' | 'export' | 'generate' | 'triage';

export interface ProgressEvent {
  phase: JobPhase;
  /** What is being worked on, e.g. a file name. */
  label: string;
  done: number;
  /** Null when the amount of work is not known in advance. */
  total: number | null;
  unit: 'bytes' | 'rows' | 'files' | 'steps';
  /** Rows produced so far, when the unit is bytes but rows are what the user cares about. */
  rows?: number;
}

export type ProgressListener = (event: ProgressEvent) => void;

export const noProgress: ProgressListener = () => {};

/** Calls `listener` at most every `intervalMs`, always passing through the final event of a phase. */
export function throttleProgress(listener: ProgressListener, intervalMs = 100): ProgressListener {
  let last = 0;
  return (event) => {
    const now = Date.now();
    const finished = event.total !== null && event.done >= event.total;
    if (finished || now - last >= intervalMs) {
      last = now;
      listener(event);
    }
  };
}
