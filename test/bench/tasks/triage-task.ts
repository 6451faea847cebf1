/** Times the triage table and the events-over-time chart, over everything and over one day, as the UI asks for them. */
import { LedgerEngine } from '../../../shared/engine/ledger-engine';

const [caseDir] = process.argv.slice(2);
const engine = new LedgerEngine();
const time = async (work: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
};
const day = { from: '2025-06-10T00:00:00.000Z', to: '2025-06-10T23:59:59.999Z' };
const result = {
  table: await time(() => engine.triage({ caseDir: caseDir!, limit: 25 })),
  chart: await time(() => engine.eventHistogram({ caseDir: caseDir!, bucket: 'day' })),
  tableWindow: await time(() => engine.triage({ caseDir: caseDir!, ...day, limit: 25 })),
  chartWindow: await time(() => engine.eventHistogram({ caseDir: caseDir!, bucket: 'hour', from: '2025-06-09T00:00:00.000Z', to: '2025-06-11T23:59:59.999Z' })),
};
engine.close();
process.stdout.write(JSON.stringify(result));
