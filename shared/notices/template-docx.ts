import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { IsoDate } from '../law/types';
import type { LetterRules } from './letter-rules';
import { PLACEHOLDER_BY_NAME } from './placeholders';
import { parseTemplate } from './template-format';

/**
 * The template as a Word document for counsel: the title, the sections and their text with the {{placeholders}}
 * shown as written, and a last page listing what each placeholder prints. Byte-identical for the same template:
 * the document's created/modified dates are the notice date and every zip entry carries that date.
 */
export async function templateDocx(templateText: string, rules: LetterRules, date: IsoDate): Promise<Buffer> {
  const { blocks } = parseTemplate(templateText);
  const children: Paragraph[] = [
    new Paragraph({ children: [new TextRun({ text: `Notice template — ${rules.name} (${rules.jurisdiction}), rule pack ${rules.packVersion}`, italics: true })] }),
  ];
  const used = new Set<string>();
  for (const block of blocks) {
    if (block.kind === 'section') children.push(new Paragraph({ text: block.heading ?? '', heading: HeadingLevel.HEADING_2 }));
    for (const paragraph of block.paragraphs) {
      if (paragraph.style === 'block') {
        used.add(paragraph.name);
        children.push(new Paragraph({ children: [new TextRun({ text: `{{${paragraph.name}}}`, bold: true })] }));
        continue;
      }
      for (const match of paragraph.text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) used.add(match[1]!);
      if (block.kind === 'title') children.push(new Paragraph({ text: paragraph.text, heading: HeadingLevel.TITLE }));
      else children.push(new Paragraph({ text: paragraph.style === 'bullet' ? `• ${paragraph.text}` : paragraph.text, spacing: paragraph.style === 'line' ? { after: 0 } : { after: 160 } }));
    }
  }
  children.push(new Paragraph({ text: 'Placeholders', heading: HeadingLevel.HEADING_2, pageBreakBefore: true }));
  for (const name of [...used].sort()) {
    const spec = PLACEHOLDER_BY_NAME.get(name);
    children.push(new Paragraph({ children: [new TextRun({ text: `{{${name}}}`, bold: true }), new TextRun(` — ${spec?.description ?? 'unknown placeholder'}`)] }));
  }
  const stamp = `${date}T00:00:00Z`;
  const title = `Notice template ${rules.jurisdiction}`;
  const document = new Document({ creator: 'Breach Ledger', title, sections: [{ children }] });
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${title}</dc:title><dc:creator>Breach Ledger</dc:creator><cp:lastModifiedBy>Breach Ledger</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`;
  const zip = await Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: core }]);
  return fixZipDates(zip, date);
}

/** Sets every entry's DOS date and time (local header and central directory) to `date` at midnight; the bytes of the entries are untouched. */
export function fixZipDates(zip: Buffer, date: IsoDate): Buffer {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('DOCX writer produced no zip end record');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('DOCX writer produced an unreadable zip directory');
    out.writeUInt16LE(0, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
