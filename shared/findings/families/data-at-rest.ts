/** Sensitive values in clear in the CRM snapshot, and sensitive records kept long after their last activity. */
import type { ElementCode } from '../../contract/elements';
import { ELEMENT_LABELS } from '../../contract/elements';
import { classifyObjectFields, fieldSamplesFromDb, valueInClear } from '../../reconstruct/classify';
import { subjectObjectTypes, subjectRows, text, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding, RowProvenance } from '../types';

const IN_CLEAR_ELEMENTS: ReadonlySet<ElementCode> = new Set(['ssn', 'card_number', 'security_code', 'password', 'security_qa']);
const RETENTION_ELEMENTS: ReadonlySet<ElementCode> = new Set([...IN_CLEAR_ELEMENTS, 'financial_account', 'drivers_license', 'passport', 'tax_id', 'other_government_id', 'medical', 'health_insurance', 'date_of_birth']);
const ACTIVITY_FIELDS = ['LastActivityDate', 'LastModifiedDate', 'SystemModstamp', 'LastViewedDate'];
const SAMPLES_PER_FIELD = 200;

export function dataAtRestFindings(ctx: FindingsContext, latestEventTs: string | null): { findings: Finding[]; notes: AssessmentNote[] } {
  const objects = subjectObjectTypes(ctx.db);
  if (objects.length === 0) {
    return { findings: [], notes: [{ check: 'data at rest and retention', status: 'not-assessable', reason: 'No CRM or e-commerce records (subject records) in the evidence.' }] };
  }
  const notes: AssessmentNote[] = [];
  const reference = ctx.window?.from ?? latestEventTs;
  if (!reference) notes.push({ check: 'retention', status: 'not-assessable', reason: 'No incident window and no event: no date to measure inactivity against.' });
  const cutoff = reference ? shiftYears(reference, -ctx.options.retentionYears) : null;
  const findings: Finding[] = [];
  const stale: Array<{ object: string; byField: Map<string, number>; rows: RowProvenance[] }> = [];
  let undated = 0;
  for (const object of objects) {
    const fields = classifyObjectFields(object, fieldSamplesFromDb(ctx.db, object, SAMPLES_PER_FIELD)).filter((f) => f.element && RETENTION_ELEMENTS.has(f.element));
    if (fields.length === 0) continue;
    const clear = new Map<string, RowProvenance[]>();
    const staleHere = { object, byField: new Map<string, number>(), rows: [] as RowProvenance[] };
    for (const record of subjectRows(ctx.db, object)) {
      const held: string[] = [];
      for (const f of fields) {
        const value = text(record.fields[f.field]);
        if (value.trim() === '') continue;
        held.push(f.field);
        if (IN_CLEAR_ELEMENTS.has(f.element!) && valueInClear(f.element!, value).clear) clear.set(f.field, [...(clear.get(f.field) ?? []), record.provenance]);
      }
      if (!cutoff || held.length === 0) continue;
      const activity = lastActivity(record.fields, record.updatedAt);
      if (!activity) {
        undated++;
        continue;
      }
      if (Date.parse(activity) >= Date.parse(cutoff)) continue;
      staleHere.rows.push(record.provenance);
      for (const field of held) staleHere.byField.set(field, (staleHere.byField.get(field) ?? 0) + 1);
    }
    for (const f of fields) {
      const rows = clear.get(f.field);
      if (!rows) continue;
      findings.push(
        finding('data.sensitive-value-in-clear', `${object}.${f.field}`, {
          title: `${ELEMENT_LABELS[f.element!]} in clear in ${object}.${f.field}`,
          severity: 'high',
          facts: [fact(`${rows.length.toLocaleString('en-US')} ${object} record(s) hold a ${ELEMENT_LABELS[f.element!]} in clear in ${f.field} (field classified by ${f.by}: ${f.reason}); masked, truncated, hashed and encrypted values are not counted.`, rows)],
          remediation: f.element === 'password' || f.element === 'security_qa' ? 'Never store passwords or security answers: delete the field and its values, or keep only a salted slow hash.' : 'Stop storing the full value (keep the last four digits or a token from the payment or identity provider), or encrypt the field; purge the existing values.',
          limits: 'The snapshot is the Data Export or extract in the evidence: values changed since, or fields not exported, are not seen. Platform (at-rest disk) encryption is invisible in an export; this is about the value readable by any user with field access.',
        }),
      );
    }
    if (staleHere.rows.length > 0) stale.push(staleHere);
  }
  if (undated > 0) notes.push({ check: 'retention', status: 'not-assessable', reason: `${undated.toLocaleString('en-US')} record(s) with sensitive fields carry no activity or modification date; their age cannot be judged.` });
  for (const s of stale) {
    const fields = [...s.byField].sort(([a], [b]) => (a < b ? -1 : 1)).map(([field, n]) => `${field}: ${n.toLocaleString('en-US')}`).join('; ');
    findings.push(
      finding('retention.stale-sensitive-records', s.object, {
        title: `${s.object}: records with sensitive fields and no activity for more than ${ctx.options.retentionYears} years`,
        severity: 'medium',
        facts: [fact(`${s.rows.length.toLocaleString('en-US')} ${s.object} record(s) with sensitive fields were last active before ${cutoff!.slice(0, 10)} (${ctx.options.retentionYears} years before ${reference!.slice(0, 10)}). By field: ${fields}.`, s.rows)],
        remediation: 'Set and enforce a retention schedule: delete or anonymise records past their purpose, starting with those holding sensitive fields.',
        limits: `Activity is the record's ${ACTIVITY_FIELDS.join(' / ')} (or last modified date) in the snapshot; activity in other systems is not seen. The period (${ctx.options.retentionYears} years) is an option, not a legal standard.`,
      }),
    );
  }
  return { findings, notes };
}

function lastActivity(fields: Record<string, unknown>, updatedAt: string | null): string | null {
  const dates = [...ACTIVITY_FIELDS.map((f) => fields[f]), updatedAt].filter((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
  return dates.length === 0 ? null : dates.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b));
}

function shiftYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}
