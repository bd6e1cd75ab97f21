/** A Map whose keys compare by value: what every shuffle aggregates with. */
import { describe, expect, it } from 'vitest';
import { KeyMap } from '../../../src/util/KeyMap.js';

describe('KeyMap', () => {
  it('finds structured keys by value', () => {
    const map = new KeyMap<unknown, string>();
    map.set([1, 'a'], 'array').set({ x: 1, y: 2 }, 'object');
    expect(map.get([1, 'a'])).toBe('array');
    expect(map.get({ y: 2, x: 1 })).toBe('object');
    expect(map.has([1, 'b'])).toBe(false);
    map.set({ y: 2, x: 1 }, 'replaced');
    expect(map.size).toBe(2);
    expect(map.get({ x: 1, y: 2 })).toBe('replaced');
  });

  it('keeps the first structured key object it saw', () => {
    const map = new KeyMap<object, number>();
    const first = { a: 1, b: 2 };
    map.set(first, 1);
    map.set({ b: 2, a: 1 }, 2);
    expect([...map.entries()]).toEqual([[first, 2]]);
    expect([...map][0]![0]).toBe(first);
  });

  it('handles primitives as Map does', () => {
    const map = new KeyMap<unknown, number>();
    map.set(NaN, 1).set(0, 2).set('0', 3);
    expect(map.get(NaN)).toBe(1);
    expect(map.get(-0)).toBe(2);
    expect(map.get('0')).toBe(3);
    expect(map.size).toBe(3);
  });

  it('deletes by value', () => {
    const map = new KeyMap<unknown, number>();
    map.set([1], 1).set('k', 2);
    expect(map.delete([1])).toBe(true);
    expect(map.delete([1])).toBe(false);
    expect(map.delete('k')).toBe(true);
    expect(map.size).toBe(0);
  });

  it('iterates in insertion order, primitives first', () => {
    const map = new KeyMap<unknown, number>();
    map.set([2], 1).set('b', 2).set({ z: 0 }, 3).set('a', 4);
    expect([...map.entries()].map(([k]) => k)).toEqual(['b', 'a', [2], { z: 0 }]);
  });

  it('forEach and toArray follow the iteration order; toArray makes new pairs', () => {
    const map = new KeyMap<unknown, number>();
    map.set([2], 1).set('b', 2).set({ z: 0 }, 3);
    const seen: [unknown, number][] = [];
    map.forEach((value, key) => seen.push([key, value]));
    expect(seen).toEqual([...map.entries()]);
    const pairs = map.toArray();
    expect(pairs).toEqual([...map.entries()]);
    pairs[2]![1] = 99;
    expect(map.get({ z: 0 })).toBe(3);
  });

  it('combine creates the first value of a key and merges the rest', () => {
    const map = new KeyMap<unknown, number[]>();
    const create = (v: number) => [v];
    const merge = (c: number[], v: number) => (c.push(v), c);
    map.combine('k', 1, create, merge);
    map.combine(['s'], 2, create, merge);
    map.combine('k', 3, create, merge);
    map.combine(['s'], 4, create, merge);
    expect([...map]).toEqual([['k', [1, 3]], [['s'], [2, 4]]]);
  });

  it('combine merges into a stored undefined rather than creating again', () => {
    const map = new KeyMap<string, number | undefined>();
    map.set('k', undefined);
    map.combine('k', 5, () => -1, (current, v) => (current ?? 0) + v);
    expect(map.get('k')).toBe(5);
  });
});
