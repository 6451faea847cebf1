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

/** Bytes collected before they are handed to the file stream in one write. */
const WRITE_BYTES = 256 * 1024;

/** The parts of pdfkit's document the writer drives (pdfkit 0.20; pinned in package.json). */
interface PdfkitInternals {
  _offset: number;
  _offsets: Array<number | null>;
  _waiting: number;
  _write(data: string | Uint8Array): void;
  _root: { data: { Pages: PdfRef & { data: { Kids: PdfRef[]; Count: number } } } };
}
interface PdfRef {
  id: number;
  gen: number;
  data: Record<string, unknown>;
  end(chunk?: Buffer): void;
}

/**
 * A PDF of letters, each starting on its own page, streamed to disk as it is written, in constant memory. The parts of
 * a letter that are the same for everyone are laid out once and drawn as PDF form XObjects, so a letter costs its own
 * few lines and a few references: that is what makes a million letters take minutes, not hours. pdfkit owns the
 * document (object numbers, fonts, forms, page tree, cross-reference table); each page is two objects the writer
 * serialises itself — its content stream and its dictionary, sharing one resource dictionary — because pdfkit's
 * per-page objects and its readable stream of tiny chunks were most of the time, and pdfkit's page tree would hold
 * every page object to the end.
 */
export class PdfLetterWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly internals: PdfkitInternals;
  private readonly out: Writable;
  private readonly fonts: Fonts;
  private readonly sizes: TypeSizes;
  private readonly laidPieces = new Map<number, LaidLine[]>();
  private readonly bullets = new Map<string, Laid>();
  private readonly forms = new Map<string, { name: string; ref: PdfRef }>();
  /** One resource dictionary for every page: the two fonts and every form; written when the document closes. */
  private readonly resources: PdfRef;
  private readonly pageHead: string;
  /** Page object numbers, in order: the page tree's kids, built at the end. */
  private readonly pageIds: number[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
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
    this.internals = this.doc as unknown as PdfkitInternals;
    this.out = outputFileStream(file, key);
    this.out.on('error', (error: Error) => (this.failure ??= error));
    // Everything pdfkit writes is collected here (as its own _write would encode it) and reaches the file in large writes.
    this.internals._write = (data) => this.emit(typeof data === 'string' ? `${data}\n` : data);
    // The header pdfkit wrote while being constructed (already counted in its offset).
    const header = this.doc.read() as Buffer | null;
    if (header) {
      this.pending.push(header);
      this.pendingBytes += header.length;
    }
    this.doc.resume();
    this.fonts = { regular: this.font('Helvetica'), bold: this.font('Helvetica-Bold') };
    this.sizes = typeSizes(options.minimumPoints);
    this.resources = this.doc.ref({
      ProcSet: ['PDF', 'Text'],
      Font: { [this.fonts.regular.id]: this.fonts.regular.font.ref(), [this.fonts.bold.id]: this.fonts.bold.font.ref() },
      XObject: {},
    });
    const pagesRef = this.internals._root.data.Pages;
    this.pageHead = `/Type /Page\n/Parent ${pagesRef.id} ${pagesRef.gen} R\n/MediaBox [0 0 ${PAGE.width} ${PAGE.height}]\n/Resources ${this.resources.id} ${this.resources.gen} R`;
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
    const xobjects = this.resources.data.XObject as Record<string, PdfRef>;
    for (const form of this.forms.values()) xobjects[form.name] = form.ref;
    this.resources.end();
    const pages = this.internals._root.data.Pages;
    const prototype = Object.getPrototypeOf(pages) as object;
    pages.data.Kids = this.pageIds.map((id) => Object.assign(Object.create(prototype) as PdfRef, { id, gen: 0 }));
    pages.data.Count = this.pageIds.length;
    const ended = once(this.doc, 'end');
    this.doc.end();
    await ended;
    if (this.internals._waiting !== 0) throw new Error(`PDF writer: ${this.internals._waiting} PDF object(s) were never written`);
    this.flush();
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

  /** A page: its content stream (uncompressed: it holds only the person's few lines and references to the shared forms) and its dictionary. */
  private writePage(placements: readonly Placement[], footer: string): void {
    this.pages++;
    // PDF's own coordinates (y up): every line is placed from the page's bottom.
    const ops: string[] = [];
    for (const placement of placements) {
      if (placement.kind === 'line') {
        ops.push(`BT ${lineOperators(placement.line, PAGE.height - placement.top)} ET`);
      } else {
        const form = this.form(placement.key, placement.pieceId, placement.from, placement.to);
        ops.push(`q 1 0 0 1 0 ${(PAGE.top - placement.top).toFixed(2)} cm /${form.name} Do Q`);
      }
    }
    const footerText = toWinAnsi(footer).text;
    ops.push(`BT /${this.fonts.regular.id} ${this.sizes.body} Tf 1 0 0 1 ${PAGE.left} ${PAGE.bottom / 2} Tm ${this.fonts.regular.tj(footerText)} ET`);
    const content = `${ops.join('\n')}\n`;
    const contentId = this.writeObject(`<<\n/Length ${Buffer.byteLength(content, 'latin1')}\n>>\nstream\n${content}\nendstream`);
    this.pageIds.push(this.writeObject(`<<\n${this.pageHead}\n/Contents ${contentId} 0 R\n>>`));
  }

  /** Writes an object under the next object number of pdfkit's document, recording its offset for the cross-reference table. */
  private writeObject(body: string): number {
    const offsets = this.internals._offsets;
    const id = offsets.length + 1;
    offsets.push(this.internals._offset);
    this.emit(`${id} 0 obj\n${body}\nendobj\n`);
    return id;
  }

  private emit(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.isBuffer(data) ? data : Buffer.from(data);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.internals._offset += bytes.length;
    // Closing writes the page tree and the cross-reference table (a line per object) in one go: hand them on as they come.
    if (this.pendingBytes >= 4 * WRITE_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    this.out.write(this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** A static run of lines as a form XObject, drawn with its first line's top at the page's top margin. */
  private form(key: string, pieceId: number, from: number, to: number): { name: string; ref: PdfRef } {
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
    form = { name: `L${this.forms.size + 1}`, ref: ref as unknown as PdfRef };
    this.forms.set(key, form);
    return form;
  }

  private async keepUp(): Promise<void> {
    this.throwIfFailed();
    if (this.pendingBytes < WRITE_BYTES) return;
    this.flush();
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
