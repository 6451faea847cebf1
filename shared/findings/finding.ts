/** Builds a finding with its legal questions from the data file, so no family writes a citation. */
import { questionsFor } from './legal-questions';
import type { Finding, FindingFact, RowProvenance, Severity } from './types';

export function finding(id: string, subject: string, fields: { title: string; severity: Severity; facts: FindingFact[]; remediation: string; limits: string }): Finding {
  return { id, subject, ...fields, bearsOn: questionsFor(id) };
}

export function fact(text: string, rows: RowProvenance[]): FindingFact {
  return { text, rows };
}
