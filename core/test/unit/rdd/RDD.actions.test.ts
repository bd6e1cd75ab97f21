/** Actions, after Spark's `RDDSuite`: each runs a job and resolves with a local value. */
import { beforeEach, describe, expect, it } from 'vitest';
import { RDDContext, RivuletError, type SchedulerEvent } from '../../../src/index.js';

let sc: RDDContext;
beforeEach(() => {
  sc = new RDDContext({ master: 'local[2]' });
});

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The partitions each job computed, recorded from the scheduler's result stages. */
function resultTasks(context: RDDContext): number[][] {
  const jobs: number[][] = [];
  context.addSchedulerListener({
    onJobStart: () => void jobs.push([]),
    onTaskEnd: (e: Extract<SchedulerEvent, { type: 'taskEnded' }>) => void jobs.at(-1)!.push(e.taskInfo.partition),
  });
  return jobs;
}

describe('RDD actions', () => {
  it('collect returns elements partition by partition', async () => {
    expect(await sc.parallelize(['a', 'b', 'c', 'd', 'e'], 3).collect()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await sc.emptyRDD<string>().collect()).toEqual([]);
  });

  it('collect keeps elements that are arrays whole', async () => {
    expect(await sc.parallelize([[1, 2], [], [3]], 2).collect()).toEqual([[1, 2], [], [3]]);
  });

  it('count', async () => {
    expect(await sc.parallelize(range(1, 100), 7).count()).toBe(100);
    expect(await sc.parallelize(range(1, 100), 7).filter((x) => x % 10 === 0).count()).toBe(10);
    expect(await sc.emptyRDD().count()).toBe(0);
  });

  describe('reduce', () => {
    it('reduce', async () => {
      expect(await sc.parallelize([1, 2, 3, 4], 2).reduce((a, b) => a + b)).toBe(10);
    });

    it('reduce skips empty partitions', async () => {
      expect(await sc.parallelize([5, 3], 6).reduce((a, b) => Math.max(a, b))).toBe(5);
    });

    it('reduce of an empty RDD fails with EMPTY_COLLECTION', async () => {
      const empty = sc.parallelize([1, 2, 3, 4], 2).filter((x) => x > 5);
      await expect(empty.reduce((a, b) => a + b)).rejects.toThrow(RivuletError);
      await expect(empty.reduce((a, b) => a + b)).rejects.toMatchObject({ code: 'EMPTY_COLLECTION' });
      await expect(sc.emptyRDD<number>().reduce((a, b) => a + b)).rejects.toMatchObject({
        code: 'EMPTY_COLLECTION',
        message: expect.stringContaining('empty'),
      });
    });
  });

  describe('fold', () => {
    it('fold', async () => {
      expect(await sc.parallelize(range(-1000, 999), 10).fold(0, (a, b) => a + b)).toBe(-1000);
    });

    it('fold with op modifying first arg', async () => {
      const rdd = sc.parallelize(range(-1000, 999), 10).map((x) => [x]);
      const sum = await rdd.fold([0], (c, x) => {
        c[0]! += x[0]!;
        return c;
      });
      expect(sum[0]).toBe(-1000);
    });

    it('fold applies the zero value once per partition and once to merge', async () => {
      expect(await sc.parallelize([1, 2, 3], 3).fold(10, (a, b) => a + b)).toBe(6 + 10 * 4);
    });

    it('fold of an empty RDD is the zero value', async () => {
      expect(await sc.emptyRDD<number>().fold(7, (a, b) => a + b)).toBe(7);
    });
  });

  describe('aggregate', () => {
    it('aggregate', async () => {
      const pairs = sc.parallelize<[string, number]>([['a', 1], ['b', 2], ['a', 2], ['c', 5], ['a', 3]]);
      const result = await pairs.aggregate(
        new Map<string, number>(),
        (map, [k, v]) => map.set(k, (map.get(k) ?? 0) + v),
        (m1, m2) => {
          for (const [k, v] of m2) m1.set(k, (m1.get(k) ?? 0) + v);
          return m1;
        },
      );
      expect([...result].sort()).toEqual([['a', 6], ['b', 2], ['c', 5]]);
    });

    it('aggregate with a class instance as zero value keeps its methods', async () => {
      class MinMax {
        min = Infinity;
        max = -Infinity;
        add(v: number): this {
          this.min = Math.min(this.min, v);
          this.max = Math.max(this.max, v);
          return this;
        }
        merge(o: MinMax): this {
          return this.add(o.min).add(o.max);
        }
      }
      const result = await sc.parallelize([4, -2, 9, 3], 3).aggregate(
        new MinMax(),
        (acc, v) => acc.add(v),
        (a, b) => a.merge(b),
      );
      expect(result).toBeInstanceOf(MinMax);
      expect([result.min, result.max]).toEqual([-2, 9]);
    });
  });

  describe('take', () => {
    it('take', async () => {
      for (const slices of [1, 2, 100, 1000]) {
        const nums = sc.parallelize(range(1, 999), slices);
        expect(await nums.take(0)).toEqual([]);
        expect(await nums.take(1)).toEqual([1]);
        expect(await nums.take(3)).toEqual([1, 2, 3]);
        expect(await nums.take(500)).toEqual(range(1, 500));
        expect(await nums.take(501)).toEqual(range(1, 501));
        expect(await nums.take(999)).toEqual(range(1, 999));
        expect(await nums.take(1000)).toEqual(range(1, 999));
      }
      expect(await sc.parallelize([1, 2], 2).take(2147483638)).toEqual([1, 2]);
    });

    it('take scans only the partitions it needs', async () => {
      const jobs = resultTasks(sc);
      const nums = sc.parallelize(range(1, 100), 10);
      expect(await nums.take(3)).toEqual([1, 2, 3]);
      expect(jobs).toEqual([[0]]);
    });

    it('take continues past empty partitions', async () => {
      const sparse = sc.parallelize(range(1, 20), 10).filter((x) => x > 14);
      expect(await sparse.take(4)).toEqual([15, 16, 17, 18]);
    });
  });

  describe('first', () => {
    it('first', async () => {
      expect(await sc.parallelize([7, 8, 9], 3).first()).toBe(7);
      expect(await sc.parallelize([7, 8, 9], 3).filter((x) => x > 8).first()).toBe(9);
    });

    it('first of an empty RDD fails with EMPTY_COLLECTION', async () => {
      await expect(sc.emptyRDD().first()).rejects.toThrow(RivuletError);
      await expect(sc.parallelize([], 2).first()).rejects.toMatchObject({ code: 'EMPTY_COLLECTION' });
    });
  });

  it('isEmpty', async () => {
    expect(await sc.emptyRDD().isEmpty()).toBe(true);
    expect(await sc.parallelize([]).isEmpty()).toBe(true);
    expect(await sc.parallelize([1]).isEmpty()).toBe(false);
    expect(await sc.parallelize([1, 2, 3], 3).filter((x) => x < 0).isEmpty()).toBe(true);
    expect(await sc.parallelize([1, 2, 3], 3).filter((x) => x > 1).isEmpty()).toBe(false);
  });

  it('foreach visits every element once', async () => {
    const seen: number[] = [];
    await sc.parallelize(range(1, 10), 3).foreach((x) => void seen.push(x));
    expect(seen.sort((a, b) => a - b)).toEqual(range(1, 10));
  });

  describe('foreachPartition', () => {
    it('runs once per partition with that partition’s elements', async () => {
      const partitions: number[][] = [];
      await sc.parallelize(range(1, 5), 2).foreachPartition((values) => void partitions.push([...values]));
      expect(partitions.sort((a, b) => a.length - b.length)).toEqual([
        [1, 2],
        [3, 4, 5],
      ]);
    });

    it('awaits an async function before the action resolves', async () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const written: number[] = [];
      let settled = false;
      const action = sc.parallelize(range(1, 6), 3).foreachPartition(async (values) => {
        await gate;
        for (const v of values) written.push(v);
      });
      void action.then(() => (settled = true));
      await new Promise<void>((resolve) => setImmediate(resolve)); // let everything already queued run
      expect(settled).toBe(false);
      open();
      await action;
      expect(written.sort((a, b) => a - b)).toEqual(range(1, 6));
    });

    it('a rejected promise fails the action', async () => {
      const failing = sc.parallelize([1, 2], 2).foreachPartition(async () => {
        throw new Error('connection refused');
      });
      await expect(failing).rejects.toMatchObject({ code: 'TASK_FAILED', cause: { message: 'connection refused' } });
    });
  });

  it('countByKey', async () => {
    const pairs = sc.parallelize<[string, number]>([['a', 1], ['b', 1], ['a', 2], ['c', 3], ['a', 3]], 2);
    const counts = await pairs.countByKey();
    expect(counts).toBeInstanceOf(Map);
    expect(Object.fromEntries(counts)).toEqual({ a: 3, b: 1, c: 1 });
  });

  it('countByValue', async () => {
    const counts = await sc.parallelize(['x', 'y', 'x', 'z', 'x', 'y'], 3).countByValue();
    expect(Object.fromEntries(counts)).toEqual({ x: 3, y: 2, z: 1 });
    expect((await sc.emptyRDD<string>().countByValue()).size).toBe(0);
  });
});
