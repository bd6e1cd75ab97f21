/**
 * Keys compare by value (DESIGN.md): primitives as JavaScript's `Map` compares them, arrays and
 * plain objects by structure. A structured key is given a canonical string so a native `Map`
 * can index it; object keys are sorted, so `{a, b}` and `{b, a}` are the same key.
 */

/** True when a key needs structural comparison rather than `Map`'s SameValueZero. */
export function isStructuredKey(key: unknown): key is object {
  return typeof key === 'object' && key !== null;
}

/** A string that is equal for two structured keys exactly when they are structurally equal. */
export function canonicalKey(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return JSON.stringify(key);
    case 'number':
      return Object.is(key, -0) ? '0' : String(key);
    case 'bigint':
      return `${key}n`;
    case 'boolean':
      return key ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'object': {
      if (key === null) return 'null';
      if (Array.isArray(key)) return `[${key.map(canonicalKey).join(',')}]`;
      if (key instanceof Date) return `Date(${key.getTime()})`;
      const record = key as Record<string, unknown>;
      const fields = Object.keys(record)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalKey(record[k])}`);
      return `{${fields.join(',')}}`;
    }
    default:
      return String(key);
  }
}

/** Structural equality of two keys, consistent with `canonicalKey`. */
export function keysEqual(a: unknown, b: unknown): boolean {
  if (isStructuredKey(a) || isStructuredKey(b)) {
    return isStructuredKey(a) && isStructuredKey(b) && canonicalKey(a) === canonicalKey(b);
  }
  return a === b || (a !== a && b !== b); // NaN equals NaN, as in Map
}
