/** Read model of rejected rows: what an import could not use, with its reason and the bytes it read. */
import type { RejectPage, RejectView } from '../contract/api';
import { LedgerError } from '../contract/errors';
import type { Db } from '../store/db';

interface RejectRow {
  id: number;
  import_id: number;
  entry: string | null;
  record_no: number | null;
  line_no: number | null;
  byte_offset: number;
  byte_length: number;
  reason: string;
  raw: Buffer;
  raw_truncated: number;
}

/**
 * Raw bytes as text that is safe to show: printable ASCII as itself, tab as \\t, everything else (control bytes,
 * non-ASCII, invalid UTF-8, binary) as \\xNN, so a reject never puts binary or mojibake on screen.
 */
export function escapeBytes(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    if (byte === 0x5c) text += '\\\\';
    else if (byte === 0x09) text += '\\t';
    else if (byte >= 0x20 && byte < 0x7f) text += String.fromCharCode(byte);
    else text += `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return text;
}

export function listRejects(db: Db, query: { evidenceId: number; importId: number | null; reason: string | null; limit: number; offset: number }): RejectPage {
  const importId =
    query.importId ??
    (db.prepare('SELECT max(id) AS id FROM imports WHERE evidence_id = ?').get(query.evidenceId) as { id: number | null } | undefined)?.id ??
    null;
  if (importId === null) throw new LedgerError('NOT_FOUND', `Evidence ${query.evidenceId} has not been imported, so it has no rejected rows.`);
  const byReason = Object.fromEntries(
    (db.prepare('SELECT reason, count(*) AS n FROM rejects WHERE import_id = ? AND evidence_id = ? GROUP BY reason ORDER BY n DESC, reason').all(importId, query.evidenceId) as Array<{ reason: string; n: number }>).map((r) => [r.reason, r.n]),
  );
  const like = query.reason ? `%${query.reason.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = `import_id = ? AND evidence_id = ?${like ? " AND lower(reason) LIKE ? ESCAPE '\\'" : ''}`;
  const params: unknown[] = like ? [importId, query.evidenceId, like] : [importId, query.evidenceId];
  const total = (db.prepare(`SELECT count(*) AS n FROM rejects WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM rejects WHERE ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset) as RejectRow[];
  return { importId, total, byReason, rejects: rows.map(rejectView) };
}

function rejectView(row: RejectRow): RejectView {
  return {
    id: row.id,
    importId: row.import_id,
    entry: row.entry,
    recordNo: row.record_no,
    lineNo: row.line_no,
    byteOffset: row.byte_offset,
    byteLength: row.byte_length,
    reason: row.reason,
    raw: escapeBytes(row.raw),
    rawTruncated: row.raw_truncated === 1,
  };
}
