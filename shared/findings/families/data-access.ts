/** Bulk extraction by integration users, queries selecting sensitive fields, COUNT() probes followed by extraction. */
import type { ElementCode } from '../../contract/elements';
import { ELEMENT_LABELS } from '../../contract/elements';
import { elementByName } from '../../reconstruct/classify';
import { eventRows, inWindow, integrationUsers, LOGIN_WHERE, whoOf, type EventRow, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

const SENSITIVE: ReadonlySet<ElementCode> = new Set(['ssn', 'card_number', 'security_code', 'password', 'security_qa', 'financial_account', 'drivers_license', 'passport', 'tax_id', 'other_government_id', 'medical', 'health_insurance']);

const BULK_TYPES = ['elf:BulkApi', 'elf:BulkApi2', 'elf:BulkApiRequest', 'elf:ReportExport', 'rtem:BulkApiResultEvent', 'rtem:ReportEvent'];

export function dataAccessFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  const notes: AssessmentNote[] = [];
  const queries = eventRows(ctx.db, `e.query IS NOT NULL AND e.query <> ''`);
  if (queries.length === 0) notes.push({ check: 'queries', status: 'not-assessable', reason: 'No logged query text (ApiEvent, UniqueQuery, BulkApiResultEvent): sensitive-field queries and COUNT() probes cannot be assessed.' });
  const logins = eventRows(ctx.db, LOGIN_WHERE);
  const extraction = eventRows(ctx.db, `e.source_type IN (${BULK_TYPES.map(() => '?').join(', ')}) OR (e.rows_processed >= ?)`, ...BULK_TYPES, ctx.options.largeRowCount);
  const names = [...queries, ...extraction].map(whoOf).filter((w): w is string => w !== null);
  const integration = integrationUsers(logins, names);
  return { findings: [...bulkByIntegration(ctx, extraction, integration), ...sensitiveQueries(ctx, queries), ...countProbes(queries, extraction)], notes };
}

function bulkByIntegration(ctx: FindingsContext, extraction: EventRow[], integration: Set<string>): Finding[] {
  const byUser = new Map<string, EventRow[]>();
  for (const e of extraction) {
    const who = whoOf(e);
    if (who && integration.has(who)) byUser.set(who, [...(byUser.get(who) ?? []), e]);
  }
  return [...byUser].sort(([a], [b]) => (a < b ? -1 : 1)).map(([user, rows]) => {
    const total = rows.reduce((sum, r) => sum + (r.rowsProcessed ?? 0), 0);
    const during = rows.filter((r) => inWindow(ctx, r.ts));
    const kinds = [...new Set(rows.map((r) => r.sourceType))].sort().join(', ');
    return finding('access.bulk-extraction-by-integration-user', user, {
      title: `Bulk jobs, report exports or large queries by integration user ${user}`,
      severity: during.length > 0 ? 'high' : 'medium',
      facts: [fact(`${rows.length} bulk/export/large-result event(s) (${kinds}) by ${user}, ${rows[0]!.ts} to ${rows.at(-1)!.ts}, ${total.toLocaleString('en-US')} rows processed in all; ${during.length} inside the incident window.`, rows.map((r) => r.provenance))],
      remediation: 'Give integration users only the objects and fields the integration needs (permission sets, field-level security), forbid "API Enabled" bulk export where not required, and review bulk jobs and report exports.',
      limits: `Large means at least ${ctx.options.largeRowCount.toLocaleString('en-US')} rows (configurable). Who counts as an integration user is inferred: every login of the user is an API/OAuth login, or the name says so.`,
    });
  });
}

/** The object and SELECT list of a SOQL query, read loosely (fields only; functions and subqueries skipped). */
function selectList(query: string): { object: string; fields: string[] } | null {
  const match = /^\s*select\s+([\s\S]+?)\s+from\s+([A-Za-z0-9_]+)/i.exec(query);
  if (!match) return null;
  const fields = match[1]!.split(',').map((f) => f.trim()).filter((f) => /^[A-Za-z0-9_.]+$/.test(f));
  return { object: match[2]!, fields };
}

