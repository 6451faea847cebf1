/**
 * Examiner notes and tags on events and consumers. The store keeps every version (the table is append-only): an
 * edit is a new version, logged in custody with a digest of what it says, and the earlier versions stay readable.
 */
import type { AnnotationTarget, AnnotationView } from '../contract/api';
import { LedgerError } from '../contract/errors';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';

const MAX_NOTE_CHARS = 10_000;
const MAX_TAG_CHARS = 40;
const MAX_TAGS = 20;

interface AnnotationRow {
  id: number;
  target_kind: 'event' | 'consumer';
  target_id: number;
  analysis_id: number | null;
  version: number;
  note: string;
  tags: string;
  actor: string;
  created_at: string;
  custody_seq: number;
  current: number;
}

/** Trimmed, de-duplicated and sorted; each tag one short word or phrase without commas or line breaks. */
export function normalizeTags(tags: readonly unknown[]): string[] {
  if (!Array.isArray(tags)) throw new LedgerError('BAD_USAGE', 'Tags are a list of short labels.');
  const clean = tags.map((tag) => {
    if (typeof tag !== 'string') throw new LedgerError('BAD_USAGE', 'A tag must be text.');
    const trimmed = tag.trim().replace(/\s+/g, ' ');
    if (!trimmed) throw new LedgerError('BAD_USAGE', 'A tag is empty; remove it or give it a label.');
    if (/[,\r\n]/.test(trimmed)) throw new LedgerError('BAD_USAGE', `The tag "${trimmed.slice(0, MAX_TAG_CHARS)}" contains a comma or line break; use one tag per label.`);
    if (trimmed.length > MAX_TAG_CHARS) throw new LedgerError('BAD_USAGE', `The tag "${trimmed.slice(0, MAX_TAG_CHARS)}…" is longer than ${MAX_TAG_CHARS} characters.`);
    return trimmed;
  });
  const unique = [...new Set(clean)].sort((a, b) => a.localeCompare(b));
  if (unique.length > MAX_TAGS) throw new LedgerError('BAD_USAGE', `At most ${MAX_TAGS} tags per item.`);
  return unique;
}

function checkTarget(target: unknown): AnnotationTarget {
  const t = target as Partial<AnnotationTarget> | null;
  if (!t || (t.kind !== 'event' && t.kind !== 'consumer') || !Number.isInteger(t.id)) {
    throw new LedgerError('BAD_USAGE', 'Name what the note is about: an event or a consumer, by its numeric id.');
  }
  return { kind: t.kind, id: t.id! };
}

/**
 * Adds the next version of the note on `target`. A consumer is checked against `analysisId` (the analysis the
 * examiner is looking at); an event against the store. The first version must say something.
 */
export function annotate(db: Db, input: { target: unknown; note: unknown; tags: readonly unknown[]; analysisId: number | null; actor: string }, now = new Date()): AnnotationView {
  const target = checkTarget(input.target);
  if (typeof input.note !== 'string') throw new LedgerError('BAD_USAGE', 'The note must be text.');
  const note = input.note.replace(/\r\n?/g, '\n').trim();
  if (note.length > MAX_NOTE_CHARS) throw new LedgerError('BAD_USAGE', `The note is ${note.length.toLocaleString('en-US')} characters; keep it under ${MAX_NOTE_CHARS.toLocaleString('en-US')}.`);
  const tags = normalizeTags(input.tags ?? []);
  let analysisId: number | null = null;
  if (target.kind === 'event') {
    if (!db.prepare('SELECT 1 FROM access_events WHERE id = ?').get(target.id)) throw new LedgerError('NOT_FOUND', `No access event ${target.id} in this case.`);
  } else {
    analysisId = input.analysisId ?? ((db.prepare('SELECT max(id) FROM analyses').pluck().get() as number | null) ?? null);
    if (analysisId === null || !db.prepare('SELECT 1 FROM analysis_consumers WHERE analysis_id = ? AND consumer_id = ?').get(analysisId, target.id)) {
      throw new LedgerError('NOT_FOUND', `Consumer ${target.id} is not among the affected consumers of ${analysisId === null ? 'any analysis' : `analysis ${analysisId}`}.`);
    }
  }
  const previous = db.prepare('SELECT max(version) FROM annotations WHERE target_kind = ? AND target_id = ?').pluck().get(target.kind, target.id) as number | null;
  if (previous === null && !note && tags.length === 0) throw new LedgerError('BAD_USAGE', 'Write a note or add a tag first.');
  const version = (previous ?? 0) + 1;
  const write = db.transaction(() => {
    const entry = appendCustody(
      db,
      {
        actor: input.actor,
        action: 'note',
        subject: `${target.kind} ${target.id}`,
        details: { version, tags, noteSha256: sha256Hex(note), noteChars: note.length, ...(analysisId !== null ? { analysisId } : {}), digest: sha256Hex(canonicalJson({ target, version, note, tags })) },
      },
      now,
    );
    const id = db
      .prepare('INSERT INTO annotations (target_kind, target_id, analysis_id, version, note, tags, actor, created_at, custody_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(target.kind, target.id, analysisId, version, note, JSON.stringify(tags), input.actor, entry.at, entry.seq).lastInsertRowid;
    return { id: Number(id), custodySeq: entry.seq, createdAt: entry.at };
  });
  return { ...write(), target, analysisId, version, note, tags, actor: input.actor, current: true };
}

const SELECT = `SELECT a.*, a.version = (SELECT max(b.version) FROM annotations b WHERE b.target_kind = a.target_kind AND b.target_id = a.target_id) AS current
  FROM annotations a`;

/** Every version, oldest first; of one target when given. */
export function listAnnotations(db: Db, target: AnnotationTarget | null): AnnotationView[] {
  const rows = target
    ? (db.prepare(`${SELECT} WHERE a.target_kind = ? AND a.target_id = ? ORDER BY a.version`).all(checkTarget(target).kind, target.id) as AnnotationRow[])
    : (db.prepare(`${SELECT} ORDER BY a.target_kind, a.target_id, a.version`).all() as AnnotationRow[]);
  return rows.map(toView);
}

/** The newest note and tags per target of one kind, for the CSV columns of events and consumers. */
export function currentAnnotations(db: Db, kind: AnnotationTarget['kind']): Map<number, { note: string; tags: string[]; version: number }> {
  const rows = db
    .prepare(`SELECT a.target_id, a.note, a.tags, a.version FROM annotations a WHERE a.target_kind = ? AND a.version = (SELECT max(b.version) FROM annotations b WHERE b.target_kind = a.target_kind AND b.target_id = a.target_id)`)
    .all(kind) as Array<{ target_id: number; note: string; tags: string; version: number }>;
  return new Map(rows.map((r) => [r.target_id, { note: r.note, tags: JSON.parse(r.tags) as string[], version: r.version }]));
}

function toView(r: AnnotationRow): AnnotationView {
  return {
    id: r.id,
    target: { kind: r.target_kind, id: r.target_id },
    analysisId: r.analysis_id,
    version: r.version,
    note: r.note,
    tags: JSON.parse(r.tags) as string[],
    actor: r.actor,
    createdAt: r.created_at,
    custodySeq: r.custody_seq,
    current: r.current === 1,
  };
}
