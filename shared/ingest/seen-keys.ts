/**
 * A Bloom filter over dedup hashes: "certainly not seen" lets an import skip the store lookup for almost every
 * row, while "maybe seen" still asks the store, so the filter changes how fast duplicates are found, never which.
 */
const BITS = 1 << 25;
const PROBES = 3;
const HIGH = 2 ** 32;

export class SeenKeys {
  private readonly bits = new Uint32Array(BITS / 32);

  add(hash: number): void {
    const [first, step] = probes(hash);
    for (let i = 0, bit = first; i < PROBES; i++, bit = (bit + step) & (BITS - 1)) this.bits[bit >>> 5]! |= 1 << (bit & 31);
  }

  mayHave(hash: number): boolean {
    const [first, step] = probes(hash);
    for (let i = 0, bit = first; i < PROBES; i++, bit = (bit + step) & (BITS - 1)) {
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two well-mixed 32-bit values from the 53-bit hash (double hashing). */
function probes(hash: number): [number, number] {
  const high = Math.floor(hash / HIGH);
  const a = mix((hash >>> 0) ^ Math.imul(high, 0x9e3779b1));
  return [a & (BITS - 1), (mix(a ^ high) | 1) & (BITS - 1)];
}

/** MurmurHash3's 32-bit finalizer. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
