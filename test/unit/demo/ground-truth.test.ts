import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult, GroundTruthConsumer } from '../../../shared/demo';
import { ELEMENT_CODES } from '../../../shared/contract/elements';
import { matches } from '../../../shared/demo/soql';
import { parseJson, readJson } from '../../helpers/json';
import { generateInTemp, readCsv, type Scenario, type StreamEnvelope, type StreamRecords } from './helpers';

let dir = '';
let result: GenerateResult;
let truth: GroundTruthConsumer[];
let scenario: Scenario;

beforeAll(async () => {
  ({ dir, result } = await generateInTemp('ground-truth', 3000));
  truth = readFileSync(result.groundTruthPath, 'utf8').trimEnd().split('\n').map((l) => parseJson<GroundTruthConsumer>(l));
  scenario = readJson<Scenario>(result.scenarioPath);
});

/** Every 18-char id that an attacker-session log entry names. */
function idsNamedInAttackLogs(): Set<string> {
  const loginKeys = new Set<string>(scenario.attack.loginKeys);
  const named = new Set<string>();
  for (const file of result.files) {
    if (file.format === 'salesforce-elf') {
      for (const row of readCsv(join(dir, file.path)).rows) {
        if (!loginKeys.has(row.LOGIN_KEY!)) continue;
        for (const key of ['URI_ID_DERIVED', 'PAGE_ENTITY_ID']) if (row[key]) named.add(row[key]);
      }
    } else if (file.format === 'salesforce-rtem') {
      for (const line of readFileSync(join(dir, file.path), 'utf8').trimEnd().split('\n')) {
        const payload = parseJson<StreamEnvelope>(line).data.payload;
        if (!loginKeys.has(payload.LoginKey ?? '') || typeof payload.Records !== 'string') continue;
        for (const record of parseJson<StreamRecords>(payload.Records).records) named.add(record.Id);
      }
    }
  }
  return named;
}

