/** Runs one long engine call at a time with live progress (rates and ETA) and cancellation. */
import { useCallback, useRef, useState } from 'react';
import type { CallContext } from '../../shared/contract/api';
import type { ProgressEvent } from '../../shared/contract/progress';

export interface JobProgress extends ProgressEvent {
  /** Bytes (or units) per second since this phase of this item started. */
  rate: number | null;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
}

export interface Job {
  running: boolean;
  progress: JobProgress | null;
  run: <T>(work: (context: CallContext) => Promise<T>) => Promise<T>;
  cancel: () => void;
}

export function withRates(event: ProgressEvent, startedAt: number, now: number): JobProgress {
  const seconds = (now - startedAt) / 1000;
  const rate = seconds > 0.2 ? event.done / seconds : null;
  const rowsPerSecond = seconds > 0.2 && event.rows !== undefined ? event.rows / seconds : null;
  const etaSeconds = rate && event.total !== null && rate > 0 ? Math.max(0, (event.total - event.done) / rate) : null;
  return { ...event, rate, rowsPerSecond, etaSeconds };
}

export function useJob(): Job {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async <T,>(work: (context: CallContext) => Promise<T>): Promise<T> => {
    const abort = new AbortController();
    controller.current = abort;
    setRunning(true);
    setProgress(null);
    let phaseKey = '';
    let phaseStart = Date.now();
    try {
      return await work({
        signal: abort.signal,
        onProgress: (event) => {
          const key = `${event.phase}\u0000${event.label}`;
          if (key !== phaseKey) {
            phaseKey = key;
            phaseStart = Date.now();
          }
          setProgress(withRates(event, phaseStart, Date.now()));
        },
      });
    } finally {
      controller.current = null;
      setRunning(false);
      setProgress(null);
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { running, progress, run, cancel };
}
