/**
 * Text for the PDF's standard fonts (Helvetica): they print Windows-1252 (WinAnsiEncoding) only. Text is first
 * reduced to what they can print — any other character becomes "?" and the letter is reported, so a name in
 * another script is never silently mangled — then written as a TJ operator with the font's kerning, so the printed
 * width is exactly the width measured for line breaking.
 */

/** The code points above 0x7F that WinAnsiEncoding maps into 0x80–0x9F. */
const WIN_ANSI_EXTRA = new Map<number, number>([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87], [0x02c6, 0x88],
  [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93],
  [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

/** The part of pdfkit's standard-font object the writer uses (pdfkit 0.20; pinned in package.json). */
export interface StandardFont {
  /** The standard font's name (Helvetica, Helvetica-Bold...). */
  name: string;
  id: string;
  ref(): unknown;
  ascender: number;
  /** The AFM metrics behind it. */
  font: { characterToGlyph(code: number): string; widthOfGlyph(glyph: string): number; getKernPair(left: string, right: string): number };
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * The tables of each standard font, built once per process: 65,536 kerning lookups a font took most of the time
 * of writing the demo's letters when every document built its own. A standard font's AFM data never changes.
 */
const METRICS = new Map<string, { widths: Float64Array; kerning: Float64Array }>();

function metricsOf(font: StandardFont): { widths: Float64Array; kerning: Float64Array } {
  const widths = new Float64Array(256);
  const kerning = new Float64Array(256 * 256);
  const unicodeOf = (code: number) => [...WIN_ANSI_EXTRA].find(([, b]) => b === code)?.[0] ?? code;
  const glyphs = Array.from({ length: 256 }, (_, code) => font.font.characterToGlyph(unicodeOf(code)));
  for (let left = 0; left < 256; left++) {
    widths[left] = font.font.widthOfGlyph(glyphs[left]!);
    for (let right = 0; right < 256; right++) kerning[left * 256 + right] = font.font.getKernPair(glyphs[left]!, glyphs[right]!);
  }
  return { widths, kerning };
}

/**
 * Widths and kerning of a standard font as flat tables over its 256 codes, read once from pdfkit's AFM data:
 * measuring and encoding a line is then a table walk (pdfkit's own per-glyph lookups were most of the time).
 */
export class FontMetrics {
  private readonly widths: Float64Array;
  private readonly kerning: Float64Array;

  constructor(readonly font: StandardFont) {
    const tables = METRICS.get(font.name) ?? metricsOf(font);
    METRICS.set(font.name, tables);
    ({ widths: this.widths, kerning: this.kerning } = tables);
  }

  get id(): string {
    return this.font.id;
  }

  /** Width in points of text already reduced by `toWinAnsi`, kerning included. */
  width(text: string, size: number): number {
    let units = 0;
    let previous = -1;
    for (let i = 0; i < text.length; i++) {
      const code = byteOf(text.charCodeAt(i));
      units += this.widths[code]!;
      if (previous >= 0) units += this.kerning[previous * 256 + code]!;
      previous = code;
    }
    return (units * size) / 1000;
  }

  /** `[<hex> kern <hex>] TJ`, as pdfkit writes text: the kerning between glyphs as TJ adjustments. */
  tj(text: string): string {
    let out = '[<';
    for (let i = 0; i < text.length; i++) {
      const code = byteOf(text.charCodeAt(i));
      out += HEX[code];
      if (i + 1 < text.length) {
        const kern = this.kerning[code * 256 + byteOf(text.charCodeAt(i + 1))]!;
        if (kern !== 0) out += `> ${-kern} <`;
      }
    }
    return `${out}>] TJ`;
  }
}

function byteOf(code: number): number {
  return code < 256 ? code : (WIN_ANSI_EXTRA.get(code) ?? 0x3f);
}

export function printable(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
}

/** The text as the standard fonts can print it, and whether anything had to be replaced. */
export function toWinAnsi(text: string): { text: string; replaced: boolean } {
  const normalized = text.normalize('NFC').replace(/[\t\u00a0]/g, ' ');
  let replaced = false;
  let out = '';
  for (const char of normalized) {
    const code = char.codePointAt(0)!;
    if (printable(code)) out += char;
    else {
      out += '?';
      replaced = true;
    }
  }
  return { text: out, replaced };
}
