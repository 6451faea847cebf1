/** The standalone findings report: self-contained, print-ready HTML (inline CSS, no scripts, no external references). */
import { escapeHtml as h } from '../export/html';
import type { Finding, FindingsReport } from './types';

export const FINDINGS_REPORT_FILE = 'findings-report.html';

const STYLE = `
body{font:10pt/1.4 Georgia,serif;margin:2em;color:#000}h1{font-size:16pt;margin:0 0 .3em}
h2{font-size:12pt;margin:1.4em 0 .3em;border-bottom:1px solid #000}table{border-collapse:collapse;width:100%;margin:.3em 0}
th,td{border:1px solid #888;padding:2px 4px;vertical-align:top;text-align:left}th{background:#e6e6e6}.hash{font:8pt monospace;word-break:break-all}
.sev{font-weight:bold;text-transform:uppercase}.high{color:#900}.medium{color:#a60}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}}`;

export function findingsReportHtml(caseName: string, report: FindingsReport): string {
  const window = report.incidentWindow ? `${h(report.incidentWindow.from)} to ${h(report.incidentWindow.to)}` : 'not defined (no scope)';
  const notes = report.notes.map((n) => `<li><b>${h(n.check)}</b>: ${h(n.reason)}</li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Security findings — ${h(caseName)}</title><style>${STYLE}</style></head><body>
<h1>Security findings — ${h(caseName)}</h1>
<p>Facts from the evidence that bear on legal questions; no finding states a legal conclusion. Incident window: ${window}.
Engine ${h(report.engineVersion)}, legal questions ${h(report.legalQuestionsVersion)}, network ranges ${h(report.networkRanges.version)} (${h(report.networkRanges.origin)}).</p>
<p class="hash">input digest ${h(report.inputDigest)}<br>output digest ${h(report.outputDigest)}</p>
<p>${report.findings.length} finding(s).</p>
${report.findings.map(section).join('\n')}
<h2>Exposure assumptions these findings bear on</h2>
<p>Shown for counsel next to each assumption; no assumption is changed by a finding.</p>
<table><thead><tr><th>assumption</th><th>how findings bear on it</th><th>findings from this evidence</th></tr></thead><tbody>
${report.assumptionLinks.map((l) => `<tr><td><code>${h(l.assumption)}</code></td><td>${h(l.bearing)}</td><td>${l.findings.length > 0 ? l.findings.map((f) => `${h(f.severity)}: ${h(f.title)}`).join('<br>') : 'none'}</td></tr>`).join('\n')}
</tbody></table>
<h2>Not assessable from this evidence</h2>
${notes ? `<ul>${notes}</ul>` : '<p>Every check had the evidence it needs.</p>'}
</body></html>
`;
}

function section(f: Finding): string {
  const facts = f.facts
    .map(
      (fact) => `<p>${h(fact.text)}</p>
<table><thead><tr><th>evidence</th><th>file</th><th>record</th><th>line</th><th>SHA-256</th></tr></thead><tbody>
${fact.rows.map((r) => `<tr><td>${r.evidenceId}</td><td>${h(r.file)}${r.entry ? ` [${h(r.entry)}]` : ''}</td><td>${r.record}</td><td>${r.line ?? ''}</td><td class="hash">${h(r.sha256)}</td></tr>`).join('\n')}
</tbody></table>`,
    )
    .join('\n');
  return `<h2><span class="sev ${h(f.severity)}">${h(f.severity)}</span> ${h(f.title)}</h2>
<p><code>${h(f.id)}</code> — ${h(f.subject)}</p>
${facts}
<p><b>Remediation.</b> ${h(f.remediation)}</p>
<p><b>Bears on.</b> ${f.bearsOn.map((q) => `${h(q.citation)}: ${h(q.question)}`).join('; ')}</p>
<p><b>Limits.</b> ${h(f.limits)}</p>`;
}
