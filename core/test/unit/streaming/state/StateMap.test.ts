/** The copy-on-write state map behind `mapWithState`, after Spark's `StateMapSuite`. */
import { describe, expect, it } from 'vitest';
import { IllegalStateError } from '../../../../src/index.js';
import { DELTA_CHAIN_LENGTH_THRESHOLD, StateMap } from '../../../../src/streaming/state/StateMap.js';

const all = <K, S>(map: StateMap<K, S>): [K, S, number][] =>
  [...map.getAll()].map(([key, entry]): [K, S, number] => [key, entry.state, entry.updateTimeMs]).sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : 1,
  );

describe('StateMap', () => {
  it('put, get, getAll, getByTime, remove', () => {
    const map = new StateMap<string, number>();
    map.put('k1', 100, 1);
    map.put('k2', 200, 2);
    expect(map.get('k1')).toEqual({ state: 100, updateTimeMs: 1 });
    expect(map.get('k3')).toBeUndefined();
    expect(all(map)).toEqual([
      ['k1', 100, 1],
      ['k2', 200, 2],
    ]);
    expect([...map.getByTime(2)].map(([key]) => key)).toEqual(['k1']);
    expect([...map.getByTime(1)]).toEqual([]);
    map.remove('k1');
    expect(map.get('k1')).toBeUndefined();
    expect(all(map)).toEqual([['k2', 200, 2]]);
  });

  it('a copy sees the parent and changes without changing it', () => {
    const parent = new StateMap<string, number>();
    parent.put('a', 1, 1);
    parent.put('b', 1, 1);
    const child = parent.copy();
    expect(all(child)).toEqual(all(parent));

    child.put('a', 2, 2);
    child.remove('b');
    child.put('c', 3, 2);
    expect(all(child)).toEqual([
      ['a', 2, 2],
      ['c', 3, 2],
    ]);
    expect(all(parent)).toEqual([
      ['a', 1, 1],
      ['b', 1, 1],
    ]);

    // A removed key can come back in a later copy.
    const grandchild = child.copy();
    grandchild.put('b', 9, 3);
    expect(grandchild.get('b')).toEqual({ state: 9, updateTimeMs: 3 });
    expect(child.get('b')).toBeUndefined();
    expect([...grandchild.getByTime(3)].map(([key]) => key).sort()).toEqual(['a', 'c']);
  });

  it('a map that was copied is frozen', () => {
    const map = new StateMap<string, number>();
    map.put('a', 1, 1);
    map.copy();
    expect(() => map.put('a', 2, 2)).toThrow(IllegalStateError);
    expect(() => map.remove('a')).toThrow(IllegalStateError);
  });

  it('keys compare by value', () => {
    const map = new StateMap<unknown, string>();
    map.put(['x', 1], 'array', 1);
    map.put({ a: 1, b: 2 }, 'object', 1);
    const child = map.copy();
    expect(child.get(['x', 1])?.state).toBe('array');
    expect(child.get({ b: 2, a: 1 })?.state).toBe('object');
    child.remove({ b: 2, a: 1 });
    expect([...child.getAll()].map(([key]) => key)).toEqual([['x', 1]]);
  });

  it('compacts a delta chain at the threshold, keeping every snapshot intact', () => {
    const maps = [new StateMap<number, number>()];
    maps[0]!.put(0, 0, 0);
    for (let i = 1; i <= 3 * DELTA_CHAIN_LENGTH_THRESHOLD; i++) {
      const next = maps[i - 1]!.copy();
      next.put(i, i, i);
      if (i % 3 === 0) next.remove(i - 3);
      maps.push(next);
      expect(next.deltaChainLength).toBeLessThan(DELTA_CHAIN_LENGTH_THRESHOLD);
    }
    maps.forEach((map, i) => {
      const expected = Array.from({ length: i + 1 }, (_, k) => k).filter((k) => !(k % 3 === 0 && k + 3 <= i));
      expect([...map.getAll()].map(([key]) => key).sort((a, b) => a - b)).toEqual(expected);
    });
  });
});
