/** Times `verify` of a case: every vault file re-hashed, the custody chain, the store's integrity. */
import { LedgerEngine } from '../../../shared/engine/ledger-engine';

const [caseDir] = process.argv.slice(2);
const engine = new LedgerEngine();
const started = process.hrtime.bigint();
const report = await engine.verify({ caseDir: caseDir!, actor: 'bench' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
engine.close();
process.stdout.write(JSON.stringify({ ok: report.ok, files: report.evidence.length, seconds }));
