import type { RowSink } from '../parser';
import type { Line } from './lines';

export function rejectLine(sink: RowSink, line: Line, recordNo: number, reason: string): void {
  sink.reject({ entry: null, recordNo, lineNo: line.lineNo, byteOffset: line.byteOffset, byteLength: line.byteLength, reason, raw: line.bytes });
}
