/**
 * A batch of sink calls as flat values, for moving from the parsing thread to the store thread without building
 * objects on the way: every string value is appended to one text, and an Int32Array says per value what it is (its
 * length in UTF-16 units, or NULL, or NUMBER: the next entry of a Float64Array). The two arrays are transferred;
 * the text is one string copied whole. Reading a string back is a slice of the text, so the store thread binds the
 * very values the parsing thread built.
 */
const NULL = -1;
const NUMBER = -2;

export type Value = string | number | null;

export interface RowBatch {
  text: string;
  kinds: Int32Array;
  numbers: Float64Array;
  /** Reject bytes, one buffer each (transferred). */
  blobs: Uint8Array[];
}

export class RowBatchWriter {
  private parts: string[] = [];
  private kinds: number[] = [];
  private numbers: number[] = [];
  private blobs: Uint8Array[] = [];
  /** Sink calls written since the last `take`. */
  ops = 0;

  value(v: Value): void {
    if (v === null) this.kinds.push(NULL);
    else if (typeof v === 'number') {
      this.kinds.push(NUMBER);
      this.numbers.push(v);
    } else {
      this.kinds.push(v.length);
      this.parts.push(v);
    }
  }

  values(vs: readonly Value[]): void {
    for (const v of vs) this.value(v);
  }

  /** Adds a copy of `bytes` and writes its index. */
  blob(bytes: Uint8Array): void {
    this.blobs.push(Uint8Array.prototype.slice.call(bytes));
    this.value(this.blobs.length - 1);
  }

  take(): RowBatch {
    const batch = { text: this.parts.join(''), kinds: Int32Array.from(this.kinds), numbers: Float64Array.from(this.numbers), blobs: this.blobs };
    this.parts = [];
    this.kinds = [];
    this.numbers = [];
    this.blobs = [];
    this.ops = 0;
    return batch;
  }
}

export function transferList(batch: RowBatch): ArrayBuffer[] {
  return [batch.kinds.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer, ...batch.blobs.map((b) => b.buffer as ArrayBuffer)];
}

export class RowBatchReader {
  private at = 0;
  private textAt = 0;
  private numberAt = 0;

  constructor(private readonly batch: RowBatch) {}

  get done(): boolean {
    return this.at >= this.batch.kinds.length;
  }

  value(): Value {
    const kind = this.batch.kinds[this.at++]!;
    if (kind === NULL) return null;
    if (kind === NUMBER) return this.batch.numbers[this.numberAt++]!;
    const start = this.textAt;
    this.textAt += kind;
    return this.batch.text.slice(start, this.textAt);
  }

  string(): string {
    return this.value() as string;
  }

  number(): number {
    return this.value() as number;
  }

  /** The next `count` values. */
  values<T extends Value[]>(count: number): T {
    const out = new Array<Value>(count);
    for (let i = 0; i < count; i++) out[i] = this.value();
    return out as T;
  }

  blob(): Buffer {
    const bytes = this.batch.blobs[this.number()]!;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
