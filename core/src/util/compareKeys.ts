import { canonicalKey } from './keyEquality.js';

/**
 * The default ordering of keys (Spark: the implicit `Ordering[K]`): numbers numerically, strings by
 * UTF-16 code units (Java's `compareTo`), booleans false first, arrays element by element, and
 * values of different kinds by kind, so any mix of keys still sorts deterministically.
 */
export function compareKeys(a: unknown, b: unknown): number {
  const ka = kindRank(a);
  const kb = kindRank(b);
  if (ka !== kb) return ka - kb;
  switch (ka) {
    case 1:
    case 2:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 4:
      return Number(a) - Number(b);
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareKeys(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 6:
      return compareKeys(canonicalKey(a), canonicalKey(b));
    default:
      return 0;
  }
}

function kindRank(v: unknown): number {
  switch (typeof v) {
    case 'undefined':
      return 0;
    case 'number':
      return 1;
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 4;
    default:
      return v === null ? 0 : Array.isArray(v) ? 5 : 6;
  }
}
