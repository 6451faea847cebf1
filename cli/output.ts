import type { ProgressEvent, ProgressListener } from '../shared/contract/progress';
import { terminalJson, terminalLine, terminalSafe } from './terminal-text';

export interface Output {
  readonly json: boolean;
  /** Human text to stdout (suppressed in --json mode). */
  line(text?: string): void;
  /** The single JSON document of a --json run. */
  document(value: unknown): void;
  progress: ProgressListener;
  /** Clears any progress bar before other output. */
  endProgress(): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Output {
  const bar = !json && stdout.isTTY === true ? new ProgressBar(stderr) : null;
  return {
    json,
    line: (text = '') => {
      if (json) return;
      bar?.clear();
      stdout.write(`${terminalLine(text)}\n`);
    },
    document: (value) => {
      stdout.write(`${terminalJson(JSON.stringify(value, null, 2))}\n`);
    },
    progress: (event) => bar?.update(event),
    endProgress: () => bar?.clear(),
  };
}

class ProgressBar {
  private shown = false;
  private started = Date.now();
  private phaseKey = '';

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(event: ProgressEvent): void {
    const key = `${event.phase}:${event.label}`;
    if (key !== this.phaseKey) {
      this.phaseKey = key;
      this.started = Date.now();
    }
    const width = 28;
    const fraction = event.total ? Math.min(1, event.done / event.total) : 0;
    const filled = Math.round(fraction * width);
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? event.done / elapsed : 0;
    const eta = event.total && rate > 0 ? (event.total - event.done) / rate : null;
    const amount = event.unit === 'bytes' ? `${formatBytes(event.done)}${event.total ? ` / ${formatBytes(event.total)}` : ''}` : `${event.done}${event.total ? ` / ${event.total}` : ''}`;
    const rows = event.rows !== undefined ? `  ${event.rows.toLocaleString('en-US')} rows` : '';
    const speed = event.unit === 'bytes' && rate > 0 ? `  ${formatBytes(rate)}/s` : '';
    const etaText = eta !== null && Number.isFinite(eta) ? `  ETA ${Math.ceil(eta)}s` : '';
    const label = event.label.length > 24 ? `${terminalSafe(event.label.slice(0, 23))}…` : terminalSafe(event.label);
    this.stream.write(`\r\x1b[2K${event.phase.padEnd(8)} ${label.padEnd(24)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${amount}${rows}${speed}${etaText}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
