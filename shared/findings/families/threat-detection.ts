/** Salesforce's own threat-detection events, each reported with its score and row. */
import { eventRows, text, whoOf, type FindingsContext } from '../context';
import { fact, finding } from '../finding';
import type { AssessmentNote, Finding } from '../types';

const THREAT_TYPES = ['CredentialStuffingEvent', 'SessionHijackingEvent', 'ApiAnomalyEvent', 'ReportAnomalyEvent', 'LoginAnomalyEvent'] as const;

export function threatDetectionFindings(ctx: FindingsContext): { findings: Finding[]; notes: AssessmentNote[] } {
  const types = THREAT_TYPES.flatMap((t) => [`rtem:${t}`, `rtem:${t}Store`]);
  const rows = eventRows(ctx.db, `e.source_type IN (${types.map(() => '?').join(', ')})`, ...types);
  if (rows.length === 0) {
    return { findings: [], notes: [{ check: 'threat-detection events', status: 'not-assessable', reason: 'No Salesforce threat-detection events (CredentialStuffingEvent, SessionHijackingEvent, ApiAnomalyEvent, ReportAnomalyEvent, LoginAnomalyEvent) in the evidence: either none fired or Transaction Security / Threat Detection events were not exported. Their absence is not evidence that nothing happened.' }] };
  }
  const byType = new Map<string, typeof rows>();
  for (const row of rows) {
    const type = row.sourceType.replace(/^rtem:/, '').replace(/Store$/, '');
    byType.set(type, [...(byType.get(type) ?? []), row]);
  }
  const findings = [...byType].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, events]) =>
    finding('auth.threat-detection-event', type, {
      title: `Salesforce raised ${events.length} ${type}`,
      severity: 'high',
      facts: events.map((e) => {
        const score = text(e.details.Score ?? e.details.score);
        const summary = e.details.Summary ?? e.details.EventData;
        return fact(`${e.ts}: ${type} for ${whoOf(e) ?? 'an unnamed user'} from ${e.clientIp ?? 'an unlogged address'}${score ? `, score ${score}` : ''}${typeof summary === 'string' ? ` — ${summary.slice(0, 300)}` : ''}.`, [e.provenance]);
      }),
      remediation: 'Find out whether each event was reviewed and acted on when it fired; route threat-detection events to an alerting channel or a Transaction Security policy that blocks.',
      limits: 'These are Salesforce\'s detections, not the tool\'s: a scored anomaly is a signal to review, not proof of misuse.',
    }),
  );
  return { findings, notes: [] };
}
