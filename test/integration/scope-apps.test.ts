/**
 * Connected apps are matched by the scope the way triage shows them: by the id, or by the name the events give that
 * id (any case), which then selects every event of that id, named or not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LedgerEngine } from '../../shared/engine/ledger-engine';

const fixtures = path.resolve(__dirname, '../fixtures');
const window = { from: '2000-01-01', to: '2100-01-01' };
const actor = 'test';
let root: string;
let caseDir: string;
let engine: LedgerEngine;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bl-scope-apps-'));
  caseDir = path.join(root, 'case');
  engine = new LedgerEngine();
  await engine.createCase({ caseDir, name: 'Apps', investigator: 'Test' });
  const added = await engine.addEvidence({
    caseDir,
    files: [
      // One event log gives the app's id and name; the other two give the same id only.
      path.join(fixtures, 'salesforce/elf-ApiTotalUsage.csv'),
      path.join(fixtures, 'salesforce/elf-RestApi.csv'),
      path.join(fixtures, 'salesforce/elf-BulkApiRequest.csv'),
      // Real public LoginEvent records (elastic/integrations): the app is named only, never by id.
      path.join(fixtures, 'corpus/sf-login-object.log'),
    ],
    actor,
  });
  expect(added.map((a) => a.status)).toEqual(['added', 'added', 'added', 'added']);
}, 120_000);

afterAll(() => {
  engine?.close();
  rmSync(root, { recursive: true, force: true });
});

const scopedBy = async (...apps: string[]) => (await engine.defineScope({ caseDir, ...window, apps, actor })).matchingEvents;

describe('connected apps in the scope, matched as triage shows them', () => {
  test('the name triage shows beside an id selects the same events as the id, including the id\'s unnamed events', async () => {
    const apps = (await engine.triage({ caseDir, ...window, limit: 50 })).filter((e) => e.dimension === 'app');
    const named = apps.find((e) => e.names.includes('Data Loader'));
    expect(named, JSON.stringify(apps.map((a) => [a.value, a.names]))).toBeDefined();
    expect(named!.value).toMatch(/^0H4fj000000abcd[A-Z0-5]{3}$/);
    // Only the usage log names the app, yet the id has events in all three logs.
    expect(named!.events).toBeGreaterThanOrEqual(3);

    const byId = await scopedBy(named!.value);
    expect(byId).toBeGreaterThanOrEqual(named!.events);
    expect(await scopedBy('Data Loader')).toBe(byId);
    expect(await scopedBy('  data LOADER ')).toBe(byId);
    expect(await scopedBy('Data Loader', named!.value)).toBe(byId);
  });

  test('an app known only by name is matched by that name in any case', async () => {
    const apps = (await engine.triage({ caseDir, ...window, limit: 50 })).filter((e) => e.dimension === 'app');
    const nameOnly = apps.find((e) => e.value === 'elastic integration');
    expect(nameOnly, JSON.stringify(apps.map((a) => [a.value, a.names]))).toBeDefined();
    expect(await scopedBy('Elastic Integration')).toBe(nameOnly!.events);
  });

  test('a name no event gives selects nothing, and a name is not stretched to a prefix', async () => {
    expect(await scopedBy('Data')).toBe(0);
    expect(await scopedBy('Data Loader Bulk')).toBe(0);
  });
});
