import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../contract/errors';
import { noProgress, type ProgressListener } from '../contract/progress';
import { csvRecord } from '../export/csv';
import { TextFile } from '../export/text-file';
import { outputFileStream, writeOutputFile } from '../store/byte-streams';
import type { Db } from '../store/db';
import { compileLetter, conditionFields, MERGE_FIELDS, mergeValues, type CompiledLetter, type LetterPerson, type PieceCondition } from './compile-letter';
import { emailHtml, emailText } from './email-templates';
import type { NoticeFacts } from './notice-facts';
import { PdfLetterWriter } from './pdf-letters';
import { letterJurisdictions, letterRecipients, type HeldForReview, type LetterRecipient, type NoticeAssessment, type ReviewKind } from './recipients';
import { templateDocx } from './template-docx';
import { decideMethod, type MethodDecision } from './notice-method';
import { rulesFor, templateInUse, type TemplateInUse } from './template-store';

export const NOTICE_FILES = {
  letters: 'letters.pdf',
  sample: 'sample-notice.pdf',
  mailMerge: 'mail-merge.csv',
  emailHtml: 'email.html',
  emailText: 'email.txt',
  template: 'template.txt',
  templateDocx: 'template.docx',
} as const;

export interface JurisdictionNotices {
  jurisdiction: string;
  name: string;
  letters: number;
  pages: number;
  heldForReview: HeldForReview;
  /** Letters with no postal address in the jurisdiction (email or substitute notice only). */
  withoutPostalAddress: number;
  /** Letters in which a character the PDF's standard fonts cannot print was shown as "?" (the CSV and email keep it). */
  charactersReplaced: number;
  /** Placeholders whose facts counsel has not stated: printed as a visible gap. */
  missingFacts: string[];
  template: { source: TemplateInUse['source']; id: number | null; sha256: string; researched: boolean };
  /** The notice facts' method as checked against the pack; the email merge templates are written only when it calls for them. */
  delivery: MethodDecision;
  /** Paths relative to the folder given, `/`-separated. */
  files: string[];
}

export interface WriteNoticesOptions {
  /** The export's file key (encrypted cases); null for a plain case. */
  key: Buffer | null;
  /** Only these jurisdictions (default: every one whose individual notice is required). */
  jurisdictions?: readonly string[];
  onProgress?: ProgressListener;
}

interface Open {
  plan: JurisdictionNotices;
  template: TemplateInUse;
  letter: CompiledLetter;
  pdf: PdfLetterWriter;
  csv: TextFile;
  conditions: PieceCondition[];
  deadline: string;
}

/**
 * Writes `<dir>/<jurisdiction>/` for each jurisdiction requiring individual notice: the letters (one PDF, each letter
 * on its own pages), a sample notice with no personal data, the mail-merge CSV, the email merge templates (HTML and
 * text), the template used (text and DOCX). One pass over the affected consumers writes every jurisdiction's files,
 * streaming. A template that fails its check against the pack stops the export, naming the problems.
 */
