/**
 * A set of 32-bit hash codes that answers "maybe" or "no" (a Bloom filter with one hash
 * function and 16 to 32 bits per element, so at most 6 % false positives). A scan tests it to pass
 * over most absent keys without a `Map` lookup, which reaches into the heap to compare strings.
 */
export class HashFilter {
  private readonly bits: Int32Array;
  /** 32 − log2(number of bits): the top bits of a multiplicative hash pick the bit. */
  private readonly shift: number;

  constructor(expectedSize: number) {
    const log2Bits = Math.min(MAX_LOG2_BITS, Math.max(5, Math.ceil(Math.log2(Math.max(1, expectedSize) * 16))));
    this.bits = new Int32Array(1 << (log2Bits - 5));
    this.shift = 32 - log2Bits;
  }

  add(hash: number): void {
    const bit = Math.imul(hash, GOLDEN) >>> this.shift;
    this.bits[bit >>> 5]! |= 1 << (bit & 31);
  }

  /** False only if `hash` was never added. */
  mayContain(hash: number): boolean {
    const bit = Math.imul(hash, GOLDEN) >>> this.shift;
    return (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}

/** ⌊2^32 / φ⌋: spreads hash codes that differ only in their low bits (small integer keys) over the top bits. */
const GOLDEN = 0x9e3779b1;
/** At most 2^26 bits (8 MiB), whatever the size asked for. */
const MAX_LOG2_BITS = 26;
