import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';

/**
 * Suspicious line endings on a real file: the public Salesforce Data Loader template in the corpus (LF, 10 rows;
 * see test/fixtures/corpus/SOURCES.txt), its line ends rewritten here (no public file with lone-CR or mixed line
 * endings was found): all CR, half CRLF and half LF, CRLF with one lone CR inside a line. Every variant must import
 * the same 10 rows with no reject (the lone-CR file included) and warn exactly when the endings are suspicious.
 */
const SOURCE = path.resolve(__dirname, '../fixtures/corpus/dataloader-upsertAccountSmallTemplate.csv');
let root: string;
let lines: string[];
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-eol-'));
  lines = readFileSync(SOURCE, 'latin1').split('\n').filter((l) => l !== '');
  expect(lines.every((l) => !l.includes('\r'))).toBe(true);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function importVariant(name: string, text: string): Promise<{ imported: number; rejected: number; warnings: string[] }> {
  const file = path.join(root, `${name}.csv`);
  writeFileSync(file, Buffer.from(text, 'latin1'));
  const caseDir = path.join(root, `case-${name}`);
  const engine = new LedgerEngine();
  try {
    await engine.createCase({ caseDir, name, investigator: 'Test' });
    const [outcome] = await engine.addEvidence({ caseDir, files: [file], actor: 'test' });
    if (outcome?.status !== 'added') throw new Error(JSON.stringify(outcome));
    const current = outcome.evidence.latestImport;
    if (!current) throw new Error(`not imported: ${outcome.evidence.notImported}`);
    return { imported: current.rowsImported, rejected: current.rowsRejected, warnings: current.warnings.filter((w) => /line end|CR/.test(w)) };
  } finally {
    engine.close();
  }
}

describe('line endings', () => {
  it('LF and CRLF files import without a line-ending warning', async () => {
    expect(await importVariant('lf', lines.join('\n') + '\n')).toEqual({ imported: 10, rejected: 0, warnings: [] });
    expect(await importVariant('crlf', lines.join('\r\n') + '\r\n')).toEqual({ imported: 10, rejected: 0, warnings: [] });
  }, 60_000);

  it('a lone-CR file keeps every row (none rejected) and says how it was read', async () => {
    const result = await importVariant('cr', lines.join('\r') + '\r');
    expect(result).toEqual({ imported: 10, rejected: 0, warnings: ['cr.csv: lines end with a lone CR (classic Mac OS); read as line ends.'] });
  }, 60_000);

  it('CRLF and LF mixed in one file: every row kept, a warning with the counts', async () => {
    const text = lines.map((l, i) => l + (i < 6 ? '\r\n' : '\n')).join('');
    const result = await importVariant('mixed', text);
    expect(result.imported).toBe(10);
    expect(result.rejected).toBe(0);
    expect(result.warnings).toEqual([expect.stringMatching(/^mixed\.csv: mixed line endings: 6 records end with CRLF and 5 with LF alone; check the file/)]);
  }, 60_000);

  it('a lone CR inside a CRLF file: the joined row is rejected, the warning names the lone CR', async () => {
    const text = lines.map((l, i) => l + (i === 4 ? '\r' : '\r\n')).join('');
    const result = await importVariant('lone', text);
    expect(result.imported + result.rejected).toBe(9);
    expect(result.warnings).toEqual([expect.stringMatching(/^lone\.csv: mixed line endings: 1 lone CR characters .* inside lines/)]);
  }, 60_000);
});
