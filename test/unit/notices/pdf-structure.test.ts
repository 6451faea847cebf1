import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findPack, loadPacks } from '../../../shared/law/packs';
import { defaultTemplate, letterRules, parseNoticeFacts } from '../../../shared/notices';
import { compileLetter, type LetterPerson } from '../../../shared/notices/compile-letter';
import { PdfLetterWriter } from '../../../shared/notices/pdf-letters';
import { pdfPageTexts } from '../../helpers/pdf-text';

const root = mkdtempSync(path.join(tmpdir(), 'bl-pdf-structure-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const facts = parseNoticeFacts(
  {
    company: { name: 'Larkspur Outdoor Supply, Inc.', address: ['100 Market Street', 'San Francisco, CA 94105'], tollFreePhone: '1-800-555-0100', website: 'www.larkspur.example' },
    noticeDate: '2025-07-15',
    whatHappened: 'An unauthorized party exported customer records.',
    whatWeAreDoing: 'We revoked the credential.',
  },
  '2025-06-23',
);
const rules = letterRules(findPack(loadPacks(), 'US-CA')!.pack, '2025-07-15');
const letter = compileLetter(defaultTemplate(rules), { facts, rules, residents: 3 });
const person = (consumerId: number): LetterPerson => ({ consumerId, name: `Person ${consumerId}`, address: [`${consumerId} Main Street`, 'Fresno, CA 93701'], email: null, elements: ['name', 'ssn'] });

async function writeLetters(count: number): Promise<string> {
  const file = path.join(root, `letters-${count}.pdf`);
  const writer = new PdfLetterWriter(file, null, { title: 'Notice of Data Breach', author: facts.company.name, date: facts.noticeDate, minimumPoints: 10 });
  for (let id = 1; id <= count; id++) await writer.addLetter(letter, person(id), String(id));
  await writer.close();
  return file;
}

describe('the streamed letters PDF', () => {
  test('every cross-reference entry points at its object, and the page tree lists every page once', async () => {
    const file = await writeLetters(40);
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n?$/.exec(text)![1]);
    const table = text.slice(startxref);
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(table)!;
    expect(Number(first)).toBe(0);
    const entries = table.split('\n').slice(2, 2 + Number(count));
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((entry, i) => {
      const offset = Number(entry.slice(0, 10));
      expect(text.startsWith(`${i + 1} 0 obj\n`, offset), `object ${i + 1} at ${offset}`).toBe(true);
    });
    const pageObjects = text.match(/\/Type \/Page\n/g) ?? [];
    const kids = /\/Type \/Pages\n\/Count (\d+)\n\/Kids \[([^\]]*)\]/.exec(text)!;
    expect(Number(kids[1])).toBe(pageObjects.length);
    expect(new Set(kids[2]!.trim().split(/ 0 R ?/).filter(Boolean)).size).toBe(pageObjects.length);
  });

  test('pdf.js reads every letter back with its own reference', async () => {
    const pages = await pdfPageTexts(await writeLetters(3));
    const firstPages = pages.filter((page) => /Page 1 of \d+/.test(page));
    expect(firstPages.map((page) => /Reference (\d+)/.exec(page)![1])).toEqual(['1', '2', '3']);
    expect(firstPages[1]).toContain('Person 2');
    expect(firstPages[1]).toContain('Notice of Data Breach');
  });
});
