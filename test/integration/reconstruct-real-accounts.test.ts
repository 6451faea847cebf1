/**
 * Issue 16 on a real file: the Data Loader sample Account extract (forcedotcom/dataloader sample/data/accountData.csv,
 * BSD-3-Clause, see test/fixtures/classification-real/SOURCES.txt) reached by one object-level ApiEvent from the scoped
 * IP. Every row is a business account, so nobody is a consumer, and its digit-prefixed billing streets
 * ("00049541 14643 Dallas Parkway") are not card numbers. Real file, real engine, real case folder on disk.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconstructResult } from '../../shared/contract/api';
import { classifyObjectFields, fieldSamplesFromDb, luhnValid } from '../../shared/reconstruct/classify';
import { to18 } from '../../shared/demo/ids';
import { LedgerEngine } from '../../shared/engine/ledger-engine';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'classification-real', 'accountData.csv');
const IP = '198.51.100.66';
const AT = '2025-06-16T14:10:00.000Z';
const ADDRESS_LIKE = /STREET|CITY|STATE|POSTAL|COUNTRY|PHONE|FAX|ACCOUNTNUMBER/;

/** RFC 4180 records, read here independently of the engine's parser. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const [header, ...records] = parseCsv(readFileSync(FIXTURE, 'utf8'));
const column = (name: string): number => header!.indexOf(name);
const personAccountColumn = header!.findIndex((h) => /^(ISPERSONACCOUNT|ISPERSONACCOUNT__C)$/i.test(h));
const personRows = personAccountColumn < 0 ? 0 : records.filter((r) => r[personAccountColumn]!.toLowerCase() === 'true').length;
/** Streets whose digits alone would pass a bare Luhn check at a card length: the trap a pattern-only classifier falls into. */
const luhnStreets = records
  .map((r) => r[column('BILLINGSTREET')]!.replace(/\D/g, ''))
  .filter((digits) => digits.length >= 13 && digits.length <= 19 && luhnValid(digits));

let root: string;
let engine: LedgerEngine;
let caseDir: string;
let summary: ReconstructResult;
let db: Database.Database;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-real-accounts-'));
  const data = path.join(root, 'data');
  mkdirSync(data);
  const payload = {
    EventDate: AT, EventIdentifier: 'a1000000-0000-4000-8000-000000000000', SourceIp: IP, SessionKey: 'session1', LoginKey: 'loginkey1',
    UserId: to18('005Hs0000000001'), Username: 'agent@acme.example', Operation: 'Query', QueriedEntities: 'Account',
    Query: 'SELECT Id, Name, BillingStreet FROM Account', RowsProcessed: records.length,
  };
  writeFileSync(path.join(data, 'ApiEvent.jsonl'), `${JSON.stringify({ channel: '/event/ApiEventStream', data: { event: { replayId: 1 }, payload } })}\n`);
  engine = new LedgerEngine();
  caseDir = path.join(root, 'case');
  await engine.createCase({ caseDir, name: 'real accounts', investigator: 'test', discovered: '2025-06-23' });
  const added = await engine.addEvidence({ caseDir, files: [FIXTURE, path.join(data, 'ApiEvent.jsonl')], actor: 'test' });
  const failed = added.filter((o) => o.status !== 'added');
  if (failed.length) throw new Error(JSON.stringify(failed));
  await engine.defineScope({ caseDir, from: '2025-06-16T00:00:00Z', to: '2025-06-17T00:00:00Z', ips: [IP], actor: 'test' });
  summary = await engine.reconstruct({ caseDir, actor: 'test' });
  db = new Database(path.join(caseDir, 'ledger.sqlite'), { readonly: true });
}, 300_000);

afterAll(() => {
  db?.close();
  engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a real Data Loader Account extract reached by one object-level access', () => {
  it('is read without --format as Salesforce Account records, every row kept', () => {
    expect(records.length).toBeGreaterThan(0);
    const byObject = db.prepare('SELECT system, object_type AS object, COUNT(*) AS n FROM subject_records GROUP BY 1, 2').all();
    expect(byObject).toEqual([{ system: 'salesforce', object: 'Account', n: records.length }]);
  });

  it('counts no consumers: every row is a business account, excluded with its reason', () => {
    expect(personRows).toBe(0);
    expect(summary.total).toBe(personRows);
    const business = summary.excluded.find((e) => e.kind === 'business-account');
    expect(business).toMatchObject({ count: records.length - personRows, reason: 'business accounts reached, not people' });
    const nonPersons = db.prepare("SELECT COUNT(*) FROM analysis_populations WHERE analysis_id = ? AND population = 'non-person' AND kind = 'business-account'").pluck().get(summary.analysis);
    expect(nonPersons).toBe(records.length - personRows);
  });

  it('reads no card number or SSN into the billing streets or any address, phone or account-number field', () => {
    // The trap is really there: some digit-prefixed streets pass a bare Luhn check.
    expect(luhnStreets.length).toBeGreaterThan(0);
    const fields = classifyObjectFields('Account', fieldSamplesFromDb(db, 'Account', 200));
    expect(fields.map((f) => f.field)).toContain('BILLINGSTREET');
    const sensitive = fields.filter((f) => f.element === 'card_number' || f.element === 'ssn');
    expect(sensitive.filter((f) => ADDRESS_LIKE.test(f.field))).toEqual([]);
    expect(sensitive).toEqual([]);
    expect(summary.byElement.card_number ?? 0).toBe(0);
    expect(summary.byElement.ssn ?? 0).toBe(0);
    expect(summary.contentOnlyReview.consumers).toBe(0);
  });
});
