/**
 * Fusion of narrow element-wise operators: a chain of map, filter, flatMap and mapValues runs as
 * one pass per partition, each element going through the whole chain before the next one starts.
 */
import { describe, expect, it } from 'vitest';
import { RDDContext } from '../../../src/index.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A chain map → filter → flatMap → map whose functions log each call. */
function tracedChain(sc: RDDContext, n: number, slices: number) {
  const log: string[] = [];
  const source = sc.parallelize(range(1, n), slices);
  const parsed = source.map((x) => (log.push(`map ${x}`), x * 10));
  const kept = parsed.filter((x) => (log.push(`filter ${x}`), x % 20 !== 0));
  const split = kept.flatMap((x) => (log.push(`flatMap ${x}`), [x, x + 1]));
  const result = split.map((x) => (log.push(`last ${x}`), x));
  const count = (op: string) => log.filter((line) => line.startsWith(`${op} `)).length;
  return { log, parsed, kept, result, count };
}

describe('ElementwiseRDD fusion', () => {
  it('each function in the chain is called once per element per job', async () => {
    const sc = new RDDContext();
    const { result, count } = tracedChain(sc, 10, 3);
    expect(await result.collect()).toEqual([10, 11, 30, 31, 50, 51, 70, 71, 90, 91]);
    expect([count('map'), count('filter'), count('flatMap'), count('last')]).toEqual([10, 10, 5, 10]);
    expect(await result.count()).toBe(10);
    expect([count('map'), count('filter'), count('flatMap'), count('last')]).toEqual([20, 20, 10, 20]);
  });

  it('an element goes through the whole chain before the next one enters it', async () => {
    const sc = new RDDContext();
    const { result, log } = tracedChain(sc, 3, 1);
    await result.collect();
    expect(log).toEqual([
      'map 1', 'filter 10', 'flatMap 10', 'last 10', 'last 11',
      'map 2', 'filter 20',
      'map 3', 'filter 30', 'flatMap 30', 'last 30', 'last 31',
    ]);
  });

  it('fuses the map side of a shuffle too', async () => {
    const sc = new RDDContext();
    const log: string[] = [];
    const counts = sc
      .parallelize(['a', 'b'], 1)
      .map((w) => (log.push(`upper ${w}`), w.toUpperCase()))
      .map((w): [string, number] => (log.push(`pair ${w}`), [w, 1]))
      .reduceByKey((a, b) => a + b);
    expect((await counts.collect()).sort()).toEqual([['A', 1], ['B', 1]]);
    expect(log).toEqual(['upper a', 'pair A', 'upper b', 'pair B']);
  });

  it('caching a middle RDD stops the next job from calling the functions above it', async () => {
    const sc = new RDDContext();
    const { kept, result, count } = tracedChain(sc, 10, 3);
    kept.cache();
    await result.collect();
    expect([count('map'), count('filter'), count('flatMap'), count('last')]).toEqual([10, 10, 5, 10]);
    expect(await result.collect()).toEqual([10, 11, 30, 31, 50, 51, 70, 71, 90, 91]);
    expect([count('map'), count('filter'), count('flatMap'), count('last')]).toEqual([10, 10, 10, 20]);
  });

  it('a middle RDD that is cached computes its own partition once within the job', async () => {
    const sc = new RDDContext();
    const { parsed, result, count } = tracedChain(sc, 6, 2);
    parsed.cache();
    const both = result.union(parsed.map((x) => -x));
    expect(await both.count()).toBe(6 + 6);
    // Both branches read the cached partitions: the first computes them, the second reads them.
    expect(count('map')).toBe(6);
  });

  it('mapValues and flatMapValues fuse with the rest of the chain', async () => {
    const sc = new RDDContext();
    const log: string[] = [];
    const pairs = sc
      .parallelize<[string, number]>([['a', 1], ['b', 2]], 1)
      .mapValues((v) => (log.push(`mapValues ${v}`), v * 2))
      .flatMapValues((v) => (log.push(`flatMapValues ${v}`), [v, v]))
      .filter(([, v]) => (log.push(`filter ${v}`), true));
    expect(await pairs.collect()).toEqual([['a', 2], ['a', 2], ['b', 4], ['b', 4]]);
    expect(log).toEqual([
      'mapValues 1', 'flatMapValues 2', 'filter 2', 'filter 2',
      'mapValues 2', 'flatMapValues 4', 'filter 4', 'filter 4',
    ]);
  });
});
