import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { addedEvidence, jsonOf, runCli, SAMPLES, type Printed } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('re-import', () => {
  it('parses an acquired file again with a forced encoding; the new import supersedes the old, which stays in the store', () => {
    const dir = path.join(tempDir(), 'case');
    expect(runCli(['case', 'init', dir, '--name', 'R', '--investigator', 'I']).status).toBe(0);
    // A Windows-1252 Contact export: "Zoë Müller" in Latin-1 bytes.
    const file = path.join(tempDir(), 'Contact.csv');
    const text = 'Id,FirstName,LastName,Email,MailingState\r\n003000000000001AAA,Zo\u00eb,M\u00fcller,zoe@example.com,CA\r\n003000000000002AAA,Ann,Lee,ann@example.com,TX\r\n';
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const added = jsonOf<{ results: Printed<'addEvidence'> }>(runCli(['add', dir, file, '--json']));
    const evidence = addedEvidence(added.results[0]);
    expect(evidence.format).toBe('salesforce-data-export');
    const firstImport = evidence.latestImport!.id;

    const again = runCli(['import', dir, String(evidence.id), '--encoding', 'windows-1252', '--json']);
    expect(again.status, again.stderr).toBe(0);
    const reimported = jsonOf<Printed<'reimportEvidence'>>(again);
    expect(reimported.latestImport!.id).toBeGreaterThan(firstImport);
    expect(reimported.latestImport!.encoding).toBe('windows-1252');
    expect(reimported.latestImport!.rowsImported).toBe(2);

    const people = jsonOf<Printed<'listPeople'>>(runCli(['people', dir, '--json']));
    expect(people.total).toBe(2);
    expect(people.people.map((p) => p.name)).toContain('Zoë Müller');

    const db = new Database(path.join(dir, 'ledger.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM subject_records').pluck().get()).toBe(4);
    db.close();
    const custody = jsonOf<Printed<'custody'>>(runCli(['custody', dir, '--json']));
    expect(custody.entries.filter((e) => e.action === 'parse')).toHaveLength(2);
  });

  it('reads a generic CSV log through a saved column mapping (--map), recorded with the import in custody', () => {
    const dir = path.join(tempDir(), 'case');
    runCli(['case', 'init', dir, '--name', 'M', '--investigator', 'I']);
    const map = path.join(tempDir(), 'map.json');
    writeFileSync(map, JSON.stringify({ ts: 'TIMESTAMP_DERIVED', username: 'USER_ID', operation: 'METHOD' }));
    const sample = path.join(SAMPLES, 'newrelic__sample_log_lines.csv');
    const added = runCli(['add', dir, sample, '--format', 'generic-csv', '--map', map, '--json']);
    expect(added.status, added.stderr).toBe(0);
    const events = jsonOf<Printed<'listEvents'>>(runCli(['events', dir, '--json']));
    expect(events.total).toBe(2);
    expect(events.events.map((e) => [e.ts, e.username])).toEqual([
      ['2024-03-11T16:00:00.000Z', '000000001111111'],
      ['2024-03-11T17:00:00.000Z', '111111110000000'],
    ]);
    const parse = jsonOf<Printed<'custody'>>(runCli(['custody', dir, '--json'])).entries.find((e) => e.action === 'parse');
    expect(parse?.details.options).toHaveProperty('mapping', { ts: 'TIMESTAMP_DERIVED', username: 'USER_ID', operation: 'METHOD' });
    expect(runCli(['add', dir, path.join(SAMPLES, 'elastic-beats__apache_access_test.log'), '--map', '/no/such/map.json']).status).toBe(1);
  });

  it('refuses an unknown encoding as bad usage', () => {
    const dir = path.join(tempDir(), 'case');
    runCli(['case', 'init', dir, '--name', 'R', '--investigator', 'I']);
    expect(runCli(['import', dir, '1', '--encoding', 'ebcdic']).status).toBe(2);
  });
});
