import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { salesforceDataExportParser } from '../../../shared/ingest/people/salesforce-export';
import { elfParser } from '../../../shared/ingest/salesforce/elf';
import { runParser } from '../../helpers/parse';
import { fixture } from './salesforce/paths';

const HEADER = '"Id","FirstName","LastName","Email"';
const ROWS = ['"0035j00000AbCdEAAV","Ana","Gomez","ana@example.com"', '"0035j00000AbCdFAAV","Bo","Li","bo@example.com"', '"0035j00000AbCdGAAV","Cy","Ng","cy@example.com"'];

describe('nothing silently accepted', () => {
  it('an ELF file without CLIENT_IP imports its events and warns that none carries an IP', async () => {
    const lines = readFileSync(fixture('elf-API.csv'), 'utf8').split('\n').filter((l) => l !== '');
    const header = lines[0]!.split(',');
    const ip = header.indexOf('"CLIENT_IP"');
    expect(ip).toBeGreaterThanOrEqual(0);
    const drop = (line: string) => line.split(',').filter((_, i) => i !== ip).join(',');
    const row = drop(lines[1]!);
    const file = Buffer.from([drop(lines[0]!), ...Array.from({ length: 20 }, (_, i) => row.replace('4u6LyuMrDvb_G-l1cJIQk-', `request-${i}`))].join('\n'));
    const run = await runParser(elfParser, file, {}, { fileName: 'API.csv' });
    expect(run.events).toHaveLength(20);
    expect(run.events.every((e) => e.clientIp === null)).toBe(true);
    expect(run.warnings.join('\n')).toMatch(/no CLIENT_IP .*attacker-IP scoping cannot match them/);
  });

  it('a header line repeated mid-file is rejected with its reason, not imported as a person', async () => {
    const file = Buffer.from([HEADER, ROWS[0], ROWS[1], HEADER, ROWS[2]].join('\n'));
    const run = await runParser(salesforceDataExportParser, file, {}, { fileName: 'Contact.csv' });
    expect(run.subjects.map((s) => s.sourceId)).toEqual(['0035j00000AbCdEAAV', '0035j00000AbCdFAAV', '0035j00000AbCdGAAV']);
    expect(run.rejects).toHaveLength(1);
    expect(run.rejects[0]!.reason).toMatch(/header line repeated mid-file/);
  });

  it('lone-CR line endings (classic Mac) read as lines, whatever the chunk size, with exact byte offsets', async () => {
    const text = [HEADER, ...ROWS].join('\r');
    for (const chunkSize of [7, 64 * 1024]) {
      const run = await runParser(salesforceDataExportParser, Buffer.from(text), {}, { fileName: 'Contact.csv', chunkSize });
      expect(run.rejects).toEqual([]);
      expect(run.subjects).toHaveLength(3);
      const last = run.subjects[2]!;
      expect(text.slice(last.byteOffset, last.byteOffset + last.byteLength)).toBe(ROWS[2]);
    }
  });
});
