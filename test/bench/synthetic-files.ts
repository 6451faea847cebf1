/** Large input files in the real formats, written fast and deterministically, for the import benchmarks. */
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';

const API_HEADER = [
  'EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'ORGANIZATION_ID', 'USER_ID', 'RUN_TIME', 'CPU_TIME', 'URI',
  'SESSION_KEY', 'LOGIN_KEY', 'USER_TYPE', 'REQUEST_STATUS', 'DB_TOTAL_TIME', 'API_TYPE', 'API_VERSION',
  'CLIENT_NAME', 'METHOD_NAME', 'ENTITY_NAME', 'ROWS_PROCESSED', 'REQUEST_SIZE', 'RESPONSE_SIZE',
  'EXCEPTION_MESSAGE', 'TIMESTAMP_DERIVED', 'USER_ID_DERIVED', 'CLIENT_IP', 'URI_ID_DERIVED',
];
const USERS = ['0055j00000AT6I1', '0055j000000utlP', '0055j00000BX9zQ', '0055j00000CK2aR'];
const USERS_18 = ['0055j00000AT6I1AAL', '0055j000000utlPAAQ', '0055j00000BX9zQAAT', '0055j00000CK2aRAAT'];
const ENTITIES = ['Contact', 'Lead', 'Account', 'Case', 'Opportunity'];

function apiRow(i: number): string {
  const ts = new Date(Date.UTC(2025, 5, 1) + i * 37).toISOString();
  const compact = ts.replace(/[-:T]/g, '').replace('Z', '');
  const u = i % USERS.length;
  const values = [
    'API', compact, `4u6LyuMrDvb_G-l1c${i.toString(36)}`, '00D5j00000DgAYG', USERS[u]!, String(i % 900), String(i % 90), 'Api',
    `bY5Wfv8t/Ith${(i >> 8) % 997}`, `Kx9${(i >> 10) % 991}`, 'Standard', '', String(i * 13), 'P', '58.0', 'DataLoaderPartnerUI/',
    i % 7 === 0 ? 'queryMore' : 'query', ENTITIES[i % ENTITIES.length]!, String(i % 2000), '818', '296630', '', ts, USERS_18[u]!,
    `198.51.${(i >> 4) % 256}.${i % 256}`, '',
  ];
  return `${values.map((v) => `"${v}"`).join(',')}\n`;
}

const CONTACT_HEADER = [
  'Id', 'AccountId', 'FirstName', 'LastName', 'Email', 'Phone', 'MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode',
  'MailingCountry', 'Birthdate', 'CreatedDate', 'LastModifiedDate', 'SSN__c',
];
const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'Maria', 'Wei'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Nguyen', 'Kim'];
const PLACES = [
  ['Sacramento', 'CA', '95814'], ['Austin', 'TX', '78701'], ['Albany', 'NY', '12207'], ['Tallahassee', 'FL', '32301'],
  ['Springfield', 'IL', '62701'], ['Columbus', 'OH', '43215'], ['Denver', 'CO', '80202'], ['Boston', 'MA', '02108'],
] as const;

function contactId(i: number): string {
  return `003${i.toString(36).padStart(12, '0')}AAA`;
}

function contactRow(i: number): string {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i >> 3) % LAST.length]!;
  const [city, state, zip] = PLACES[(i >> 5) % PLACES.length]!;
  const values = [
    contactId(i), `001${(i >> 4).toString(36).padStart(12, '0')}AAA`, first, last, `${first}.${last}${i}@example.com`.toLowerCase(),
    `(${200 + (i % 700)}) 555-${String(i % 10000).padStart(4, '0')}`, `${1 + (i % 9999)} Main St`, city, state, zip, 'United States',
    `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, '2024-01-02T03:04:05.000Z', '2025-03-04T05:06:07.000Z', i % 10 === 0 ? `${100 + (i % 600)}-45-${String(1000 + (i % 9000))}` : '',
  ];
  return `${values.map((v) => `"${v}"`).join(',')}\n`;
}

async function writeRows(file: string, header: readonly string[], rows: number, row: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header.map((h) => `"${h}"`).join(',')}\n`);
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
}

/** An API EventLogFile CSV of `rows` rows (about 250 bytes a row), reused when already written. */
export async function writeApiElf(file: string, rows: number): Promise<void> {
  if (existsSync(file) && statSync(file).size > rows * 100) return;
  await writeRows(file, API_HEADER, rows, apiRow);
}

/** A Salesforce Data Export Contact.csv of `rows` rows, reused when already written. */
export async function writeContactExport(file: string, rows: number): Promise<void> {
  if (existsSync(file) && statSync(file).size > rows * 100) return;
  await writeRows(file, CONTACT_HEADER, rows, contactRow);
}
