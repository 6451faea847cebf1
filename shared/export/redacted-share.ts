import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, promises as fsp, readdirSync } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import type { Assessment } from '../assess/assess-analysis';
import { readAnalysis } from './analysis-record';
import { csvRecord } from './csv';
import { signExportFolder, type ManifestFile } from './manifest';
import { packRefs } from '../law/packs';
import type { CaseHandle } from '../store/case-folder';
import { appendCustody, listCustody } from '../store/custody';
import { listEvidence } from '../store/evidence';

export interface ShareResult {
  dir: string;
  manifestPath: string;
  manifestSha256: string;
  files: ManifestFile[];
  consumers: number;
}

/**
 * A signed copy of the results for people who need numbers, not identities: counts, obligations, exposure,
 * evidence hashes and the custody chain's hashes. Consumers appear only as pseudonyms, an HMAC of their
 * identifier under a random per-share key that is never written, so they are stable within the share and cannot
 * be linked back or across shares. Custody details (paths, queries, notes) are left out; each entry keeps its hashes.
 * Written in the clear, also from an encrypted case: nothing in it identifies a person.
 */
export async function shareRedacted(handle: CaseHandle, input: Assessment, options: { outDir: string; actor: string; now?: Date }): Promise<ShareResult> {
  const dir = path.resolve(options.outDir);
  const relative = path.relative(handle.dir, dir);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) throw new LedgerError('BAD_USAGE', 'Write a share outside the case folder (it is meant to leave it); choose another folder.');
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new LedgerError('BAD_USAGE', `${dir} is not empty; share into a new or empty folder.`);
  await fsp.mkdir(dir, { recursive: true });
  const now = options.now ?? new Date();
  const analysis = readAnalysis(handle.db, input.analysis.id);
  const pseudonym = pseudonymizer();

  const write = (name: string, text: string) => fsp.writeFile(path.join(dir, name), text, 'utf8');
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await write(
    'summary.json',
    json({
      case: { id: handle.info.id, name: handle.info.name, matter: handle.info.matter, discovered: handle.info.discovered },
      analysis: { id: analysis.id, inputDigest: analysis.inputDigest, outputDigest: analysis.outputDigest, finishedAt: analysis.finishedAt, engineVersion: analysis.engineVersion, counts: analysis.summary },
      obligations: input.obligations,
      exposure: input.exposure,
      pseudonyms: 'P-<16 hex>: HMAC-SHA256 of the consumer identifier under a random key made for this share and not kept',
    }),
  );
  await write(
    'evidence.json',
    json(listEvidence(handle.db).map((e) => ({ id: e.id, name: e.originalName, size: e.size, sha256: e.sha256, sha1: e.sha1, md5: e.md5, acquiredAt: e.acquiredAt, format: e.format }))),
  );
  await write('custody.json', json(listCustody(handle.db).map((e) => ({ seq: e.seq, at: e.at, action: e.action, prevHash: e.prevHash, entryHash: e.entryHash }))));

  const rows = handle.db
    .prepare('SELECT consumer_id AS id, full_name AS name, email, basis, region, regions, elements, records FROM analysis_consumers WHERE analysis_id = ? ORDER BY consumer_id')
    .iterate(analysis.id) as IterableIterator<{ id: number; name: string | null; email: string | null; basis: string; region: string; regions: string; elements: string; records: number }>;
  let consumers = 0;
  let csv = csvRecord(['pseudonym', 'state', 'counted_in', 'basis', 'elements', 'records']);
  for (const row of rows) {
    const countedIn = (JSON.parse(row.regions) as { countedIn: string[] }).countedIn;
    const elements = Object.keys(JSON.parse(row.elements) as Record<string, string>).sort();
    csv += csvRecord([pseudonym(row.email?.toLowerCase() || row.name || `consumer ${row.id}`), row.region, countedIn.join(' '), row.basis, elements.join(' '), row.records]);
    consumers++;
  }
  await write('consumers.csv', csv);

  const { files, manifestPath, manifestSha256 } = await signExportFolder(handle, dir, {
    exportedAt: now.toISOString(),
    exportedBy: options.actor,
    analysis,
    assumptions: [],
    plannedNoticeDate: null,
    rulePacks: packRefs(input.packs),
  });
  appendCustody(handle.db, { actor: options.actor, action: 'share', subject: dir, details: { redacted: true, analysisId: analysis.id, manifestSha256, consumers, files: files.map((f) => ({ path: f.path, sha256: f.sha256 })) } }, now);
  return { dir, manifestPath, manifestSha256, files, consumers };
}

function pseudonymizer(): (identifier: string) => string {
  const key = randomBytes(32);
  return (identifier) => `P-${createHmac('sha256', key).update(identifier, 'utf8').digest('hex').slice(0, 16)}`;
}
