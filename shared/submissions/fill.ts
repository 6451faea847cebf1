import type { ElementCode } from '../contract/elements';
import { elementsInWords } from '../export/element-words';
import type { JurisdictionObligations, NoticeObligation, ObligationsReport } from '../law/obligations';
import type { FillSource, FormField, FormSource, SubmissionParty } from '../law/submission-form-schema';
import { formFor, type FormSet, type LoadedForm } from '../law/submission-forms';
import { CONFIDENCES, UNVERIFIED_NOTICE, type Confidence } from '../law/types';

/** What a field shows when the case cannot fill it: never a guess. */
export const COUNSEL_TO_COMPLETE = 'to be completed by counsel';

/** The case's notice facts that submissions use; null where counsel has not stated them. */
export interface SubmissionFacts {
  organizationName: string | null;
  organizationAddress: string | null;
  contactName: string | null;
  contactTitle: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  incidentStart: string | null;
  incidentEnd: string | null;
  whatHappened: string | null;
  whatWeAreDoing: string | null;
  measuresPlanned: string | null;
  noticeDate: string | null;
  methods: readonly string[];
  lawEnforcement: string | null;
  maintainsWisp: boolean | null;
  identityProtectionOffer: string | null;
}

export const NO_FACTS: SubmissionFacts = {
  organizationName: null,
  organizationAddress: null,
  contactName: null,
  contactTitle: null,
  contactPhone: null,
  contactEmail: null,
  incidentStart: null,
  incidentEnd: null,
  whatHappened: null,
  whatWeAreDoing: null,
  measuresPlanned: null,
  noticeDate: null,
  methods: [],
  lawEnforcement: null,
  maintainsWisp: null,
  identityProtectionOffer: null,
};

export interface SubmissionInput {
  obligations: ObligationsReport;
  /** Per jurisdiction, the elements of qualifying residents on exact or derived evidence. */
  elements: ReadonlyMap<string, readonly ElementCode[]>;
  /** Affected people overall (every jurisdiction, counted once). */
  persons: { stated: number; inferredUpperBound: number };
  facts: SubmissionFacts;
  /** Per jurisdiction, the export path of its notice template copy (no person's data), when the package has one. */
  templateCopies: ReadonlyMap<string, string>;
}

export interface FilledField {
  id: string;
  label: string;
  fill: FillSource;
  /** Null when counsel must complete it; `text` then says so. */
  value: string | null;
  text: string;
  /** Where the value came from (or why it is missing). */
  from: string;
  citation: string;
  confidence: Confidence;
  note?: string;
}

export interface SubmissionSection {
  jurisdiction: string;
  jurisdictionName: string;
  duty: {
    status: 'required' | 'possibly-required';
    recipients: string;
    threshold: string | null;
    due: string;
    citation: string;
    confidence: Confidence;
    reason: string;
  };
  review: string | null;
  fields: FilledField[];
  templateCopy: { label: string; path: string | null; citation: string } | null;
}

/** One agency's submission: one readable file and its JSON in the export. */
export interface FilledSubmission {
  /** File stem in the export, e.g. `US-NY-ny-state-police` or `CRA-equifax`. */
  name: string;
  party: SubmissionParty;
  form: { id: string; version: string; sha256: string; title: string; citation: string; generic: boolean; notes: string[] };
  recipient: { name: string; channel: string; url: string | null };
  sections: SubmissionSection[];
  sources: FormSource[];
}

const DUE_STATUSES = ['required', 'possibly-required'] as const;

/**
 * Every regulator and consumer-reporting-agency submission the obligations call for: one per recipient agency of
 * each jurisdiction whose regulator duty is required (or possibly required), and one per nationwide agency listing
 * every jurisdiction whose CRA threshold is met. Fields are filled from the case; what it cannot fill is left to counsel.
 */
