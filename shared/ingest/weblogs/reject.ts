import type { RowSink } from '../parser';
import type { Line } from './lines';

export function rejectLine(sink: RowSink, line: Line, recordNo: number, reason: string, entry: string | null = null): void {
  sink.reject({ entry, recordNo, lineNo: line.lineNo, byteOffset: line.byteOffset, byteLength: line.byteLength, reason, raw: line.bytes });
}
