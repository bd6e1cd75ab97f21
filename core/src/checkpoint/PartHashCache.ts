import { sha256Hex } from './contentHash.js';
import { utf8Encode } from './utf8.js';

/** One part of a write with its content address (SHA-256) and UTF-8 length. */
export interface AddressedPart {
  readonly name: string;
  readonly content: string;
  readonly hash: string;
  readonly byteLength: number;
  /** The UTF-8 bytes when this write had to encode the part; `undefined` when its hash was remembered. */
  readonly bytes: Uint8Array | undefined;
}

/**
 * The content address of each part of a store's previous write, by part name, kept with the
 * part's string. The engine hands the same state string to every metadata checkpoint while its
 * stream remembers the RDD — two per batch — and hashing 3 MB each time would cost as much as the
 * state is big; a part equal to the one last written under its name is neither encoded nor hashed:
 *
 *   write 3000 { rdd-2-3000: s }                    s encoded and hashed → 9f8e…
 *   write 3000 { rdd-2-3000: s }                    s === the last string → 9f8e…, nothing hashed
 *   write 4000 { rdd-2-3000: s, rdd-2-4000: s' }    only s' is hashed
 *
 * `===` on strings compares contents: V8 answers at once for the same string object, and a copy
 * with equal contents costs a memory comparison — far less than SHA-256 — and has the same
 * address anyway, so content addressing is unchanged. Only the previous write's parts are kept,
 * so the cache holds no more than that checkpoint did. (A `WeakMap` from string to hash is not
 * possible: strings cannot be weakly referenced.)
 */
export class PartHashCache {
  private previous = new Map<string, { readonly content: string; readonly hash: string; readonly byteLength: number }>();

  /** The parts of `parts` with their addresses, hashing only those not equal to the previous write's. */
  async address(parts: ReadonlyMap<string, string>): Promise<AddressedPart[]> {
    const previous = this.previous;
    const addressed = await Promise.all(
      [...parts].map(async ([name, content]): Promise<AddressedPart> => {
        const known = previous.get(name);
        if (known !== undefined && known.content === content) return { ...known, name, bytes: undefined };
        const bytes = utf8Encode(content);
        return { name, content, hash: await sha256Hex(bytes), byteLength: bytes.length, bytes };
      }),
    );
    this.previous = new Map(addressed.map(({ name, content, hash, byteLength }) => [name, { content, hash, byteLength }]));
    return addressed;
  }

  /** Forgets the previous write's parts (the store is closing: their strings need not stay alive). */
  clear(): void {
    this.previous = new Map();
  }
}