function sensitiveQueries(ctx: FindingsContext, queries: EventRow[]): Finding[] {
  const byField = new Map<string, { element: ElementCode; rows: EventRow[] }>();
  for (const q of queries) {
    const parsed = selectList(q.query!);
    if (!parsed) continue;
    for (const field of parsed.fields) {
      const name = field.split('.').at(-1)!;
      const element = elementByName(parsed.object, name).element;
      if (!element || !SENSITIVE.has(element)) continue;
      const key = `${parsed.object}.${name}`;
      const entry = byField.get(key) ?? { element, rows: [] };
      entry.rows.push(q);
      byField.set(key, entry);
    }
  }
  return [...byField].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, { element, rows }]) => {
    const users = [...new Set(rows.map((r) => whoOf(r) ?? 'unnamed user'))].sort();
    return finding('access.query-selects-sensitive-fields', key, {
      title: `Queries selected ${key} (${ELEMENT_LABELS[element]})`,
      severity: rows.some((r) => inWindow(ctx, r.ts)) ? 'high' : 'medium',
      facts: [fact(`${rows.length} logged quer${rows.length === 1 ? 'y' : 'ies'} selected ${key}, classified by its name as ${ELEMENT_LABELS[element]}, by ${users.join(', ')}; ${rows.filter((r) => inWindow(ctx, r.ts)).length} inside the incident window.`, rows.map((r) => r.provenance))],
      remediation: 'Hide the field from users and integrations that do not need it (field-level security), encrypt it (Shield Platform Encryption) or stop storing it.',
      limits: 'The field is judged by its name here; whether it held values in clear is the "sensitive value in clear" finding. A selected field is readable by the user: the query proves access was possible, not that each value was read.',
    });
  });
}

const COUNT_QUERY = /^\s*select\s+count\(\s*\)\s+from\s+([A-Za-z0-9_]+)/i;
const PROBE_FOLLOW_MS = 24 * 3_600_000;

function countProbes(queries: EventRow[], extraction: EventRow[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const probe of queries) {
    const object = COUNT_QUERY.exec(probe.query!)?.[1];
    const who = whoOf(probe);
    if (!object || !who || seen.has(`${who}|${object.toLowerCase()}`)) continue;
    const start = Date.parse(probe.ts);
    const followed = [...queries, ...extraction].filter((e) => {
      const at = Date.parse(e.ts);
      const sameObject = (e.objectType ?? (e.query ? selectList(e.query)?.object : null) ?? '').toLowerCase() === object.toLowerCase();
      return e !== probe && whoOf(e) === who && at > start && at - start <= PROBE_FOLLOW_MS && sameObject && !(e.query && COUNT_QUERY.test(e.query));
    });
    if (followed.length === 0) continue;
    seen.add(`${who}|${object.toLowerCase()}`);
    const rows = followed.reduce((sum, e) => sum + (e.rowsProcessed ?? 0), 0);
    out.push(
      finding('access.count-probe-then-extraction', `${who} ${object}`, {
        title: `COUNT() probe on ${object} by ${who}, then extraction`,
        severity: 'high',
        facts: [
          fact(`${probe.ts}: ${who} ran "${probe.query!.slice(0, 200)}"${probe.rowsProcessed !== null ? ` (${probe.rowsProcessed} rows)` : ''}.`, [probe.provenance]),
          fact(`Within 24 hours the same user read ${object} ${followed.length} time(s), ${rows.toLocaleString('en-US')} rows processed in all.`, followed.map((e) => e.provenance)),
        ],
        remediation: 'Alert on record-count probes by integration users followed by large reads; limit the objects integration users can query.',
        limits: 'A count followed by a read is also what some legitimate sync jobs do: compare with the integration\'s usual pattern before the window.',
      }),
    );
  }
  return out;
}
