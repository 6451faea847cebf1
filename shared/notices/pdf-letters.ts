import { once } from 'node:events';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { IsoDate } from '../law/types';
import { outputFileStream } from '../store/byte-streams';
import type { CompiledLetter, LetterParagraph, LetterPerson } from './compile-letter';
import { layOut, lineOperators, PAGE, typeSizes, type Fonts, type Laid, type LaidLine, type TypeSizes } from './pdf-layout';
import { FontMetrics, toWinAnsi, type StandardFont } from './pdf-text';

export interface PdfLetterOptions {
  title: string;
  author: string;
  /** The notice date: the PDF's creation and modification dates, so the same inputs give the same bytes. */
  date: IsoDate;
  /** The pack's minimum type size; the body is never smaller. */
  minimumPoints: number | null;
}

/** Where a run of lines goes: a static piece's lines `from`..`to` (drawn from a cached form) or a person's own lines. */
type Placement = { top: number; kind: 'form'; key: string; pieceId: number; from: number; to: number } | { top: number; kind: 'line'; line: LaidLine };

const BUFFERED_BYTES = 1 << 20;

/**
 * A PDF of letters, each starting on its own page, streamed to disk as it is written. The parts of a letter that are
 * the same for everyone are laid out once and drawn as PDF form XObjects, so a letter costs its own few lines and a
 * few references: that is what makes a million letters take minutes, not hours. pdfkit's page tree keeps every page
 * object until the end; each finished page's entry is replaced by a bare reference so memory stays flat.
 */
