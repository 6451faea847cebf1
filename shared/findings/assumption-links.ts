/** Links from exposure assumptions to the findings that bear on them, read from assumption-links.json (shown, never applied). */
import data from './assumption-links.json';
import type { AssumptionLink, Finding } from './types';

interface LinkEntry {
  bearing: string;
  findings: string[];
}

const entries = data.assumptions as Record<string, LinkEntry>;

export const ASSUMPTION_LINKS_VERSION: string = data.version;

/** Every assumption the data file names, with the findings of this run that bear on it (possibly none). */
export function assumptionLinks(findings: readonly Finding[]): AssumptionLink[] {
  return Object.entries(entries).map(([assumption, entry]) => ({
    assumption,
    bearing: entry.bearing,
    findings: findings.filter((f) => entry.findings.includes(f.id)).map((f) => ({ id: f.id, subject: f.subject, title: f.title, severity: f.severity })),
  }));
}

/** The finding kinds the data file links to any assumption (checked against the known kinds by the unit test). */
export const LINKED_FINDING_IDS: readonly string[] = [...new Set(Object.values(entries).flatMap((e) => e.findings))];
