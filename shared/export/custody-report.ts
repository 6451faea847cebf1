import { canonicalJson } from '../util/canonical-json';
import type { ExportData } from './export-data';
import { escapeHtml as h } from './html';

export const CUSTODY_REPORT_FILE = 'custody-report.html';

const STYLE = `
body{font:10pt/1.4 Georgia,serif;margin:2em;color:#000}
h1{font-size:16pt;margin:0 0 .3em}h2{font-size:12pt;margin:1.6em 0 .4em;border-bottom:1px solid #000}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #888;padding:2px 4px;vertical-align:top;text-align:left}
th{background:#e6e6e6}td.hash,.hash{font:8pt monospace;word-break:break-all}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 1em}
dt{font-weight:bold}dd{margin:0}.ok{color:#064}.bad{color:#900;font-weight:bold}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}}`;

/** A self-contained, print-ready HTML page: inline CSS, no scripts, no external references. */
export function custodyReportHtml(data: ExportData): string {
  const { info, custody, evidence, analysis } = data;
  const verification = custody.latestVerification;
  const verified = verification
    ? `<span class="${verification.details.ok === true ? 'ok' : 'bad'}">${verification.details.ok === true ? 'passed' : 'FAILED'}</span> at ${h(verification.at)} by ${h(verification.actor)} (custody entry ${verification.seq}): ${h(canonicalJson(verification.details))}`
    : 'no verification recorded before this export';
  const evidenceRows = evidence
    .map(
      (e) => `<tr><td>${e.id}</td><td>${h(e.originalName)}<br><small>${h(e.originalPath)}</small></td><td>${e.size}</td>
<td class="hash">SHA-256 ${h(e.sha256)}<br>SHA-1 ${h(e.sha1)}<br>MD5 ${h(e.md5)}</td><td>${h(e.acquiredAt)}</td><td>${h(e.acquiredBy)}</td><td>${h(e.format)}; ${h(e.timeZone)}</td></tr>`,
    )
    .join('\n');
  const custodyRows = custody.entries
    .map(
      (c) => `<tr><td>${c.seq}</td><td>${h(c.at)}</td><td>${h(c.actor)}<br><small>${h(c.osUser)}@${h(c.host)}, ${h(c.appVersion)}</small></td><td>${h(c.action)}</td><td>${h(c.subject)}</td>
<td class="hash">${h(canonicalJson(c.details))}</td><td class="hash">prev ${h(c.prevHash)}<br>entry ${h(c.entryHash)}</td></tr>`,
    )
    .join('\n');
  const findings = data.findings;
  const findingRows = findings.findings
    .map((f) => {
      const rows = f.facts.flatMap((x) => x.rows);
      const files = [...new Map(rows.map((r) => [r.sha256, r.file])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      return `<tr><td>${h(f.severity)}</td><td>${h(f.id)}<br><small>${h(f.subject)}</small></td><td>${h(f.title)}</td><td>${rows.length}</td>
<td class="hash">${files.map(([sha, file]) => `${h(file)}: ${h(sha)}`).join('<br>')}</td></tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chain of custody — ${h(info.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Chain of custody report</h1>
<dl>
<dt>Case</dt><dd>${h(info.name)}${info.matter ? ` — ${h(info.matter)}` : ''} <span class="hash">(${h(info.id)})</span></dd>
<dt>Examiner</dt><dd>${h(info.investigator)}</dd>
<dt>Breach discovered</dt><dd>${h(info.discovered ?? 'not recorded')}</dd>
<dt>Analysis</dt><dd>${analysis.id}, finished ${h(analysis.finishedAt)}; input digest <span class="hash">${h(analysis.inputDigest)}</span>; output digest <span class="hash">${h(analysis.outputDigest)}</span></dd>
<dt>Custody head at export</dt><dd>entry ${custody.head.seq}: <span class="hash">${h(custody.head.hash)}</span></dd>
<dt>Latest verification</dt><dd>${verified}</dd>
<dt>Signing key fingerprint</dt><dd class="hash">${h(info.publicKeyFingerprint)}</dd>
</dl>
<p>Each custody entry's hash is SHA-256 of the previous entry's hash, a line feed, and the canonical JSON (keys sorted) of
{seq, at, actor, osUser, host, appVersion, action, subject, details}, where details is the canonical JSON text shown below;
the first entry's previous hash is 64 zeros. The chain is shown up to the last entry before this export; entries recording
exports follow it and are listed in the export's signed manifest.</p>
<h2>Evidence (${evidence.length} item${evidence.length === 1 ? '' : 's'})</h2>
<table>
<thead><tr><th>Id</th><th>Original name and path</th><th>Bytes</th><th>Digests</th><th>Acquired (UTC)</th><th>By</th><th>Format; zone</th></tr></thead>
<tbody>
${evidenceRows}
</tbody>
</table>
<h2>Custody log (${custody.entries.length} entr${custody.entries.length === 1 ? 'y' : 'ies'})</h2>
<table>
<thead><tr><th>Seq</th><th>At (UTC)</th><th>Actor</th><th>Action</th><th>Subject</th><th>Details</th><th>Hashes</th></tr></thead>
<tbody>
${custodyRows}
</tbody>
</table>
<h2>Security findings (${findings.findings.length})</h2>
<p>Computed over the same snapshot as this export (engine ${h(findings.engineVersion)}, legal questions ${h(findings.legalQuestionsVersion)},
network ranges ${h(findings.networkRanges.version)}, ${h(findings.networkRanges.origin)}): input digest <span class="hash">${h(findings.inputDigest)}</span>,
output digest <span class="hash">${h(findings.outputDigest)}</span>. Each finding rests on the evidence rows listed in findings-report.html and the
workbook's Findings sheet; the files they come from are named here with their SHA-256. Findings state facts, never a legal conclusion.</p>
${
  findings.findings.length > 0
    ? `<table>
<thead><tr><th>Severity</th><th>Finding</th><th>Title</th><th>Rows</th><th>Files (SHA-256)</th></tr></thead>
<tbody>
${findingRows}
</tbody>
</table>`
    : '<p>No finding from this evidence.</p>'
}
${findings.notes.length > 0 ? `<p>Not assessable from this evidence: ${findings.notes.map((n) => h(n.check)).join('; ')}.</p>` : ''}
</body>
</html>
`;
}
