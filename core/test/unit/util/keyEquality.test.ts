/** Keys compare by value: primitives as `Map` compares them, arrays and plain objects by structure. */
import { describe, expect, it } from 'vitest';
import { canonicalKey, isStructuredKey, keysEqual } from '../../../src/util/keyEquality.js';

describe('keyEquality', () => {
  it('structured keys are objects and arrays, not null', () => {
    expect([[1], { a: 1 }, new Date(0)].every(isStructuredKey)).toBe(true);
    expect([null, undefined, 1, 'a', true, 1n].some(isStructuredKey)).toBe(false);
  });

  it('arrays with equal elements are equal keys', () => {
    expect(keysEqual([1, 'a', [true]], [1, 'a', [true]])).toBe(true);
    expect(keysEqual([1, 2], [2, 1])).toBe(false);
    expect(keysEqual([1, 2], [1, 2, undefined])).toBe(false);
  });

  it('plain objects with the same fields in any order are equal keys', () => {
    expect(keysEqual({ a: 1, b: { c: [2] } }, { b: { c: [2] }, a: 1 })).toBe(true);
    expect(keysEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(canonicalKey({ b: 1, a: 2 })).toBe(canonicalKey({ a: 2, b: 1 }));
  });

  it('keeps kinds apart: a number is not its string, an array is not an object', () => {
    expect(keysEqual([1], ['1'])).toBe(false);
    expect(keysEqual([1], { 0: 1 })).toBe(false);
    expect(keysEqual([null], [undefined])).toBe(false);
    expect(keysEqual(1, '1')).toBe(false);
    expect(keysEqual([1], 1)).toBe(false);
  });

  it('compares primitives as Map does: NaN equals NaN, 0 equals -0', () => {
    expect(keysEqual(NaN, NaN)).toBe(true);
    expect(keysEqual(0, -0)).toBe(true);
    expect(keysEqual([0], [-0])).toBe(true);
    expect(keysEqual('a', 'a')).toBe(true);
  });

  it('dates compare by time', () => {
    expect(keysEqual(new Date(5), new Date(5))).toBe(true);
    expect(keysEqual(new Date(5), new Date(6))).toBe(false);
  });

  it('strings that look like other encodings stay distinct', () => {
    expect(keysEqual(['a,b'], ['a', 'b'])).toBe(false);
    expect(keysEqual([']'], [[]])).toBe(false);
    expect(keysEqual({ 'a":1,"b': 2 }, { a: 1, b: 2 })).toBe(false);
  });
});
