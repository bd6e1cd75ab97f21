/**
 * Operations on RDDs of key-value pairs, after Spark's `PairRDDFunctionsSuite` and
 * `PartitioningSuite`. Scala's `None` is `undefined`; `Option` values are unwrapped.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { HashPartitioner, Partitioner, RDDContext, type RDD } from '../../../src/index.js';

let sc: RDDContext;
beforeEach(() => {
  sc = new RDDContext({ master: 'local[2]' });
});

type Pair<K, V> = [K, V];

/** Sorts pairs (or any values) by their JSON text, for comparing results Spark gives in no order. */
const sorted = <T>(values: T[]): T[] =>
  [...values].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));

/** The values of `key` in a grouped result, sorted. */
const valuesFor = <K, V>(groups: [K, V[]][], key: K): V[] => sorted(groups.find(([k]) => k === key)![1]);

/** A partitioner that sends an integer key to the partition of the same number. */
class IdentityPartitioner extends Partitioner {
  constructor(readonly numPartitions: number) {
    super();
  }
  getPartition(key: unknown): number {
    return key as number;
  }
  equals(other: Partitioner | undefined): boolean {
    return other === this;
  }
}

/** Every RDD in the lineage of `rdd`, each once. */
function lineage(rdd: RDD<unknown>, seen = new Set<RDD<unknown>>()): Set<RDD<unknown>> {
  for (const dep of rdd.dependencies) {
    if (seen.has(dep.rdd)) continue;
    seen.add(dep.rdd);
    lineage(dep.rdd, seen);
  }
  return seen;
}

const rdd1 = (): RDD<Pair<number, number>> => sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [2, 1], [3, 1]]);
const rdd2 = (): RDD<Pair<number, string>> =>
  sc.parallelize<Pair<number, string>>([[1, 'x'], [2, 'y'], [2, 'z'], [4, 'w']]);

