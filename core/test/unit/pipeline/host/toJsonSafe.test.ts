import { describe, expect, it } from 'vitest';
import { toJsonSafe } from '../../../../src/pipeline/host/toJsonSafe.ts';

const limits = { maxStringLength: 5, maxEntries: 3, maxDepth: 2 };

describe('toJsonSafe', () => {
  it('keeps small JSON values as they are', () => {
    expect(toJsonSafe(['a', 1], limits)).toEqual(['a', 1]);
    expect(toJsonSafe({ a: true, b: null }, limits)).toEqual({ a: true, b: null });
  });

  it('bounds strings, collections and depth', () => {
    expect(toJsonSafe('abcdefgh', limits)).toBe('abcde…');
    expect(toJsonSafe([1, 2, 3, 4, 5], limits)).toEqual([1, 2, 3, '…']);
    expect(toJsonSafe({ a: 1, b: 2, c: 3, d: 4 }, limits)).toEqual({ a: 1, b: 2, c: 3, '…': '1 more' });
    expect(toJsonSafe([[[1]]], limits)).toEqual([['…']]);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(toJsonSafe(cyclic, limits)).toEqual({ self: { self: '…' } });
  });

  it('turns what JSON lacks into JSON', () => {
    expect(toJsonSafe(new Map([['k', 1]]), limits)).toEqual([['k', 1]]);
    expect(toJsonSafe(new Set([1]), limits)).toEqual([1]);
    expect(toJsonSafe([undefined, Number.NaN, 10n], limits)).toEqual([null, 'NaN', '10n']);
    expect(toJsonSafe(new Date(0), limits)).toBe('1970-01-01T00:00:00.000Z');
    expect(toJsonSafe(function named() {}, limits)).toBe('[Function named]');
  });
});
