import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { generateBreach, type BreachSize } from '../../shared/demo';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { readGroundTruth, scoreAnalysis } from './accuracy-metrics';
import { benchDir, row, type Benchmark, type BenchRow } from './harness';

/** The whole pipeline on a generated breach, scored against the generator's ground truth (which the pipeline never reads). */
export const accuracyBenchmark: Benchmark = {
  name: 'accuracy',
  description: 'Precision and recall per basis, residency and element accuracy on a default-size generated breach',
  async run(args) {
    const size = (args[0] ?? 'default') as BreachSize;
    const root = benchDir('accuracy');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const breach = await generateBreach({ outDir: path.join(root, 'data'), seed: 2026, size });
    const scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as { attack: { window: { start: string; end: string }; attackerIps: string[]; connectedApp: { name: string } } };
    const engine = new LedgerEngine();
    const caseDir = path.join(root, 'case');
    try {
      await engine.createCase({ caseDir, name: 'accuracy', investigator: 'bench', discovered: '2025-06-23' });
      await engine.addEvidence({ caseDir, files: breach.files.map((f) => path.join(root, 'data', f.path)), actor: 'bench' });
      const a = scenario.attack;
      await engine.defineScope({ caseDir, from: a.window.start, to: a.window.end, ips: a.attackerIps, apps: [a.connectedApp.name], actor: 'bench' });
      const summary = await engine.reconstruct({ caseDir, actor: 'bench' });
      engine.close();
      const db = new Database(path.join(caseDir, 'ledger.sqlite'), { readonly: true });
      const score = scoreAnalysis(db, summary.analysis, readGroundTruth(breach.groundTruthPath));
      db.close();
      const rows: BenchRow[] = [];
      for (const basis of ['exact', 'derived', 'inferred'] as const) {
        const s = score.byBasis[basis];
        const target = basis === 'inferred' ? '' : '≥ 0.99';
        const limit = basis === 'inferred' ? {} : { minValue: 0.99 };
        rows.push(row({ benchmark: 'accuracy', figure: `${basis} precision (${s.correct}/${s.predicted})`, value: s.precision, unit: '', baseline: null, baselineValue: null, target, peakRssMb: null, ...limit }));
        rows.push(row({ benchmark: 'accuracy', figure: `${basis} recall (${s.correct}/${s.truth})`, value: s.recall, unit: '', baseline: null, baselineValue: null, target, peakRssMb: null, ...limit }));
      }
      rows.push(row({ benchmark: 'accuracy', figure: `residency accuracy (${score.matched} consumers)`, value: score.residency, unit: '', baseline: null, baselineValue: null, target: '', peakRssMb: null }));
      rows.push(row({ benchmark: 'accuracy', figure: 'exposed-element accuracy (exact set match)', value: score.elements, unit: '', baseline: null, baselineValue: null, target: '', peakRssMb: null }));
      return rows;
    } finally {
      engine.close();
    }
  },
};
