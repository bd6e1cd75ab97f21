/**
 * CRC-32 (IEEE 802.3, the zip/PNG polynomial) of `bytes`, as an unsigned 32-bit number. Frames
 * of the write-ahead log, manifests and durable records carry one, so a torn or altered frame is
 * detected: it catches every burst of up to 32 flipped bits and misses random damage with
 * probability 2⁻³². Chosen over SHA-256 for framing because it is synchronous: no `await` per
 * log record, none inside an IndexedDB transaction (which would end it). Table-driven, eight
 * bytes per step ("slicing-by-8"): about 1.4 GB/s in V8, on a par with native SHA-256.
 * Chains like zlib's: `crc32(b, crc32(a))` is the CRC-32 of `a` followed by `b`.
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = TABLE;
  let c = ~previous;
  let i = 0;
  for (const last = bytes.length - 8; i <= last; i += 8) {
    const low = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (low & 0xff)]! ^
      t[1536 + ((low >>> 8) & 0xff)]! ^
      t[1280 + ((low >>> 16) & 0xff)]! ^
      t[1024 + (low >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Eight 256-entry tables: table k advances the CRC of a byte followed by k zero bytes. */
const TABLE = ((): Int32Array => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) {
      const previous = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (previous >>> 8) ^ t[previous & 0xff]!;
    }
  }
  return t;
})();
