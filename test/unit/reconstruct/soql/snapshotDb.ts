/** A real SQLite evidence store (the production schema) holding generated Contact and Lead records. */
import { openStore, type Db } from '../../../../shared/store/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Fields = Record<string, string>;
export interface GeneratedRecord {
  readonly id: number;
  readonly objectType: string;
  readonly sourceId: string;
  readonly fields: Fields;
}

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateRecords(): GeneratedRecord[] {
  const random = rng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const records: GeneratedRecord[] = [];
  const accounts = ['001000000000001AAA', '001000000000002AAA', '001000000000003AAA'];
  const start = Date.UTC(2023, 0, 1);
  const end = Date.UTC(2024, 4, 1);
  const add = (objectType: string, prefix: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const id15 = prefix + Array.from({ length: 12 }, () => pick([...ID_CHARS])).join('');
      const sourceId = `${id15}${pick(['AAA', 'AAQ', 'AAB'])}`;
      const first = pick(['Ana', 'ana', 'Bob', 'Chen', 'Dana', 'Émile', '']);
      const created = new Date(start + Math.floor(random() * (end - start)));
      const iso = created.toISOString();
      const fields: Fields = {
        Id: sourceId,
        FirstName: first,
        LastName: pick(['Smith', 'smith', "O'Brien", 'Nguyen', 'Garcia', 'García']),
        Email: pick(['', `${first || 'x'}.${i}@Example.com`, `${first || 'y'}${i}@example.org`, `user${i}@mail.test`]),
        Amount__c: pick(['', '5', '10', '10.5', '100', '-3', '2', '0']),
        IsActive__c: pick(['true', 'false', '1', '0', '', 'TRUE']),
        Birthdate: random() < 0.3 ? '' : `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        CreatedDate: pick([iso, iso.replace('T', ' ').slice(0, 19), iso.replace('Z', '+0000'), iso.replace('Z', '+00:00')]),
        Title: pick(['50% off', 'Sales_Rep', 'SalesXRep', 'Director', '', "VP's Office", 'back\\slash']),
        AccountId: pick([...accounts, '']),
      };
      // Some exports leave optional columns out entirely: a missing key is null too.
      if (random() < 0.2) fields.MailingState = pick(['CA', 'ca', 'NY', 'TX', '']);
      else if (random() < 0.9) fields.MailingState = pick(['CA', 'NY', 'TX', 'Ca']);
      records.push({ id: records.length + 1, objectType, sourceId, fields });
    }
  };
  add('Contact', '003', 400);
  add('Lead', '00Q', 60);
  return records;
}

export interface SnapshotDb {
  readonly db: Db;
  readonly records: readonly GeneratedRecord[];
  close(): void;
}

export function openSnapshotDb(records: readonly GeneratedRecord[]): SnapshotDb {
  const dir = mkdtempSync(join(tmpdir(), 'breach-ledger-soql-'));
  // The real evidence-store schema: one evidence file, one import, the records as its rows.
  const db = openStore(join(dir, 'snapshot.sqlite'), { create: true });
  db.exec(`INSERT INTO evidence (id, sha256, sha1, md5, size, original_name, original_path, source, acquired_at, acquired_by, time_zone, format, format_forced)
    VALUES (1, '${'0'.repeat(64)}', '', '', 0, 'Contact.csv', 'Contact.csv', NULL, '2025-01-01T00:00:00.000Z', 'test', 'UTC', 'salesforce-data-export', 0);
    INSERT INTO imports (id, evidence_id, format, parser_version, encoding, encoding_guessed, options, rows_read, rows_imported, rows_rejected, rows_duplicate, warnings, started_at, finished_at)
    VALUES (1, 1, 'salesforce-data-export', '1', 'utf-8', 0, '{}', 0, 0, 0, 0, '[]', '', '');`);
  const insert = db.prepare(
    `INSERT INTO subject_records (id, evidence_id, import_id, record_no, byte_offset, byte_length, system, object_type, source_id, fields)
     VALUES (?, 1, 1, ?, 0, 0, 'salesforce', ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const record of records) insert.run(record.id, record.id, record.objectType, record.sourceId, JSON.stringify(record.fields));
  })();
  return {
    db,
    records,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
