import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, signatureVerifies, type SignedManifest } from '../export/manifest';
import type { Db } from './db';

/**
 * Checks that tie rows to records written elsewhere, so that rewriting a row (and the file it names, and the
 * custody chain after it) still leaves a trace: each returns one sentence per problem, naming what differs.
 */

interface AcquireDetails {
  evidenceId?: number;
  sha256?: string;
  sha1?: string;
  md5?: string;
  size?: number;
  originalPath?: string;
  format?: string;
  formatForced?: boolean;
  source?: string | null;
}

interface EvidenceRow {
  id: number;
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  originalPath: string;
  format: string;
  formatForced: boolean;
  source: string | null;
  originalName: string;
  acquiredBy: string;
}

/** Every evidence row against the digests its `acquire` custody entry recorded, and every such entry against a row. */
export function evidenceAgainstCustody(db: Db): string[] {
  const rows = (
    db
      .prepare('SELECT id, sha256, sha1, md5, size, original_path, format, format_forced, source, original_name, acquired_by FROM evidence ORDER BY id')
      .all() as Array<Record<string, string | number | null>>
  ).map(
    (r): EvidenceRow => ({
      id: r.id as number,
      sha256: r.sha256 as string,
      sha1: r.sha1 as string,
      md5: r.md5 as string,
      size: r.size as number,
      originalPath: r.original_path as string,
      format: r.format as string,
      formatForced: r.format_forced === 1,
      source: r.source as string | null,
      originalName: r.original_name as string,
      acquiredBy: r.acquired_by as string,
    }),
  );
  const recorded = new Map<number, { seq: number; actor: string; subject: string; details: AcquireDetails }>();
  for (const entry of db.prepare(`SELECT seq, actor, subject, details FROM custody WHERE action = 'acquire' ORDER BY seq`).all() as Array<{ seq: number; actor: string; subject: string; details: string }>) {
    const details = parseDetails(entry.details);
    if (typeof details.evidenceId === 'number') recorded.set(details.evidenceId, { seq: entry.seq, actor: entry.actor, subject: entry.subject, details });
  }
  const problems: string[] = [];
  for (const row of rows) {
    const entry = recorded.get(row.id);
    if (!entry) {
      problems.push(`evidence ${row.id} has no acquire entry in the custody log`);
      continue;
    }
    const differs = (['sha256', 'sha1', 'md5', 'size', 'originalPath', 'format', 'formatForced', 'source'] as const)
      .filter((field) => entry.details[field] !== undefined && entry.details[field] !== row[field])
      .map((field) => `${field} ${String(row[field])}, custody recorded ${String(entry.details[field])}`);
    if (entry.subject !== `evidence ${row.id} (${row.originalName})`) differs.push(`name ${row.originalName}, custody recorded "${entry.subject}"`);
    if (entry.actor !== row.acquiredBy) differs.push(`acquired by ${row.acquiredBy}, custody recorded ${entry.actor}`);
    if (differs.length > 0) problems.push(`evidence ${row.id} (table evidence) differs from custody entry ${entry.seq}: ${differs.join('; ')}`);
    recorded.delete(row.id);
  }
  for (const [id, entry] of recorded) problems.push(`custody entry ${entry.seq} records evidence ${id}, which is not in the evidence table`);
  return problems;
}

/**
 * Every signed export manifest in the case records the custody head at its export: that entry must still be in the
 * log with that hash, so a log cut back to an earlier entry, or re-chained after an edit, is caught.
 */
export async function manifestsAgainstCustody(caseDir: string, exportsDir: string, db: Db, publicKeyPem: string): Promise<{ checked: number; problems: string[] }> {
  if (!existsSync(exportsDir)) return { checked: 0, problems: [] };
  const manifests = (await fsp.readdir(exportsDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name === MANIFEST_FILE)
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const hashAt = db.prepare('SELECT entry_hash FROM custody WHERE seq = ?').pluck();
  const last = (db.prepare('SELECT max(seq) FROM custody').pluck().get() as number | null) ?? 0;
  const problems: string[] = [];
  for (const file of manifests) {
    const name = path.relative(caseDir, file).split(path.sep).join('/');
    let manifest: SignedManifest;
    try {
      manifest = JSON.parse(await fsp.readFile(file, 'utf8')) as SignedManifest;
    } catch {
      problems.push(`${name} is not a readable manifest`);
      continue;
    }
    if (!manifest.signature || manifest.signature.publicKeyPem !== publicKeyPem || !signatureVerifies(manifest)) {
      problems.push(`${name} is not signed by this case's key`);
      continue;
    }
    const heads = [manifest.custody?.headAtExport, manifest.custody?.currentHead].filter((h) => h !== undefined);
    for (const head of heads.filter((h, i) => heads.findIndex((o) => o.seq === h.seq) === i)) {
      if (head.seq > last) problems.push(`${name} records custody entry ${head.seq}, but the custody log ends at entry ${last}: entries were removed`);
      else {
        const held = hashAt.get(head.seq) as string | undefined;
        if (held !== head.hash) problems.push(`${name} records custody entry ${head.seq} with hash ${head.hash}, but the log holds ${held ?? 'nothing'} there: the log was rewritten`);
      }
    }
  }
  return { checked: manifests.length, problems };
}

/** The head hash the examiner wrote down must be an entry of the (verified) chain: the external anchor against a full re-chain. */
export function expectedHeadProblems(db: Db, expected: string): string[] {
  const found = db.prepare('SELECT seq FROM custody WHERE entry_hash = ?').pluck().get(expected.trim().toLowerCase()) as number | undefined;
  return found === undefined ? [`the custody log holds no entry with the expected head hash ${expected}: it was rewritten or cut back`] : [];
}

/** Tables whose rows cannot all be read, or that SQLite's integrity check names (by root page). */
export function damagedTables(db: Db, integrityMessages: readonly string[]): string[] {
  const damaged = new Set<string>();
  let objects: Array<{ name: string; type: string; rootpage: number; tbl_name: string }> = [];
  try {
    objects = db.prepare(`SELECT name, type, rootpage, tbl_name FROM sqlite_master WHERE rootpage > 0`).all() as typeof objects;
  } catch {
    return ['sqlite_master (the schema itself)'];
  }
  const byRoot = new Map(objects.map((o) => [o.rootpage, o]));
  for (const message of integrityMessages) {
    const root = /Tree (\d+) page/.exec(message)?.[1];
    const object = root ? byRoot.get(Number(root)) : undefined;
    if (object) damaged.add(object.type === 'index' ? `${object.tbl_name} (index ${object.name})` : object.name);
    const index = /from index (\S+)/.exec(message)?.[1];
    const owner = index ? objects.find((o) => o.name === index) : undefined;
    if (owner) damaged.add(`${owner.tbl_name} (index ${owner.name})`);
  }
  for (const object of objects.filter((o) => o.type === 'table')) {
    try {
      const rows = db.prepare(`SELECT * FROM "${object.name.replace(/"/g, '""')}"`).iterate();
      while (!rows.next().done);
    } catch {
      damaged.add(object.name);
    }
  }
  return [...damaged].sort();
}

function parseDetails(text: string): AcquireDetails {
  try {
    return JSON.parse(text) as AcquireDetails;
  } catch {
    return {};
  }
}
