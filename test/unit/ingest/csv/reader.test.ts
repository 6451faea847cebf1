import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { CsvReader, readCsv, type CsvBadRecord, type CsvOptions, type CsvRecord } from '../../../../shared/ingest/csv/reader';
import { readCsvTable, type CsvRow, type CsvTableReject } from '../../../../shared/ingest/csv/table';

interface Read {
  records: (CsvRecord & { raw: string })[];
  bad: CsvBadRecord[];
}

/** Reads bytes pushed in chunks of `chunkSize` (1 exercises every split point). */
function read(input: string | Buffer, options: CsvOptions = {}, chunkSize = 7): Read {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const out: Read = { records: [], bad: [] };
  const reader = new CsvReader(
    {
      onRecord: (rec, raw) => out.records.push({ ...rec, fields: [...rec.fields], raw: raw().toString('latin1') }),
      onBad: (bad) => out.bad.push(bad),
    },
    options,
  );
  for (let i = 0; i < bytes.length; i += chunkSize) reader.push(bytes.subarray(i, i + chunkSize));
  reader.end();
  return out;
}

describe('CsvReader', () => {
  it('reads quoted and unquoted fields, "" escapes and the ELF tripled-quote URL', () => {
    const { records, bad } = read('"A","B",C\n"x ""y""","""https://test.local.test""",plain\n');
    expect(bad).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      ['A', 'B', 'C'],
      ['x "y"', '"https://test.local.test"', 'plain'],
    ]);
  });

  it('gives the same records whatever the chunk size', () => {
    const text = 'a,b\r\n"1\r\n2",x\r\n3,"y"\r\n\r\n4,5';
    const whole = read(text, {}, 1 << 20);
    for (const size of [1, 2, 3, 5, 11]) expect(read(text, {}, size)).toEqual(whole);
    expect(whole.records.map((r) => r.fields)).toEqual([['a', 'b'], ['1\r\n2', 'x'], ['3', 'y'], ['4', '5']]);
  });

  it('reports record number, start line, byte offset and byte length of each record', () => {
    const text = 'h1,h2\n"multi\nline",b\n\nc,d';
    const { records } = read(text);
    expect(records.map((r) => [r.recordNo, r.lineNo, r.byteOffset, r.byteLength])).toEqual([
      [1, 1, 0, 6],
      [2, 2, 6, 15],
      [3, 5, 22, 3],
    ]);
    for (const r of records) expect(r.raw).toBe(text.slice(r.byteOffset, r.byteOffset + r.byteLength));
  });

  it('counts byte offsets, not characters, for multi-byte UTF-8', () => {
    const text = 'name,city\nJosé,Zürich\n"Renée ""R""",東京\nx,y\n';
    const { records } = read(text);
    const bytes = Buffer.from(text);
    expect(records[2]!.fields).toEqual(['Renée "R"', '東京']);
    for (const r of records) {
      expect(r.raw).toBe(bytes.subarray(r.byteOffset, r.byteOffset + r.byteLength).toString('latin1'));
    }
    expect(records[3]!.byteOffset).toBe(bytes.indexOf('x,y'));
  });

  it('skips a UTF-8 BOM but counts it in offsets', () => {
    const { records } = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"A",B\n1,2\n')]));
    expect(records[0]!.fields).toEqual(['A', 'B']);
    expect(records[0]!.byteOffset).toBe(3);
  });

  it('supports ; tab and | delimiters', () => {
    expect(read('a;"b;c"\n', { delimiter: ';' }).records[0]!.fields).toEqual(['a', 'b;c']);
    expect(read('a\t"b\tc"\n', { delimiter: '\t' }).records[0]!.fields).toEqual(['a', 'b\tc']);
    expect(read('a|b\n', { delimiter: '|' }).records[0]!.fields).toEqual(['a', 'b']);
  });

  it('keeps formula-looking cells and quotes inside unquoted fields verbatim', () => {
    const { records } = read('=HYPERLINK("http://evil"),"=1+2",5"inch\n');
    expect(records[0]!.fields).toEqual(['=HYPERLINK("http://evil")', '=1+2', '5"inch']);
  });

  it('reads an empty file as no records', () => {
    expect(read('')).toEqual({ records: [], bad: [] });
  });

  it('reads a truncated last line without a line ending', () => {
    const { records } = read('a,b\n1,2');
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('rejects an unterminated quote at the end of the file and keeps the lines after its first line', () => {
    const { records, bad } = read('a,b\n1,"open\n2,3\n4,5\n');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.raw.toString()).toBe('1,"open\n');
    expect(bad[0]!.reason).toMatch(/not terminated/);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['2', '3'], ['4', '5']]);
    expect(records.map((r) => r.lineNo)).toEqual([1, 3, 4]);
  });

  it('rejects a stray quote that runs into the next line and resyncs there', () => {
    const { records, bad } = read('"a","b"\n"1","x\n"2","3"\n"4","5"\n');
    expect(bad.map((b) => b.raw.toString())).toEqual(['"1","x\n']);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['2', '3'], ['4', '5']]);
  });

  it('rejects text after a closing quote', () => {
    const { records, bad } = read('"a"x,b\nc,d\n');
    expect(bad[0]!.reason).toMatch(/after the closing quote/);
    expect(records.map((r) => r.fields)).toEqual([['c', 'd']]);
  });

  it('accepts a 10 MB field and rejects one above the cap without losing the next row', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const ok = read(`a,b\n"${big}",1\n2,3\n`, {}, 1 << 16);
    expect(ok.bad).toEqual([]);
    expect(ok.records[1]!.fields[0]!.length).toBe(big.length);
    const capped = read(`a,b\n"${big}",1\n2,3\n`, { maxRecordBytes: 1024 * 1024 }, 1 << 16);
    expect(capped.bad).toHaveLength(1);
    expect(capped.bad[0]!.byteLength).toBe(big.length + 5);
    expect(capped.records.map((r) => r.fields)).toEqual([['a', 'b'], ['2', '3']]);
  });

  it('rejects an over-long line with no line ending yet, then reads on', () => {
    const long = 'y'.repeat(3 * 1024 * 1024);
    const { records, bad } = read(`a\n${long}\nz\n`, { maxRecordBytes: 1024 * 1024 }, 1 << 16);
    expect(bad).toHaveLength(1);
    expect(bad[0]!.byteOffset).toBe(2);
    expect(bad[0]!.byteLength).toBe(long.length + 1);
    expect(records.map((r) => r.fields)).toEqual([['a'], ['z']]);
  });

  it('rejects records with NUL bytes and keeps the others', () => {
    const { records, bad } = read(Buffer.from('a,b\n1,\u00002\n3,4\n', 'latin1'));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.reason).toMatch(/NUL/);
    expect(bad[0]!.raw).toEqual(Buffer.from([0x31, 0x2c, 0x00, 0x32, 0x0a]));
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['3', '4']]);
  });

  it('rejects only the records with invalid UTF-8, with their raw bytes', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\nok,é\nbad,'), Buffer.from([0xff, 0xfe]), Buffer.from('\nlast,1\n')]);
    const { records, bad } = read(bytes, {}, 1 << 20);
    expect(bad).toHaveLength(1);
    expect(bad[0]!.reason).toMatch(/cannot be decoded/);
    expect(bad[0]!.raw).toEqual(Buffer.concat([Buffer.from('bad,'), Buffer.from([0xff, 0xfe, 0x0a])]));
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['ok', 'é'], ['last', '1']]);
    expect(records[2]!.byteOffset).toBe(bytes.indexOf('last'));
  });

  it('uses a pluggable decoder', () => {
    const decode = (b: Buffer): string => b.toString('latin1').replaceAll('\u0080', '€');
    const { records } = read(Buffer.from([0x80, 0x71, 0x2c, 0xe9, 0x0a]), { decode });
    expect(records[0]!.fields).toEqual(['€q', 'é']);
  });
});

