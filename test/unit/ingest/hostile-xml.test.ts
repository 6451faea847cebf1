import { describe, expect, it } from 'vitest';
import { sfccCustomersParser } from '../../../shared/ingest/people/sfcc-customers';
import { runParser } from '../../helpers/parse';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<customers xmlns="http://www.demandware.com/xml/impex/customer/2006-10-31">\n';
const GOOD = '<customer customer-no="00001"><profile><first-name>Ada</first-name><last-name>Lovelace</last-name><email>ada@example.com</email></profile></customer>\n';

function deep(depth: number, insideCustomer: boolean, flat = false): Buffer {
  const nest = flat ? '<x></x>'.repeat(depth) : `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`;
  const body = insideCustomer ? `<customer customer-no="00002"><profile>${nest}</profile></customer>\n` : `${nest}\n`;
  return Buffer.from(`${HEAD}${GOOD}${body}${GOOD.replace('00001', '00003')}</customers>\n`);
}

/**
 * Linear means the deep file costs what a flat file of the same size costs (sax's own speed, about 0.2 s for
 * 0.7 MB on an idle machine); the quadratic path took 64 s. A shared CI machine gets a ratio, not a stopwatch.
 */
async function timed(file: Buffer): Promise<{ ms: number; run: Awaited<ReturnType<typeof runParser>> }> {
  const started = performance.now();
  const run = await runParser(sfccCustomersParser, file, {}, { fileName: 'customers.xml' });
  return { ms: performance.now() - started, run };
}

describe('SFCC customer XML nested 100,000 deep (0.7 MB)', () => {
  it('inside a customer: that customer is rejected for its depth, the others imported, in linear time', async () => {
    const file = deep(100_000, true);
    expect(file.length).toBeGreaterThan(700_000);
    const flat = await timed(deep(100_000, true, true));
    const { ms, run } = await timed(file);
    expect(ms).toBeLessThan(Math.max(1000, 3 * flat.ms));
    expect(run.subjects.map((s) => s.sourceId)).toEqual(['00001', '00003']);
    expect(run.rejects).toHaveLength(1);
    expect(run.rejects[0]!.reason).toMatch(/nest deeper than 32 levels/);
  });

  it('outside any customer: the nesting costs linear time and the customers around it are imported', async () => {
    const flat = await timed(deep(100_000, false, true));
    const { ms, run } = await timed(deep(100_000, false));
    expect(ms).toBeLessThan(Math.max(1000, 3 * flat.ms));
    expect(run.subjects.map((s) => s.sourceId)).toEqual(['00001', '00003']);
  });
});
