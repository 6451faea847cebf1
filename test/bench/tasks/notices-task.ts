/**
 * `letters <case> <out>`: the letters of a case seeded by `export-task.ts seed` (1 million affected consumers in ten
 * states), written as streamed PDFs with the rest of each jurisdiction's notice files. The notice facts are recorded
 * first; the timed part is `writeNotices`.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { assessAnalysis } from '../../../shared/assess/assess-analysis';
import { recordNoticeFacts, writeNotices } from '../../../shared/notices';
import { openCase } from '../../../shared/store/case-folder';

const [caseDir, outDir] = process.argv.slice(2);
const handle = await openCase(caseDir!);
const { facts } = recordNoticeFacts(
  handle.db,
  {
    company: { name: 'Benchmark Retail, Inc.', address: ['1 Benchmark Way', 'Springfield, IL 62701'], tollFreePhone: '1-800-555-0100', website: 'www.bench.example' },
    incident: { start: '2025-06-16', end: '2025-06-17' },
    noticeDate: '2025-07-15',
    whatHappened: 'An unauthorized party used a stolen integration credential to export customer records from our customer relationship management system.',
    whatWeAreDoing: 'We revoked the credential, reset every integration secret and engaged outside forensic experts.',
    identityProtection: { provider: 'Kroll', months: 24, url: 'https://enroll.example', enrollBy: '2025-10-15' },
  },
  'bench',
);
const assessment = assessAnalysis(handle, {});
const started = process.hrtime.bigint();
const written = await writeNotices(handle.db, assessment, facts, outDir!, { key: null });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
handle.close();
const bytes = readdirSync(outDir!, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
process.stdout.write(
  JSON.stringify({ seconds, jurisdictions: written.length, letters: written.reduce((s, j) => s + j.letters, 0), pages: written.reduce((s, j) => s + j.pages, 0), bytes }),
);
