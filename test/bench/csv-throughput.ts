/**
 * CSV reader throughput on an API EventLogFile-shaped CSV.
 *   node --import tsx test/bench/csv-throughput.ts [file.csv | rowCount]
 * Without a file it writes a synthetic file of `rowCount` rows (default 500 000) to the temp folder first.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCsv } from '../../shared/ingest/csv/reader';

const HEADER = [
  'EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'RUN_TIME', 'CPU_TIME', 'URI',
  'SESSION_KEY', 'LOGIN_KEY', 'USER_TYPE', 'REQUEST_STATUS', 'DB_TOTAL_TIME', 'API_TYPE', 'API_VERSION',
  'CLIENT_NAME', 'METHOD_NAME', 'ENTITY_NAME', 'ROWS_PROCESSED', 'REQUEST_SIZE', 'RESPONSE_SIZE',
  'EXCEPTION_MESSAGE', 'TIMESTAMP_DERIVED', 'USER_ID_DERIVED', 'CLIENT_IP', 'URI_ID_DERIVED',
];

function row(i: number): string {
  const t = new Date(Date.UTC(2025, 5, 1) + i * 37);
  const ts = t.toISOString();
  const compact = ts.replace(/[-:T]/g, '').replace('Z', '');
  const values = [
    'API', compact, `4u6LyuMrDvb_G-l1cJ${i % 100000}`, '00D5j00000DgAYG', '0055j00000AT6I1', String(i % 900),
    String(i % 90), 'Api', 'bY5Wfv8t/Ith7WVE', 'bY5Wfv8t/Ith7WVE', 'Standard', '', String(i * 13), 'P', '58.0',
    'DataLoaderPartnerUI/', i % 7 === 0 ? 'queryMore' : 'query', 'Contact', String(i % 2000), '818', '296630',
    '', ts, '0055j00000AT6I1AAL', '198.51.100.23', '',
  ];
  return values.map((v) => `"${v}"`).join(',') + '\n';
}

async function writeSample(rows: number): Promise<string> {
  const file = path.join(tmpdir(), `breach-ledger-elf-api-${rows}.csv`);
  const out = createWriteStream(file);
  out.write(HEADER.map((h) => `"${h}"`).join(',') + '\n');
  let block = '';
  for (let i = 0; i < rows; i++) {
    block += row(i);
    if (block.length > 1 << 20) {
      if (!out.write(block)) await once(out, 'drain');
      block = '';
    }
  }
  out.end(block);
  await once(out, 'finish');
  return file;
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  const file = arg && !/^\d+$/.test(arg) ? arg : await writeSample(Number(arg ?? 500_000));
  const size = statSync(file).size;
  let records = 0;
  let bad = 0;
  let fieldChars = 0;
  const started = process.hrtime.bigint();
  await readCsv(createReadStream(file, { highWaterMark: 1 << 20 }), {
    onRecord(rec) {
      records++;
      fieldChars += rec.fields.length;
    },
    onBad() {
      bad++;
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mb = size / 1e6;
  console.log(
    `${file}: ${mb.toFixed(1)} MB, ${records} records (${bad} bad, ${fieldChars} fields) in ${seconds.toFixed(2)} s → ` +
      `${(mb / seconds).toFixed(0)} MB/s, ${Math.round(records / seconds)} rows/s`,
  );
}

await main();
