import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command';
import { caseArg, intOption, listOption, stringOption } from '../command';
import type { StoredNoticeFacts, TemplateCheck } from '../../shared/contract/api';
import { LedgerError } from '../../shared/contract/errors';
import { formatBytes, type Output } from '../output';

const JURISDICTION = /^US-[A-Z0-9-]+$/;

export const noticesSubmissions: Command = {
  words: ['notices', 'submissions'],
  usage: 'notices submissions <case> [--jurisdiction US-XX] [--notice-date YYYY-MM-DD] [--assume key=value]... [--analysis N]',
  summary: 'The regulator and credit-agency submissions the obligations call for, each field filled from the case or marked for counsel.',
  options: { jurisdiction: { type: 'string' }, 'notice-date': { type: 'string' }, assume: { type: 'string', multiple: true }, analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const wanted = jurisdictionOption(values);
    const result = await engine.noticeSubmissions({
      caseDir: caseArg(positionals),
      analysisId: intOption(values, 'analysis'),
      noticeDate: stringOption(values, 'notice-date') ?? null,
      assumptions: listOption(values, 'assume'),
    });
    const submissions = wanted ? result.submissions.filter((s) => s.sections.some((section) => section.jurisdiction === wanted)) : result.submissions;
    if (out.json) {
      out.document({ ...result, submissions });
      return 0;
    }
    let open = 0;
    for (const submission of submissions) {
      out.line(`${submission.name}: ${submission.form.title}`);
      out.line(`  to ${submission.recipient.name} (${submission.recipient.channel})${submission.recipient.url ? ` ${submission.recipient.url}` : ''}`);
      out.line(`  form ${submission.form.id} ${submission.form.version}${submission.form.generic ? ' (generic: no form of this agency is recorded)' : ''}; ${submission.form.citation}`);
      for (const section of submission.sections.filter((s) => !wanted || s.jurisdiction === wanted)) {
        out.line(`  ${section.jurisdiction} ${section.duty.status === 'required' ? 'required' : 'possibly required'}; due ${section.duty.due}${section.review ? `; rule pack ${section.review}` : ''}`);
        for (const field of section.fields) {
          if (field.value === null) open++;
          out.line(`    ${field.label}: ${field.text}  [${field.citation}; ${field.confidence}]`);
        }
        if (section.templateCopy) out.line(`    attach: ${section.templateCopy.label}${section.templateCopy.path ? ` (${section.templateCopy.path})` : ''}`);
      }
      out.line();
    }
    if (submissions.length === 0) out.line(wanted ? `No regulator or credit-agency submission is owed for ${wanted}.` : 'No regulator or credit-agency submission is owed.');
    else out.line(`${submissions.length} submission${submissions.length === 1 ? '' : 's'}; ${open} field${open === 1 ? '' : 's'} to be completed by counsel.`);
    return 0;
  },
};

export const noticesWrite: Command = {
  words: ['notices', 'write'],
  usage: 'notices write <case> [--out <dir>] [--notice-date YYYY-MM-DD] [--analysis N] [--actor <text>]',
  summary: 'Write the notice package (letters and agency submissions) into a new folder with a signed manifest; logged in custody.',
  options: { out: { type: 'string' }, 'notice-date': { type: 'string' }, analysis: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const result = await engine.writeNoticePackage(
      {
        caseDir: caseArg(positionals),
        outDir: stringOption(values, 'out') ?? null,
        noticeDate: stringOption(values, 'notice-date') ?? null,
        analysisId: intOption(values, 'analysis'),
        actor: stringOption(values, 'actor') ?? null,
      },
      { onProgress: out.progress },
    );
    out.endProgress();
    if (out.json) {
      out.document(result);
      return 0;
    }
    out.line(`Wrote the notice package to ${result.dir}`);
    for (const f of result.files) out.line(`  ${f.sha256}  ${formatBytes(f.size).padStart(9)}  ${f.path}`);
    out.line(`Manifest ${result.manifestPath} (SHA-256 ${result.manifestSha256}), signed with the case key.`);
    out.line('Anyone can check it with: breach-ledger verify-export <manifest>');
    return 0;
  },
};

