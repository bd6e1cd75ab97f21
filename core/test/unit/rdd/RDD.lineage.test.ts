/**
 * Lineage: dependencies, partitions, ids, names, and `toDebugString()` in the format Spark prints
 * (Spark's `RDD.toDebugString`; call sites are the operator's name, as Spark's short call site is).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  HashPartitioner,
  NarrowDependency,
  OneToOneDependency,
  RangeDependency,
  RDDContext,
  ShuffleDependency,
} from '../../../src/index.js';

let sc: RDDContext;
beforeEach(() => {
  sc = new RDDContext({ master: 'local[2]' });
});

const lines = (...rows: string[]): string => rows.join('\n');

describe('RDD lineage', () => {
  describe('dependencies', () => {
    it('a parallelized collection has none', () => {
      expect(sc.parallelize([1, 2]).dependencies).toEqual([]);
    });

    it('map, filter, flatMap and mapPartitions depend one-to-one on their parent', () => {
      const parent = sc.parallelize([1, 2, 3], 3);
      for (const child of [
        parent.map((x) => x),
        parent.filter(() => true),
        parent.flatMap((x) => [x]),
        parent.mapPartitions((xs) => xs),
        parent.glom(),
      ]) {
        expect(child.dependencies).toHaveLength(1);
        const [dep] = child.dependencies;
        expect(dep).toBeInstanceOf(OneToOneDependency);
        expect(dep!.rdd).toBe(parent);
        expect((dep as OneToOneDependency).getParents(2)).toEqual([2]);
      }
    });

    it('union depends on each parent through a range', () => {
      const a = sc.parallelize([1, 2, 3], 2);
      const b = sc.parallelize([4, 5, 6], 3);
      const deps = a.union(b).dependencies;
      expect(deps).toHaveLength(2);
      expect(deps.every((d) => d instanceof RangeDependency)).toBe(true);
      const [first, second] = deps as RangeDependency[];
      expect([first!.rdd, first!.inStart, first!.outStart, first!.length]).toEqual([a, 0, 0, 2]);
      expect([second!.rdd, second!.inStart, second!.outStart, second!.length]).toEqual([b, 0, 2, 3]);
      expect(second!.getParents(1)).toEqual([]);
      expect(second!.getParents(3)).toEqual([1]);
    });

    it('reduceByKey depends on its parent through a shuffle', () => {
      const pairs = sc.parallelize([1, 2, 3], 2).map((x): [number, number] => [x % 2, x]);
      const reduced = pairs.reduceByKey((a, b) => a + b, 3);
      const [dep] = reduced.dependencies;
      expect(dep).toBeInstanceOf(ShuffleDependency);
      expect(dep).not.toBeInstanceOf(NarrowDependency);
      expect(dep!.rdd).toBe(pairs);
      expect((dep as ShuffleDependency).partitioner.equals(new HashPartitioner(3))).toBe(true);
    });

    it('each shuffle has its own id', () => {
      const pairs = sc.parallelize([1, 2, 3], 2).map((x): [number, number] => [x, x]);
      const a = pairs.reduceByKey((x, y) => x + y).dependencies[0] as ShuffleDependency;
      const b = pairs.groupByKey().dependencies[0] as ShuffleDependency;
      expect(a.shuffleId).not.toBe(b.shuffleId);
    });

    it('cartesian depends narrowly on both parents', () => {
      const left = sc.parallelize([1, 2], 2);
      const right = sc.parallelize(['a', 'b', 'c'], 3);
      const deps = left.cartesian(right).dependencies as NarrowDependency[];
      expect(deps.map((d) => d.rdd)).toEqual([left, right]);
      // Partition 4 = left 1 × right 1.
      expect(deps.map((d) => d.getParents(4))).toEqual([[1], [1]]);
    });

    it('a cogroup of an already partitioned RDD reads it narrowly', () => {
      const partitioned = sc.parallelize<[string, number]>([['a', 1]], 2).partitionBy(new HashPartitioner(2));
      const other = sc.parallelize<[string, string]>([['a', 'x']], 2);
      const deps = partitioned.cogroup(other).dependencies;
      expect(deps[0]).toBeInstanceOf(OneToOneDependency);
      expect(deps[1]).toBeInstanceOf(ShuffleDependency);
    });
  });

  it('getNumPartitions', () => {
    const rdd = sc.parallelize([1, 2, 3, 4, 5], 5);
    expect(rdd.getNumPartitions()).toBe(5);
    expect(rdd.map((x) => x).getNumPartitions()).toBe(5);
    expect(rdd.union(rdd).getNumPartitions()).toBe(10);
    expect(rdd.coalesce(2).getNumPartitions()).toBe(2);
    expect(rdd.map((x): [number, number] => [x, x]).reduceByKey((a, b) => a + b, 7).getNumPartitions()).toBe(7);
    expect(rdd.cartesian(rdd.coalesce(2)).getNumPartitions()).toBe(10);
    expect(rdd.partitions.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('setName names the RDD in toString and lineage', () => {
    const rdd = sc.parallelize([1, 2], 2).map((x) => x * 2);
    expect(rdd.toString()).toBe('MapPartitionsRDD[1] at map');
    expect(rdd.setName('doubled')).toBe(rdd);
    expect(rdd.name).toBe('doubled');
    expect(rdd.toString()).toBe('doubled MapPartitionsRDD[1] at map');
    expect(rdd.toDebugString().split('\n')[0]).toBe('(2) doubled MapPartitionsRDD[1] at map []');
  });

  describe('toDebugString', () => {
    it('indents a stage per shuffle', () => {
      const counts = sc
        .parallelize(['a b', 'b'], 2)
        .flatMap((line) => line.split(' '))
        .map((word): [string, number] => [word, 1])
        .reduceByKey((a, b) => a + b);
      expect(counts.toDebugString()).toBe(
        lines(
          '(2) ShuffledRDD[3] at reduceByKey []',
          ' +-(2) MapPartitionsRDD[2] at map []',
          '    |  MapPartitionsRDD[1] at flatMap []',
          '    |  ParallelCollectionRDD[0] at parallelize []',
        ),
      );
    });

    it('aligns the bars under partition counts of two digits', () => {
      const reduced = sc
        .parallelize([1, 2, 3], 10)
        .map((x): [number, number] => [x, x])
        .reduceByKey((a, b) => a + b, 12);
      expect(reduced.toDebugString()).toBe(
        lines(
          '(12) ShuffledRDD[2] at reduceByKey []',
          ' +-(10) MapPartitionsRDD[1] at map []',
          '    |   ParallelCollectionRDD[0] at parallelize []',
        ),
      );
    });

    it('shows two stages below a chain of shuffles', () => {
      const result = sc
        .parallelize([1, 2, 3], 2)
        .map((x): [number, number] => [x % 2, x])
        .reduceByKey((a, b) => a + b)
        .map(([k, v]): [number, number] => [v, k])
        .groupByKey(3);
      expect(result.toDebugString()).toBe(
        lines(
          '(3) ShuffledRDD[4] at groupByKey []',
          ' +-(2) MapPartitionsRDD[3] at map []',
          '    |  ShuffledRDD[2] at reduceByKey []',
          '    +-(2) MapPartitionsRDD[1] at map []',
          '       |  ParallelCollectionRDD[0] at parallelize []',
        ),
      );
    });

    it('a join shows its CoGroupedRDD with one +- per shuffled parent', () => {
      const left = sc.parallelize<[number, string]>([[1, 'a']], 2);
      const right = sc.parallelize([1, 2], 2).map((x): [number, number] => [x, x * 10]);
      expect(left.join(right).toDebugString()).toBe(
        lines(
          '(2) MapPartitionsRDD[4] at join []',
          ' |  CoGroupedRDD[3] at join []',
          ' +-(2) ParallelCollectionRDD[0] at parallelize []',
          ' +-(2) MapPartitionsRDD[2] at map []',
          '    |  ParallelCollectionRDD[1] at parallelize []',
        ),
      );
    });

    it('operators built on other operators show them all at the one the user called', () => {
      const distinct = sc.parallelize([1, 1, 2], 2).distinct();
      expect(distinct.toDebugString()).toBe(
        lines(
          '(2) MapPartitionsRDD[3] at distinct []',
          ' |  ShuffledRDD[2] at distinct []',
          ' +-(2) MapPartitionsRDD[1] at distinct []',
          '    |  ParallelCollectionRDD[0] at parallelize []',
        ),
      );
      const repartitioned = sc.parallelize([1, 2, 3], 2).repartition(3);
      expect(repartitioned.toDebugString()).toMatch(/^\(3\) MapPartitionsRDD\[\d+\] at repartition \[\]$/m);
      expect(repartitioned.toDebugString()).toMatch(/^ \|  ShuffledRDD\[\d+\] at repartition \[\]$/m);
      expect(repartitioned.toDebugString()).not.toMatch(/at (values|mapPartitionsWithIndex|coalesce)/);
      const sorted = sc.parallelize([3, 1, 2], 2).sortBy((x) => x);
      expect(sorted.toDebugString()).not.toMatch(/at (keyBy|sortByKey|values)/);
    });

    it('union and coalesce stay in one stage', () => {
      const a = sc.parallelize([1, 2], 2);
      const b = sc.parallelize([3], 1);
      expect(a.union(b).coalesce(2).toDebugString()).toBe(
        lines(
          '(2) CoalescedRDD[3] at coalesce []',
          ' |  UnionRDD[2] at union []',
          ' |  ParallelCollectionRDD[0] at parallelize []',
          ' |  ParallelCollectionRDD[1] at parallelize []',
        ),
      );
    });

    it('a cached RDD shows its storage level, and its cached partitions after a job', async () => {
      const cached = sc
        .parallelize([1, 2, 3, 4], 2)
        .map((x) => x * 2)
        .cache();
      expect(cached.toDebugString()).toBe(
        lines(
          '(2) MapPartitionsRDD[1] at map [Memory Deserialized 1x Replicated]',
          ' |  ParallelCollectionRDD[0] at parallelize []',
        ),
      );
      await cached.count();
      const [first, storage, parent, ...rest] = cached.toDebugString().split('\n');
      expect(first).toBe('(2) MapPartitionsRDD[1] at map [Memory Deserialized 1x Replicated]');
      expect(storage).toMatch(/^ \|       CachedPartitions: 2; MemorySize: \d+\.\d (B|KiB); DiskSize: 0\.0 B$/);
      expect(parent).toBe(' |  ParallelCollectionRDD[0] at parallelize []');
      expect(rest).toEqual([]);
    });

    it('a partly cached RDD counts only the partitions that are cached', async () => {
      const cached = sc.parallelize([1, 2, 3, 4, 5, 6], 3).cache();
      await cached.take(1);
      expect(cached.toDebugString()).toMatch(/CachedPartitions: 1;/);
      await cached.count();
      expect(cached.toDebugString()).toMatch(/CachedPartitions: 3;/);
    });

    it('a cached parent in another stage shows its storage under its own line', async () => {
      const pairs = sc
        .parallelize([1, 2, 3], 2)
        .map((x): [number, number] => [x % 2, x])
        .cache();
      const reduced = pairs.reduceByKey((a, b) => a + b);
      await reduced.count();
      const debug = reduced.toDebugString().split('\n');
      expect(debug[0]).toBe('(2) ShuffledRDD[2] at reduceByKey []');
      expect(debug[1]).toBe(' +-(2) MapPartitionsRDD[1] at map [Memory Deserialized 1x Replicated]');
      // Below a `+-`, Spark indents the storage line one space less than on the first line.
      expect(debug[2]).toMatch(/^    \|      CachedPartitions: 2; MemorySize: .+; DiskSize: 0\.0 B$/);
      expect(debug[3]).toBe('    |  ParallelCollectionRDD[0] at parallelize []');
    });
  });
});
