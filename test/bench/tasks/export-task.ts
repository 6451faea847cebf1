/**
 * `seed <case>`: a real case (createCase, one real evidence file acquired, a recorded scope) whose analysis
 * rows are inserted synthetically — 1 million affected consumers, each with one CRM record, address and three
 * exposed elements — because reconstructing a million consumers from logs is not what this benchmark measures.
 * `export <case> <out>`: exports that case's analysis (the part that is timed).
 */
import path from 'node:path';
import { exportCase } from '../../../shared/export';
import { addEvidence } from '../../../shared/ingest/acquire';
import { normalizeScope } from '../../../shared/scope/definition';
import { recordScope } from '../../../shared/scope/scopes';
import { createCase, openCase } from '../../../shared/store/case-folder';
import { appendCustody } from '../../../shared/store/custody';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { REPO } from '../harness';

const CONSUMERS = 1_000_000;
const STATES = ['US-CA', 'US-NY', 'US-TX', 'US-FL', 'US-IL', 'US-WA', 'US-NJ', 'US-MA', 'US-OR', 'US-CO'];
const FIRST_SUBJECT_ID = 100_000_000;

/** The evidence basis of consumer `i`, drawn from `i / STATES.length` so every state gets each basis (`i` alone picks the state). */
function basisOf(i: number): 'exact' | 'derived' | 'inferred' {
  const k = Math.floor(i / STATES.length);
  return k % 10 === 0 ? 'inferred' : k % 4 === 0 ? 'derived' : 'exact';
}

async function seed(caseDir: string): Promise<void> {
  const handle = await createCase({ dir: caseDir, name: 'export benchmark', investigator: 'bench', discovered: '2025-06-23' });
  const { evidence, import: imported } = await addEvidence(handle, { file: path.join(REPO, 'test/fixtures/people/Contact.csv'), actor: 'bench' });
  const scope = recordScope(handle.db, normalizeScope({ from: '2025-06-16T00:00:00Z', to: '2025-06-17T00:00:00Z', ips: ['203.0.113.77'] }), 'bench');
  const db = handle.db;
  const analysisId = 1;
  db.transaction(() => {
    const subject = db.prepare(
      `INSERT INTO subject_records (id, evidence_id, import_id, entry, record_no, line_no, byte_offset, byte_length, system, object_type, source_id, fields, first_name, last_name, full_name, email, phone)
       VALUES (?, ?, ?, NULL, ?, ?, ?, 100, 'salesforce', 'Contact', ?, '{}', ?, ?, ?, ?, ?)`,
    );
    const address = db.prepare(`INSERT INTO subject_addresses (subject_id, kind, street, city, region, region_source, postal_code, country) VALUES (?, 'mailing', ?, ?, ?, 'abbreviation', ?, 'US')`);
    const consumer = db.prepare(
      `INSERT INTO analysis_consumers (analysis_id, consumer_id, basis, region, regions, elements, full_name, email, phone, records) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    const record = db.prepare(`INSERT INTO analysis_consumer_records (analysis_id, consumer_id, subject_id, reason) VALUES (?, ?, ?, 'own record')`);
    const element = db.prepare(`INSERT INTO analysis_consumer_elements (analysis_id, consumer_id, element, basis, subject_id, field, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 1; i <= CONSUMERS; i++) {
      const subjectId = FIRST_SUBJECT_ID + i;
      const state = STATES[i % STATES.length]!;
      const basis = basisOf(i);
      const name = `Person${i} Example`;
      const email = `person${i}@example.com`;
      subject.run(subjectId, evidence.id, imported!.id, i, i + 1, i * 100, `003${String(i).padStart(15, '0')}`, `Person${i}`, 'Example', name, email, '+15555550100');
      address.run(subjectId, `${i} Main Street`, 'Springfield', state, '90210');
      const elements = { email: basis, name: basis, ssn: basis };
      const regions = { countedIn: [state], reason: 'most recent address', candidates: [{ subjectId, kind: 'mailing', region: state, regionSource: 'abbreviation', country: 'US', updatedAt: null }] };
      consumer.run(analysisId, i, basis, state, canonicalJson(regions), canonicalJson(elements), name, email, '+15555550100');
      record.run(analysisId, i, subjectId);
      for (const [code, field] of [['email', 'Email'], ['name', 'FirstName'], ['ssn', 'SSN__c']]) element.run(analysisId, i, code, basis, subjectId, field, 1 + (i % 5000));
    }
    const byBasis = { exact: 0, derived: 0, inferred: 0 };
    for (let i = 1; i <= CONSUMERS; i++) byBasis[basisOf(i)]++;
    const summary = { analysis: analysisId, total: CONSUMERS, byBasis, inferredMinimum: 1000, synthetic: 'benchmark seed' };
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO analyses (id, scope_id, options, inputs, input_digest, output_digest, engine_version, summary, started_at, finished_at) VALUES (?, ?, ?, '{}', ?, ?, 'bench', ?, ?, ?)`,
    ).run(analysisId, scope.id, canonicalJson({ residency: 'most-recent' }), 'a'.repeat(64), 'b'.repeat(64), canonicalJson(summary), now, now);
    appendCustody(db, { actor: 'bench', action: 'analysis', subject: `analysis ${analysisId}`, details: { analysisId, synthetic: true, total: CONSUMERS } });
  })();
  handle.close();
}

async function runExport(caseDir: string, outDir: string): Promise<void> {
  const handle = await openCase(caseDir);
  const started = process.hrtime.bigint();
  const result = await exportCase(handle, { actor: 'bench', outDir });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  handle.close();
  process.stdout.write(JSON.stringify({ seconds, files: result.files.length, bytes: result.files.reduce((sum, f) => sum + f.size, 0) }));
}

const [mode, caseDir, outDir] = process.argv.slice(2);
if (mode === 'seed') await seed(caseDir!);
else if (mode === 'export') await runExport(caseDir!, outDir!);
else throw new Error('usage: export-task.ts seed <case> | export <case> <out>');
