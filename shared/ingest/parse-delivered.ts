import { containerOf, parseGzip, parseZipMembers } from './archive/containers';
import { readHead } from './encoding';
import type { ParseInput, ParseResult, RowSink, SourceParser } from './parser';
import { detectParser } from './registry';

/**
 * Runs the parser over the evidence as it was delivered: a gzip file through its decompressed bytes, a ZIP of logs
 * member by member (each member with the parser its content calls for, or the forced one), anything else as is.
 */
export async function parseAsDelivered(parser: SourceParser, input: ParseInput, sink: RowSink, forced: boolean): Promise<ParseResult> {
  const container = containerOf(await readHead(input, 4));
  if (container === 'gzip') return parseGzip(input, sink, parser);
  if (container === 'zip' && !parser.readsZip) return parseZipMembers(input, sink, (sample) => (forced ? parser : detectParser(sample)));
  return parser.parse(input, sink);
}