export function fillSubmissions(forms: FormSet, input: SubmissionInput): FilledSubmission[] {
  const date = input.obligations.discoveredDate;
  const owing = (party: SubmissionParty) =>
    input.obligations.jurisdictions
      .filter((j) => j.applies && (DUE_STATUSES as readonly string[]).includes(duty(j, party).duty))
      .sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : 1));

  const submissions: FilledSubmission[] = [];
  for (const j of owing('regulator')) {
    const loaded = formFor(forms, j.jurisdiction, 'regulator', date);
    const section = fillSection(loaded, j, 'regulator', input);
    const recipients = loaded.form.recipients.length > 0
      ? loaded.form.recipients.map((r) => ({ key: r.id, name: r.name, channel: r.channel, url: r.url }))
      : [{ key: 'regulator', name: j.regulator.recipients ?? COUNSEL_TO_COMPLETE, channel: `as ${j.regulator.citation} provides`, url: null }];
    for (const recipient of recipients) {
      submissions.push({ name: `${j.jurisdiction}-${recipient.key}`, party: 'regulator', form: formRef(loaded), recipient: { name: recipient.name, channel: recipient.channel, url: recipient.url }, sections: [section], sources: loaded.form.sources });
    }
  }

  const craJurisdictions = owing('consumer-reporting-agencies');
  if (craJurisdictions.length > 0) {
    const sections = craJurisdictions.map((j) => ({ j, loaded: formFor(forms, j.jurisdiction, 'consumer-reporting-agencies', date) }));
    const generic = formFor(forms, '*', 'consumer-reporting-agencies', date);
    for (const recipient of generic.form.recipients) {
      submissions.push({
        name: `CRA-${recipient.id}`,
        party: 'consumer-reporting-agencies',
        form: formRef(generic),
        recipient: { name: recipient.name, channel: recipient.channel, url: recipient.url },
        sections: sections.map(({ j, loaded }) => fillSection(loaded, j, 'consumer-reporting-agencies', input)),
        sources: generic.form.sources,
      });
    }
  }
  return submissions;
}

function duty(j: JurisdictionObligations, party: SubmissionParty): NoticeObligation {
  return party === 'regulator' ? j.regulator : j.consumerReportingAgencies;
}

function formRef({ form, sha256 }: LoadedForm): FilledSubmission['form'] {
  return { id: form.id, version: form.version, sha256, title: form.title, citation: form.citation, generic: form.jurisdiction === '*', notes: form.notes };
}

function fillSection(loaded: LoadedForm, j: JurisdictionObligations, party: SubmissionParty, input: SubmissionInput): SubmissionSection {
  const obligation = duty(j, party);
  const { form } = loaded;
  const generic = form.jurisdiction === '*';
  const copyPath = input.templateCopies.get(j.jurisdiction) ?? null;
  return {
    jurisdiction: j.jurisdiction,
    jurisdictionName: j.name,
    duty: {
      status: obligation.duty as SubmissionSection['duty']['status'],
      recipients: obligation.recipients ?? COUNSEL_TO_COMPLETE,
      threshold: obligation.threshold?.rule ?? null,
      due: obligation.due.kind === 'date' ? `${obligation.due.date} (${obligation.due.text})` : obligation.due.text,
      citation: obligation.citation,
      confidence: obligation.confidence,
      reason: obligation.reason,
    },
    review: j.packStatus === 'unverified' ? UNVERIFIED_NOTICE : null,
    fields: form.fields.map((field) => fillField(field, loaded, j, obligation, input)),
    templateCopy: form.templateCopy
      ? { label: form.templateCopy.label, path: copyPath, citation: generic ? obligation.citation : form.templateCopy.citation! }
      : null,
  };
}

function fillField(field: FormField, { form }: LoadedForm, j: JurisdictionObligations, obligation: NoticeObligation, input: SubmissionInput): FilledField {
  const generic = form.jurisdiction === '*';
  const { value, from } = valueFor(field.fill, j, input);
  return {
    id: field.id,
    label: field.label,
    fill: field.fill,
    value,
    text: value ?? COUNSEL_TO_COMPLETE,
    from,
    citation: field.citation ?? obligation.citation,
    confidence: generic || !field.sourceIds ? obligation.confidence : weakest(form.sources, field.sourceIds),
    ...(field.note ? { note: field.note } : {}),
  };
}

type Filled = { value: string | null; from: string };

const FACT_FIELDS: Partial<Record<FillSource, { key: keyof SubmissionFacts; label: string }>> = {
  'organization.name': { key: 'organizationName', label: 'organization name' },
  'organization.address': { key: 'organizationAddress', label: 'organization address' },
  'contact.name': { key: 'contactName', label: 'contact name' },
  'contact.title': { key: 'contactTitle', label: 'contact title' },
  'contact.phone': { key: 'contactPhone', label: 'contact telephone' },
  'contact.email': { key: 'contactEmail', label: 'contact email' },
  'breach.description': { key: 'whatHappened', label: 'what happened' },
  'measures.taken': { key: 'whatWeAreDoing', label: 'what we are doing' },
  'measures.planned': { key: 'measuresPlanned', label: 'measures planned' },
  'law-enforcement.engaged': { key: 'lawEnforcement', label: 'law enforcement' },
};

