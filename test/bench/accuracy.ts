import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { generateBreach, type BreachSize } from '../../shared/demo';
import { LedgerEngine } from '../../shared/engine/ledger-engine';
import { readGroundTruth, scoreAnalysis, scoreTraps, type Traps } from './accuracy-metrics';
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
    const scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as { attack: { window: { start: string; end: string }; attackerIps: string[]; connectedApp: { name: string } }; traps: Traps };
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
      const truth = readGroundTruth(breach.groundTruthPath);
      const score = scoreAnalysis(db, summary.analysis, truth);
      const traps = scoreTraps(db, summary.analysis, truth, scenario.traps);
      db.close();
      const rows: BenchRow[] = [];
      for (const basis of ['exact', 'derived', 'inferred'] as const) {
        const s = score.byBasis[basis];
        const target = basis === 'inferred' ? '' : '= 1.000';
        const limit = basis === 'inferred' ? {} : { minValue: 1 };
        rows.push(row({ benchmark: 'accuracy', figure: `${basis} precision (${s.correct}/${s.predicted})`, value: s.precision, unit: '', baseline: null, baselineValue: null, target, peakRssMb: null, ...limit }));
        rows.push(row({ benchmark: 'accuracy', figure: `${basis} recall (${s.correct}/${s.truth})`, value: s.recall, unit: '', baseline: null, baselineValue: null, target, peakRssMb: null, ...limit }));
      }
      rows.push(row({ benchmark: 'accuracy', figure: `residency accuracy (${score.matched} consumers)`, value: score.residency, unit: '', baseline: null, baselineValue: null, target: '', peakRssMb: null }));
      rows.push(row({ benchmark: 'accuracy', figure: 'exposed-element accuracy (exact set match)', value: score.elements, unit: '', baseline: null, baselineValue: null, target: '', peakRssMb: null }));
      const figure = (text: string, value: number, target = '', limit: { maxValue?: number } = {}) =>
        rows.push(row({ benchmark: 'accuracy', figure: text, value, unit: '', baseline: null, baselineValue: null, target, peakRssMb: null, ...limit }));
      figure(`consumers reported that are no ground-truth person (strays)`, score.strays, '0', { maxValue: 0 });
      figure('business accounts counted as consumers', traps.businessAccountsAsConsumers, '0', { maxValue: 0 });
      figure(`non-persons excluded (${Object.entries(traps.excludedNonPersons).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}; ${traps.businessAccountsExcluded}/${scenario.traps.businessAccountsReached.length} reached business accounts)`, Object.values(traps.excludedNonPersons).reduce((a, b) => a + b, 0));
      figure(`workforce reached`, summary.workforce.total);
      figure(`card/SSN classifications on address or phone fields (${scenario.traps.digitRichStreets} digit-rich streets planted)${traps.cardOrSsnOnAddressOrPhone.length ? `: ${traps.cardOrSsnOnAddressOrPhone.join(', ')}` : ''}`, traps.cardOrSsnOnAddressOrPhone.length, '0', { maxValue: 0 });
      figure(`namesakes (one name, one ZIP, other contacts) merged (${traps.namesakesReached} reached pairs, ${traps.namesakesInReview} in review)`, traps.namesakesMerged, '0', { maxValue: 0 });
      figure(`review queue (${Object.entries(traps.reviewQueue).map(([k, n]) => `${k} ${n}`).join(', ') || 'empty'}); consumers ${summary.total}, ${summary.identityReview.totalIfSamePeople} if the pairs are the same people`, Object.values(traps.reviewQueue).reduce((a, b) => a + b, 0));
      figure(`complete record lists re-evaluation disagreed with (noted, nothing added)`, summary.notes['reevaluation-disagrees'] ?? 0);
      return rows;
    } finally {
      engine.close();
    }
  },
};
