/** Runs every finding family over a case, seals the digests of inputs and outputs, and logs the run in custody. */
import type { CaseHandle } from '../store/case-folder';
import type { Db } from '../store/db';
import { appendCustody } from '../store/custody';
import { currentScope } from '../scope/scopes';
import { currentEvent } from '../scope/current-events';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/hash';
import { ENGINE_VERSION } from '../version';
import type { FindingsContext } from './context';
import { auditGapFindings } from './families/audit-gaps';
import { authenticationFindings } from './families/authentication';
import { connectedAppFindings } from './families/connected-apps';
import { dataAccessFindings } from './families/data-access';
import { dataAtRestFindings } from './families/data-at-rest';
import { deletedHistoryFindings } from './families/deleted-history';
import { outOfHoursFindings } from './families/out-of-hours';
import { threatDetectionFindings } from './families/threat-detection';
import { ASSUMPTION_LINKS_VERSION, assumptionLinks } from './assumption-links';
import { LEGAL_QUESTIONS_VERSION } from './legal-questions';
import { loadNetworkRanges, rangeMatcher } from './network-ranges';
import type { FindingsOptions, FindingsReport, Severity } from './types';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2, info: 3 };

/** Runs every finding family and logs the run in custody with its digests. */
export function runFindings(handle: CaseHandle, options: FindingsOptions, actor: string): FindingsReport {
  const report = computeFindings(handle.db, handle.dir, options);
  appendCustody(handle.db, {
    actor,
    action: 'findings',
    subject: 'security findings',
    details: {
      inputDigest: report.inputDigest,
      outputDigest: report.outputDigest,
      findings: report.findings.length,
      bySeverity: countSeverities(report.findings.map((f) => f.severity)),
      notAssessable: report.notes.length,
      options,
      networkRanges: report.networkRanges,
      legalQuestions: report.legalQuestionsVersion,
    },
  });
  return report;
}

/** The findings over a store, without writing anything (exports call this on their snapshot). */
export function computeFindings(db: Db, caseDir: string, options: FindingsOptions): FindingsReport {
  const scope = db.prepare('SELECT COUNT(*) FROM scopes').pluck().get() ? currentScope(db) : null;
  const window = scope ? { from: scope.definition.from, to: scope.definition.to } : null;
  const ranges = loadNetworkRanges(caseDir);
  const ctx: FindingsContext = { db, options, window, timeZone: caseTimeZone(db), rangeOf: rangeMatcher(ranges) };
  const latestEventTs = (db.prepare(`SELECT MAX(e.ts) FROM access_events e WHERE ${currentEvent('e')}`).pluck().get() as string | null) ?? null;

  const parts = [
    connectedAppFindings(ctx),
    authenticationFindings(ctx),
    threatDetectionFindings(ctx),
    dataAccessFindings(ctx),
    outOfHoursFindings(ctx),
    dataAtRestFindings(ctx, latestEventTs),
    auditGapFindings(ctx),
    deletedHistoryFindings(ctx),
  ];
  const findings = parts
    .flatMap((p) => p.findings)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  const notes = parts.flatMap((p) => p.notes);
  const links = assumptionLinks(findings);

  const evidence = db
    .prepare(`SELECT e.sha256, i.format, i.parser_version AS parserVersion, i.encoding, i.options FROM evidence e JOIN current_imports i ON i.evidence_id = e.id ORDER BY e.sha256`)
    .all();
  const inputs = { evidence, scope: scope?.sha256 ?? null, timeZone: ctx.timeZone, options, legalQuestions: LEGAL_QUESTIONS_VERSION, assumptionLinks: ASSUMPTION_LINKS_VERSION, networkRanges: ranges.sha256, engineVersion: ENGINE_VERSION };
  const inputDigest = sha256Hex(canonicalJson(inputs));
  // Row ids and evidence ids depend on the order files were added; the digest names rows by file hash and position.
  const portable = findings.map((f) => ({ ...f, facts: f.facts.map((x) => ({ text: x.text, rows: x.rows.map((r) => `${r.sha256}:${r.entry ?? ''}:${r.record}`) })) }));
  const outputDigest = sha256Hex(canonicalJson({ inputDigest, findings: portable, notes, assumptionLinks: links }));
  return { engineVersion: ENGINE_VERSION, legalQuestionsVersion: LEGAL_QUESTIONS_VERSION, assumptionLinksVersion: ASSUMPTION_LINKS_VERSION, networkRanges: { version: ranges.version, origin: ranges.origin, sha256: ranges.sha256 }, options, incidentWindow: window, inputDigest, outputDigest, findings, notes, assumptionLinks: links };
}

/** The zone recorded when the case was created (`--tz`); UTC when none was given. */
function caseTimeZone(db: Db): string {
  const value = db.prepare(`SELECT value FROM case_info WHERE key = 'timeZone'`).pluck().get() as string | undefined;
  return value ? (JSON.parse(value) as string) : 'UTC';
}

function countSeverities(severities: Severity[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const s of severities) counts[s]++;
  return counts;
}
