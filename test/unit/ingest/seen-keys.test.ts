import { describe, expect, it } from 'vitest';
import { dedupHash } from '../../../shared/ingest/store-columns';
import { SeenKeys } from '../../../shared/ingest/seen-keys';

describe('SeenKeys', () => {
  const keys = (from: number, n: number) => Array.from({ length: n }, (_, i) => dedupHash(`elf\u001fAPI\u001f2025-06-01T00:00:${from + i}\u001frequest-${from + i}`));

  it('never says "not seen" for a hash it was given', () => {
    const seen = new SeenKeys();
    const added = keys(0, 200_000);
    for (const h of added) seen.add(h);
    expect(added.every((h) => seen.mayHave(h))).toBe(true);
  });

  it('says "not seen" for almost every hash it was not given', () => {
    const seen = new SeenKeys();
    for (const h of keys(0, 2_000_000)) seen.add(h);
    const others = keys(10_000_000, 100_000);
    const falsePositives = others.filter((h) => seen.mayHave(h)).length;
    expect(falsePositives / others.length).toBeLessThan(0.01);
  });
});
