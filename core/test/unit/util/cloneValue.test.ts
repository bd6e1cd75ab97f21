/** Fresh copies of zero values and shuffled combiners, class and all (as Spark's serialiser gives). */
import { describe, expect, it } from 'vitest';
import { cloneValue } from '../../../src/util/cloneValue.js';

class Counter {
  count = 0;
  readonly seen = new Set<string>();
  add(word: string): this {
    this.count++;
    this.seen.add(word);
    return this;
  }
}

describe('cloneValue', () => {
  it('returns primitives as they are', () => {
    for (const v of [1, 'a', true, undefined, null, 10n]) expect(cloneValue(v)).toBe(v);
  });

  it('copies arrays, objects, Maps, Sets and Dates deeply', () => {
    const original = { list: [1, [2]], map: new Map([['k', { n: 1 }]]), set: new Set([1]), when: new Date(5) };
    const copy = cloneValue(original);
    expect(copy).toEqual(original);
    copy.list.push(3);
    (copy.list[1] as number[]).push(4);
    copy.map.get('k')!.n = 2;
    copy.set.add(2);
    copy.when.setTime(6);
    expect(original).toEqual({ list: [1, [2]], map: new Map([['k', { n: 1 }]]), set: new Set([1]), when: new Date(5) });
  });

  it('keeps the class of an instance, so its methods still work', () => {
    const zero = new Counter();
    const copy = cloneValue(zero).add('a');
    expect(copy).toBeInstanceOf(Counter);
    expect(copy.count).toBe(1);
    expect(zero.count).toBe(0);
    expect(zero.seen.size).toBe(0);
  });

  it('keeps subclasses of built-in collections', () => {
    class Bag extends Map<string, number> {
      bump(key: string): this {
        return this.set(key, (this.get(key) ?? 0) + 1);
      }
    }
    const copy = cloneValue(new Bag([['a', 1]])).bump('a');
    expect(copy).toBeInstanceOf(Bag);
    expect(copy.get('a')).toBe(2);
  });

  it('copies cycles and shared references once', () => {
    const shared = { n: 1 };
    const original: { a: object; b: object; self?: unknown } = { a: shared, b: shared };
    original.self = original;
    const copy = cloneValue(original);
    expect(copy.self).toBe(copy);
    expect(copy.a).toBe(copy.b);
    expect(copy.a).not.toBe(shared);
  });

  it('shares functions and copies typed arrays', () => {
    const f = () => 1;
    const bytes = new Uint8Array([1, 2]);
    const copy = cloneValue({ f, bytes });
    expect(copy.f).toBe(f);
    copy.bytes[0] = 9;
    expect(bytes[0]).toBe(1);
  });
});