describe('readCsvTable', () => {
  async function table(text: string): Promise<{ header: string[]; rows: CsvRow[]; rejects: CsvTableReject[] }> {
    const out = { header: [] as string[], rows: [] as CsvRow[], rejects: [] as CsvTableReject[] };
    await readCsvTable(Readable.from([Buffer.from(text)]), {
      onHeader: (h) => (out.header = h),
      onRow: (r) => out.rows.push(r),
      onReject: (r) => out.rejects.push(r),
    });
    return out;
  }

  it('rejects ragged rows with a reason and their bytes, numbering data rows from 1', async () => {
    const { header, rows, rejects } = await table('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    expect(header).toEqual(['a', 'b', 'c']);
    expect(rows.map((r) => [r.recordNo, r.fields])).toEqual([
      [1, ['1', '2', '3']],
      [4, ['10', '11', '12']],
    ]);
    expect(rejects.map((r) => [r.recordNo, r.reason, r.raw.toString()])).toEqual([
      [2, 'row has 2 fields but the header has 3', '4,5\n'],
      [3, 'row has 4 fields but the header has 3', '6,7,8,9\n'],
    ]);
  });

  it('handles an empty stream', async () => {
    expect(await table('')).toEqual({ header: [], rows: [], rejects: [] });
  });

  it('reports progress in bytes read', async () => {
    const seen: number[] = [];
    const stats = await readCsv(Readable.from([Buffer.from('a\n'), Buffer.from('b\n')]), { onRecord() {}, onBad() {} }, { onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([2, 4]);
    expect(stats.bytesRead).toBe(4);
  });
});
