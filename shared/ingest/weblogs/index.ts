import type { SourceParser } from '../parser';
import { webAccessLogParser } from './access-log';
import { awsCloudTrailParser } from './cloudtrail';
import { genericCsvLogParser } from './generic-csv';
import { genericJsonLinesParser } from './generic-jsonl';

export const weblogParsers: readonly SourceParser[] = [webAccessLogParser, awsCloudTrailParser, genericJsonLinesParser, genericCsvLogParser];
