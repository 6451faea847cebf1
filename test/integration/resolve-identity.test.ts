/**
 * Which shared identifiers make two records one consumer, on real export formats: a source id only within its own
 * system and (outside Salesforce, whose ids carry their object) its own object type; a link only to a record of the
 * same system. Also: the blocking passes order their keys as SQLite sorts text.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { byCodePoint, resolveConsumers, type Resolution } from '../../shared/reconstruct/consumers/resolve';
import { openCase } from '../../shared/store/case-folder';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'people', name);

const CUSTOMERS_HEADER =
  'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags';

let dir: string;
let ids: Array<{ id: number; system: string; object: string; source: string }>;
let resolution: Resolution;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bl-resolve-'));
  const files = path.join(dir, 'files');
  const caseDir = path.join(dir, 'case');
  mkdirSync(files);
  // Shopify numbers customers and orders apart: customer 5550001 (Ann) is not order 5550001 (Pat, in the fixture).
  // The second customer's id happens to spell the Salesforce contact id the fixture's Case links to.
  writeFileSync(
    path.join(files, 'customers_export.csv'),
    `${CUSTOMERS_HEADER}\n'5550001,Ann,Alpha,ann@example.com,no,,2 Oak St,,Austin,TX,US,'73301,,'+15125550101,no,0.00,0,,no,\n` +
      `0035j00000AbCdEAAV,Cy,Gamma,cy@example.com,no,,3 Elm St,,Denver,CO,US,'80202,,'+13035550102,no,0.00,0,,no,\n`,
  );
  copyFileSync(fixture('shopify-orders.csv'), path.join(files, 'orders_export.csv'));
  copyFileSync(fixture('Case.csv'), path.join(files, 'Case.csv'));

  const engine = new LedgerEngine();
  await engine.createCase({ caseDir, name: 'resolve identity', investigator: 'test', discovered: '2026-06-01' });
  const added = await engine.addEvidence({ caseDir, files: ['customers_export.csv', 'orders_export.csv', 'Case.csv'].map((f) => path.join(files, f)), actor: 'test' });
  expect(added.map((o) => o.status)).toEqual(['added', 'added', 'added']);
  const handle = await openCase(caseDir);
  try {
    ids = handle.db.prepare('SELECT id, system, object_type AS object, source_id AS source FROM subject_records ORDER BY id').all() as typeof ids;
    resolution = resolveConsumers(handle.db, { merges: [], splits: [] });
  } finally {
    handle.close();
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (system: string, object: string, source: string) => {
  const found = ids.find((r) => r.system === system && r.object.toLowerCase() === object.toLowerCase() && r.source === source);
  if (!found) throw new Error(`no ${system} ${object} ${source} among ${JSON.stringify(ids)}`);
  return found.id;
};

describe('identifiers that make one consumer', () => {
  it('does not merge a Shopify customer and a Shopify order that share a number', () => {
    const customer = record('shopify', 'customer', '5550001');
    const order = record('shopify', 'order', '5550001');
    expect(resolution.consumerOf(customer)).not.toBe(resolution.consumerOf(order));
    expect(resolution.reasonFor(customer)).toBeNull();
  });

  it('follows a Salesforce link only to a Salesforce record', () => {
    const salesforceCase = record('salesforce', 'Case', '5005j00000Case1AAA');
    const shopifyCustomer = record('shopify', 'customer', '0035j00000AbCdEAAV');
    expect(resolution.consumerOf(salesforceCase)).not.toBe(resolution.consumerOf(shopifyCustomer));
    expect(resolution.stats.link).toBe(0);
  });
});

describe('the order of blocking keys', () => {
  it('is the order SQLite gives text, also where UTF-16 and UTF-8 disagree', () => {
    // U+FF21 (fullwidth A) sorts before U+1F600 in UTF-8 but after it in UTF-16; U+E000 likewise.
    const keys = ['b', 'a', '\uFF21', '\u{1F600}', '\uE000x', 'a\u{10000}', 'a\uFFFD', 'ab', '', 'é', 'e\u0301'];
    const db = new Database(':memory:');
    const sqlite = db.prepare('SELECT value FROM json_each(?) ORDER BY value').pluck().all(JSON.stringify(keys)) as string[];
    db.close();
    expect([...keys].sort(byCodePoint)).toEqual(sqlite);
    expect([...keys].sort()).not.toEqual(sqlite);
  });
});
