import { escapeHtml } from '../export/html';
import { COUNSEL_TO_COMPLETE, type FilledSubmission, type SubmissionSection } from './fill';

export const SUBMISSION_JSON_FORMAT = 'breach-ledger/submission@1';

/** The filled fields as one JSON document (stable key order, final newline). */
export function submissionJson(submission: FilledSubmission, caseName: string): string {
  return `${JSON.stringify({ format: SUBMISSION_JSON_FORMAT, case: caseName, ...submission }, null, 2)}\n`;
}

/** A self-contained, print-ready page: what to send, to whom, each field with its value, origin and citation. */
export function submissionHtml(submission: FilledSubmission, caseName: string): string {
  const { recipient, form } = submission;
  const toComplete = submission.sections.reduce((n, s) => n + s.fields.filter((f) => f.value === null).length, 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${form.title}: ${recipient.name}`)}</title>
<style>
body{font:11pt/1.4 system-ui,sans-serif;margin:2em;color:#111}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:13pt;margin:1.4em 0 .3em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee}.counsel{color:#8a1c00;font-weight:600}.meta{color:#444}.review{background:#fff3cd;padding:4px 8px}
@media print{body{margin:1cm}h2{break-after:avoid}tr{break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(form.title)}</h1>
<p class="meta">Case: ${escapeHtml(caseName)}<br>To: <strong>${escapeHtml(recipient.name)}</strong><br>How: ${escapeHtml(recipient.channel)}${recipient.url ? `<br>Where: ${escapeHtml(recipient.url)}` : ''}<br>Citation: ${escapeHtml(form.citation)}<br>Form: ${escapeHtml(form.id)} version ${escapeHtml(form.version)}${form.generic ? ' (generic fields: no form of this agency is recorded; check its own form before filing)' : ''}</p>
<p>${toComplete === 0 ? 'Every field is filled from the case.' : `<span class="counsel">${toComplete} field${toComplete === 1 ? '' : 's'} ${toComplete === 1 ? 'is' : 'are'} ${COUNSEL_TO_COMPLETE}.</span>`} Review every value before filing.</p>
${submission.sections.map(sectionHtml).join('\n')}
${form.notes.length > 0 ? `<h2>Notes</h2><ul>${form.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
${submission.sources.length > 0 ? `<h2>Sources</h2><table><tr><th>Id</th><th>Citation</th><th>URL</th><th>Confidence</th></tr>${submission.sources.map((s) => `<tr><td>${escapeHtml(s.id)}</td><td>${escapeHtml(s.citation)}${s.note ? `<br><span class="meta">${escapeHtml(s.note)}</span>` : ''}</td><td>${escapeHtml(s.url)}</td><td>${escapeHtml(s.confidence)}</td></tr>`).join('')}</table>` : ''}
</body></html>
`;
}

function sectionHtml(section: SubmissionSection): string {
  const { duty } = section;
  return `<h2>${escapeHtml(section.jurisdictionName)} (${escapeHtml(section.jurisdiction)})</h2>
${section.review ? `<p class="review">Rule pack ${escapeHtml(section.review)}</p>` : ''}
<p class="meta">Duty: ${escapeHtml(duty.status === 'required' ? 'required' : 'possibly required (counsel must decide)')} — ${escapeHtml(duty.recipients)} [${escapeHtml(duty.citation)}; confidence ${escapeHtml(duty.confidence)}]<br>${duty.threshold ? `Threshold: ${escapeHtml(duty.threshold)}<br>` : ''}Due: ${escapeHtml(duty.due)}<br>Why: ${escapeHtml(duty.reason)}</p>
<table><tr><th>Field</th><th>Value</th><th>From</th><th>Citation</th></tr>
${section.fields.map((f) => `<tr><td>${escapeHtml(f.label)}${f.note ? `<br><span class="meta">${escapeHtml(f.note)}</span>` : ''}</td><td${f.value === null ? ' class="counsel"' : ''}>${escapeHtml(f.text)}</td><td>${escapeHtml(f.from)}</td><td>${escapeHtml(f.citation)} (${escapeHtml(f.confidence)})</td></tr>`).join('\n')}
</table>
${section.templateCopy ? `<p>Attach: ${escapeHtml(section.templateCopy.label)} [${escapeHtml(section.templateCopy.citation)}] — ${section.templateCopy.path ? `in this export at <code>${escapeHtml(section.templateCopy.path)}</code>` : `<span class="counsel">${COUNSEL_TO_COMPLETE}</span>`}</p>` : ''}`;
}
