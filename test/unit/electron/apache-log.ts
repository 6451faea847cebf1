import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes a synthetic Apache combined log of roughly `megabytes` MB; returns its SHA-256. */
export function writeApacheLog(file: string, megabytes: number): string {
  const line = (i: number) =>
    `10.0.${(i >> 8) & 255}.${i & 255} - - [26/Dec/2016:16:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /records/${i} HTTP/1.1" 200 ${500 + (i % 900)} "-" "Mozilla/5.0 (X11; Linux x86_64)"\n`;
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const l = line(i);
    lines.push(l);
    size += l.length;
  }
  writeFileSync(file, lines.join(''));
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
