import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerError } from '../contract/errors';
import { sha256Hex } from '../util/hash';
import { GENERIC_JURISDICTION, validateSubmissionForm, type SubmissionForm, type SubmissionParty } from './submission-form-schema';
import type { IsoDate } from './types';

export const DEFAULT_SUBMISSION_FORM_DIR = fileURLToPath(new URL('./submission-forms/', import.meta.url));

export interface LoadedForm {
  form: SubmissionForm;
  file: string;
  sha256: string;
}

/** Every agency form, sorted by id; one generic form per party is always present. */
export interface FormSet {
  readonly forms: readonly LoadedForm[];
}

/**
 * Loads and validates every `*.json` in `dir`. A file is named after its id (`US-TX-ag-data-breach-report.json`
 * holds `us-tx-ag-data-breach-report`); forms for one jurisdiction and party must not overlap in time.
 */
export function loadSubmissionForms(dir: string = DEFAULT_SUBMISSION_FORM_DIR): FormSet {
  const errors: string[] = [];
  const forms: LoadedForm[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const bytes = readFileSync(join(dir, file));
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      errors.push(`${file}: not valid JSON: ${(error as Error).message}`);
      continue;
    }
    const result = validateSubmissionForm(json, file);
    if (!result.ok) errors.push(...result.errors);
    else if (`${result.form.id}.json` !== file.toLowerCase()) errors.push(`${file}: id: the file must be named after the id ${result.form.id} (any letter case)`);
    else forms.push({ form: result.form, file, sha256: sha256Hex(bytes) });
  }
  errors.push(...overlaps(forms));
  for (const party of ['regulator', 'consumer-reporting-agencies'] as const) {
    if (!forms.some(({ form }) => form.jurisdiction === GENERIC_JURISDICTION && form.party === party)) errors.push(`no generic (jurisdiction "*") form for party "${party}"`);
  }
  if (errors.length > 0) throw new LedgerError('INVALID_INPUT', `${errors.length} problem(s) in submission forms in ${dir}: ${errors.join('; ')}.`, { errors });
  return { forms: forms.sort((a, b) => (a.form.id < b.form.id ? -1 : 1)) };
}

/** The jurisdiction's own form in force on the date, else the generic form for the party. */
export function formFor(set: FormSet, jurisdiction: string, party: SubmissionParty, date: IsoDate): LoadedForm {
  const inForce = (loaded: LoadedForm, code: string) =>
    loaded.form.jurisdiction === code && loaded.form.party === party && loaded.form.effectiveFrom <= date && (loaded.form.to === undefined || date <= loaded.form.to);
  const own = set.forms.find((loaded) => inForce(loaded, jurisdiction));
  return own ?? set.forms.find((loaded) => loaded.form.jurisdiction === GENERIC_JURISDICTION && loaded.form.party === party)!;
}

export function formRefs(set: FormSet): Array<{ id: string; version: string; sha256: string }> {
  return set.forms.map(({ form, sha256 }) => ({ id: form.id, version: form.version, sha256 }));
}

function overlaps(forms: readonly LoadedForm[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < forms.length; i++) {
    for (let j = i + 1; j < forms.length; j++) {
      const a = forms[i]!.form;
      const b = forms[j]!.form;
      if (a.jurisdiction !== b.jurisdiction || a.party !== b.party) continue;
      const overlap = a.effectiveFrom <= (b.to ?? '9999-12-31') && b.effectiveFrom <= (a.to ?? '9999-12-31');
      if (overlap) problems.push(`${forms[j]!.file}: ${b.jurisdiction} ${b.party} form ${b.id} overlaps ${a.id} in time; end one with "to"`);
    }
  }
  return problems;
}
