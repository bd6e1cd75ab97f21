/** The default ordering of keys for sortBy and sortByKey (Spark: the implicit `Ordering[K]`). */
import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../../src/util/compareKeys.js';

const sorted = (values: unknown[]) => [...values].sort(compareKeys);

describe('compareKeys', () => {
  it('orders numbers numerically, not as text', () => {
    expect(sorted([10, 9, -1, 2.5, 100])).toEqual([-1, 2.5, 9, 10, 100]);
  });

  it('orders strings by UTF-16 code units, as Java does', () => {
    expect(sorted(['b', 'B', 'a', 'ab', ''])).toEqual(['', 'B', 'a', 'ab', 'b']);
  });

  it('orders booleans false first', () => {
    expect(sorted([true, false])).toEqual([false, true]);
  });

  it('orders arrays element by element, a prefix first', () => {
    expect(sorted([[2], [1, 2], [1], [1, 10], [1, 9]])).toEqual([[1], [1, 2], [1, 9], [1, 10], [2]]);
  });

  it('orders values of different kinds by kind, so any mix sorts deterministically', () => {
    expect(sorted(['a', [0], 1, { a: 1 }, true, null, 10n])).toEqual([null, 1, 10n, 'a', true, [0], { a: 1 }]);
  });

  it('orders plain objects by their canonical form, whatever the field order', () => {
    expect(compareKeys({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(0);
    expect(Math.sign(compareKeys({ a: 1 }, { a: 2 }))).toBe(-1);
  });

  it('is antisymmetric', () => {
    const values = [3, 'x', [1, 'y'], false, { k: 1 }, [1, 'x'], -2];
    for (const a of values) {
      for (const b of values) expect(Math.sign(compareKeys(a, b))).toBe(-Math.sign(compareKeys(b, a)) || 0);
    }
  });
});
