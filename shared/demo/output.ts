import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const FLUSH_AT = 1 << 20;

/** Buffered, synchronous file writer: flat memory however large the file, and no interleaving to reason about. */
export class FileSink {
  private readonly fd: number;
  private chunks: string[] = [];
  private pending = 0;

  constructor(
    path: string,
    private readonly encoding: 'utf8' | 'latin1',
    bom = false,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    if (bom) writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
  }

  write(text: string): void {
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    writeSync(this.fd, Buffer.from(this.chunks.join(''), this.encoding));
    this.chunks = [];
    this.pending = 0;
  }
}

/** Salesforce style: every value double-quoted, embedded quotes doubled, LF line end. */
export function quotedCsvLine(values: readonly string[]): string {
  return `${values.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')}\n`;
}

/** Spreadsheet style (Shopify): quote only values that need it. */
export function minimalCsvLine(values: readonly string[]): string {
  return `${values.map((v) => (/[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')}\n`;
}
