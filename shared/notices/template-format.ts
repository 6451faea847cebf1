import { PLACEHOLDER_BY_NAME, PLACEHOLDER_PATTERN } from './placeholders';

/**
 * The notice template format (README "Notices"): UTF-8 text, one block after another.
 *
 *   # a comment line (ignored)
 *   [letterhead] [date] [recipient] [signature]   every line is kept as a line
 *   [title]                                      one line: the letter's title
 *   [text]  [section: What Happened]             paragraphs, separated by blank lines; the lines of a paragraph
 *                                                are joined and re-wrapped; "- " starts a bullet
 *
 * `{{placeholder}}` anywhere in a line; a block placeholder (e.g. {{person.elements}}) stands alone on its line.
 */
export const BLOCK_KINDS = ['letterhead', 'date', 'recipient', 'title', 'text', 'section', 'signature'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
const LINE_BLOCKS: ReadonlySet<BlockKind> = new Set(['letterhead', 'date', 'recipient', 'signature']);

export type TemplateParagraph =
  | { style: 'text' | 'bullet' | 'line'; text: string; line: number }
  | { style: 'block'; name: string; line: number };

export interface TemplateBlock {
  kind: BlockKind;
  /** The section heading, for `section` blocks. */
  heading: string | null;
  line: number;
  paragraphs: TemplateParagraph[];
}

export interface TemplateProblem {
  code:
    | 'syntax'
    | 'unknown-block'
    | 'unknown-placeholder'
    | 'misplaced-block-placeholder'
    | 'missing-title'
    | 'wrong-title'
    | 'missing-heading'
    | 'heading-order'
    | 'missing-item'
    | 'item-misplaced'
    | 'forbidden-content'
    | 'missing-recipient';
  message: string;
  line: number | null;
}

export interface ParsedTemplate {
  blocks: TemplateBlock[];
  problems: TemplateProblem[];
}

const BLOCK_HEADER = /^\[\s*([A-Za-z-]+)\s*(?::\s*(.*?)\s*)?\]\s*$/;

export function parseTemplate(text: string): ParsedTemplate {
  const blocks: TemplateBlock[] = [];
  const problems: TemplateProblem[] = [];
  let current: TemplateBlock | null = null;
  let paragraph: { style: 'text' | 'bullet'; lines: string[]; line: number } | null = null;
  const flush = () => {
    if (paragraph && current) current.paragraphs.push({ style: paragraph.style, text: paragraph.lines.join(' '), line: paragraph.line });
    paragraph = null;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trimEnd();
    if (line.startsWith('#')) return;
    const header = BLOCK_HEADER.exec(line);
    if (header) {
      flush();
      const kind = header[1]!.toLowerCase();
      const heading = header[2] ?? null;
      if (!(BLOCK_KINDS as readonly string[]).includes(kind)) {
        problems.push({ code: 'unknown-block', message: `line ${lineNo}: unknown block [${header[1]}]; blocks are ${BLOCK_KINDS.map((k) => (k === 'section' ? '[section: Heading]' : `[${k}]`)).join(', ')}`, line: lineNo });
        current = null;
        return;
      }
      if ((kind === 'section') !== (heading !== null && heading !== '')) {
        problems.push({ code: 'syntax', message: kind === 'section' ? `line ${lineNo}: a section needs its heading, as [section: What Happened]` : `line ${lineNo}: only a section has a heading ([${kind}] takes none)`, line: lineNo });
      }
      current = { kind: kind as BlockKind, heading: kind === 'section' ? heading : null, line: lineNo, paragraphs: [] };
      blocks.push(current);
      return;
    }
    const content = line.trim();
    if (content === '') {
      flush();
      return;
    }
    if (!current) {
      problems.push({ code: 'syntax', message: `line ${lineNo}: text before the first block; start with a block such as [letterhead]`, line: lineNo });
      return;
    }
    problems.push(...placeholderProblems(content, lineNo));
    const block = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(content);
    if (block && PLACEHOLDER_BY_NAME.get(block[1]!)?.block) {
      flush();
      current.paragraphs.push({ style: 'block', name: block[1]!, line: lineNo });
      return;
    }
    if (LINE_BLOCKS.has(current.kind) || current.kind === 'title') {
      current.paragraphs.push({ style: 'line', text: content, line: lineNo });
      return;
    }
    if (content.startsWith('- ')) {
      flush();
      paragraph = { style: 'bullet', lines: [content.slice(2).trim()], line: lineNo };
      return;
    }
    if (paragraph) paragraph.lines.push(content);
    else paragraph = { style: 'text', lines: [content], line: lineNo };
  });
  flush();
  for (const block of blocks) {
    if (block.kind === 'title' && block.paragraphs.length !== 1) {
      problems.push({ code: 'syntax', message: `line ${block.line}: [title] holds exactly one line`, line: block.line });
    }
  }
  return { blocks, problems };
}

/** Unknown names, unbalanced braces, and block placeholders used inside a sentence. */
function placeholderProblems(content: string, lineNo: number): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const alone = /^\{\{\s*([^{}]*?)\s*\}\}$/.test(content);
  for (const match of content.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1]!;
    const known = PLACEHOLDER_BY_NAME.get(name);
    if (!known) {
      problems.push({ code: 'unknown-placeholder', message: `line ${lineNo}: unknown placeholder {{${name}}}`, line: lineNo });
    } else if (known.block && !alone) {
      problems.push({ code: 'misplaced-block-placeholder', message: `line ${lineNo}: {{${name}}} becomes whole paragraphs, so it must stand alone on its line`, line: lineNo });
    }
  }
  const rest = content.replace(PLACEHOLDER_PATTERN, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push({ code: 'syntax', message: `line ${lineNo}: unbalanced {{ or }}`, line: lineNo });
  return problems;
}

/** The placeholder names a piece of template text uses, in order. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]!);
}

/** Every placeholder of a paragraph (block or inline). */
export function paragraphPlaceholders(paragraph: TemplateParagraph): string[] {
  return paragraph.style === 'block' ? [paragraph.name] : placeholdersIn(paragraph.text);
}
