/**
 * Element-wise and structural transformations, after Spark's `RDDSuite` and `SortingSuite`:
 * data in, data out, partition by partition where Spark defines the layout.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { NarrowDependency, RDDContext, ValidationError } from '../../../src/index.js';

let sc: RDDContext;
beforeEach(() => {
  sc = new RDDContext({ master: 'local[2]' });
});

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const byNumber = (a: number, b: number): number => a - b;

describe('RDD transformations', () => {
  it('basic operations', async () => {
    const nums = sc.parallelize([1, 2, 3, 4], 2);
    expect(nums.getNumPartitions()).toBe(2);
    expect(await nums.collect()).toEqual([1, 2, 3, 4]);
    expect(await nums.map((x) => String(x)).collect()).toEqual(['1', '2', '3', '4']);
    expect(await nums.filter((x) => x > 2).collect()).toEqual([3, 4]);
    expect(await nums.flatMap((x) => range(1, x)).collect()).toEqual([1, 1, 2, 1, 2, 3, 1, 2, 3, 4]);
    expect(await nums.union(nums).collect()).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(await nums.glom().collect()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(await nums.keyBy((x) => String(x)).collect()).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['4', 4],
    ]);
  });

  it('map keeps order within and across partitions', async () => {
    const doubled = sc.parallelize(range(1, 10), 3).map((x) => x * 2);
    expect(await doubled.glom().collect()).toEqual([
      [2, 4, 6],
      [8, 10, 12],
      [14, 16, 18, 20],
    ]);
  });

  it('flatMap accepts any iterable, including a generator', async () => {
    const words = sc.parallelize(['a b', '', 'c'], 2).flatMap(function* (line) {
      for (const word of line.split(' ')) if (word) yield word;
    });
    expect(await words.collect()).toEqual(['a', 'b', 'c']);
  });

  it('filter to nothing leaves empty partitions', async () => {
    const none = sc.parallelize([1, 2, 3], 3).filter((x) => x > 5);
    expect(await none.glom().collect()).toEqual([[], [], []]);
    expect(await none.count()).toBe(0);
  });

  it('mapPartitions', async () => {
    const nums = sc.parallelize([1, 2, 3, 4], 2);
    const partitionSums = nums.mapPartitions((values) => {
      let sum = 0;
      for (const v of values) sum += v;
      return [sum];
    });
    expect(await partitionSums.collect()).toEqual([3, 7]);
  });

  it('mapPartitions may return a generator and any number of elements', async () => {
    const nums = sc.parallelize([1, 2, 3, 4, 5], 2);
    const evensTwice = nums.mapPartitions(function* (values) {
      for (const v of values) if (v % 2 === 0) yield* [v, v];
    });
    expect(await evensTwice.collect()).toEqual([2, 2, 4, 4]);
  });

  it('mapPartitionsWithIndex', async () => {
    const nums = sc.parallelize([1, 2, 3, 4], 2);
    const sumsWithIndex = nums.mapPartitionsWithIndex((index, values): [number, number][] => {
      let sum = 0;
      for (const v of values) sum += v;
      return [[index, sum]];
    });
    expect(await sumsWithIndex.collect()).toEqual([
      [0, 3],
      [1, 7],
    ]);
  });

  it('glom shows the parallelize slicing, including empty slices', async () => {
    expect(await sc.parallelize([1, 2], 4).glom().collect()).toEqual([[], [1], [], [2]]);
  });

  it('union keeps every partition of both parents, in order', async () => {
    const a = sc.parallelize([1, 2, 3], 2);
    const b = sc.parallelize([4, 5], 1);
    const union = a.union(b);
    expect(union.getNumPartitions()).toBe(3);
    expect(await union.glom().collect()).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('union with an empty RDD', async () => {
    const rdd = sc.parallelize([1, 2], 2);
    expect(await rdd.union(sc.emptyRDD<number>()).collect()).toEqual([1, 2]);
    expect(await sc.emptyRDD<number>().union(rdd).collect()).toEqual([1, 2]);
  });

  describe('distinct', () => {
    it('removes duplicates', async () => {
      const dups = sc.parallelize([1, 1, 2, 2, 3, 3, 4, 4], 2);
      expect(await dups.distinct().count()).toBe(4);
      expect((await dups.distinct().collect()).sort(byNumber)).toEqual([1, 2, 3, 4]);
      expect((await dups.distinct(2).collect()).sort(byNumber)).toEqual([1, 2, 3, 4]);
    });

    it('with numPartitions', async () => {
      const distinct = sc.parallelize([5, 1, 5, 7, 1], 2).distinct(3);
      expect(distinct.getNumPartitions()).toBe(3);
      expect((await distinct.collect()).sort(byNumber)).toEqual([1, 5, 7]);
    });

    it('compares structured elements by value', async () => {
      const points = sc.parallelize([[1, 2], [1, 2], [2, 1], { x: 1, y: 2 }, { y: 2, x: 1 }], 3);
      expect(await points.distinct().count()).toBe(3);
    });
  });

  describe('repartition', () => {
    it('repartitioned RDDs', async () => {
      const data = sc.parallelize(range(1, 1000), 10);

      const fewer = data.repartition(2);
      expect(fewer.getNumPartitions()).toBe(2);
      const fewerParts = await fewer.glom().collect();
      expect(fewerParts[0]!.length).toBeGreaterThan(0);
      expect(fewerParts[1]!.length).toBeGreaterThan(0);
      expect((await fewer.collect()).sort(byNumber)).toEqual(range(1, 1000));

      const more = data.repartition(20);
      expect(more.getNumPartitions()).toBe(20);
      const moreParts = await more.glom().collect();
      expect(moreParts[0]!.length).toBeGreaterThan(0);
      expect(moreParts[19]!.length).toBeGreaterThan(0);
      expect((await more.collect()).sort(byNumber)).toEqual(range(1, 1000));
    });

    it('repartitioned RDDs perform load balancing', async () => {
      const input = Array.from({ length: 1000 }, () => 1);
      const parts = await sc.parallelize(input, 10).repartition(2).glom().collect();
      expect(Math.abs(parts[0]!.length - 500)).toBeLessThan(10);
      expect(Math.abs(parts[1]!.length - 500)).toBeLessThan(10);

      const testSplitPartitions = async (input: number[], initialPartitions: number, finalPartitions: number) => {
        const repartitioned = sc.parallelize(input, initialPartitions).repartition(finalPartitions);
        expect(repartitioned.getNumPartitions()).toBe(finalPartitions);
        expect((await repartitioned.collect()).sort(byNumber)).toEqual([...input].sort(byNumber));
        // No bucket is overloaded or empty.
        const maxPossible = Math.floor(input.length / finalPartitions) + initialPartitions;
        for (const partition of await repartitioned.glom().collect()) {
          expect(partition.length).toBeGreaterThan(0);
          expect(partition.length).toBeLessThanOrEqual(maxPossible);
        }
      };
      await testSplitPartitions(Array.from({ length: 100 }, () => 1), 10, 20);
      const onesAndTwos = Array.from({ length: 20000 }, (_, i) => (i < 10000 ? 1 : 2));
      await testSplitPartitions(onesAndTwos, 20, 100);
      await testSplitPartitions(Array.from({ length: 1000 }, () => 1), 250, 128);
    });

    it('repartition(0) is a ValidationError', () => {
      const data = sc.parallelize([1, 2, 3], 2);
      expect(() => data.repartition(0)).toThrow(ValidationError);
      expect(() => data.repartition(0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    });
  });

  describe('coalesce', () => {
    it('coalesced RDDs', async () => {
      const data = sc.parallelize(range(1, 10), 10);

      const coalesced1 = data.coalesce(2);
      expect(await coalesced1.collect()).toEqual(range(1, 10));
      expect(await coalesced1.glom().collect()).toEqual([
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
      ]);

      const coalesced2 = data.coalesce(3);
      expect(await coalesced2.collect()).toEqual(range(1, 10));
      expect(await coalesced2.glom().collect()).toEqual([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9, 10],
      ]);

      const coalesced3 = data.coalesce(10);
      expect(await coalesced3.glom().collect()).toEqual(range(1, 10).map((x) => [x]));

      // Without a shuffle, coalescing to more partitions keeps the original number.
      const coalesced4 = data.coalesce(20);
      expect(coalesced4.getNumPartitions()).toBe(10);
      expect(await coalesced4.glom().collect()).toEqual(range(1, 10).map((x) => [x]));
    });

    it('coalesce has a narrow dependency on contiguous parent partitions', () => {
      const coalesced = sc.parallelize(range(1, 10), 10).coalesce(2);
      const dep = coalesced.dependencies[0]!;
      expect(dep).toBeInstanceOf(NarrowDependency);
      if (!(dep instanceof NarrowDependency)) return;
      expect(dep.getParents(0)).toEqual([0, 1, 2, 3, 4]);
      expect(dep.getParents(1)).toEqual([5, 6, 7, 8, 9]);
    });

    it('coalesce with shuffle can increase the number of partitions', async () => {
      const data = sc.parallelize(range(1, 10), 10);
      const one = data.coalesce(1, true);
      expect(one.getNumPartitions()).toBe(1);
      expect(one.toDebugString()).toContain('ShuffledRDD');
      expect((await one.collect()).sort(byNumber)).toEqual(range(1, 10));

      const twenty = data.coalesce(20, true);
      expect(twenty.getNumPartitions()).toBe(20);
      expect((await twenty.collect()).sort(byNumber)).toEqual(range(1, 10));
    });

    it('coalesce(0) is a ValidationError', () => {
      expect(() => sc.parallelize([1], 1).coalesce(0)).toThrow(ValidationError);
      expect(() => sc.parallelize([1], 1).coalesce(-2, true)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    });
  });

  describe('sortBy', () => {
    const data = ['5|50|A', '4|60|C', '6|40|B'];
    const field = (i: number) => (s: string) => s.split('|')[i]!;

    it('sorts by each field', async () => {
      const rdd = sc.parallelize(data, 2);
      expect(await rdd.sortBy(field(0)).collect()).toEqual(['4|60|C', '5|50|A', '6|40|B']);
      expect(await rdd.sortBy(field(1)).collect()).toEqual(['6|40|B', '5|50|A', '4|60|C']);
      expect(await rdd.sortBy(field(2)).collect()).toEqual(['5|50|A', '6|40|B', '4|60|C']);
    });

    it('ascending parameter', async () => {
      const rdd = sc.parallelize(data, 2);
      expect(await rdd.sortBy(field(0), true).collect()).toEqual(['4|60|C', '5|50|A', '6|40|B']);
      expect(await rdd.sortBy(field(0), false).collect()).toEqual(['6|40|B', '5|50|A', '4|60|C']);
    });

    it('with numPartitions, ascending and descending', async () => {
      const input = range(1, 1000).map((i) => (i * 7919) % 1000);
      const rdd = sc.parallelize(input, 2);
      const ascending = rdd.sortBy((x) => x, true, 20);
      expect(ascending.getNumPartitions()).toBe(20);
      expect(await ascending.collect()).toEqual([...input].sort(byNumber));
      const descending = rdd.sortBy((x) => x, false, 1);
      expect(descending.getNumPartitions()).toBe(1);
      expect(await descending.collect()).toEqual([...input].sort((a, b) => b - a));
    });

    it('partition balancing', async () => {
      const sorted = sc.parallelize(range(1, 1000), 4).sortBy((x) => x);
      expect(await sorted.collect()).toEqual(range(1, 1000));
      const parts = await sorted.glom().collect();
      for (const part of parts) {
        expect(part.length).toBeGreaterThan(100);
        expect(part.length).toBeLessThan(400);
      }
      for (let i = 0; i + 1 < parts.length; i++) expect(parts[i]!.at(-1)!).toBeLessThan(parts[i + 1]![0]!);
    });

    it('partition balancing for descending sort', async () => {
      const sorted = sc.parallelize(range(1, 1000), 4).sortBy((x) => x, false);
      expect(await sorted.collect()).toEqual(range(1, 1000).reverse());
      const parts = await sorted.glom().collect();
      for (const part of parts) {
        expect(part.length).toBeGreaterThan(100);
        expect(part.length).toBeLessThan(400);
      }
      for (let i = 0; i + 1 < parts.length; i++) expect(parts[i]!.at(-1)!).toBeGreaterThan(parts[i + 1]![0]!);
    });

    it('more partitions than elements', async () => {
      const input = [9, -3, 7, 0, 12, 5, -8, 1, 4, 2];
      expect(await sc.parallelize(input, 30).sortBy((x) => x).collect()).toEqual([...input].sort(byNumber));
    });

    it('sort an empty RDD', async () => {
      expect(await sc.emptyRDD<number>().sortBy((x) => x).collect()).toEqual([]);
      expect(await sc.parallelize<number>([], 2).sortBy((x) => x).collect()).toEqual([]);
    });

    it('sorts array keys element by element', async () => {
      const rdd = sc.parallelize([[2, 1], [1, 9], [1, 2, 0], [1, 2]], 2);
      expect(await rdd.sortBy((x) => x).collect()).toEqual([[1, 2], [1, 2, 0], [1, 9], [2, 1]]);
    });
  });

  it('sortByKey', async () => {
    const pairs = sc.parallelize<[number, number]>([[1, 0], [2, 0], [0, 0], [3, 0]], 2);
    expect(await pairs.sortByKey().collect()).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
  });

  it('keyBy', async () => {
    const words = sc.parallelize(['apple', 'kiwi', 'fig'], 2);
    expect(await words.keyBy((w) => w.length).collect()).toEqual([
      [5, 'apple'],
      [4, 'kiwi'],
      [3, 'fig'],
    ]);
  });

  describe('cartesian', () => {
    it('cartesian on empty RDD', async () => {
      const empty = sc.emptyRDD<number>();
      const b = sc.parallelize([1, 2, 3]);
      expect(await empty.cartesian(empty).collect()).toEqual([]);
      expect(await empty.cartesian(b).collect()).toEqual([]);
      expect(await b.cartesian(empty).collect()).toEqual([]);
    });

    it('cartesian on non-empty RDDs', async () => {
      const a = sc.parallelize([1, 2, 3]);
      const b = sc.parallelize([2, 3, 4]);
      const c = sc.parallelize([1]);
      const sorted = (pairs: [number, number][]) => pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      expect(sorted(await a.cartesian(b).collect())).toEqual([
        [1, 2], [1, 3], [1, 4], [2, 2], [2, 3], [2, 4], [3, 2], [3, 3], [3, 4],
      ]);
      expect(sorted(await a.cartesian(c).collect())).toEqual([[1, 1], [2, 1], [3, 1]]);
      expect(sorted(await c.cartesian(a).collect())).toEqual([[1, 1], [1, 2], [1, 3]]);
    });

    it('has one partition per pair of parent partitions', async () => {
      const a = sc.parallelize(['a', 'b', 'c'], 3);
      const b = sc.parallelize([1, 2], 2);
      const product = a.cartesian(b);
      expect(product.getNumPartitions()).toBe(6);
      expect(await product.glom().collect()).toEqual([
        [['a', 1]], [['a', 2]], [['b', 1]], [['b', 2]], [['c', 1]], [['c', 2]],
      ]);
    });
  });

  describe('zipWithIndex', () => {
    it('zipWithIndex', async () => {
      const ranked = await sc.parallelize(range(0, 9), 3).zipWithIndex().collect();
      expect(ranked).toEqual(range(0, 9).map((x) => [x, x]));
    });

    it('zipWithIndex with a single partition', async () => {
      const ranked = await sc.parallelize(range(0, 9), 1).zipWithIndex().collect();
      expect(ranked).toEqual(range(0, 9).map((x) => [x, x]));
    });

    it('counts across empty and filtered partitions', async () => {
      const ranked = sc.parallelize(range(1, 12), 4).filter((x) => x % 3 !== 0 && x < 10).zipWithIndex();
      expect(await ranked.collect()).toEqual([
        [1, 0], [2, 1], [4, 2], [5, 3], [7, 4], [8, 5],
      ]);
    });

    it('zipWithIndex chained with other RDDs (SPARK-4433)', async () => {
      expect(await sc.parallelize(range(0, 9), 2).zipWithIndex().repartition(4).count()).toBe(10);
    });
  });
});
