/**
 * What an examiner keeps beside the evidence, through the engine's contract on a real case: CSV exports of the
 * filtered tables (events, consumers, an import's rejects, the notes) written into the case's exports and logged
 * with their digest, formula-safe; notes and tags as append-only versions logged in custody and carried into the
 * signed export; and the list of earlier exports, each checked again from disk.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CsvExportView } from '../../shared/contract/api';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { openDatabase } from '../../shared/store/sqlite';
import { parseCsv } from '../unit/demo/helpers';
import { buildBreachCase, HOSTILE } from '../unit/export/breach-case';

let root: string;
let caseDir: string;
let engine: LedgerEngine;
const actor = 'R. Castellanos (examiner)';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const readCsv = (file: string) => parseCsv(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'));

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-records-'));
  const breach = await buildBreachCase(root);
  caseDir = breach.handle.dir;
  breach.handle.close();
  engine = new LedgerEngine();
  // An event log whose second row has no usable timestamp and carries binary bytes: one reject to export.
  const elf = path.join(root, 'bad-rows-elf.csv');
  writeFileSync(
    elf,
    Buffer.concat([
      Buffer.from('"EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","CLIENT_IP","URI"\n"URI","20250601120000.000","r1","005000000000001AAA","10.0.0.1","/home"\n"URI","not-a-time'),
      Buffer.from([0x00, 0xff]),
      Buffer.from('","r2","005000000000001AAA","10.0.0.1","/x"\n'),
    ]),
  );
  const [added] = await engine.addEvidence({ caseDir, files: [elf], actor });
  expect(added!.status).toBe('added');
}, 240_000);

afterAll(() => {
  engine?.close();
  rmSync(root, { recursive: true, force: true });
});

async function lastCustody() {
  return (await engine.custody({ caseDir })).entries.at(-1)!;
}

async function expectLogged(view: CsvExportView, table: string): Promise<void> {
  expect(view.path.startsWith(path.join(caseDir, 'exports', 'csv') + path.sep)).toBe(true);
  expect(view.sha256).toBe(sha256(view.path));
  const entry = await lastCustody();
  expect(entry).toMatchObject({ seq: view.custodySeq, action: 'csv-export', actor, subject: view.relativePath });
  expect(entry.details).toMatchObject({ table, rows: view.rows, sha256: view.sha256, size: view.size });
}

describe('CSV exports of the current filter', () => {
  test('consumers: the same rows the filtered list shows, formula-like text neutralized, logged with its digest', async () => {
    const filter = { basis: 'exact' as const, search: null };
    const listed = await engine.listConsumers({ caseDir, ...filter, limit: 100_000 });
    expect(listed.total).toBeGreaterThan(0);
    const view = await engine.exportCsv({ caseDir, table: 'consumers', ...filter, actor });
    expect(view.rows).toBe(listed.total);
    await expectLogged(view, 'consumers');
    const [header, ...rows] = readCsv(view.path);
    expect(header!.slice(0, 3)).toEqual(['consumer_id', 'name', 'email']);
    expect(rows.map((r) => Number(r[0]))).toEqual(listed.consumers.map((c) => c.id));
    expect(new Set(rows.map((r) => r[header!.indexOf('basis')]))).toEqual(new Set(['exact']));
    // Every cell a spreadsheet would evaluate starts with an apostrophe instead.
    const cells = rows.flat();
    expect(cells.some((c) => c.startsWith(`'=HYPERLINK`))).toBe(true);
    expect(cells.filter((c) => /^[=+@]/.test(c))).toEqual([]);
    expect(readFileSync(view.path, 'utf8')).not.toMatch(new RegExp(`(^|,)"?${HOSTILE.firstName.slice(0, 10).replace(/[()]/g, '\\$&')}`, 'm'));
  });

  test('events: the type filter gives the rows the events list counts', async () => {
    const all = await engine.listEvents({ caseDir, limit: 1 });
    const type = Object.keys(all.byType).sort((a, b) => all.byType[b]! - all.byType[a]!)[0]!;
    const view = await engine.exportCsv({ caseDir, table: 'events', type, actor });
    expect(view.rows).toBe(all.byType[type]);
    await expectLogged(view, 'events');
    const [header, ...rows] = readCsv(view.path);
    expect(new Set(rows.map((r) => r[header!.indexOf('source_type')]))).toEqual(new Set([type]));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r[header!.indexOf('evidence_sha256')]!))).toBe(true);
  });

  test('events: a half-open window is refused in plain words', async () => {
    await expect(engine.exportCsv({ caseDir, table: 'events', from: '2025-06-01', to: null, actor })).rejects.toThrow(/both ends of the window/);
  });

  test("rejects: an import's rejected rows with reason, position and escaped bytes", async () => {
    const evidence = (await engine.listEvidence({ caseDir })).find((e) => e.originalName === 'bad-rows-elf.csv')!;
    expect(evidence.latestImport!.rowsRejected).toBe(1);
    const view = await engine.exportCsv({ caseDir, table: 'rejects', evidenceId: evidence.id, actor });
    await expectLogged(view, 'rejects');
    const [header, ...rows] = readCsv(view.path);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row.reason).toMatch(/NUL|timestamp/);
    expect(row.line_no).toBe('3');
    expect(row.raw_escaped).toContain('not-a-time\\x00\\xFF');
    expect(readFileSync(view.path).includes(Buffer.from([0xff]))).toBe(false);
  });
});

describe('examiner notes and tags', () => {
  test('an edit is a new version; the old one stays, both are logged, the store refuses to change them', async () => {
    const consumer = (await engine.listConsumers({ caseDir, limit: 1 })).consumers[0]!;
    const target = { kind: 'consumer' as const, id: consumer.id };
    const first = await engine.annotate({ caseDir, target, note: 'Check the shop export for a second address.', tags: ['follow-up', ' residency '], actor });
    expect(first).toMatchObject({ version: 1, tags: ['follow-up', 'residency'], current: true });
    expect(await lastCustody()).toMatchObject({ seq: first.custodySeq, action: 'note', subject: `consumer ${consumer.id}`, actor });
    const second = await engine.annotate({ caseDir, target, note: '=cmd|"/c calc"!A1 resolved: one address', tags: ['resolved'], actor });
    expect(second.version).toBe(2);
    const versions = await engine.listAnnotations({ caseDir, target });
    expect(versions.map((v) => [v.version, v.current, v.note])).toEqual([
      [1, false, 'Check the shop export for a second address.'],
      [2, true, '=cmd|"/c calc"!A1 resolved: one address'],
    ]);

    const event = (await engine.listEvents({ caseDir, limit: 1 })).events[0]!;
    await engine.annotate({ caseDir, target: { kind: 'event', id: event.id }, note: '', tags: ['attacker'], actor });
    await expect(engine.annotate({ caseDir, target: { kind: 'event', id: 987_654_321 }, note: 'x', tags: [], actor })).rejects.toThrow(/No access event/);
    await expect(engine.annotate({ caseDir, target, note: 'x', tags: ['a,b'], actor })).rejects.toThrow(/comma/);

    const db = openDatabase(path.join(caseDir, 'ledger.sqlite'), { readonly: false, fileMustExist: true });
    try {
      expect(() => db.prepare("UPDATE annotations SET note = 'rewritten'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM annotations').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }

    // The consumers CSV carries the current note (neutralized); the notes CSV every version.
    const consumers = await engine.exportCsv({ caseDir, table: 'consumers', actor });
    const [header, ...rows] = readCsv(consumers.path);
    const mine = rows.find((r) => Number(r[0]) === consumer.id)!;
    expect(mine[header!.indexOf('note')]).toBe(`'=cmd|"/c calc"!A1 resolved: one address`);
    expect(mine[header!.indexOf('tags')]).toBe('resolved');
    expect(mine[header!.indexOf('note_version')]).toBe('2');
    const notes = await engine.exportCsv({ caseDir, table: 'notes', actor });
    expect(notes.rows).toBe(3);
  });

  test('the signed case export includes every version of the notes', async () => {
    const exported = await engine.exportCase({ caseDir, actor });
    const listed = exported.files.find((f) => f.path === 'examiner-notes.csv');
    expect(listed).toBeDefined();
    const [header, ...rows] = readCsv(path.join(exported.dir, 'examiner-notes.csv'));
    expect(header).toContain('examiner');
    expect(rows.filter((r) => r[0] === 'consumer').map((r) => r[header!.indexOf('version')])).toEqual(['1', '2']);
    expect((await engine.verifyExport({ manifestPath: exported.manifestPath, caseDir })).ok).toBe(true);
  });
});

describe('earlier exports and their verify status', () => {
  test('listed newest first from custody, checked from disk, and a tampered file is named', async () => {
    const list = await engine.listExports({ caseDir });
    expect(list[0]!.kind).toBe('package');
    const csvs = list.filter((e) => e.kind === 'csv');
    expect(csvs.map((c) => c.kind === 'csv' && c.table)).toEqual(['notes', 'consumers', 'rejects', 'events', 'consumers']);
    for (const item of list) expect((await engine.checkExport({ caseDir, path: item.path })).ok, item.path).toBe(true);

    const csv = csvs[0]!;
    appendFileSync(csv.path, 'extra,row\r\n');
    const tamperedCsv = await engine.checkExport({ caseDir, path: csv.path });
    expect(tamperedCsv.ok).toBe(false);
    expect(tamperedCsv.files[0]!.problem).toMatch(/size is \d+ bytes, custody entry #\d+ logged/);

    const pkg = list[0]!;
    expect(pkg.kind === 'package' && existsSync(pkg.manifestPath)).toBe(true);
    appendFileSync(path.join(pkg.path, 'examiner-notes.csv'), 'x');
    const tamperedPkg = await engine.checkExport({ caseDir, path: pkg.path });
    expect(tamperedPkg.ok).toBe(false);
    expect(tamperedPkg.files.filter((f) => !f.ok).map((f) => f.path)).toEqual(['examiner-notes.csv']);

    await expect(engine.checkExport({ caseDir, path: path.join(root, 'elsewhere') })).rejects.toThrow(/not an export logged/);
  });
});

describe('connected apps in triage', () => {
  test('shown with the name their events give beside the id, and "+ Scope" on that id selects the events triage counted', async () => {
    const apps = (await engine.triage({ caseDir, limit: 50 })).filter((e) => e.dimension === 'app');
    // The demo's vished app: its API usage events name it beside its id.
    const vished = apps.find((e) => e.names.includes('My Ticket Portal'));
    expect(vished, JSON.stringify(apps.map((a) => [a.value, a.names]))).toBeDefined();
    expect(vished!.value).toMatch(/^0H4[0-9A-Za-z]{15}$/);
    expect(apps.filter((e) => e.value !== vished!.value).every((e) => !e.names.includes('My Ticket Portal'))).toBe(true);
    const window = { from: '2000-01-01', to: '2100-01-01' };
    const byId18 = await engine.defineScope({ caseDir, ...window, apps: [vished!.value], actor });
    const byId15 = await engine.defineScope({ caseDir, ...window, apps: [vished!.value.slice(0, 15)], actor });
    expect(byId18.matchingEvents).toBeGreaterThanOrEqual(vished!.events);
    expect(byId15.matchingEvents).toBe(byId18.matchingEvents);
  });
});
