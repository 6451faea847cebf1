import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateInTemp } from './helpers';

function digests(dir: string, paths: readonly string[]): Record<string, string> {
  return Object.fromEntries(paths.map((p) => [p, createHash('sha256').update(readFileSync(join(dir, p))).digest('hex')]));
}

describe('demo breach generator determinism', () => {
  it('writes byte-identical files for the same seed and size, and different ones for another seed', async () => {
    const a = await generateInTemp('determinism', 'tiny');
    const b = await generateInTemp('determinism', 'tiny');
    const c = await generateInTemp('another-seed', 'tiny');
    const paths = [...a.result.files.map((f) => f.path), 'ground-truth.jsonl', 'scenario.json'];
    expect(b.result.files.map((f) => f.path)).toEqual(a.result.files.map((f) => f.path));
    expect(digests(b.dir, paths)).toEqual(digests(a.dir, paths));
    const contacts = 'data-export/Contact.csv';
    expect(digests(c.dir, [contacts])[contacts]).not.toEqual(digests(a.dir, [contacts])[contacts]);
    expect(readFileSync(join(c.dir, 'ground-truth.jsonl'), 'utf8')).not.toEqual(readFileSync(join(a.dir, 'ground-truth.jsonl'), 'utf8'));
  });

  it('generates the tiny size in under a second', async () => {
    const started = performance.now();
    const { result } = await generateInTemp('timing', 'tiny');
    expect(result.counts.consumers).toBe(300);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