describe('demo breach ground truth', () => {
  it('has one line per consumer and counts that add up', () => {
    const c = result.counts;
    expect(truth).toHaveLength(3000);
    expect(c.exact + c.derived + c.inferred + c.uncovered).toBe(c.consumers);
    for (const basis of ['exact', 'derived', 'inferred'] as const) {
      expect(truth.filter((t) => t.basis === basis).length).toBe(c[basis]);
      expect(c[basis]).toBeGreaterThan(0);
    }
    expect(truth.filter((t) => t.reached).length).toBe(c.reached);
    expect(scenario.counts).toEqual(c);
    expect(new Set(truth.map((t) => t.personId)).size).toBe(truth.length);
  });

  it('gives every reached consumer a basis, and only inferred consumers can be unreached', () => {
    for (const t of truth) {
      if (t.reached) expect(t.basis).not.toBeNull();
      if (t.basis === 'exact' || t.basis === 'derived') expect(t.reached).toBe(true);
      if (t.basis === null) expect(t.exposedElements).toEqual([]);
      expect(t.exposedElements.every((e) => (ELEMENT_CODES as readonly string[]).includes(e))).toBe(true);
      expect(t.state).toMatch(/^(US-[A-Z]{2}|non-US|unknown)$/);
    }
  });

  it('names every exact record in an attacker log entry, and names only known records', () => {
    const named = idsNamedInAttackLogs();
    const exactRecords = truth.flatMap((t) => t.records.filter((r) => r.basis === 'exact'));
    expect(exactRecords.length).toBeGreaterThan(0);
    for (const r of exactRecords) expect(named.has(r.id)).toBe(true);
    // Business accounts are named too (the attacker listed them): they are companies, in the traps, not consumers.
    const knownIds = new Set([...truth.flatMap((t) => t.records.map((r) => r.id)), ...scenario.traps.businessAccountsReached]);
    // Bulk job ids (750…) are named too; every other named id is a consumer record or a reached business account.
    for (const id of named) if (!id.startsWith('750')) expect(knownIds.has(id)).toBe(true);
  });

  it('reproduces the derived Contact records by re-evaluating the logged query against the export', () => {
    const q2 = scenario.attack.actions.find((a) => a.key === 'Q2');
    const at = Date.parse(scenario.attack.window.start);
    const contacts = readCsv(join(dir, 'data-export/Contact.csv'), 'latin1').rows;
    const where = {
      op: 'AND' as const,
      terms: [
        { op: 'LAST_N_DAYS' as const, field: 'CreatedDate', days: 365 },
        { op: 'OR' as const, terms: [{ op: 'IN' as const, field: 'MailingStateCode', values: ['NY', 'NJ', 'PA'] }, { op: 'LIKE' as const, field: 'Email', pattern: '%@outlook.example' }] },
        { op: 'NOT' as const, term: { op: '=' as const, field: 'LeadSource', value: 'Purchased List' } },
      ],
    };
    expect(q2?.soql).toContain("CreatedDate = LAST_N_DAYS:365 AND (MailingStateCode IN ('NY', 'NJ', 'PA') OR Email LIKE '%@outlook.example')");
    const reEvaluated = new Set(contacts.filter((c) => matches(where, c, at)).map((c) => c.Id));
    const q2Records = new Set(truth.filter((t) => t.accesses.includes('Q2')).flatMap((t) => t.records.filter((r) => r.object === 'Contact' && reEvaluated.has(r.id)).map((r) => r.id)));
    expect(reEvaluated.size).toBe(q2?.rowsReturned);
    expect(q2Records).toEqual(reEvaluated);
  });

  it('puts consumers at their most recent address, including movers', () => {
    const ordersById = new Map(readCsv(join(dir, 'data-export/Order.csv'), 'latin1').rows.map((o) => [o.Id!, o]));
    const contacts = new Map(readCsv(join(dir, 'data-export/Contact.csv'), 'latin1').rows.map((c) => [c.Id!, c]));
    let movers = 0;
    for (const t of truth) {
      const contact = t.records.find((r) => r.object === 'Contact');
      const orders = t.records.filter((r) => r.object === 'Order').map((r) => ordersById.get(r.id)!);
      if (!contact || orders.length === 0) continue;
      const latest = orders.reduce((a, b) => (a.LastModifiedDate! > b.LastModifiedDate! ? a : b));
      const c = contacts.get(contact.id)!;
      if (latest.LastModifiedDate! > c.LastModifiedDate! && latest.BillingStateCode && latest.BillingCountryCode === 'US') {
        expect(t.state).toBe(`US-${latest.BillingStateCode}`);
        if (latest.BillingStreet !== c.MailingStreet) movers++;
      }
    }
    expect(movers).toBeGreaterThan(0);
  });

  it('places residents across the states roughly in proportion to population', async () => {
    const { result: big } = await generateInTemp('states', 20_000);
    const states = readFileSync(big.groundTruthPath, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as GroundTruthConsumer).state);
    const count = (code: string): number => states.filter((s) => s === code).length;
    const us = states.filter((s) => s.startsWith('US-')).length;
    expect(new Set(states.filter((s) => s.startsWith('US-'))).size).toBe(52);
    const expected: Record<string, number> = { 'US-CA': 39538, 'US-TX': 29146, 'US-FL': 21538, 'US-NY': 20201, 'US-PA': 13003 };
    const usPopulation = 334_735; // 50 states + DC + PR, thousands (2020 census), as in states.ts
    for (const [code, population] of Object.entries(expected)) {
      expect(count(code) / us).toBeGreaterThan((population / usPopulation) * 0.8);
      expect(count(code) / us).toBeLessThan((population / usPopulation) * 1.2);
    }
    expect(count('non-US')).toBeGreaterThan(0);
    expect(count('unknown')).toBeGreaterThan(0);
  });
});
