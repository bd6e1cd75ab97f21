/** The entry point for RDDs (Spark: `SparkContext`): base RDDs, the master setting, and its lifecycle. */
import { describe, expect, it } from 'vitest';
import {
  IllegalStateError,
  RDDContext,
  RivuletError,
  ValidationError,
  type Executor,
  type Task,
} from '../../../src/index.js';

describe('RDDContext', () => {
  describe('parallelize', () => {
    it('partition p of P holds positions [⌊p·n/P⌋, ⌊(p+1)·n/P⌋)', async () => {
      const sc = new RDDContext();
      const data = Array.from({ length: 10 }, (_, i) => i);
      expect(await sc.parallelize(data, 3).glom().collect()).toEqual([
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8, 9],
      ]);
      expect(await sc.parallelize(data, 4).glom().collect()).toEqual([[0, 1], [2, 3, 4], [5, 6], [7, 8, 9]]);
      for (let slices = 1; slices <= 12; slices++) {
        const parts = await sc.parallelize(data, slices).glom().collect();
        expect(parts).toHaveLength(slices);
        parts.forEach((part, p) => {
          const from = Math.floor((p * data.length) / slices);
          const to = Math.floor(((p + 1) * data.length) / slices);
          expect(part).toEqual(data.slice(from, to));
        });
      }
    });

    it('defaults to defaultParallelism slices', () => {
      expect(new RDDContext({ master: 'local[3]' }).parallelize([1, 2, 3, 4, 5]).getNumPartitions()).toBe(3);
      expect(new RDDContext().parallelize([1]).getNumPartitions()).toBe(2);
    });

    it('takes any iterable and copies it', async () => {
      const sc = new RDDContext();
      const source = [1, 2, 3];
      const rdd = sc.parallelize(source, 2);
      source.push(4);
      expect(await rdd.collect()).toEqual([1, 2, 3]);
      expect(await sc.parallelize(new Set(['a', 'b']), 1).collect()).toEqual(['a', 'b']);
    });

    it('numSlices that is not a positive integer is a ValidationError', () => {
      const sc = new RDDContext();
      for (const bad of [0, -1, 1.5]) {
        expect(() => sc.parallelize([1], bad)).toThrow(ValidationError);
        expect(() => sc.parallelize([1], bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      }
    });
  });

  describe('master', () => {
    it('local has one slot, local[N] has N', () => {
      expect(new RDDContext({ master: 'local' }).defaultParallelism).toBe(1);
      expect(new RDDContext({ master: 'local[4]' }).defaultParallelism).toBe(4);
      expect(new RDDContext({ master: 'local[16]' }).defaultParallelism).toBe(16);
      expect(new RDDContext().master).toBe('local[2]');
    });

    it('local[*] uses the available cores', () => {
      expect(new RDDContext({ master: 'local[*]' }).defaultParallelism).toBeGreaterThanOrEqual(1);
    });

    it('an unsupported master is a ValidationError that names it', () => {
      for (const master of ['yarn', 'spark://host:7077', 'local[]', 'local[two]', 'local[0]', 'LOCAL']) {
        expect(() => new RDDContext({ master })).toThrow(ValidationError);
        expect(() => new RDDContext({ master })).toThrow(master);
        expect(() => new RDDContext({ master })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      }
    });
  });

  it('emptyRDD has no partitions and no elements', async () => {
    const sc = new RDDContext();
    const empty = sc.emptyRDD<number>();
    expect(empty.getNumPartitions()).toBe(0);
    expect(await empty.collect()).toEqual([]);
    expect(await empty.count()).toBe(0);
  });

  it('SparkContext.union', async () => {
    const sc = new RDDContext();
    const nums = sc.parallelize([1, 2, 3, 4], 2);
    expect(await sc.union([nums]).collect()).toEqual([1, 2, 3, 4]);
    expect(await sc.union([nums, nums]).collect()).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(await sc.union([nums, sc.parallelize([5], 1), nums]).getNumPartitions()).toBe(5);
    expect(await sc.union<number>([]).collect()).toEqual([]);
  });

  it('ids are unique within a context, in creation order', () => {
    const sc = new RDDContext();
    const a = sc.parallelize([1]);
    const b = a.map((x) => x + 1);
    const c = sc.emptyRDD();
    expect([a.id, b.id, c.id]).toEqual([0, 1, 2]);
    expect(new RDDContext().parallelize([1]).id).toBe(0);
  });

  describe('stop', () => {
    it('a job after stop() fails with IllegalStateError', async () => {
      const sc = new RDDContext();
      const rdd = sc.parallelize([1, 2, 3], 2);
      expect(await rdd.count()).toBe(3);
      sc.stop();
      expect(sc.isStopped()).toBe(true);
      await expect(rdd.count()).rejects.toThrow(IllegalStateError);
      await expect(rdd.collect()).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
      await expect(rdd.map((x) => x).reduce((a, b) => a + b)).rejects.toThrow(IllegalStateError);
    });

    it('releases cached partitions', async () => {
      const sc = new RDDContext();
      const rdd = sc.parallelize([1, 2, 3], 2).cache();
      await rdd.count();
      expect(sc.blockManager.memoryUsed).toBeGreaterThan(0);
      sc.stop();
      expect(sc.blockManager.memoryUsed).toBe(0);
      expect(rdd.toDebugString()).not.toContain('CachedPartitions');
    });
  });

  it('runs tasks on the executor it is given', async () => {
    const ran: [number, number][] = [];
    const executor: Executor = {
      async runTask<R>(task: Task<R>): Promise<R> {
        ran.push([task.stageId, task.partition]);
        return task.run({ stageId: task.stageId, partitionId: task.partition, attemptNumber: 0 });
      },
    };
    const sc = new RDDContext({ executor });
    const sums = sc.parallelize([1, 2, 3, 4], 2).map((x): [number, number] => [x % 2, x]).reduceByKey((a, b) => a + b, 3);
    expect((await sums.collect()).sort()).toEqual([[0, 6], [1, 4]]);
    expect(ran.sort()).toEqual([[0, 0], [0, 1], [1, 0], [1, 1], [1, 2]]);
  });

  it('runJob runs a function on the chosen partitions', async () => {
    const sc = new RDDContext();
    const rdd = sc.parallelize(['a', 'b', 'c', 'd', 'e'], 3);
    expect(await sc.runJob(rdd, (values) => values.join(''))).toEqual(['a', 'bc', 'de']);
    expect(await sc.runJob(rdd, (values, context) => `${context.partitionId}:${values.length}`, [2, 0])).toEqual([
      '2:2',
      '0:1',
    ]);
  });

  it('errors it throws on purpose are RivuletErrors', async () => {
    const sc = new RDDContext();
    sc.stop();
    const error = await sc.parallelize([1]).count().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as Error).name).toBe('IllegalStateError');
  });
});