export const noticesTemplate: Command = {
  words: ['notices', 'template'],
  usage: 'notices template <case> --jurisdiction US-XX [--out <file>]',
  summary: "Write a jurisdiction's letter template (counsel's latest, else the default from the rule pack) to a file or stdout, with its check against the pack.",
  options: { jurisdiction: { type: 'string' }, out: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const template = await engine.noticeTemplate({ caseDir: caseArg(positionals), jurisdiction: requiredJurisdiction(values) });
    const file = stringOption(values, 'out');
    if (file !== undefined) writeNewFile(file, template.text);
    if (out.json) {
      out.document(template);
      return 0;
    }
    if (file === undefined) {
      for (const line of template.text.replace(/\r?\n$/, '').split(/\r?\n/)) out.line(line);
      return 0;
    }
    out.line(`Wrote the ${template.jurisdiction} template (${template.source === 'counsel' ? `counsel's version ${template.id}` : 'default from the rule pack'}, SHA-256 ${template.sha256}) to ${path.resolve(file)}`);
    printCheck(out, template.check);
    return 0;
  },
};

export const noticesCheckTemplate: Command = {
  words: ['notices', 'template', 'check'],
  usage: 'notices template check <case> <template-file> --jurisdiction US-XX',
  summary: "Check an edited template against the jurisdiction's required and forbidden content, naming every problem; exit 3 when it would be refused.",
  options: { jurisdiction: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const [caseDir, file] = twoPositionals(positionals);
    const check = await engine.checkNoticeTemplate({ caseDir, jurisdiction: requiredJurisdiction(values), text: readTextFile(file) });
    if (out.json) out.document(check);
    else printCheck(out, check);
    return check.ok ? 0 : 3;
  },
};

export const noticesImportTemplate: Command = {
  words: ['notices', 'template', 'import'],
  usage: 'notices template import <case> <template-file> --jurisdiction US-XX [--actor <text>]',
  summary: "Record counsel's edited template for a jurisdiction (logged in custody); refused, naming each problem, when it drops a required section or holds forbidden content.",
  options: { jurisdiction: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const [caseDir, file] = twoPositionals(positionals);
    const jurisdiction = requiredJurisdiction(values);
    const recorded = await engine.setNoticeTemplate({ caseDir, jurisdiction, text: readTextFile(file), actor: stringOption(values, 'actor') ?? null });
    if (out.json) {
      out.document(recorded);
      return 0;
    }
    out.line(`Recorded the template for ${jurisdiction} as version ${recorded.id} (SHA-256 ${recorded.sha256}).`);
    printCheck(out, recorded.check);
    return 0;
  },
};

function printCheck(out: Output, check: TemplateCheck): void {
  out.line(check.ok ? 'Template check: passed.' : `Template check: ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}.`);
  for (const problem of check.problems) out.line(`  problem: ${problem.message}`);
  for (const requirement of check.requirements) out.line(`  ${requirement.status.padEnd(16)} ${requirement.kind} ${requirement.text}  [${requirement.citation}]`);
  if (!check.researched) out.line("  The pack's content rules are not fully researched: passing says nothing about compliance — counsel must review.");
  for (const note of check.notes) out.line(`  note: ${note}`);
}

function requiredJurisdiction(values: Record<string, string | boolean | string[] | undefined>): string {
  const code = jurisdictionOption(values);
  if (!code) throw new LedgerError('BAD_USAGE', 'Name the jurisdiction with --jurisdiction, e.g. --jurisdiction CA.');
  return code;
}

function twoPositionals(positionals: readonly string[]): [string, string] {
  const [caseDir, file, ...rest] = positionals;
  if (!caseDir || !file || rest.length > 0) throw new LedgerError('BAD_USAGE', 'Name the case folder and the template file.');
  return [caseDir, file];
}

function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new LedgerError('NOT_FOUND', `Cannot read ${path.resolve(file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of the template file.`);
  }
}

