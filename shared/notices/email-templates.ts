import { escapeHtml } from '../export/html';
import type { CompiledLetter, LetterParagraph } from './compile-letter';

/**
 * The electronic notice as mail platforms import it: one merge template per jurisdiction, in Handlebars syntax
 * (SendGrid dynamic templates, Mailgun, Mandrill and Postmark's layouts all read `{{field}}` and `{{#if field}}`),
 * and the per-person values in the mail-merge CSV, whose column names are the fields. A block shown only to some
 * people (the identity-protection offer, CRA contacts) sits inside `{{#if <column>}}`; the column is "yes" or empty.
 * The postal address block is left out: an email has no envelope.
 */
export function emailHtml(letter: CompiledLetter, lang = 'en'): string {
  const body = sections(letter)
    .map((section) => {
      const html = section.paragraphs.map(paragraphHtml).join('\n');
      return section.field ? `{{#if ${section.field}}}\n${html}\n{{/if}}` : html;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(letter.title)}</title>
</head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.45; color: #111; max-width: 640px; margin: 0 auto; padding: 16px;">
${body}
</body>
</html>
`;
}

export function emailText(letter: CompiledLetter): string {
  const out: string[] = [];
  for (const section of sections(letter)) {
    const text = section.paragraphs.map((p, i) => `${p.gap && i > 0 ? '\n' : ''}${p.style === 'bullet' ? `- ${p.text}` : p.style === 'title' ? p.text.toUpperCase() : p.text}`).join('\n');
    out.push(section.field ? `{{#if ${section.field}}}\n${text}\n{{/if}}` : text);
  }
  return `${out.join('\n\n')}\n`;
}

interface Section {
  field: string | null;
  paragraphs: LetterParagraph[];
}

function sections(letter: CompiledLetter): Section[] {
  const out: Section[] = [];
  for (const piece of letter.pieces) {
    if (piece.kind === 'person') {
      const paragraphs = piece.merge.filter((p) => !/^\{\{address_line_\d\}\}$/.test(p.text));
      if (paragraphs.length > 0) out.push({ field: null, paragraphs });
    } else {
      out.push({ field: piece.condition?.field ?? null, paragraphs: piece.paragraphs });
    }
  }
  return out;
}

function paragraphHtml(p: LetterParagraph): string {
  const text = escapeHtml(p.text);
  if (p.style === 'title') return `<h1 style="font-size: 22px;">${text}</h1>`;
  if (p.style === 'heading') return `<h2 style="font-size: 18px; margin-top: 24px;">${text}</h2>`;
  if (p.style === 'bullet') return `<p style="margin: 4px 0 4px 24px;">&bull; ${text}</p>`;
  if (p.style === 'line') return `<p style="margin: 0;">${text}</p>`;
  return `<p>${text}</p>`;
}
