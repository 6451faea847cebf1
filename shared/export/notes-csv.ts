/** The examiner's notes and tags, every version, as CSV: in each case export (when there are notes) and on demand. */
import { csvRecord } from './csv';
import type { Db } from '../store/db';
import { TextFile } from './text-file';

export const NOTES_FILE = 'examiner-notes.csv';

type Row = ReadonlyArray<string | number | null>;

/** Every version of every note, oldest first per target, so a reader sees what was changed, when and by whom. */
export function noteRows(db: Db): { header: readonly string[]; rows: Iterable<Row> } {
  const statement = db.prepare(
    `SELECT a.target_kind, a.target_id, a.analysis_id, a.version,
       CASE WHEN a.version = (SELECT max(b.version) FROM annotations b WHERE b.target_kind = a.target_kind AND b.target_id = a.target_id) THEN 'yes' ELSE 'no' END,
       a.created_at, a.actor, a.custody_seq, a.tags, a.note
     FROM annotations a ORDER BY a.target_kind, a.target_id, a.version`,
  );
  return {
    header: ['target_kind', 'target_id', 'analysis_id', 'version', 'current', 'created_at_utc', 'examiner', 'custody_seq', 'tags', 'note'],
    rows: mapRows(statement.raw().iterate() as Iterable<Array<string | number | null>>, (r) => [...r.slice(0, 8), (JSON.parse(r[8] as string) as string[]).join('; '), r[9]!]),
  };
}

/** Writes the notes file when the case has notes; false (and no file) when it has none. */
export async function writeNotesCsv(db: Db, file: string, key: Buffer | null): Promise<boolean> {
  if (!db.prepare('SELECT 1 FROM annotations LIMIT 1').get()) return false;
  const { header, rows } = noteRows(db);
  const out = new TextFile(file, key);
  try {
    await out.write(csvRecord(header));
    for (const row of rows) await out.write(csvRecord(row));
  } finally {
    await out.close();
  }
  return true;
}

export function* mapRows<T>(rows: Iterable<T>, map: (row: T) => Row): Iterable<Row> {
  for (const row of rows) yield map(row);
}
