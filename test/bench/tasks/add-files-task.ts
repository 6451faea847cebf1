/** Adds every file of a folder tree (the demo's generated breach) to a new case, as `add` does, and times it. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { LedgerEngine } from '../../../shared/engine/ledger-engine';

const [caseDir, folder] = process.argv.slice(2);
const files = (readdirSync(folder!, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
  .filter((f) => f.isFile() && f.name !== 'ground-truth.jsonl' && f.name !== 'scenario.json')
  .map((f) => path.join(f.parentPath, f.name))
  .sort();
const engine = new LedgerEngine();
await engine.createCase({ caseDir: caseDir!, name: 'bench', investigator: 'bench', discovered: '2025-06-20', timeZone: 'UTC' });
const started = process.hrtime.bigint();
const outcomes = await engine.addEvidence({ caseDir: caseDir!, files, actor: 'bench' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
engine.close();
const added = outcomes.filter((o) => o.status === 'added').length;
process.stdout.write(JSON.stringify({ files: files.length, added, seconds }));
