// Parsing on a worker thread stores exactly what parsing on the store's thread stores: the same rows in the same
// order, the same rejects with their reasons and bytes, warnings, archive entries, rollups and counts; plain and
// encrypted cases; and a cancelled worker import keeps nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addEvidence } from '../../shared/ingest/acquire';
import { importEvidence } from '../../shared/ingest/import-pipeline';
import { ParseThread } from '../../shared/ingest/worker-parse';
import { UNPARSED } from '../../shared/ingest/registry';
import { createCase, type CaseHandle } from '../../shared/store/case-folder';
import type { Db } from '../../shared/store/db';
import { tempDir } from '../helpers/tmp';
import { buildZip } from '../unit/ingest/people/zip-writer';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** Every stored row of one import, in id order, without the columns that name the import or the row's own id. */
function storedRows(db: Db, importId: number): Record<string, unknown[]> {
  const rows = (sql: string) => db.prepare(sql).raw().all(importId);
  return {
    events: rows(`SELECT entry, record_no, line_no, byte_offset, byte_length, source_type, ts, actor_id, username, session_key, login_key, client_ip,
      source_ip, user_agent, app, client, operation, object_type, query, rows_processed, status, request_id, uri, records_partial, dedup_key,
      dedup_hash, duplicate_of IS NULL, details FROM access_events WHERE import_id = ? ORDER BY id`),
    eventRecords: rows(`SELECT e.record_no, r.record_id FROM event_records r JOIN access_events e ON e.id = r.event_id WHERE e.import_id = ? ORDER BY r.rowid`),
    subjects: rows(`SELECT entry, record_no, line_no, byte_offset, byte_length, system, object_type, source_id, fields, first_name, last_name,
      full_name, email, email_key, phone, birth_date, updated_at FROM subject_records WHERE import_id = ? ORDER BY id`),
    addresses: rows(`SELECT s.record_no, a.kind, a.street, a.city, a.region, a.region_source, a.postal_code, a.country
      FROM subject_addresses a JOIN subject_records s ON s.id = a.subject_id WHERE s.import_id = ? ORDER BY a.rowid`),
    links: rows(`SELECT s.record_no, l.link_type, l.target_id FROM subject_links l JOIN subject_records s ON s.id = l.subject_id WHERE s.import_id = ? ORDER BY l.rowid`),
    rejects: rows('SELECT entry, record_no, line_no, byte_offset, byte_length, reason, hex(raw), raw_truncated FROM rejects WHERE import_id = ? ORDER BY id'),
    archiveEntries: rows('SELECT name, size, sha256, sha1, md5 FROM archive_entries WHERE import_id = ? ORDER BY rowid'),
    dayRollups: rows('SELECT dimension, value, day, part, events, rows_processed, exports, first_ts, last_ts, hours_mask FROM event_day_values WHERE import_id = ? ORDER BY 1, 2, 3, 4'),
    hourRollups: rows('SELECT hour, source_type, part, events, rows_processed FROM event_hour_types WHERE import_id = ? ORDER BY 1, 2, 3'),
    imports: rows('SELECT format, parser_version, encoding, encoding_guessed, rows_read, rows_imported, rows_rejected, rows_duplicate, warnings FROM imports WHERE id = ?'),
  };
}

async function importBothWays(handle: CaseHandle, file: string) {
  const { evidence } = await addEvidence(handle, { file, actor: 'test' });
  const progress: Record<string, number> = {};
  const stored: Record<string, Record<string, unknown[]>> = {};
  for (const parseOn of ['this-thread', 'worker'] as const) {
    progress[parseOn] = 0;
    const record = await importEvidence(handle, { evidenceId: evidence.id, actor: 'test', parseOn }, (event) => {
      if (event.phase === 'parse') progress[parseOn]!++;
    });
    stored[parseOn] = storedRows(handle.db, record.id);
  }
  return { inline: stored['this-thread']!, worker: stored.worker!, progress };
}

function writeInputs(dir: string): Record<string, string> {
  const elf = fixture('salesforce/elf-API.csv').toString('utf8');
  const lines = elf.split(/\r?\n/);
  // A row whose timestamps cannot be read is rejected, with its bytes kept.
  const broken = lines[1]!.replace(/"20\d\d[^"]*"/g, '"not a time"');
  const files: Record<string, [string, Buffer]> = {
    elf: ['elf-API.csv', Buffer.from([...lines.slice(0, 2), broken, ...lines.slice(2)].join('\n'))],
    uri: ['elf-URI.csv', fixture('salesforce/elf-URI.csv')],
    contacts: ['Contact.csv', fixture('people/Contact.csv')],
    gzip: ['elf-Report.csv.gz', gzipSync(fixture('salesforce/elf-Report.csv'))],
    zip: ['logs.zip', buildZip([{ name: 'a/elf-API-hourly.csv', data: fixture('salesforce/elf-API-hourly.csv') }, { name: 'b/elf-Search.csv', data: fixture('salesforce/elf-Search.csv') }])],
    cloudtrail: ['cloudtrail.log', fixture('corpus/beats-cloudtrail-assume-role-json.log')],
  };
  return Object.fromEntries(
    Object.entries(files).map(([key, [name, bytes]]) => {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return [key, file];
    }),
  );
}

