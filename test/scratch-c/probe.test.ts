import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { buildTinyCase } from '../helpers/breach';
it('probe', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'bl-probe-'));
  const built = await buildTinyCase(root);
  const report = await built.engine.findings({ caseDir: built.caseDir });
  for (const f of report.findings) console.log(f.severity, f.id, f.subject, '|', f.facts.map((x) => x.text.slice(0, 400) + ` [${x.rows.length} rows]`).join(' // '));
  for (const n of report.notes) console.log('NOTE', n.check, n.reason.slice(0, 300));
  console.log('ROOT', root);
}, 300_000);
