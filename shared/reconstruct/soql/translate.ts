/** Translates a parsed SOQL query into a parameterised SQLite query over `subject_records`. */
import type { Condition, FieldPath, SoqlQuery, Unsupported } from './ast';
import { unsupported } from './ast';
import { CURRENT_SUBJECT } from '../../scope/current-events';
import { parseSoql } from './parser';
import type { SqlParam } from './predicate';
import { conditionSql, fieldValueSql, isSalesforceIdField, PredicateRejection, timestampSql } from './predicate';
import type { SnapshotSchema } from './snapshotSchema';
import { resolveName } from './snapshotSchema';

export interface TranslateOptions {
  /** The access event's timestamp (ISO 8601); relative date literals are resolved against it, in UTC. */
  readonly eventTime: string;
  readonly schema: SnapshotSchema;
}

export interface SoqlTranslation {
  readonly supported: true;
  /**
   * Selects `id, source_id, created_at, modified_at` of the `subject_records` rows that match, in the order Salesforce
   * would return them, whenever they were created: the event's time is applied by `evaluateSoql`, so one query logged
   * by many events is run once. Read it through `evaluateSoql`.
   */
  readonly sql: string;
  readonly params: readonly SqlParam[];
  /** The event's time (ISO 8601, UTC) the result is taken as of; null when the event's time is not a timestamp. */
  readonly asOf: string | null;
  readonly limit: number | null;
  readonly offset: number;
  /** The object type as stored in the snapshot. */
  readonly object: string;
  /** Selected fields as stored (case resolved); relationship fields such as `Account.Name` as written. */
  readonly selectedFields: readonly string[];
  /** Selected fields the snapshot does not hold (e.g. formula fields left out of a Data Export). */
  readonly unknownSelectedFields: readonly string[];
  /** `SELECT COUNT()`: the caller learned how many records matched, not their fields. */
  readonly countOnly: boolean;
  /**
   * False when LIMIT/OFFSET cut a result whose order Salesforce does not define (no ORDER BY, or ties on its keys):
   * ties are then broken by record id, and the records at the cut may differ from those Salesforce returned.
   */
  readonly orderIsDeterministic: boolean;
  readonly notes: readonly string[];
}

export type TranslateResult = SoqlTranslation | Unsupported;

export function soqlToSql(soql: string, options: TranslateOptions): TranslateResult {
  const parsed = parseSoql(soql);
  return parsed.supported ? translateSoql(parsed.query, options) : parsed;
}

export function translateSoql(query: SoqlQuery, options: TranslateOptions): TranslateResult {
  const { schema } = options;
  const objectMatch = resolveName(query.object, schema.objectTypes());
  if (!objectMatch.found) {
    return unsupported(`The CRM snapshot holds no ${query.object} records, so the query cannot be re-evaluated.`);
  }
  const object = objectMatch.name;
  const fields = schema.fieldsOf(object);
  const localParts = (path: FieldPath): readonly string[] =>
    query.objectAlias !== null && path.parts.length > 1 && path.parts[0]!.toLowerCase() === query.objectAlias.toLowerCase()
      ? path.parts.slice(1)
      : path.parts;
  const resolveFilterField = (parts: readonly string[], clause: string): string => {
    if (parts.length > 1) {
      throw new PredicateRejection(`${clause} on relationship field ${parts.join('.')} needs the parent record and is not supported.`);
    }
    const match = resolveName(parts[0]!, fields);
    if (match.found) return match.name;
    throw new PredicateRejection(
      match.ambiguous.length > 0
        ? `Field ${parts[0]} matches several ${object} fields differing only in case (${match.ambiguous.join(', ')}).`
        : `Field ${parts[0]} is not a field of ${object} in the CRM snapshot.`,
    );
  };

  const eventTime = new Date(options.eventTime);
  if (query.where !== null && usesRelativeDate(query.where) && Number.isNaN(eventTime.getTime())) {
    return unsupported(`The event time '${options.eventTime}' is not a valid timestamp, so relative date literals cannot be resolved.`);
  }

  const selectedFields: string[] = [];
  const unknownSelectedFields: string[] = [];
  for (const item of query.select) {
    if (item.kind !== 'field') continue;
    const parts = localParts(item.field);
    const match = parts.length === 1 ? resolveName(parts[0]!, fields) : null;
    const name = match?.found ? match.name : parts.join('.');
    if (match !== null && !match.found) {
      if (!unknownSelectedFields.includes(name)) unknownSelectedFields.push(name);
    } else if (!selectedFields.includes(name)) {
      selectedFields.push(name);
    }
  }

  try {
    const where =
      query.where === null
        ? null
        : conditionSql(query.where, {
            resolveField: (parts) => resolveFilterField(localParts({ parts }), 'Filtering'),
            eventTime,
          });
    const orderFields = query.orderBy.map((item) => ({ ...item, name: resolveFilterField(localParts(item.field), 'Sorting') }));
    const orderSql = [
      ...orderFields.map((item) => {
        const value = fieldValueSql(item.name);
        // Ids sort by their case-sensitive characters (an 18-character id orders as its 15-character prefix).
        const key = isSalesforceIdField(item.name) ? value : schema.isNumericField(object, item.name) ? `CAST(${value} AS REAL)` : `lower(${value})`;
        return `${key} ${item.direction} NULLS ${item.nulls}`;
      }),
      'source_id ASC',
      'id ASC',
    ].join(', ');

    const asOf = asOfEvent(fields, options.eventTime);
    const params: SqlParam[] = [object, ...(where?.params ?? [])];
    let sql = `SELECT id, source_id, ${asOf.createdSql} AS created_at, ${asOf.modifiedSql} AS modified_at FROM subject_records s WHERE object_type = ? AND system = 'salesforce' AND ${CURRENT_SUBJECT}`;
    if (where !== null) sql += ` AND ${where.sql}`;
    sql += ` ORDER BY ${orderSql}`;

    const cut = query.limit !== null || query.offset !== null;
    const notes: string[] = [...asOf.notes];
    if (query.scope !== null && query.scope.toLowerCase() !== 'everything') {
      notes.push(
        `USING SCOPE ${query.scope} limited what Salesforce returned to the user's view; it is not applied here, so more records may match.`,
      );
    }
    return {
      supported: true,
      sql,
      params,
      asOf: asOf.at,
      limit: query.limit,
      offset: query.offset ?? 0,
      object,
      selectedFields,
      unknownSelectedFields,
      countOnly: query.select.some((item) => item.kind === 'count'),
      orderIsDeterministic: !cut || orderFields.some((item) => item.name === 'Id'),
      notes,
    };
  } catch (error) {
    if (error instanceof PredicateRejection) return unsupported(error.message);
    throw error;
  }
}

