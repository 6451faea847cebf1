import type { LetterParagraph } from './compile-letter';
import { toWinAnsi, type FontMetrics } from './pdf-text';

export const PAGE = { width: 612, height: 792, left: 72, right: 72, top: 72, bottom: 72 } as const;
const BULLET_INDENT = 18;

export interface Fonts {
  regular: FontMetrics;
  bold: FontMetrics;
}

/** Type sizes: the body never smaller than the pack's minimum. */
export interface TypeSizes {
  body: number;
  heading: number;
  title: number;
}

export function typeSizes(minimumPoints: number | null): TypeSizes {
  const body = Math.max(11, minimumPoints ?? 0);
  return { body, heading: body + 1, title: body + 5 };
}

/** One printed line: its text runs, its height and the space before it. */
export interface LaidLine {
  runs: Array<{ font: FontMetrics; size: number; x: number; tj: string }>;
  /** From the line's top to its baseline. */
  ascent: number;
  height: number;
  gap: number;
  /** A heading: never the last line of a page. */
  keepWithNext: boolean;
}

export interface Laid {
  lines: LaidLine[];
  /** Characters the standard fonts cannot print were replaced. */
  replaced: boolean;
}

/** Breaks paragraphs into lines that fit the text width, with the operators that draw them. */
export function layOut(paragraphs: readonly LetterParagraph[], fonts: Fonts, sizes: TypeSizes): Laid {
  const lines: LaidLine[] = [];
  let replaced = false;
  const width = PAGE.width - PAGE.left - PAGE.right - 1;
  for (const paragraph of paragraphs) {
    const size = paragraph.style === 'title' ? sizes.title : paragraph.style === 'heading' ? sizes.heading : sizes.body;
    const font = paragraph.style === 'title' || paragraph.style === 'heading' ? fonts.bold : fonts.regular;
    const height = size * 1.25;
    const gap = !paragraph.gap ? 0 : paragraph.style === 'heading' || paragraph.style === 'title' ? sizes.body : sizes.body * 0.6;
    const indent = paragraph.style === 'bullet' ? BULLET_INDENT : 0;
    const converted = toWinAnsi(paragraph.text);
    replaced ||= converted.replaced;
    const wrapped = wrap(converted.text, font, size, width - indent);
    wrapped.forEach((text, i) => {
      const runs = [{ font, size, x: PAGE.left + indent, tj: font.tj(text) }];
      if (i === 0 && paragraph.style === 'bullet') runs.unshift({ font, size, x: PAGE.left + 4, tj: font.tj('\u2022') });
      lines.push({ runs, ascent: (font.font.ascender / 1000) * size, height, gap: i === 0 ? gap : 0, keepWithNext: paragraph.style === 'heading' });
    });
  }
  return { lines, replaced };
}

/** Greedy word wrap on word widths (measured once each); a word longer than the line is cut. */
function wrap(text: string, font: FontMetrics, size: number, width: number): string[] {
  if (font.width(text, size) <= width) return [text];
  const words = text.split(/ +/).filter((w) => w !== '');
  const space = font.width(' ', size);
  const lines: string[] = [];
  let current = '';
  let used = 0;
  for (const word of words) {
    const wordWidth = font.width(word, size);
    if (current !== '' && used + space + wordWidth <= width) {
      current = `${current} ${word}`;
      used += space + wordWidth;
      continue;
    }
    if (current !== '') lines.push(current);
    current = word;
    used = wordWidth;
    while (used > width) {
      let cut = current.length - 1;
      while (cut > 1 && font.width(current.slice(0, cut), size) > width) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
      used = font.width(current, size);
    }
  }
  lines.push(current);
  return lines;
}

/** The operators (inside BT … ET) that draw a line whose top is at `top` (PDF coordinates, y up). */
export function lineOperators(line: LaidLine, top: number): string {
  const y = (top - line.ascent).toFixed(2);
  return line.runs.map((r) => `/${r.font.id} ${r.size} Tf 1 0 0 1 ${r.x} ${y} Tm ${r.tj}`).join('\n');
}