/** Never overwrites: an existing file may be counsel's edits. */
function writeNewFile(file: string, text: string): void {
  try {
    writeFileSync(file, text, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new LedgerError('BAD_USAGE', `${path.resolve(file)} already exists; choose another --out file (it may hold edits).`);
    throw new LedgerError('NOT_FOUND', `Cannot write ${path.resolve(file)} (${code ?? (error as Error).message}).`);
  }
}

export const noticesPreview: Command = {
  words: ['notices', 'preview'],
  usage: 'notices preview <case> --jurisdiction US-XX [--consumer N] [--analysis N]',
  summary: "One real person's letter as text, exactly as the letters print it (the first letter of the jurisdiction unless --consumer names one).",
  options: { jurisdiction: { type: 'string' }, consumer: { type: 'string' }, analysis: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const preview = await engine.previewLetter({
      caseDir: caseArg(positionals),
      jurisdiction: requiredJurisdiction(values),
      consumerId: intOption(values, 'consumer'),
      analysisId: intOption(values, 'analysis'),
    });
    if (out.json) {
      out.document(preview);
      return 0;
    }
    out.line(`${preview.jurisdiction} letter to consumer ${preview.consumerId}:`);
    out.line();
    for (const line of preview.text.split('\n')) out.line(line);
    if (preview.missingFacts.length > 0) out.line(`\nNot stated in the notice facts (printed as a visible gap): ${preview.missingFacts.join(', ')}`);
    return 0;
  },
};

export const noticesFacts: Command = {
  words: ['notices', 'facts'],
  usage: 'notices facts <case> [--set <facts.json>] [--actor <text>]',
  summary: "Show counsel's notice facts (company, contact, dates, what happened, notice date), or record a new version from a JSON file; logged in custody.",
  options: { set: { type: 'string' }, actor: { type: 'string' } },
  async run({ engine, out, positionals, values }) {
    const caseDir = caseArg(positionals);
    const file = stringOption(values, 'set');
    const stored = file === undefined
      ? await engine.noticeFacts({ caseDir })
      : await engine.setNoticeFacts({ caseDir, facts: readJsonFile(file), actor: stringOption(values, 'actor') ?? null });
    if (out.json) {
      out.document(stored);
      return 0;
    }
    if (!stored) {
      out.line('No notice facts recorded yet. Write them as JSON (company, contact, incident, noticeDate, whatHappened, whatWeAreDoing, …) and run: notices facts <case> --set facts.json');
      return 0;
    }
    if (file !== undefined) out.line(`Recorded notice facts version ${stored.id} (SHA-256 ${stored.sha256}).`);
    printFacts(out, stored);
    return 0;
  },
};

function printFacts(out: Output, stored: StoredNoticeFacts): void {
  const { facts } = stored;
  const or = (value: string | null) => value ?? '(not stated)';
  out.line(`Notice facts version ${stored.id}, recorded ${stored.recordedAt} by ${stored.actor}`);
  out.line(`  company:           ${facts.company.name}; ${facts.company.address.join(', ')}`);
  out.line(`  toll-free, web:    ${or(facts.company.tollFreePhone)}; ${or(facts.company.website)}; ${or(facts.company.email)}`);
  out.line(`  contact:           ${or(facts.contact.name)}, ${or(facts.contact.title)}, ${or(facts.contact.phone)}, ${or(facts.contact.email)}`);
  out.line(`  incident:          ${facts.incident.start ? `${facts.incident.start}${facts.incident.end && facts.incident.end !== facts.incident.start ? ` to ${facts.incident.end}` : ''}` : '(not known)'}`);
  out.line(`  discovered:        ${facts.discoveredDate}`);
  out.line(`  notice date:       ${facts.noticeDate}`);
  out.line(`  law enforcement:   ${facts.lawEnforcementDelay ?? 'notice not delayed'}`);
  const offer = facts.identityProtection;
  out.line(`  identity offer:    ${offer ? `${offer.provider}${offer.months ? `, ${offer.months} months` : ''}${offer.enrollBy ? `, enroll by ${offer.enrollBy}` : ''}` : '(none)'}`);
  out.line(`  method:            ${methodText(facts.method)}`);
  out.line(`  what happened:     ${facts.whatHappened}`);
  out.line(`  what we are doing: ${facts.whatWeAreDoing}`);
}

function methodText(method: StoredNoticeFacts['facts']['method']): string {
  if (method.kind === 'written') return 'written notice';
  if (method.kind === 'electronic') return `electronic notice (conditions stated: ${method.conditions.length > 0 ? method.conditions.join(', ') : 'none'})`;
  return `substitute notice (cost of written notice: ${method.writtenNoticeCostUsd === null ? 'not stated' : `$${method.writtenNoticeCostUsd.toLocaleString('en-US')}`}; insufficient contact information: ${method.insufficientContact ? 'yes' : 'no'})`;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LedgerError('NOT_FOUND', `Cannot read ${path.resolve(file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a JSON file.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', `${path.resolve(file)} is not valid JSON (${(error as Error).message}); fix it and run the command again.`);
  }
}

function jurisdictionOption(values: Record<string, string | boolean | string[] | undefined>): string | null {
  const text = stringOption(values, 'jurisdiction');
  if (text === undefined) return null;
  const code = text.toUpperCase();
  const full = code.startsWith('US-') ? code : `US-${code}`;
  if (!JURISDICTION.test(full)) throw new LedgerError('BAD_USAGE', `--jurisdiction must be a code like US-TX or TX, not "${text}".`);
  return full;
}
