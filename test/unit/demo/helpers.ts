import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBreach, type GenerateResult } from '../../../shared/demo';

/** Strict RFC 4180 parser: throws on a stray quote or an unterminated field. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\n') throw new Error(`text after closing quote at ${i}`);
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('file does not end with a newline');
  return rows;
}

/** Rows as header → value maps, checking every row has the header's width. */
export function readCsv(path: string, encoding: BufferEncoding = 'utf8'): { header: string[]; rows: Record<string, string>[] } {
  let text = readFileSync(path, encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const [header, ...rest] = parseCsv(text);
  return {
    header: header!,
    rows: rest.map((values, n) => {
      if (values.length !== header!.length) throw new Error(`${path} row ${n + 2}: ${values.length} values, header has ${header!.length}`);
      return Object.fromEntries(header!.map((h, k) => [h, values[k]!]));
    }),
  };
}

/** One line of a generated real-time event stream file (the parts the tests read). */
export interface StreamEnvelope {
  channel: string;
  data: { payload: { EventDate?: string; UserId?: string; LoginKey?: string; Records?: string; Query?: string } };
}

/** The `Records` field of a stream event: JSON inside a string. */
export interface StreamRecords {
  totalSize: number;
  records: Array<{ Id: string }>;
}

/** The parts of the generator's scenario.json that the tests read. */
export interface Scenario {
  attack: {
    window: { start: string; end: string };
    attackerIps: string[];
    connectedApp: { name: string };
    compromisedUser: { id15: string; id18: string; username: string };
    loginKeys: string[];
    actions: Array<{ key: string; soql: string | null; rowsReturned: number }>;
  };
  traps: { businessAccountsReached: string[] };
  counts: GenerateResult['counts'];
}

export async function generateInTemp(seed: string, size: 'tiny' | number): Promise<{ dir: string; result: GenerateResult }> {
  const dir = mkdtempSync(join(tmpdir(), 'breach-demo-'));
  return { dir, result: await generateBreach({ outDir: dir, seed, size }) };
}
