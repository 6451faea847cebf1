import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoNoticeFacts, generateBreach, SIZES, type BreachSize, type DemoScenario } from '../shared/demo';
import { LedgerEngine } from '../shared/engine/ledger-engine';
import { formatCents } from '../shared/display/money';
import { createOutput, formatBytes, formatCount } from './output';

const MARKER = '.breach-ledger-demo';

interface Scenario extends DemoScenario {
  attack: DemoScenario['attack'] & { attackerIps: string[] };
}

/** `npm run demo`: generate a synthetic breach and run the whole investigation on it, end to end. */
async function demo(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { size: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } }, strict: true });
  const size = (values.size ?? 'default') as BreachSize;
  if (!(size in SIZES)) {
    process.stderr.write(`--size must be one of ${Object.keys(SIZES).join(', ')}, not "${values.size}".\n`);
    return 2;
  }
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) {
    process.stderr.write(`--seed must be a whole number, not "${values.seed}".\n`);
    return 2;
  }
  const root = path.resolve(values.out ?? 'demo-output');
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(path.join(root, MARKER))) {
      process.stderr.write(`${root} is not empty and was not made by the demo; choose another folder with --out.\n`);
      return 1;
    }
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, MARKER), 'made by npm run demo; safe to delete\n');
  const out = createOutput(false);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  out.line(`Generating a ${size} synthetic breach (seed ${seed}) into ${path.join(root, 'breach')}`);
  const breach = await generateBreach({ outDir: path.join(root, 'breach'), seed, size });
  const scenario = JSON.parse(readFileSync(breach.scenarioPath, 'utf8')) as Scenario;
  out.line(`  ${formatCount(breach.counts.consumers)} consumers, ${breach.files.length} files (${elapsed()})`);

  const engine = new LedgerEngine();
  try {
    const caseDir = path.join(root, 'case');
    await engine.createCase({
      caseDir,
      name: `${scenario.company.name} CRM breach (demo)`,
      investigator: 'Demo Investigator',
      matter: 'Synthetic demo matter',
      discovered: scenario.discovery.slice(0, 10),
      timeZone: 'UTC',
    });
    const outcomes = await engine.addEvidence({ caseDir, files: breach.files.map((f) => path.join(root, 'breach', f.path)), actor: 'demo', source: 'synthetic breach generator' }, { onProgress: out.progress });
    out.endProgress();
    const added = outcomes.flatMap((o) => (o.status === 'added' ? [o.evidence] : []));
    const failed = outcomes.filter((o) => o.status !== 'added');
    const rows = added.reduce((sum, e) => sum + (e.latestImport?.rowsImported ?? 0), 0);
    const rejected = added.reduce((sum, e) => sum + (e.latestImport?.rowsRejected ?? 0), 0);
    const bytes = added.reduce((sum, e) => sum + e.size, 0);
    out.line(`Acquired and imported ${added.length} files (${formatBytes(bytes)}, ${formatCount(rows)} rows, ${formatCount(rejected)} rejected) (${elapsed()})`);
    for (const f of failed) out.line(`  not added: ${f.file}: ${'message' in f ? f.message : ''}`);

    const attack = scenario.attack;
    const scope = await engine.defineScope({ caseDir, from: attack.window.start, to: attack.window.end, ips: attack.attackerIps, apps: [attack.connectedApp.name], actor: 'demo' });
    out.line(`Scoped the incident: ${attack.window.start} → ${attack.window.end}, ${attack.attackerIps.length} attacker IPs, app "${attack.connectedApp.name}": ${formatCount(scope.matchingEvents)} events`);

    const summary = await engine.reconstruct({ caseDir, actor: 'demo' }, { onProgress: out.progress });
    out.endProgress();
    out.line(`Affected consumers: ${formatCount(summary.total)} — exact ${formatCount(summary.byBasis.exact)}, derived ${formatCount(summary.byBasis.derived)}, inferred ≤ ${formatCount(summary.byBasis.inferred)} (${elapsed()})`);
    const states = Object.entries(summary.byState).sort((a, b) => b[1] - a[1]).slice(0, 8);
    out.line(`  top states: ${states.map(([s, n]) => `${s} ${formatCount(n)}`).join(', ')}`);

    const obligations = await engine.obligations({ caseDir });
    const dueKey = (j: (typeof obligations.jurisdictions)[number]) => (j.individuals.due.kind === 'date' ? j.individuals.due.date : '9999');
    const required = obligations.jurisdictions.filter((j) => j.noticeRequired === 'yes').sort((a, b) => dueKey(a).localeCompare(dueKey(b)) || a.jurisdiction.localeCompare(b.jurisdiction));
    out.line(`Notice required in ${required.length} jurisdictions; earliest individual deadlines:`);
    for (const j of required.slice(0, 6)) out.line(`  ${j.jurisdiction.padEnd(6)} ${j.individuals.due.kind === 'date' ? j.individuals.due.date : j.individuals.due.text}  (${j.qualifying.exact + j.qualifying.derived} qualifying resident${j.qualifying.exact + j.qualifying.derived === 1 ? "" : "s"})`);

    const exposure = await engine.exposure({ caseDir });
    const t = exposure.totals;
    out.line(`Exposure: low ${formatCents(t.low)}, stated ${formatCents(t.stated)}, high ${formatCents(t.high)}${t.complete ? '' : ` (known components; ${t.unknownComponents.length} need counsel's review)`}`);

    const facts = await engine.setNoticeFacts({ caseDir, facts: demoNoticeFacts(scenario), actor: 'demo' });
    out.line(`Recorded notice facts for the letters (notice date ${facts.facts.noticeDate}); change them with: notices facts <case> --set facts.json`);

    const exported = await engine.exportCase({ caseDir, actor: 'demo' }, { onProgress: out.progress });
    out.endProgress();
    out.line(`Exported ${exported.files.length} files to ${exported.dir} (manifest SHA-256 ${exported.manifestSha256.slice(0, 16)}…) (${elapsed()})`);
    const checked = await engine.verifyExport({ manifestPath: exported.manifestPath, caseDir });
    out.line(`Export check: ${checked.ok ? 'signature and every file hash verified' : 'FAILED'}`);

    const verified = await engine.verify({ caseDir, actor: 'demo' });
    out.line(`Verification: ${verified.ok ? 'passed' : 'FAILED'} (${verified.evidence.length} files re-hashed, ${verified.custody.entries} custody entries)`);
    out.line(`Case folder: ${caseDir}`);
    out.line(`Try: npm run -s cli -- consumers ${path.relative(process.cwd(), caseDir)} --state CA --limit 5`);
    out.line(`Done in ${elapsed()}.`);
    return verified.ok && checked.ok ? 0 : 3;
  } finally {
    engine.close();
  }
}

demo(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`Demo failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
