import { isAmbiguousSlashDate } from '../../normalize/date';
import type { RowSink, SubjectRecordRow } from '../parser';

const SHOWN = 10;

/** The file-level warning for dates whose day and month could be swapped, read by the recorded locale. */
export function ambiguousDateWarning(count: number, locale: string | undefined): string {
  const order = locale !== undefined && locale !== 'en-US' ? 'day/month' : 'month/day';
  return `${count} date(s) in this file could be month/day or day/month (e.g. 5/6/2010); they were read as ${order} by locale ${locale ?? 'en-US (the default)'}. Import it again with its locale chosen if the file was written in another.`;
}

/**
 * A file's dates of birth that need a word in its warnings: ambiguous ones (read by the locale) and ones that could not
 * be read at all. An unreadable date stays in the row's fields as written but does not take part in matching people,
 * so the import says so instead of dropping it silently.
 */
export class BirthDateNotes {
  private ambiguous = 0;
  private readonly unreadable: number[] = [];

  note(raw: string | null | undefined, row: SubjectRecordRow): void {
    if (isAmbiguousSlashDate(raw)) this.ambiguous++;
    if (row.birthDate === null && typeof raw === 'string' && raw.trim() !== '') this.unreadable.push(row.recordNo);
  }

  warn(sink: RowSink, locale: string | undefined): void {
    if (this.ambiguous > 0) sink.warn(ambiguousDateWarning(this.ambiguous, locale));
    const n = this.unreadable.length;
    if (n > 0) {
      const shown = this.unreadable.slice(0, SHOWN).join(', ');
      sink.warn(`${n} date(s) of birth could not be read as a date (records ${shown}${n > SHOWN ? ', …' : ''}); they are kept in their rows as written but not used to match people.`);
    }
  }
}