function usesRelativeDate(condition: Condition): boolean {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return condition.items.some(usesRelativeDate);
    case 'not':
      return usesRelativeDate(condition.item);
    case 'compare':
      return condition.value.kind === 'relativeDate' || condition.value.kind === 'relativeDateN';
    case 'in':
      return condition.values.some((value) => value.kind === 'relativeDate' || value.kind === 'relativeDateN');
    case 'like':
      return false;
  }
}

interface AsOfEvent {
  readonly at: string | null;
  /** The record's creation time as an ISO 8601 UTC text, or NULL when the snapshot does not hold it. */
  readonly createdSql: string;
  /** The latest of its modification times as an ISO 8601 UTC text ('' when none is known), or NULL without such fields. */
  readonly modifiedSql: string;
  readonly notes: readonly string[];
}

/** A record created after the event cannot be in its results; one modified after it is flagged. */
function asOfEvent(fields: readonly string[], eventTime: string): AsOfEvent {
  const field = (name: string): string | null => {
    const match = resolveName(name, fields);
    return match.found ? match.name : null;
  };
  const created = field('CreatedDate');
  const modified = ['LastModifiedDate', 'SystemModstamp'].map(field).filter((name): name is string => name !== null);
  const createdSql = created ? timestampSql(fieldValueSql(created)) : 'NULL';
  const modifiedSql = modified.length === 0 ? 'NULL' : `max('', ${modified.map((name) => `COALESCE(${timestampSql(fieldValueSql(name))}, '')`).join(', ')})`;
  const at = new Date(eventTime);
  if (Number.isNaN(at.getTime())) {
    return { at: null, createdSql, modifiedSql, notes: [`The event time '${eventTime}' is not a valid timestamp, so records created after the event cannot be excluded.`] };
  }
  const notes: string[] = [];
  if (!created) notes.push('The snapshot has no CreatedDate, so records created after the event cannot be told apart.');
  if (modified.length === 0) notes.push('The snapshot has no LastModifiedDate or SystemModstamp, so records changed after the event cannot be flagged.');
  return { at: at.toISOString(), createdSql, modifiedSql, notes };
}

export interface StoredMatch {
  id: number;
  source_id: string;
  created_at: string | null;
  modified_at: string | null;
}

export interface SoqlMatch {
  id: number;
  source_id: string;
  /** 1 when the record changed after the event (LastModifiedDate or SystemModstamp), so its values then are not known. */
  modified_after: 0 | 1;
}

/**
 * The records the query returned at the event: those that existed then (CreatedDate not after it), in Salesforce's
 * order, cut by LIMIT/OFFSET after that. `stored` is what `translation.sql` returns; pass a cached copy to run one
 * logged query once for all the events that logged it.
 */
export function matchesAsOf(translation: SoqlTranslation, stored: readonly StoredMatch[]): SoqlMatch[] {
  const at = translation.asOf;
  const existed = at === null ? stored : stored.filter((row) => row.created_at === null || row.created_at <= at);
  const end = translation.limit === null ? undefined : translation.offset + translation.limit;
  return existed.slice(translation.offset, end).map((row) => ({
    id: row.id,
    source_id: row.source_id,
    modified_after: at !== null && row.modified_at !== null && row.modified_at > at ? 1 : 0,
  }));
}

/** Runs a translation against a store as of its event. */
export function evaluateSoql(db: { prepare(sql: string): { all(...params: unknown[]): unknown[] } }, translation: SoqlTranslation): SoqlMatch[] {
  return matchesAsOf(translation, db.prepare(translation.sql).all(...translation.params) as StoredMatch[]);
}