function valueFor(fill: FillSource, j: JurisdictionObligations, input: SubmissionInput): Filled {
  const { facts } = input;
  const fact = FACT_FIELDS[fill];
  if (fact) return fromFact(facts[fact.key] as string | null, fact.label);
  switch (fill) {
    case 'counsel':
      return { value: null, from: 'not held in the case: counsel states it' };
    case 'breach.dates': {
      if (!facts.incidentStart && !facts.incidentEnd) return missing('incident dates');
      const range = facts.incidentStart && facts.incidentEnd && facts.incidentStart !== facts.incidentEnd ? `${facts.incidentStart} to ${facts.incidentEnd}` : (facts.incidentStart ?? facts.incidentEnd)!;
      return { value: range, from: 'case notice facts: incident dates' };
    }
    case 'breach.discovered':
      return { value: input.obligations.discoveredDate, from: "the case's discovery date" };
    case 'elements.exposed': {
      const codes = input.elements.get(j.jurisdiction) ?? [];
      return codes.length > 0
        ? { value: elementsInWords(codes), from: `the analysis: elements exposed for qualifying ${j.name} residents on exact or derived evidence` }
        : { value: null, from: 'the analysis holds no qualifying resident on exact or derived evidence' };
    }
    case 'residents.affected':
      return { value: countText(j), from: `the analysis: qualifying ${j.name} residents by basis` };
    case 'residents.notified': {
      const notified = j.qualifying.exact + j.qualifying.derived;
      return { value: String(notified), from: `the notice package: ${j.name} residents on the mailing list (exact and derived evidence)` };
    }
    case 'persons.affected': {
      const { stated, inferredUpperBound } = input.persons;
      return { value: inferredUpperBound > 0 ? `${stated}; up to ${inferredUpperBound} more on inferred evidence (counsel must review)` : String(stated), from: 'the analysis: affected consumers in every jurisdiction' };
    }
    case 'notice.date':
      return facts.noticeDate ? { value: facts.noticeDate, from: 'case notice facts: notice date' } : missing('notice date');
    case 'notice.methods':
      return facts.methods.length > 0 ? { value: facts.methods.join(', '), from: 'case notice facts: notice methods' } : missing('notice methods');
    case 'measures.taken-and-planned': {
      const parts = [facts.whatWeAreDoing, facts.measuresPlanned].filter((p): p is string => Boolean(p));
      return parts.length > 0 ? { value: parts.join(' '), from: 'case notice facts: what we are doing, measures planned' } : missing('what we are doing');
    }
    case 'security-program.wisp':
      return facts.maintainsWisp === null ? missing('written information security program') : { value: facts.maintainsWisp ? 'Yes' : 'No', from: 'case notice facts: written information security program' };
    case 'identity-protection': {
      if (facts.identityProtectionOffer) return { value: facts.identityProtectionOffer, from: 'case notice facts: identity-protection offer' };
      const rule = j.identityProtection;
      return { value: null, from: rule.status === 'required' || rule.status === 'possibly-required' ? `no offer stated in the case notice facts; the pack requires: ${rule.text}` : 'no offer stated in the case notice facts' };
    }
    default:
      return missing(fill);
  }
}

function fromFact(value: string | null, label: string): Filled {
  return value && value.trim() !== '' ? { value, from: `case notice facts: ${label}` } : missing(label);
}

function missing(label: string): Filled {
  return { value: null, from: `not stated in the case notice facts (${label})` };
}

function countText(j: JurisdictionObligations): string {
  const { exact, derived, inferredUpperBound } = j.qualifying;
  const base = `${exact + derived} (exact ${exact}, derived ${derived})`;
  return inferredUpperBound > 0 ? `${base}; up to ${inferredUpperBound} more on inferred evidence (counsel must review)` : base;
}

function weakest(sources: readonly FormSource[], ids: readonly string[]): Confidence {
  let rank = 0;
  for (const id of ids) {
    const source = sources.find((s) => s.id === id);
    rank = Math.max(rank, source ? CONFIDENCES.indexOf(source.confidence) : CONFIDENCES.length - 1);
  }
  return CONFIDENCES[rank]!;
}
