import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../shared/contract/progress';
import { addEvidence } from '../../shared/ingest/acquire';
import { createCase, type CaseHandle } from '../../shared/store/case-folder';
import { writeContactExport } from '../bench/synthetic-files';
import { tempDir } from '../helpers/tmp';

const PEOPLE_TABLES = ['subject_records', 'subject_addresses', 'subject_links'];

function indexDefinitions(handle: CaseHandle): { name: string; sql: string }[] {
  return handle.db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${PEOPLE_TABLES.map(() => '?').join(',')}) ORDER BY name`)
    .all(...PEOPLE_TABLES) as { name: string; sql: string }[];
}

async function contactFile(rows: number): Promise<string> {
  const file = path.join(tempDir(), `Contact-${rows}.csv`);
  await writeContactExport(file, rows);
  return file;
}

async function newCase(): Promise<CaseHandle> {
  return createCase({ dir: path.join(tempDir(), 'case'), name: 'Indexes', investigator: 'Test', passphrase: null });
}

/** How many indexes the import said it was building, or 0 when it built none. */
const indexesBuilt = (events: ProgressEvent[]) => Math.max(0, ...events.filter((e) => e.phase === 'index').map((e) => e.total ?? 0));

describe('indexes of a bulk import', () => {
  it('are built once at the end of a large import, with the definitions they had, and serve queries', async () => {
    const handle = await newCase();
    try {
      const before = indexDefinitions(handle);
      expect(before.length).toBeGreaterThanOrEqual(4);
      const progress: ProgressEvent[] = [];
      const added = await addEvidence(handle, { file: await contactFile(60_000), actor: 'test' }, (e) => progress.push(e));
      expect(added.import?.rowsImported).toBe(60_000);

      expect(indexesBuilt(progress)).toBe(before.length);
      expect(progress.filter((e) => e.phase === 'index').map((e) => e.done)).toEqual([...before.keys(), before.length]);
      expect(indexDefinitions(handle)).toEqual(before);
      expect(handle.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const plan = handle.db.prepare('EXPLAIN QUERY PLAN SELECT id FROM subject_records WHERE source_id = ?').all('003000000000042AAA') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('subject_records_source');
      const viaIndex = handle.db.prepare('SELECT COUNT(*) FROM subject_records INDEXED BY subject_records_source WHERE source_id IS NOT NULL').pluck().get();
      expect(viaIndex).toBe(60_000);

      // A small import into the now large tables keeps its indexes and maintains them row by row.
      const small: ProgressEvent[] = [];
      const file = path.join(tempDir(), 'Contact.csv');
      await writeContactExport(file, 100);
      await addEvidence(handle, { file, actor: 'test' }, (e) => small.push(e));
      expect(indexesBuilt(small)).toBe(0);
      expect(indexDefinitions(handle)).toEqual(before);
    } finally {
      handle.close();
    }
  });

  it('are the very same after a large import is cancelled while they are being rebuilt', async () => {
    const handle = await newCase();
    try {
      const before = indexDefinitions(handle);
      const controller = new AbortController();
      const progress: ProgressEvent[] = [];
      const file = await contactFile(60_000);
      const cancelled = addEvidence(
        handle,
        { file, actor: 'test' },
        (e) => {
          progress.push(e);
          if (e.phase === 'index') controller.abort();
        },
        controller.signal,
      );
      await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(indexesBuilt(progress)).toBe(before.length);
      expect(indexDefinitions(handle)).toEqual(before);
      expect(handle.db.prepare('SELECT COUNT(*) FROM subject_records').pluck().get()).toBe(0);
      expect(handle.db.prepare('SELECT COUNT(*) FROM evidence').pluck().get()).toBe(0);
      expect(handle.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      handle.close();
    }
  });
});