export async function writeNotices(db: Db, assessment: NoticeAssessment, facts: NoticeFacts, dir: string, options: WriteNoticesOptions): Promise<JurisdictionNotices[]> {
  const onProgress = options.onProgress ?? noProgress;
  const wanted = options.jurisdictions ? new Set(options.jurisdictions) : null;
  const owed = letterJurisdictions(assessment.obligations).filter((j) => !wanted || wanted.has(j.jurisdiction));
  if (wanted) {
    const unknown = [...wanted].filter((code) => !owed.some((j) => j.jurisdiction === code));
    if (unknown.length > 0) throw new LedgerError('BAD_USAGE', `No individual notice is required in ${unknown.join(', ')} for this analysis; see "obligations".`);
  }
  const deliveries = new Map<string, MethodDecision>();
  const refused: string[] = [];
  for (const obligations of owed) {
    const residents = obligations.qualifying.exact + obligations.qualifying.derived;
    const decided = decideMethod(facts.method, rulesFor(assessment.packs, obligations.jurisdiction, facts.noticeDate).methods, residents);
    if (decided.ok) deliveries.set(obligations.jurisdiction, decided.decision);
    else refused.push(`${obligations.jurisdiction}: ${decided.problem}`);
  }
  if (refused.length > 0) throw new LedgerError('INVALID_INPUT', `The notice method (${facts.method.kind}) is not allowed: ${refused.join('; ')}.`, { problems: refused });
  const open = new Map<string, Open>();
  try {
    for (const obligations of owed) {
      const code = obligations.jurisdiction;
      const delivery = deliveries.get(code)!;
      const template = templateInUse(db, assessment.packs, code, facts.noticeDate);
      if (!template.check.ok) {
        throw new LedgerError('INVALID_INPUT', `The ${code} notice template (${template.source}) fails its check against the rule pack: ${template.check.problems.map((p) => p.message).join('; ')}.`, {
          problems: template.check.problems,
        });
      }
      const residents = obligations.qualifying.exact + obligations.qualifying.derived;
      const letter = compileLetter(template.text, { facts, rules: template.rules, residents });
      const folder = path.join(dir, code);
      mkdirSync(folder, { recursive: true });
      const file = (name: string) => path.join(folder, name);
      const pdfOptions = { title: `${letter.title} — ${obligations.name}`, author: facts.company.name, date: facts.noticeDate, minimumPoints: template.rules.minFontPoints?.points ?? null };
      const conditions = conditionFields(letter);
      const csv = new TextFile(file(NOTICE_FILES.mailMerge), options.key);
      await csv.write(`\uFEFF${csvRecord(mailMergeColumns(conditions))}`);
      const due = obligations.individuals.due;
      open.set(code, {
        plan: {
          jurisdiction: code,
          name: obligations.name,
          letters: 0,
          pages: 0,
          heldForReview: { consumers: 0, byKind: {} },
          withoutPostalAddress: 0,
          charactersReplaced: 0,
          missingFacts: letter.missing,
          template: { source: template.source, id: template.id, sha256: template.sha256, researched: template.check.researched },
          delivery,
          files: Object.values(NOTICE_FILES)
            .filter((name) => delivery.emails || (name !== NOTICE_FILES.emailHtml && name !== NOTICE_FILES.emailText))
            .map((name) => `${code}/${name}`),
        },
        template,
        letter,
        pdf: new PdfLetterWriter(file(NOTICE_FILES.letters), options.key, pdfOptions),
        csv,
        conditions,
        deadline: due.kind === 'date' ? due.date : due.text,
      });
    }

    const held = (jurisdiction: string, kinds: readonly ReviewKind[]) => {
      const h = open.get(jurisdiction)!.plan.heldForReview;
      h.consumers++;
      for (const kind of kinds) h.byKind[kind] = (h.byKind[kind] ?? 0) + 1;
    };
    const total = owed.reduce((sum, j) => sum + j.qualifying.exact + j.qualifying.derived, 0);
    let done = 0;
    for (const recipient of letterRecipients(db, assessment, new Set(open.keys()), held)) {
      const target = open.get(recipient.jurisdiction)!;
      await target.pdf.addLetter(target.letter, recipient.person, String(recipient.person.consumerId));
      await target.csv.write(csvRecord(mailMergeRow(target, recipient)));
      target.plan.letters++;
      if (recipient.person.address.length === 0) target.plan.withoutPostalAddress++;
      if (++done % 1000 === 0) onProgress({ phase: 'export', label: 'notice letters', done, total, unit: 'rows' });
    }
    onProgress({ phase: 'export', label: 'notice letters', done, total: done, unit: 'rows' });

    for (const target of open.values()) {
      await target.pdf.close();
      await target.csv.close();
      target.plan.pages = target.pdf.pages;
      target.plan.charactersReplaced = target.pdf.replacedLetters;
      await writeFixedFiles(path.join(dir, target.plan.jurisdiction), target, facts, options.key);
    }
    return [...open.values()].map((t) => t.plan);
  } catch (error) {
    for (const target of open.values()) await target.pdf.close().catch(() => undefined);
    throw error;
  }
}

/** The files that do not depend on the people: templates, email merge templates, the sample notice. */
async function writeFixedFiles(folder: string, target: Open, facts: NoticeFacts, key: Buffer | null): Promise<void> {
  const file = (name: string) => path.join(folder, name);
  await writeOutputFile(file(NOTICE_FILES.template), target.template.text, key);
  if (target.plan.delivery.emails) {
    await writeOutputFile(file(NOTICE_FILES.emailHtml), emailHtml(target.letter), key);
    await writeOutputFile(file(NOTICE_FILES.emailText), emailText(target.letter), key);
  }
  const docx = outputFileStream(file(NOTICE_FILES.templateDocx), key);
  docx.end(await templateDocx(target.template.text, target.template.rules, facts.noticeDate));
  await once(docx, 'finish');
  const sample = new PdfLetterWriter(file(NOTICE_FILES.sample), key, {
    title: `${target.letter.title} — sample — ${target.plan.name}`,
    author: facts.company.name,
    date: facts.noticeDate,
    minimumPoints: target.template.rules.minFontPoints?.points ?? null,
  });
  await sample.addLetter(target.letter, samplePerson(target), 'SAMPLE');
  await sample.close();
}

/** A person with no personal data, shown every conditional block: the copy regulators ask for. */
function samplePerson(target: Open): LetterPerson {
  const elements = [...new Set(target.template.rules.items.flatMap((i) => i.whenExposed ?? []).concat(target.template.rules.identityProtection?.whenExposed ?? []))];
  return { consumerId: 0, name: '[Recipient name]', address: ['[Street address]', '[City, State ZIP]'], email: null, elements: elements.length > 0 ? elements : ['name'] };
}

function mailMergeColumns(conditions: readonly PieceCondition[]): string[] {
  return [
    MERGE_FIELDS.reference,
    MERGE_FIELDS.name,
    ...MERGE_FIELDS.address,
    'street',
    'city',
    'state',
    'postal_code',
    'country',
    'email',
    MERGE_FIELDS.elements,
    ...conditions.map((c) => c.field),
    'notice_deadline',
  ];
}

function mailMergeRow(target: Open, recipient: LetterRecipient): Array<string | number | null> {
  const values = mergeValues(recipient.person);
  const flags = target.conditions.map((c) => (c.applies(recipient.person) ? 'yes' : ''));
  const postal = recipient.postal;
  return [
    recipient.person.consumerId,
    values[MERGE_FIELDS.name]!,
    ...MERGE_FIELDS.address.map((field) => values[field]!),
    postal?.street ?? null,
    postal?.city ?? null,
    postal?.state ?? null,
    postal?.postalCode ?? null,
    postal?.country ?? null,
    recipient.person.email,
    values[MERGE_FIELDS.elements]!,
    ...flags,
    target.deadline,
  ];
}
