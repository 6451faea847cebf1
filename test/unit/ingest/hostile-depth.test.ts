import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeRecordsField } from '../../../shared/ingest/salesforce/records-field';
import { rtemParser } from '../../../shared/ingest/salesforce/rtem';
import { runParser } from '../../helpers/parse';
import { sample } from './salesforce/paths';

const DEPTH = 10_000;
const ID = '001000000000001AAA';

/** `{"records":[{"records":[ … {"Id":"…"} … ]}]}` nested `depth` levels. */
function nestedRecords(depth: number): string {
  return `${'{"records":['.repeat(depth)}{"Id":"${ID}"}${']}'.repeat(depth)}`;
}

describe('Records nested 10,000 deep', () => {
  it('the Records field is walked without recursion: the id at the bottom is found', () => {
    const field = decodeRecordsField(nestedRecords(DEPTH));
    expect(field).toMatchObject({ ids: [ID], truncated: false });
    const asObject = decodeRecordsField(JSON.parse(nestedRecords(DEPTH)));
    expect(asObject!.ids).toEqual([ID]);
  });

  it('an RTEM event carrying it, as a string or as an object, is imported, not refused whole', async () => {
    const envelope = JSON.parse(readFileSync(sample('appomni__salesforce_rtem_apieventstream_activity_audit_download_resource_apieventstream.json'), 'utf8')) as { data: { payload: { Records: unknown } } };
    envelope.data.payload.Records = '@RECORDS@';
    const text = JSON.stringify(envelope);
    // As the JSON string Salesforce writes, and as a nested object in the file itself.
    for (const records of [JSON.stringify(nestedRecords(DEPTH)), nestedRecords(DEPTH)]) {
      const started = Date.now();
      const run = await runParser(rtemParser, Buffer.from(text.replace('"@RECORDS@"', records)), {}, { fileName: 'deep.json' });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(run.rejects).toEqual([]);
      expect(run.events).toHaveLength(1);
      expect(run.events[0]!.recordIds).toEqual([ID]);
    }
  });
});
