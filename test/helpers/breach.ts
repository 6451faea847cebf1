import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateBreach } from '../../shared/demo';
import { LedgerEngine } from '../../shared/engine/ledger-engine';

export interface BuiltCase {
  engine: LedgerEngine;
  caseDir: string;
  dataDir: string;
  groundTruthPath: string;
  files: string[];
  scenario: {
    attack: {
      window: { start: string; end: string };
      attackerIps: string[];
      connectedApp: { name: string };
      compromisedUser: { username: string };
      signals: {
        spraying: { ip: string; attempts: number; users: number };
        passwordOnlyUiLogin: { ip: string; username: string; sessionLevel: string };
        firstSeenClient: string;
        logGap: { source: string; day: string | null };
      };
    };
  };
}

/** A tiny generated breach imported into a real case folder through the engine, scoped with the attacker's indicators. */
export async function buildTinyCase(root: string, options: { seed?: number; reverse?: boolean } = {}): Promise<BuiltCase> {
  const dataDir = path.join(root, 'data');
  const breach = await generateBreach({ outDir: dataDir, seed: options.seed ?? 11, size: 'tiny' });
  const scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as BuiltCase['scenario'];
  const engine = new LedgerEngine();
  const caseDir = path.join(root, 'case');
  await engine.createCase({ caseDir, name: 'Tiny breach', investigator: 'Test', discovered: '2025-06-23' });
  const files = breach.files.map((f) => path.join(dataDir, f.path));
  const outcomes = await engine.addEvidence({ caseDir, files: options.reverse ? [...files].reverse() : files, actor: 'test' });
  const failed = outcomes.filter((o) => o.status !== 'added');
  if (failed.length > 0) throw new Error(`files not added: ${JSON.stringify(failed)}`);
  const a = scenario.attack;
  await engine.defineScope({ caseDir, from: a.window.start, to: a.window.end, ips: a.attackerIps, apps: [a.connectedApp.name], actor: 'test' });
  return { engine, caseDir, dataDir, groundTruthPath: breach.groundTruthPath, files, scenario };
}
