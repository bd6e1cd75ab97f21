/**
 * Persistence and recomputation from lineage, the fault-tolerance promise: whatever is cached or
 * checkpointed may be lost, and the results stay the same because lost partitions are recomputed.
 */
import { describe, expect, it } from 'vitest';
import { RDDContext, RDD, RivuletError, StorageLevel, type Logger, type TaskContext } from '../../../src/index.js';
import { LocalCheckpointRDD } from '../../../src/rdd/LocalCheckpointRDD.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Wraps `f` so that every element it is called with is recorded. */
function recording<T, U>(f: (value: T) => U): { fn: (value: T) => U; calls: T[] } {
  const calls: T[] = [];
  return { calls, fn: (value) => (calls.push(value), f(value)) };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (message) => void warnings.push(message), error() {} };
}

describe('RDD persistence', () => {
  it('basic caching', async () => {
    const sc = new RDDContext();
    const rdd = sc.parallelize([1, 2, 3, 4], 2).cache();
    expect(await rdd.collect()).toEqual([1, 2, 3, 4]);
    expect(await rdd.collect()).toEqual([1, 2, 3, 4]);
    expect(await rdd.collect()).toEqual([1, 2, 3, 4]);
  });

  it('a cached RDD is not recomputed by the next action', async () => {
    const sc = new RDDContext();
    const square = recording((x: number) => x * x);
    const squares = sc.parallelize(range(1, 6), 3).map(square.fn).cache();
    expect(squares.getStorageLevel()).toBe(StorageLevel.MEMORY_ONLY);

    expect(await squares.collect()).toEqual([1, 4, 9, 16, 25, 36]);
    expect(square.calls).toHaveLength(6);
    expect(await squares.reduce((a, b) => a + b)).toBe(91);
    expect(await squares.filter((x) => x > 10).count()).toBe(3);
    expect(square.calls).toHaveLength(6);
  });

  it('a job gets its own copy of a cached or checkpointed partition, free to change', async () => {
    const sc = new RDDContext();
    const cached = sc.parallelize([3, 1, 2], 1).cache();
    const checkpointed = sc.parallelize([3, 1, 2], 1).localCheckpoint();
    for (const rdd of [cached, checkpointed]) {
      await rdd.count();
      await sc.runJob(rdd, (values) => values.sort().push(4));
      expect(await rdd.collect()).toEqual([3, 1, 2]);
    }
  });

  it('an uncached RDD is recomputed by every action', async () => {
    const sc = new RDDContext();
    const square = recording((x: number) => x * x);
    const squares = sc.parallelize(range(1, 6), 3).map(square.fn);
    await squares.count();
    await squares.count();
    expect(square.calls).toHaveLength(12);
  });

  it('a lost cached partition is recomputed from lineage, and only that one', async () => {
    const sc = new RDDContext();
    const square = recording((x: number) => x * x);
    const squares = sc.parallelize(range(1, 9), 3).map(square.fn).cache();
    const before = await squares.collect();
    square.calls.length = 0;

    expect(sc.blockManager.removeBlock(squares.id, 1)).toBe(true);
    expect(squares.toDebugString()).toMatch(/CachedPartitions: 2;/);

    expect(await squares.collect()).toEqual(before);
    expect(square.calls).toEqual([4, 5, 6]);
    expect(squares.toDebugString()).toMatch(/CachedPartitions: 3;/);
    square.calls.length = 0;
    await squares.collect();
    expect(square.calls).toEqual([]);
  });

  it('a lost cached partition below a shuffle is recomputed when the shuffle must run again', async () => {
    const sc = new RDDContext();
    const key = recording((w: string): [string, number] => [w, 1]);
    const pairs = sc.parallelize(['a', 'b', 'a', 'c', 'a', 'b'], 3).map(key.fn).cache();
    await pairs.count();
    sc.blockManager.removeBlock(pairs.id, 0);
    key.calls.length = 0;
    const counts = await pairs.reduceByKey((a, b) => a + b).collect();
    expect(counts.sort()).toEqual([['a', 3], ['b', 2], ['c', 1]]);
    expect(key.calls).toEqual(['a', 'b']);
  });

  it('a tiny memory budget evicts least recently used partitions and results stay correct', async () => {
    // Measure two partitions' worth of memory, then allow a little more than that.
    const probe = new RDDContext();
    await probe.parallelize(range(1, 20), 2).cache().count();
    const twoPartitions = probe.blockManager.memoryUsed;

    const sc = new RDDContext({ memoryLimitBytes: Math.floor(twoPartitions * 1.25), logger: recordingLogger() });
    const aFn = recording((x: number) => x + 1000);
    const bFn = recording((x: number) => x + 2000);
    const a = sc.parallelize(range(1, 20), 2).map(aFn.fn).cache();
    const b = sc.parallelize(range(1, 20), 2).map(bFn.fn).cache();

    expect(await a.collect()).toEqual(range(1001, 1020));
    expect(sc.blockManager.rddStatus(a.id).partitions).toBe(2);
    expect(await b.collect()).toEqual(range(2001, 2020));
    // b's partitions pushed out a's.
    expect(sc.blockManager.rddStatus(b.id).partitions).toBe(2);
    expect(sc.blockManager.rddStatus(a.id).partitions).toBe(0);
    expect(sc.blockManager.memoryUsed).toBeLessThanOrEqual(sc.blockManager.memoryLimitBytes);

    aFn.calls.length = 0;
    bFn.calls.length = 0;
    expect(await a.collect()).toEqual(range(1001, 1020));
    expect(aFn.calls).toHaveLength(20);
    expect(await b.map((x) => x - 2000).reduce((x, y) => x + y)).toBe(210);
    // a was recomputed and cached again, so b's least recently used partitions went.
    expect(bFn.calls.length).toBeGreaterThan(0);
  });

  it('a partition larger than the budget is not cached, is logged, and is recomputed', async () => {
    const logger = recordingLogger();
    const sc = new RDDContext({ memoryLimitBytes: 8, logger });
    const double = recording((x: number) => x * 2);
    const rdd = sc.parallelize(range(1, 10), 2).map(double.fn).cache();
    expect(await rdd.collect()).toEqual(range(1, 10).map((x) => x * 2));
    expect(await rdd.collect()).toEqual(range(1, 10).map((x) => x * 2));
    expect(double.calls).toHaveLength(20);
    expect(sc.blockManager.memoryUsed).toBe(0);
    expect(logger.warnings).toHaveLength(4);
    expect(logger.warnings[0]).toMatch(/Not enough memory to cache rdd_1_0/);
  });

  it('unpersist drops the cached partitions and stops caching', async () => {
    const sc = new RDDContext();
    const square = recording((x: number) => x * x);
    const squares = sc.parallelize(range(1, 4), 2).map(square.fn).cache();
    await squares.count();
    expect(squares.unpersist()).toBe(squares);
    expect(squares.getStorageLevel()).toBe(StorageLevel.NONE);
    expect(sc.blockManager.rddStatus(squares.id).partitions).toBe(0);
    expect(squares.toDebugString()).toBe(
      ['(2) MapPartitionsRDD[1] at map []', ' |  ParallelCollectionRDD[0] at parallelize []'].join('\n'),
    );
    await squares.count();
    await squares.count();
    expect(square.calls).toHaveLength(12);
  });

  it('persisting with a different level throws; the same level again is fine', () => {
    const sc = new RDDContext();
    const rdd = sc.parallelize([1]).persist(StorageLevel.MEMORY_ONLY_SER);
    expect(rdd.persist(StorageLevel.MEMORY_ONLY_SER)).toBe(rdd);
    expect(() => rdd.cache()).toThrow(RivuletError);
    expect(() => rdd.persist(StorageLevel.MEMORY_ONLY)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => rdd.cache()).toThrow(/unpersist\(\) it first/);
    rdd.unpersist();
    expect(rdd.cache().getStorageLevel()).toBe(StorageLevel.MEMORY_ONLY);
  });

  it('caching with failures', async () => {
    class FailingRDD extends RDD<number> {
      readonly className = 'FailingRDD';
      constructor(context: RDDContext) {
        super(context, [], 'test');
      }
      protected getPartitions() {
        return [{ index: 0 }];
      }
      compute(_split: unknown, _context: TaskContext): Iterable<number> {
        throw new Error('injected failure');
      }
    }
    const sc = new RDDContext();
    const rdd = new FailingRDD(sc).cache();
    await expect(rdd.collect()).rejects.toThrow('injected failure');
    expect(sc.blockManager.rddStatus(rdd.id).partitions).toBe(0);
  });

  describe('localCheckpoint', () => {
    it('truncates lineage after the next job and keeps the results', async () => {
      const sc = new RDDContext();
      const square = recording((x: number) => x * x);
      const squares = sc
        .parallelize(range(1, 6), 3)
        .map(square.fn)
        .filter((x) => x % 2 === 0)
        .localCheckpoint();
      expect(squares.isCheckpointed()).toBe(false);
      expect(squares.toDebugString()).toContain('ParallelCollectionRDD');

      expect(await squares.collect()).toEqual([4, 16, 36]);
      expect(squares.isCheckpointed()).toBe(true);
      expect(squares.toDebugString()).toBe(
        ['(3) MapPartitionsRDD[2] at filter []', ' |  LocalCheckpointRDD[3] at localCheckpoint []'].join('\n'),
      );
      expect(squares.dependencies).toHaveLength(1);
      expect(squares.dependencies[0]!.rdd).toBeInstanceOf(LocalCheckpointRDD);
      expect(squares.getNumPartitions()).toBe(3);

      square.calls.length = 0;
      expect(await squares.collect()).toEqual([4, 16, 36]);
      expect(await squares.map((x) => x + 1).collect()).toEqual([5, 17, 37]);
      expect(square.calls).toEqual([]);
    });

    it('completes the partitions a job did not compute', async () => {
      const sc = new RDDContext();
      const square = recording((x: number) => x * x);
      const squares = sc.parallelize(range(1, 6), 3).map(square.fn).localCheckpoint();
      expect(await squares.take(1)).toEqual([1]);
      expect(squares.isCheckpointed()).toBe(true);
      expect(square.calls).toHaveLength(6);
      expect(await squares.collect()).toEqual([1, 4, 9, 16, 25, 36]);
      expect(square.calls).toHaveLength(6);
    });

    it('of a shuffled RDD drops the shuffle from lineage and stays partitioned', async () => {
      const sc = new RDDContext();
      const sums = sc
        .parallelize(['a', 'b', 'a'], 2)
        .map((w): [string, number] => [w, 1])
        .reduceByKey((a, b) => a + b)
        .localCheckpoint();
      await sums.count();
      expect(sums.toDebugString()).not.toContain('+-');
      expect((await sums.collect()).sort()).toEqual([['a', 2], ['b', 1]]);
      // Grouping again by the same partitioner needs no shuffle.
      expect(sums.groupByKey().toDebugString()).not.toContain('+-');
    });

    it('a checkpointed parent is read by later jobs instead of its lineage', async () => {
      const sc = new RDDContext();
      const parse = recording((s: string) => Number(s));
      const numbers = sc.parallelize(['1', '2', '3', '4'], 2).map(parse.fn).localCheckpoint();
      await numbers.count();
      parse.calls.length = 0;
      const doubled = numbers.map((x) => x * 2);
      expect(await doubled.collect()).toEqual([2, 4, 6, 8]);
      expect(doubled.toDebugString()).toContain('LocalCheckpointRDD');
      expect(doubled.toDebugString()).not.toContain('ParallelCollectionRDD');
      expect(parse.calls).toEqual([]);
    });
  });
});