export class PdfLetterWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly out: Writable;
  private readonly fonts: Fonts;
  private readonly sizes: TypeSizes;
  private readonly laidPieces = new Map<number, LaidLine[]>();
  private readonly bullets = new Map<string, Laid>();
  private readonly forms = new Map<string, { name: string; ref: unknown }>();
  private failure: Error | null = null;
  pages = 0;
  letters = 0;
  /** Letters in which a character the standard fonts cannot print was replaced by "?". */
  replacedLetters = 0;

  constructor(file: string, key: Buffer | null, options: PdfLetterOptions) {
    const date = new Date(`${options.date}T00:00:00.000Z`);
    this.doc = new PDFDocument({
      autoFirstPage: false,
      compress: true,
      size: 'LETTER',
      margin: 0,
      lang: 'en-US',
      info: { Title: options.title, Author: options.author, Creator: 'Breach Ledger', Producer: 'Breach Ledger (pdfkit)', CreationDate: date, ModDate: date },
    });
    this.out = outputFileStream(file, key);
    this.out.on('error', (error: Error) => (this.failure ??= error));
    this.doc.on('data', (chunk: Buffer) => this.out.write(chunk));
    this.fonts = { regular: this.font('Helvetica'), bold: this.font('Helvetica-Bold') };
    this.sizes = typeSizes(options.minimumPoints);
  }

  /** Writes one person's letter on new pages; waits when the disk is behind. */
  async addLetter(letter: CompiledLetter, person: LetterPerson, reference: string): Promise<void> {
    let replaced = false;
    const pages: Placement[][] = [[]];
    let top = PAGE.top;
    const bottom = PAGE.height - PAGE.bottom;
    const fits = (at: number, line: LaidLine, next = 0) => at + line.height + (line.keepWithNext ? next : 0) <= bottom;
    const gapAt = (line: LaidLine) => (top === PAGE.top ? 0 : line.gap);
    const newPage = () => {
      pages.push([]);
      top = PAGE.top;
    };
    const bodyLine = this.sizes.body * 1.25 * 2;
    for (const piece of letter.pieces) {
      if (piece.kind === 'person') {
        const lines = piece.render(person).flatMap((paragraph) => {
          const laid = this.laidPersonParagraph(paragraph);
          replaced ||= laid.replaced;
          return laid.lines;
        });
        for (const line of lines) {
          if (!fits(top + gapAt(line), line, bodyLine)) newPage();
          top += gapAt(line);
          pages[pages.length - 1]!.push({ top, kind: 'line', line });
          top += line.height;
        }
        continue;
      }
      if (piece.condition && !piece.condition.applies(person)) continue;
      const lines = this.laidPiece(piece.id, piece.paragraphs);
      let from = 0;
      while (from < lines.length) {
        if (!fits(top + gapAt(lines[from]!), lines[from]!, bodyLine)) newPage();
        top += gapAt(lines[from]!);
        const start = top;
        let to = from;
        top += lines[from]!.height;
        while (to + 1 < lines.length && fits(top + lines[to + 1]!.gap, lines[to + 1]!, bodyLine)) {
          to++;
          top += lines[to]!.gap + lines[to]!.height;
        }
        pages[pages.length - 1]!.push({ top: start, kind: 'form', key: `${piece.id}:${from}:${to}`, pieceId: piece.id, from, to });
        from = to + 1;
      }
    }
    pages.forEach((placements, index) => this.writePage(placements, `Reference ${reference} \u2022 Page ${index + 1} of ${pages.length}`));
    this.letters++;
    if (replaced) this.replacedLetters++;
    await this.keepUp();
  }

  async close(): Promise<void> {
    const ended = once(this.doc, 'end');
    this.doc.end();
    await ended;
    this.out.end();
    await once(this.out, 'finish').catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
    this.throwIfFailed();
  }

  private font(name: string): FontMetrics {
    this.doc.font(name);
    return new FontMetrics((this.doc as unknown as { _font: StandardFont })._font);
  }

  /** Element bullets come from a short vocabulary: laid out once each. */
  private laidPersonParagraph(paragraph: LetterParagraph): Laid {
    if (paragraph.style !== 'bullet') return layOut([paragraph], this.fonts, this.sizes);
    const key = `${paragraph.gap ? 1 : 0}${paragraph.text}`;
    let laid = this.bullets.get(key);
    if (!laid) {
      laid = layOut([paragraph], this.fonts, this.sizes);
      this.bullets.set(key, laid);
    }
    return laid;
  }

  private laidPiece(id: number, paragraphs: readonly LetterParagraph[]): LaidLine[] {
    let lines = this.laidPieces.get(id);
    if (!lines) {
      const laid = layOut(paragraphs, this.fonts, this.sizes);
      lines = laid.lines;
      this.laidPieces.set(id, lines);
    }
    return lines;
  }

  private writePage(placements: readonly Placement[], footer: string): void {
    const doc = this.doc;
    doc.addPage();
    this.slimPreviousPage();
    // A page holds only its person's few lines and references to the shared forms (compressed once each): deflating
    // every page's small stream cost a third of the time for about 0.8 KB a page.
    const content = doc.page.content as unknown as { compress: boolean; data: { Filter?: string } };
    content.compress = false;
    delete content.data.Filter;
    this.pages++;
    const page = doc.page as unknown as { fonts: Record<string, unknown>; xobjects: Record<string, unknown>; write(chunk: Buffer): void };
    page.fonts[this.fonts.regular.id] = this.fonts.regular.font.ref();
    page.fonts[this.fonts.bold.id] = this.fonts.bold.font.ref();
    // pdfkit starts each page flipped (y down); the same matrix again gives PDF's own coordinates (y up).
    const ops: string[] = [`1 0 0 -1 0 ${PAGE.height} cm`];
    for (const placement of placements) {
      if (placement.kind === 'line') {
        ops.push(`BT ${lineOperators(placement.line, PAGE.height - placement.top)} ET`);
      } else {
        const form = this.form(placement.key, placement.pieceId, placement.from, placement.to);
        page.xobjects[form.name] = form.ref;
        ops.push(`q 1 0 0 1 0 ${(PAGE.top - placement.top).toFixed(2)} cm /${form.name} Do Q`);
      }
    }
    const footerText = toWinAnsi(footer).text;
    ops.push(`BT /${this.fonts.regular.id} ${this.sizes.body} Tf 1 0 0 1 ${PAGE.left} ${PAGE.bottom / 2} Tm ${this.fonts.regular.tj(footerText)} ET`);
    page.write(Buffer.from(`${ops.join('\n')}\n`, 'latin1'));
  }

  /** A static run of lines as a form XObject, drawn with its first line's top at the page's top margin. */
  private form(key: string, pieceId: number, from: number, to: number): { name: string; ref: unknown } {
    let form = this.forms.get(key);
    if (form) return form;
    const lines = this.laidPieces.get(pieceId)!;
    const ops: string[] = [];
    let top = PAGE.height - PAGE.top;
    for (let i = from; i <= to; i++) {
      if (i > from) top -= lines[i]!.gap;
      ops.push(lineOperators(lines[i]!, top));
      top -= lines[i]!.height;
    }
    const ref = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [0, top - 10, PAGE.width, PAGE.height],
      Resources: { ProcSet: ['PDF', 'Text'], Font: { [this.fonts.regular.id]: this.fonts.regular.font.ref(), [this.fonts.bold.id]: this.fonts.bold.font.ref() } },
    });
    ref.end(Buffer.from(`BT\n${ops.join('\n')}\nET\n`, 'latin1'));
    form = { name: `L${this.forms.size + 1}`, ref };
    this.forms.set(key, form);
    return form;
  }

  /** The page tree keeps each page's whole object graph; a written page needs only its "n 0 R". */
  private slimPreviousPage(): void {
    const kids = (this.doc as unknown as { _root: { data: { Pages: { data: { Kids: Array<{ id: number; gen: number }> } } } } })._root.data.Pages.data.Kids;
    const index = kids.length - 2;
    if (index < 0) return;
    const written = kids[index]!;
    const bare = Object.create(Object.getPrototypeOf(written) as object) as { id: number; gen: number };
    bare.id = written.id;
    bare.gen = written.gen;
    kids[index] = bare;
  }

  private async keepUp(): Promise<void> {
    this.throwIfFailed();
    if (this.doc.readableLength > BUFFERED_BYTES) await new Promise((resolve) => setImmediate(resolve));
    // The stream's own flag, not one set when write() refused: a drain during the wait above must not be waited for again.
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
