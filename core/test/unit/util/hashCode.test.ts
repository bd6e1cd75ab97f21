/** Keys hash the way the JVM hashes their twins, so they land in the partitions Spark puts them in. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashPartitioner } from '../../../src/index.js';
import { hashCode, nonNegativeMod } from '../../../src/util/hashCode.js';
import { keysEqual } from '../../../src/util/keyEquality.js';

describe('hashCode', () => {
  it('hashes strings like java.lang.String', () => {
    expect(hashCode('')).toBe(0);
    expect(hashCode('a')).toBe(97);
    expect(hashCode('hello')).toBe(99162322);
    // Overflows wrap around as 32-bit ints.
    expect(hashCode('polygenelubricants')).toBe(-2147483648);
  });

  it('hashes ints as themselves and booleans like java.lang.Boolean', () => {
    expect(hashCode(42)).toBe(42);
    expect(hashCode(-5)).toBe(-5);
    expect(hashCode(true)).toBe(1231);
    expect(hashCode(false)).toBe(1237);
  });

  it('hashes arrays like java.util.List', () => {
    expect(hashCode([])).toBe(1);
    expect(hashCode([1, 2, 3])).toBe(30817);
    expect(hashCode(['a', ['b']])).toBe(31 * (31 + 97) + (31 + 98));
  });

  it('hashes plain objects like java.util.Map, whatever the key order', () => {
    expect(hashCode({ a: 1 })).toBe(97 ^ 1);
    expect(hashCode({ a: 1, b: 'x' })).toBe(hashCode({ b: 'x', a: 1 }));
    expect(hashCode({ a: [1, 2], b: { c: true } })).toBe(hashCode({ b: { c: true }, a: [1, 2] }));
  });

  it('gives equal hashes to equal non-integer numbers, dates and bigints', () => {
    expect(hashCode(1.5)).toBe(hashCode(3 / 2));
    expect(hashCode(new Date(1000))).toBe(hashCode(new Date(1000)));
    expect(hashCode(10n)).toBe(hashCode(BigInt(10)));
  });

  it('gives keys that are equal by value the same hash code', () => {
    // What partitioning and a window's HashFilter rely on. A small domain, so that equal keys
    // come up often, built twice with object fields in opposite orders.
    const leaf = fc.constantFrom<unknown>('a', 'b', 0, -0, 1, 1.5, NaN, true, null, undefined, 2n);
    const key = fc.letrec((tie) => ({
      key: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('key'), { maxLength: 2 }),
      object: fc.dictionary(fc.constantFrom('x', 'y'), tie('key'), { maxKeys: 2 }),
    })).key;
    const reversed = (k: unknown): unknown => {
      if (Array.isArray(k)) return k.map(reversed);
      if (typeof k !== 'object' || k === null) return k;
      return Object.fromEntries(Object.entries(k).reverse().map(([f, v]) => [f, reversed(v)]));
    };
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(hashCode(a) | 0).toBe(hashCode(reversed(a)) | 0);
        if (keysEqual(a, b)) expect(hashCode(a) | 0).toBe(hashCode(b) | 0);
      }),
    );
  });

  it('nonNegativeMod maps negative hashes into range, as Spark does', () => {
    expect(nonNegativeMod(-5, 3)).toBe(1);
    expect(nonNegativeMod(5, 3)).toBe(2);
    expect(nonNegativeMod(-6, 3)).toBe(0);
  });
});

describe('HashPartitioner', () => {
  it('HashPartitioner equality', () => {
    const p2 = new HashPartitioner(2);
    const p4 = new HashPartitioner(4);
    expect(p2.equals(p2)).toBe(true);
    expect(p2.equals(p4)).toBe(false);
    expect(p4.equals(new HashPartitioner(4))).toBe(true);
    expect(p4.equals(undefined)).toBe(false);
  });

  it('puts keys where Spark does', () => {
    const p = new HashPartitioner(4);
    expect(p.getPartition('hello')).toBe(99162322 % 4);
    expect(p.getPartition(7)).toBe(3);
    expect(p.getPartition(-1)).toBe(3);
    expect(p.getPartition(null)).toBe(0);
    expect(p.getPartition(undefined)).toBe(0);
  });

  it('places equal structured keys in the same partition', () => {
    const p = new HashPartitioner(7);
    expect(p.getPartition([1, 'a', [2]])).toBe(p.getPartition([1, 'a', [2]]));
    expect(p.getPartition({ user: 'ann', day: 3 })).toBe(p.getPartition({ day: 3, user: 'ann' }));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => p.getPartition([i, 'k'])));
    expect(spread.size).toBe(7);
  });

  it('numPartitions that is not a non-negative integer is a ValidationError', () => {
    expect(() => new HashPartitioner(-1)).toThrow(
      expect.objectContaining({ name: 'ValidationError', code: 'INVALID_ARGUMENT' }),
    );
    expect(() => new HashPartitioner(1.5)).toThrow(expect.objectContaining({ name: 'ValidationError' }));
  });
});
