/**
 * Structural hash codes for keys, the way the JVM hashes them where a JavaScript value has a
 * JVM twin (strings, ints, booleans, lists), so keys land in the partitions Spark puts them in.
 * Keys compare by value: arrays and plain objects hash by structure.
 */
export function hashCode(key: unknown): number {
  switch (typeof key) {
    case 'string':
      return stringHash(key);
    case 'number':
      return (key | 0) === key ? key : stringHash(String(key));
    case 'boolean':
      return key ? 1231 : 1237;
    case 'bigint':
      return stringHash(key.toString());
    case 'undefined':
      return 0;
    case 'object':
      return objectHash(key);
    default:
      return stringHash(String(key));
  }
}

/** Spark's `Utils.nonNegativeMod`: the partition a hash code maps to. */
export function nonNegativeMod(x: number, mod: number): number {
  const rawMod = x % mod;
  return rawMod + (rawMod < 0 ? mod : 0);
}

/** Java's `String.hashCode`. */
function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

function objectHash(value: object | null): number {
  if (value === null) return 0;
  if (Array.isArray(value)) {
    // java.util.List.hashCode
    let h = 1;
    for (let i = 0; i < value.length; i++) h = (Math.imul(31, h) + hashCode(value[i])) | 0;
    return h;
  }
  if (value instanceof Date) return hashCode(value.getTime());
  // java.util.Map.hashCode: a sum, so key order does not matter.
  let h = 0;
  for (const k of Object.keys(value)) {
    h = (h + (stringHash(k) ^ hashCode((value as Record<string, unknown>)[k]))) | 0;
  }
  return h;
}