describe('parsing on a worker thread', () => {
  it('stores the same rows, rejects, warnings, archive entries and rollups as parsing on the store thread', async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir);
    const handle = await createCase({ dir: path.join(dir, 'case'), name: 'W', investigator: 'I', passphrase: null });
    try {
      const results: Record<string, Awaited<ReturnType<typeof importBothWays>>> = {};
      for (const [name, file] of Object.entries(inputs)) {
        const result = (results[name] = await importBothWays(handle, file));
        expect(result.worker, name).toEqual(result.inline);
        expect(result.progress.worker, name).toBeGreaterThan(0);
      }
      expect(results.elf!.worker.events!.length).toBeGreaterThan(0);
      expect(results.elf!.worker.rejects).toHaveLength(1);
      expect(String((results.elf!.worker.rejects![0] as unknown[])[5])).toMatch(/timestamp/i);
      expect(results.uri!.worker.eventRecords!.length).toBeGreaterThan(0);
      expect(results.contacts!.worker.subjects!.length).toBeGreaterThan(0);
      expect(results.contacts!.worker.addresses!.length).toBeGreaterThan(0);
      expect(results.gzip!.worker.events!.length).toBeGreaterThan(0);
      expect(results.zip!.worker.archiveEntries).toHaveLength(2);
      expect(results.cloudtrail!.worker.events!.length).toBeGreaterThan(0);
      expect(results.elf!.worker.dayRollups!.length).toBeGreaterThan(0);
    } finally {
      handle.close();
    }
  });

  it('reads an encrypted vault on the worker with the case key', async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir);
    const handle = await createCase({ dir: path.join(dir, 'case'), name: 'W', investigator: 'I', passphrase: 'worker parse passphrase' });
    try {
      const { inline, worker } = await importBothWays(handle, inputs.contacts!);
      expect(worker.subjects!.length).toBeGreaterThan(0);
      expect(worker).toEqual(inline);
    } finally {
      handle.close();
    }
  });

  it('keeps nothing from a worker import that is cancelled part way', async () => {
    const dir = tempDir();
    const rows = ['"EVENT_TYPE","TIMESTAMP_DERIVED","REQUEST_ID","USER_ID"'];
    for (let i = 0; i < 20_000; i++) rows.push(`"API","2025-06-01T00:00:${String(i % 60).padStart(2, '0')}.000Z","R${i}","0055j00000AT6I1"`);
    const file = path.join(dir, 'elf-API.csv');
    writeFileSync(file, rows.join('\n'));
    const handle = await createCase({ dir: path.join(dir, 'case'), name: 'W', investigator: 'I', passphrase: null });
    try {
      const { evidence } = await addEvidence(handle, { file, actor: 'test', format: UNPARSED });
      const controller = new AbortController();
      const imported = importEvidence(handle, { evidenceId: evidence.id, actor: 'test', format: 'salesforce-elf', parseOn: 'worker' }, () => controller.abort(), controller.signal);
      await expect(imported).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(handle.db.prepare('SELECT COUNT(*) FROM access_events').pluck().get()).toBe(0);
      expect(handle.db.prepare('SELECT COUNT(*) FROM imports').pluck().get()).toBe(0);
    } finally {
      handle.close();
    }
  });

  it('parses with a thread started before its file was in the vault, as with one started for it', async () => {
    const dir = tempDir();
    const inputs = writeInputs(dir);
    const handle = await createCase({ dir: path.join(dir, 'case'), name: 'W', investigator: 'I', passphrase: null });
    try {
      const early = new ParseThread();
      const { evidence } = await addEvidence(handle, { file: inputs.contacts!, actor: 'test', format: UNPARSED });
      const stored: Record<string, unknown>[] = [];
      for (const parseThread of [early, undefined]) {
        const record = await importEvidence(handle, { evidenceId: evidence.id, actor: 'test', format: 'salesforce-data-export', parseOn: 'worker', parseThread }, () => {});
        stored.push(storedRows(handle.db, record.id));
      }
      expect((stored[0]!.subjects as unknown[]).length).toBeGreaterThan(0);
      expect(stored[0]).toEqual(stored[1]);
    } finally {
      handle.close();
    }
  });

  it('ends the thread add starts for a large file when the file is not parsed after all', async () => {
    const dir = tempDir();
    // Over the size parsed on a worker: NUL bytes (no parser recognises them), added, then added again (refused).
    const file = path.join(dir, 'large.bin');
    writeFileSync(file, Buffer.alloc(17 * 1024 * 1024));
    const handle = await createCase({ dir: path.join(dir, 'case'), name: 'W', investigator: 'I', passphrase: null });
    // Every thread the adds start (the parsing thread; the hashing threads, which retire when idle) must end:
    // a parsing thread left waiting for a job would keep running.
    const exits: Promise<number>[] = [];
    const onWorker = (worker: Worker) => exits.push(new Promise((resolve) => worker.once('exit', resolve)));
    process.on('worker', onWorker);
    try {
      const first = await addEvidence(handle, { file, actor: 'test' });
      expect(first.evidence.format).toBe(UNPARSED);
      expect(first.import).toBeNull();
      await expect(addEvidence(handle, { file, actor: 'test' })).rejects.toMatchObject({ code: 'DUPLICATE_EVIDENCE' });
      expect(exits.length).toBeGreaterThanOrEqual(2);
      await Promise.all(exits);
    } finally {
      process.off('worker', onWorker);
      handle.close();
    }
  });
});