describe('pair RDD functions', () => {
  it('mapValues', async () => {
    const pairs = sc.parallelize<Pair<string, number>>([['a', 1], ['b', 2], ['a', 3]], 2);
    expect(await pairs.mapValues((v) => v * 10).collect()).toEqual([['a', 10], ['b', 20], ['a', 30]]);
  });

  it('flatMapValues', async () => {
    const pairs = sc.parallelize<Pair<string, number>>([['a', 2], ['b', 0], ['c', 1]], 2);
    const expanded = pairs.flatMapValues((n) => Array.from({ length: n }, (_, i) => i));
    expect(await expanded.collect()).toEqual([['a', 0], ['a', 1], ['c', 0]]);
  });

  it('keys and values', async () => {
    const rdd = sc.parallelize<Pair<number, string>>([[1, 'a'], [2, 'b']]);
    expect(await rdd.keys().collect()).toEqual([1, 2]);
    expect(await rdd.values().collect()).toEqual(['a', 'b']);
  });

  describe('reduceByKey', () => {
    const data: Pair<number, number>[] = [[1, 1], [1, 2], [1, 3], [1, 1], [2, 1]];

    it('reduceByKey', async () => {
      expect(sorted(await sc.parallelize(data).reduceByKey((a, b) => a + b).collect())).toEqual([[1, 7], [2, 1]]);
    });

    it('reduceByKey with many output partitions', async () => {
      const sums = sc.parallelize(data).reduceByKey((a, b) => a + b, 10);
      expect(sums.getNumPartitions()).toBe(10);
      expect(sorted(await sums.collect())).toEqual([[1, 7], [2, 1]]);
    });

    it('reduceByKey with partitioner', async () => {
      const p = new IdentityPartitioner(2);
      const pairs = sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [1, 1], [0, 1]]).partitionBy(p);
      const sums = pairs.reduceByKey((a, b) => a + b);
      expect(sorted(await sums.collect())).toEqual([[0, 1], [1, 4]]);
      expect(sums.partitioner).toBe(p);
      // Only one shuffle: the lineage is the ShuffledRDD of partitionBy and the ParallelCollectionRDD.
      expect(lineage(sums).size).toBe(2);
    });

    it('reduceByKey over an empty RDD', async () => {
      const empty = sc.emptyRDD<Pair<string, number>>();
      expect(await empty.reduceByKey((a, b) => a + b).collect()).toEqual([]);
      expect(await sc.parallelize<Pair<string, number>>([], 3).reduceByKey((a, b) => a + b).collect()).toEqual([]);
    });
  });

  describe('groupByKey', () => {
    it('groupByKey', async () => {
      const groups = await sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [1, 3], [2, 1]]).groupByKey().collect();
      expect(groups.length).toBe(2);
      expect(valuesFor(groups, 1)).toEqual([1, 2, 3]);
      expect(valuesFor(groups, 2)).toEqual([1]);
    });

    it('groupByKey with duplicates', async () => {
      const pairs = sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [1, 3], [1, 1], [2, 1]]);
      const groups = await pairs.groupByKey().collect();
      expect(groups.length).toBe(2);
      expect(valuesFor(groups, 1)).toEqual([1, 1, 2, 3]);
      expect(valuesFor(groups, 2)).toEqual([1]);
    });

    it('groupByKey with negative key hash codes', async () => {
      const pairs = sc.parallelize<Pair<number, number>>([[-1, 1], [-1, 2], [-1, 3], [2, 1]]);
      const groups = await pairs.groupByKey().collect();
      expect(groups.length).toBe(2);
      expect(valuesFor(groups, -1)).toEqual([1, 2, 3]);
      expect(valuesFor(groups, 2)).toEqual([1]);
    });

    it('groupByKey with many output partitions', async () => {
      const pairs = sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [1, 3], [2, 1]]);
      const groups = await pairs.groupByKey(10).collect();
      expect(groups.length).toBe(2);
      expect(valuesFor(groups, 1)).toEqual([1, 2, 3]);
      expect(valuesFor(groups, 2)).toEqual([1]);
    });

    it('default partitioner uses partition size', () => {
      const b = sc.parallelize([1, 2, 3, 4], 2000).map((a): Pair<number, string> => [a, String(a * 2)]);
      expect(b.groupByKey().getNumPartitions()).toBe(2000);
    });
  });

  it('combineByKey', async () => {
    const scores = sc.parallelize<Pair<string, number>>(
      [['ann', 80], ['bob', 60], ['ann', 90], ['bob', 70], ['cid', 50]],
      2,
    );
    const sumCount = scores.combineByKey(
      (v): [number, number] => [v, 1],
      (acc, v): [number, number] => [acc[0] + v, acc[1] + 1],
      (a, b): [number, number] => [a[0] + b[0], a[1] + b[1]],
    );
    const averages = sumCount.mapValues(([sum, n]) => sum / n);
    expect(sorted(await averages.collect())).toEqual([['ann', 85], ['bob', 65], ['cid', 50]]);
  });

  describe('aggregateByKey', () => {
    const pairs = (): RDD<Pair<number, number>> =>
      sc.parallelize<Pair<number, number>>([[1, 1], [1, 1], [3, 2], [5, 1], [5, 3]], 2);

    it('aggregateByKey with a mutable zero value', async () => {
      const sets = pairs().aggregateByKey(
        new Set<number>(),
        (set, v) => set.add(v),
        (a, b) => {
          for (const v of b) a.add(v);
          return a;
        },
      );
      const collect = async () => (await sets.collect()).map(([k, set]): Pair<number, number[]> => [k, sorted([...set])]);
      const first = await collect();
      expect(sorted(first)).toEqual([[1, [1]], [3, [2]], [5, [1, 3]]]);
      // The shuffle output is read again, and nothing it holds was mutated by the first read.
      expect(sorted(await collect())).toEqual(sorted(first));
    });

    it('aggregateByKey into a different type', async () => {
      const lists = pairs().aggregateByKey<number, number, string>('', (s, v) => s + v, (a, b) => a + b, 1);
      const result = new Map(await lists.collect());
      expect([...result.get(5)!].sort().join('')).toBe('13');
      expect(result.get(1)).toBe('11');
    });

    it('aggregateByKey with a class instance as zero value keeps its methods', async () => {
      class Stats {
        n = 0;
        sum = 0;
        add(v: number): this {
          this.n++;
          this.sum += v;
          return this;
        }
        merge(other: Stats): this {
          this.n += other.n;
          this.sum += other.sum;
          return this;
        }
      }
      const stats = pairs().aggregateByKey(
        new Stats(),
        (s, v) => s.add(v),
        (a, b) => a.merge(b),
      );
      const result = new Map(await stats.collect());
      expect(result.get(5)).toBeInstanceOf(Stats);
      expect({ ...result.get(5)! }).toEqual({ n: 2, sum: 4 });
      expect({ ...result.get(1)! }).toEqual({ n: 2, sum: 2 });
    });
  });

  describe('foldByKey', () => {
    it('foldByKey', async () => {
      const pairs = sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [1, 3], [1, 1], [2, 1]]);
      expect(sorted(await pairs.foldByKey(0, (a, b) => a + b).collect())).toEqual([[1, 7], [2, 1]]);
    });

    it('foldByKey with mutable result type', async () => {
      const pairs = sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [1, 3], [1, 1], [2, 1]]);
      const bufs = pairs.mapValues((v) => [v]).cache();
      // Fold the values using in-place mutation.
      const sums = await bufs.foldByKey([], (a, b) => (a.push(...b), a)).collect();
      expect(sorted(sums.map(([k, vs]): Pair<number, number[]> => [k, sorted(vs)]))).toEqual([
        [1, [1, 1, 2, 3]],
        [2, [1]],
      ]);
      // The mutable objects in the original (cached) RDD were not changed.
      expect(await bufs.collect()).toEqual([[1, [1]], [1, [2]], [1, [3]], [1, [1]], [2, [1]]]);
    });
  });

  describe('partitionBy', () => {
    it('places each key in the partition its partitioner chooses', async () => {
      const p = new IdentityPartitioner(3);
      const parts = await sc
        .parallelize<Pair<number, string>>([[2, 'a'], [0, 'b'], [1, 'c'], [2, 'd']], 2)
        .partitionBy(p)
        .glom()
        .collect();
      expect(parts).toEqual([[[0, 'b']], [[1, 'c']], [[2, 'a'], [2, 'd']]]);
    });

    it('with a number uses a HashPartitioner', () => {
      const partitioned = sc.parallelize<Pair<number, number>>([[1, 1]]).partitionBy(4);
      expect(partitioned.partitioner).toBeInstanceOf(HashPartitioner);
      expect(partitioned.getNumPartitions()).toBe(4);
    });

    it('by the partitioner it already has returns the same RDD', () => {
      const partitioned = sc.parallelize<Pair<number, number>>([[1, 1]]).partitionBy(new HashPartitioner(2));
      expect(partitioned.partitionBy(new HashPartitioner(2))).toBe(partitioned);
      expect(partitioned.partitionBy(new HashPartitioner(3))).not.toBe(partitioned);
    });

    it('partitioner-preserving operations after partitionBy add no shuffle', async () => {
      const partitioned = sc
        .parallelize<Pair<string, number>>([['a', 1], ['b', 2], ['a', 3]], 3)
        .partitionBy(new HashPartitioner(2));
      // The distinct map sides of shuffles that lineage shows (`+-(n) SomeRDD[id]`).
      const shuffles = (rdd: RDD<unknown>) => new Set(rdd.toDebugString().match(/\+-\(\d+\) \w+\[\d+\]/g)).size;
      expect(shuffles(partitioned)).toBe(1);

      const reduced = partitioned.mapValues((v) => v * 2).filter(([, v]) => v > 0).reduceByKey((a, b) => a + b);
      expect(shuffles(reduced)).toBe(1);
      expect(shuffles(partitioned.groupByKey())).toBe(1);
      expect(shuffles(partitioned.join(partitioned.mapValues(String)))).toBe(1);
      expect(sorted(await reduced.collect())).toEqual([['a', 8], ['b', 4]]);

      // map may change keys, so it drops the partitioner and the next by-key operation shuffles again.
      const remapped = partitioned.map(([k, v]): Pair<string, number> => [k, v]).reduceByKey((a, b) => a + b);
      expect(shuffles(remapped)).toBe(2);
    });
  });

  it('partitioner preservation', () => {
    const rdd = sc.parallelize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4).map((x): Pair<number, number> => [x, x]);
    const grouped2 = rdd.groupByKey(2);
    const grouped4 = rdd.groupByKey(4);
    const reduced2 = rdd.reduceByKey((a, b) => a + b, 2);

    expect(rdd.partitioner).toBeUndefined();
    expect(grouped2.partitioner?.equals(new HashPartitioner(2))).toBe(true);
    expect(grouped4.partitioner?.equals(new HashPartitioner(4))).toBe(true);
    expect(reduced2.partitioner?.equals(new HashPartitioner(2))).toBe(true);

    expect(grouped2.groupByKey().partitioner).toBe(grouped2.partitioner);
    expect(grouped2.groupByKey(3).partitioner?.equals(grouped2.partitioner)).toBe(false);
    expect(grouped2.groupByKey(2).partitioner?.equals(grouped2.partitioner)).toBe(true);

    expect(grouped2.join(grouped4).partitioner).toBe(grouped4.partitioner);
    expect(grouped2.leftOuterJoin(grouped4).partitioner).toBe(grouped4.partitioner);
    expect(grouped2.rightOuterJoin(grouped4).partitioner).toBe(grouped4.partitioner);
    expect(grouped2.cogroup(grouped4).partitioner).toBe(grouped4.partitioner);
    expect(grouped2.join(reduced2).partitioner).toBe(grouped2.partitioner);

    expect(grouped2.map(() => 1).partitioner).toBeUndefined();
    expect(grouped2.mapValues(() => 1).partitioner).toBe(grouped2.partitioner);
    expect(grouped2.flatMapValues(() => [1]).partitioner).toBe(grouped2.partitioner);
    expect(grouped2.filter(([k]) => k > 4).partitioner).toBe(grouped2.partitioner);
  });

  describe('joins', () => {
    it('join', async () => {
      const joined = await rdd1().join(rdd2()).collect();
      expect(sorted(joined)).toEqual(sorted([[1, [1, 'x']], [1, [2, 'x']], [2, [1, 'y']], [2, [1, 'z']]]));
    });

    it('join all-to-all', async () => {
      const a = sc.parallelize<Pair<number, number>>([[1, 1], [1, 2], [1, 3]]);
      const b = sc.parallelize<Pair<number, string>>([[1, 'x'], [1, 'y']]);
      expect(sorted(await a.join(b).collect())).toEqual(
        sorted([[1, [1, 'x']], [1, [1, 'y']], [1, [2, 'x']], [1, [2, 'y']], [1, [3, 'x']], [1, [3, 'y']]]),
      );
    });

    it('leftOuterJoin', async () => {
      const joined = await rdd1().leftOuterJoin(rdd2()).collect();
      expect(joined.length).toBe(5);
      expect(sorted(joined)).toEqual(
        sorted([[1, [1, 'x']], [1, [2, 'x']], [2, [1, 'y']], [2, [1, 'z']], [3, [1, undefined]]]),
      );
    });

    it('rightOuterJoin', async () => {
      const joined = await rdd1().rightOuterJoin(rdd2()).collect();
      expect(joined.length).toBe(5);
      expect(sorted(joined)).toEqual(
        sorted([[1, [1, 'x']], [1, [2, 'x']], [2, [1, 'y']], [2, [1, 'z']], [4, [undefined, 'w']]]),
      );
    });

    it('fullOuterJoin', async () => {
      const joined = await rdd1().fullOuterJoin(rdd2()).collect();
      expect(joined.length).toBe(6);
      expect(sorted(joined)).toEqual(
        sorted([
          [1, [1, 'x']],
          [1, [2, 'x']],
          [2, [1, 'y']],
          [2, [1, 'z']],
          [3, [1, undefined]],
          [4, [undefined, 'w']],
        ]),
      );
      // `undefined` really is there, not a missing element.
      expect(joined.find(([k]) => k === 4)![1]).toEqual([undefined, 'w']);
      expect(joined.find(([k]) => k === 4)![1]).toHaveLength(2);
    });

    it('join with no matches', async () => {
      const other = sc.parallelize<Pair<number, string>>([[4, 'x'], [5, 'y'], [5, 'z'], [6, 'w']]);
      expect(await rdd1().join(other).collect()).toEqual([]);
    });

    it('join with many output partitions', async () => {
      const joined = rdd1().join(rdd2(), 10);
      expect(joined.getNumPartitions()).toBe(10);
      expect(sorted(await joined.collect())).toEqual(
        sorted([[1, [1, 'x']], [1, [2, 'x']], [2, [1, 'y']], [2, [1, 'z']]]),
      );
    });

    it('joins with an empty RDD', async () => {
      const empty = sc.emptyRDD<Pair<number, number>>();
      const rdd = sc.parallelize([1, 2], 2).map((x): Pair<number, number> => [x, x]);
      expect(await rdd.join(empty).count()).toBe(0);
      expect(await rdd.rightOuterJoin(empty).count()).toBe(0);
      expect(await rdd.leftOuterJoin(empty).count()).toBe(2);
      expect(await rdd.fullOuterJoin(empty).count()).toBe(2);
      expect(await rdd.cogroup(empty).count()).toBe(2);
    });

    it('default partitioner uses largest partitioner', () => {
      const a = sc.parallelize<Pair<number, string>>([[1, 'a'], [2, 'b']], 2);
      const b = sc.parallelize<Pair<number, string>>([[1, 'a'], [2, 'b']], 2000);
      expect(a.join(b).getNumPartitions()).toBe(2000);
    });
  });

  describe('cogroup', () => {
    const rdd3 = () => sc.parallelize<Pair<number, string>>([[1, 'a'], [3, 'b'], [4, 'c'], [4, 'd']]);
    const rdd4 = () => sc.parallelize<Pair<number, string>>([[2, '@']]);
    const normalise = <K>(groups: [K, unknown[][]][]) =>
      sorted(groups.map(([k, lists]) => [k, lists.map((l) => sorted(l))]));

    it('groupWith (cogroup of two RDDs)', async () => {
      const joined = await rdd1().cogroup(rdd2()).collect();
      expect(joined.length).toBe(4);
      expect(normalise(joined)).toEqual(
        normalise([
          [1, [[1, 2], ['x']]],
          [2, [[1], ['y', 'z']]],
          [3, [[1], []]],
          [4, [[], ['w']]],
        ]),
      );
    });

    it('groupWith3', async () => {
      const joined = await rdd1().cogroup(rdd2(), rdd3()).collect();
      expect(normalise(joined)).toEqual(
        normalise([
          [1, [[1, 2], ['x'], ['a']]],
          [2, [[1], ['y', 'z'], []]],
          [3, [[1], [], ['b']]],
          [4, [[], ['w'], ['c', 'd']]],
        ]),
      );
    });

    it('groupWith4', async () => {
      const joined = await rdd1().cogroup(rdd2(), rdd3(), rdd4()).collect();
      expect(normalise(joined)).toEqual(
        normalise([
          [1, [[1, 2], ['x'], ['a'], []]],
          [2, [[1], ['y', 'z'], [], ['@']]],
          [3, [[1], [], ['b'], []]],
          [4, [[], ['w'], ['c', 'd'], []]],
        ]),
      );
    });

    it('takes a partitioner or a number of partitions last', async () => {
      expect(rdd1().cogroup(rdd2(), 5).getNumPartitions()).toBe(5);
      expect(rdd1().cogroup(rdd2(), rdd3(), new HashPartitioner(3)).getNumPartitions()).toBe(3);
      expect(rdd1().cogroup(rdd2(), rdd3(), rdd4(), 7).getNumPartitions()).toBe(7);
      expect(normalise(await rdd1().cogroup(rdd2(), 5).collect())).toEqual(
        normalise(await rdd1().cogroup(rdd2()).collect()),
      );
    });
  });

  describe('subtractByKey', () => {
    it('subtractByKey', async () => {
      const a = sc.parallelize<Pair<number, string>>([[1, 'a'], [1, 'a'], [2, 'b'], [3, 'c']], 2);
      const b = sc.parallelize<Pair<number, number>>([[2, 20], [3, 30], [4, 40]], 4);
      const c = a.subtractByKey(b);
      expect(await c.collect()).toEqual([[1, 'a'], [1, 'a']]);
      expect(c.getNumPartitions()).toBe(a.getNumPartitions());
    });

    it('subtractByKey with narrow dependency', async () => {
      const p = new IdentityPartitioner(5);
      const a = sc.parallelize<Pair<number, string>>([[1, 'a'], [1, 'a'], [2, 'b'], [3, 'c']]).partitionBy(p);
      const b = sc.parallelize<Pair<number, string>>([[2, 'b'], [3, 'cc'], [4, 'd']], 4);
      const c = a.subtractByKey(b);
      expect(await c.collect()).toEqual([[1, 'a'], [1, 'a']]);
      expect(c.partitioner).toBe(p);
    });
  });

  describe('keys compare by value', () => {
    it('array keys with the same elements are one key', async () => {
      const pairs = sc.parallelize<Pair<number[], number>>([[[1, 2], 1], [[2, 1], 10], [[1, 2], 100]], 3);
      expect(sorted(await pairs.reduceByKey((a, b) => a + b).collect())).toEqual([[[1, 2], 101], [[2, 1], 10]]);
    });

    it('plain-object keys with their fields in another order are one key', async () => {
      const pairs = sc.parallelize<Pair<object, number>>(
        [[{ user: 'ann', day: 1 }, 1], [{ day: 1, user: 'ann' }, 2], [{ day: 2, user: 'ann' }, 4]],
        3,
      );
      const groups = await pairs.groupByKey(4).collect();
      expect(groups.length).toBe(2);
      expect(sorted(groups.map(([, vs]) => sorted(vs)))).toEqual([[1, 2], [4]]);
    });

    it('structured keys join and cogroup by value', async () => {
      const left = sc.parallelize<Pair<[string, number], string>>([[['a', 1], 'L1'], [['b', 2], 'L2']], 2);
      const right = sc.parallelize<Pair<[string, number], string>>([[['a', 1], 'R1'], [['c', 3], 'R3']], 3);
      expect(await left.join(right).collect()).toEqual([[['a', 1], ['L1', 'R1']]]);
      expect(sorted(await left.subtractByKey(right).collect())).toEqual([[['b', 2], 'L2']]);
    });

    it('countByKey and countByValue count structured keys by value', async () => {
      const counts = await sc.parallelize([[1, 2], [1, 2], [3]], 2).countByValue();
      expect([...counts.values()].sort()).toEqual([1, 2]);
      const sameKeyTwice = sc.parallelize<Pair<object, string>>([[{ a: 1, b: 2 }, 'x'], [{ b: 2, a: 1 }, 'y']]);
      const byKey = await sameKeyTwice.countByKey();
      expect([...byKey.values()]).toEqual([2]);
    });
  });
});
