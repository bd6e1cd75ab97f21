/**
 * Jobs split into stages at shuffles, run parents first; stages whose output exists are skipped;
 * task failures fail the job with the original error as cause (Spark: `DAGSchedulerSuite`).
 */
import { describe, expect, it } from 'vitest';
import {
  RDDContext,
  ShuffleDependency,
  TaskFailedError,
  type Logger,
  type SchedulerEvent,
  type SchedulerListener,
  type StageInfo,
  type TaskInfo,
} from '../../../src/index.js';

/** Records every scheduler event of a context. */
function recordEvents(sc: RDDContext): SchedulerEvent[] {
  const events: SchedulerEvent[] = [];
  const record = (e: SchedulerEvent) => void events.push(e);
  sc.addSchedulerListener({
    onJobStart: record,
    onJobEnd: record,
    onStageSubmitted: record,
    onStageCompleted: record,
    onTaskStart: record,
    onTaskEnd: record,
  });
  return events;
}

const ofType = <T extends SchedulerEvent['type']>(events: SchedulerEvent[], type: T) =>
  events.filter((e): e is Extract<SchedulerEvent, { type: T }> => e.type === type);
const submitted = (events: SchedulerEvent[]): StageInfo[] => ofType(events, 'stageSubmitted').map((e) => e.stageInfo);
const completed = (events: SchedulerEvent[]): StageInfo[] => ofType(events, 'stageCompleted').map((e) => e.stageInfo);
const tasks = (events: SchedulerEvent[]): TaskInfo[] => ofType(events, 'taskEnded').map((e) => e.taskInfo);

const wordPairs = (sc: RDDContext) =>
  sc.parallelize(['a', 'b', 'a', 'c', 'a', 'b'], 2).map((w): [string, number] => [w, 1]);

describe('DAGScheduler', () => {
  it('a job with only narrow dependencies is one result stage', async () => {
    const sc = new RDDContext();
    const events = recordEvents(sc);
    await sc.parallelize([1, 2, 3], 3).map((x) => x + 1).filter((x) => x > 2).collect();
    expect(submitted(events).map((s) => [s.kind, s.rdd, s.numTasks])).toEqual([
      ['result', 'MapPartitionsRDD[2] at filter', 3],
    ]);
  });

  it('reduceByKey splits the job into a shuffle map stage and a result stage', async () => {
    const sc = new RDDContext();
    const events = recordEvents(sc);
    const counts = wordPairs(sc).reduceByKey((a, b) => a + b, 3);
    await counts.collect();

    expect(submitted(events).map((s) => [s.kind, s.rdd, s.numTasks])).toEqual([
      ['shuffleMap', 'MapPartitionsRDD[1] at map', 2],
      ['result', 'ShuffledRDD[2] at reduceByKey', 3],
    ]);
    const [jobStarted] = ofType(events, 'jobStarted');
    expect(jobStarted!.stageIds).toEqual(submitted(events).map((s) => s.stageId));
    expect(ofType(events, 'jobEnded')).toEqual([expect.objectContaining({ jobId: jobStarted!.jobId, succeeded: true })]);
  });

  it('a second action on a shuffled RDD skips the map stage, since its output exists', async () => {
    const sc = new RDDContext();
    const counts = wordPairs(sc).reduceByKey((a, b) => a + b);
    await counts.count();
    const events = recordEvents(sc);
    expect((await counts.collect()).sort()).toEqual([['a', 3], ['b', 2], ['c', 1]]);
    expect(submitted(events).map((s) => s.kind)).toEqual(['result']);
    expect(ofType(events, 'jobStarted')[0]!.stageIds).toHaveLength(1);
    // A new RDD downstream of the same shuffle skips it too.
    await counts.mapValues((n) => n * 2).collect();
    expect(submitted(events).map((s) => s.kind)).toEqual(['result', 'result']);
  });

  it('runs the stages of a chain of shuffles parents first', async () => {
    const sc = new RDDContext();
    const events = recordEvents(sc);
    const byCount = wordPairs(sc)
      .reduceByKey((a, b) => a + b)
      .map(([w, n]): [number, string] => [n, w])
      .groupByKey();
    await byCount.collect();
    expect(submitted(events).map((s) => [s.kind, s.rdd])).toEqual([
      ['shuffleMap', 'MapPartitionsRDD[1] at map'],
      ['shuffleMap', 'MapPartitionsRDD[3] at map'],
      ['result', 'ShuffledRDD[4] at groupByKey'],
    ]);
    const ids = submitted(events).map((s) => s.stageId);
    expect(new Set(ids).size).toBe(3);
  });

  it('a join of two unpartitioned RDDs has two map stages', async () => {
    const sc = new RDDContext();
    const events = recordEvents(sc);
    const left = sc.parallelize<[number, string]>([[1, 'a'], [2, 'b']], 2);
    const right = sc.parallelize<[number, string]>([[1, 'x']], 3);
    expect(await left.join(right).collect()).toEqual([[1, ['a', 'x']]]);
    expect(submitted(events).map((s) => s.kind)).toEqual(['shuffleMap', 'shuffleMap', 'result']);
  });

  it('a shuffle that two concurrent jobs need is computed once', async () => {
    const sc = new RDDContext();
    let calls = 0;
    const counts = sc
      .parallelize(['a', 'b', 'a'], 2)
      .map((w): [string, number] => (calls++, [w, 1]))
      .reduceByKey((a, b) => a + b);
    const [n, all] = await Promise.all([counts.count(), counts.collect()]);
    expect(n).toBe(2);
    expect(all.sort()).toEqual([['a', 2], ['b', 1]]);
    expect(calls).toBe(3);
  });

  it('lost map output is recomputed for the missing map partitions only', async () => {
    const sc = new RDDContext();
    const counts = wordPairs(sc).reduceByKey((a, b) => a + b);
    const before = (await counts.collect()).sort();
    const dep = counts.dependencies[0] as ShuffleDependency;
    dep.mapOutputs[1] = undefined;

    const events = recordEvents(sc);
    expect((await counts.collect()).sort()).toEqual(before);
    expect(submitted(events).map((s) => [s.kind, s.numTasks])).toEqual([
      ['shuffleMap', 1],
      ['result', 2],
    ]);
    expect(tasks(events).filter((t) => t.stageId === submitted(events)[0]!.stageId).map((t) => t.partition)).toEqual([1]);
  });

  it('task events carry record counts, and stage events their sums', async () => {
    const sc = new RDDContext();
    const events = recordEvents(sc);
    const pairs = sc.parallelize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2).map((x): [number, number] => [x % 3, x]);
    const sums = pairs.reduceByKey((a, b) => a + b, 2);
    expect((await sums.collect()).sort()).toEqual([[0, 18], [1, 22], [2, 15]]);

    const [mapStage, resultStage] = completed(events);
    const mapTasks = tasks(events).filter((t) => t.stageId === mapStage!.stageId);
    const resultTasks = tasks(events).filter((t) => t.stageId === resultStage!.stageId);
    // The map side reads 5 records per partition; the reduce side produces one per key.
    expect(mapTasks.map((t) => [t.partition, t.records])).toEqual([[0, 5], [1, 5]]);
    expect(mapStage!.recordsOut).toBe(10);
    expect(resultTasks.map((t) => t.records).reduce((a, b) => a + b)).toBe(3);
    expect(resultStage!.recordsOut).toBe(3);
    for (const t of tasks(events)) {
      expect(t.error).toBeUndefined();
    }
    expect(ofType(events, 'taskStarted')).toHaveLength(4);
  });

  describe('task failures', () => {
    it('a task that throws fails the job with TaskFailedError naming the RDD and partition', async () => {
      const sc = new RDDContext();
      const events = recordEvents(sc);
      const boom = new RangeError('bad record 3');
      const mapped = sc.parallelize([1, 2, 3, 4], 2).map((x) => {
        if (x === 3) throw boom;
        return x;
      });
      const error = await mapped.collect().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TaskFailedError);
      const failure = error as TaskFailedError;
      expect(failure.code).toBe('TASK_FAILED');
      expect(failure.message).toContain('MapPartitionsRDD[1] at map');
      expect(failure.message).toContain('partition 1');
      expect(failure.message).toContain('bad record 3');
      expect(failure.cause).toBe(boom);
      expect(failure.rddDescription).toBe('MapPartitionsRDD[1] at map');
      expect(failure.rddId).toBe(mapped.id);
      expect(failure.partition).toBe(1);

      expect(ofType(events, 'jobEnded')).toEqual([expect.objectContaining({ succeeded: false, error: failure })]);
      expect(completed(events)[0]!.failureReason).toContain('bad record 3');
      expect(tasks(events).find((t) => t.partition === 1)!.error).toBe(failure);
    });

    it('a failure on the map side of a shuffle names the map side RDD', async () => {
      const sc = new RDDContext();
      const grouped = sc
        .parallelize(['a', 'b'], 2)
        .map((w): [string, number] => {
          if (w === 'a') throw new Error('no a');
          return [w, 1];
        })
        .groupByKey();
      await expect(grouped.collect()).rejects.toThrow(
        expect.objectContaining({ name: 'TaskFailedError', partition: 0, rddId: 1, rddDescription: 'MapPartitionsRDD[1] at map' }),
      );
    });

    it('a non-Error thrown value is kept as the cause', async () => {
      const sc = new RDDContext();
      const rdd = sc.parallelize([1], 1).map(() => {
        throw 'plain string';
      });
      await expect(rdd.count()).rejects.toMatchObject({
        cause: 'plain string',
        message: expect.stringContaining('plain string'),
      });
    });

    it('the context keeps working after a failed job', async () => {
      const sc = new RDDContext();
      const failing = sc.parallelize([1, 2], 2).filter(() => {
        throw new Error('broken predicate');
      });
      await expect(failing.count()).rejects.toThrow(TaskFailedError);
      expect(await sc.parallelize([1, 2, 3], 2).map((x) => x * 2).collect()).toEqual([2, 4, 6]);
    });
  });

  describe('listeners', () => {
    it('a listener that throws does not fail the job; the error is logged', async () => {
      const logged: [string, unknown[]][] = [];
      const logger: Logger = {
        debug() {},
        info() {},
        warn() {},
        error: (message, ...details) => void logged.push([message, details]),
      };
      const sc = new RDDContext({ logger });
      const oops = new Error('listener bug');
      const seen: string[] = [];
      sc.addSchedulerListener({
        onStageSubmitted: () => {
          throw oops;
        },
      });
      sc.addSchedulerListener({ onStageSubmitted: (e) => void seen.push(e.stageInfo.kind) });

      expect((await wordPairs(sc).reduceByKey((a, b) => a + b).collect()).length).toBe(3);
      expect(seen).toEqual(['shuffleMap', 'result']);
      expect(logged).toHaveLength(2);
      expect(logged[0]![0]).toContain('stageSubmitted');
      expect(logged[0]![0]).toContain('listener bug');
      expect(logged[0]![1]).toContain(oops);
    });

    it('delivers events to listeners in the order they were added, until removed', async () => {
      const sc = new RDDContext();
      const order: string[] = [];
      const first: SchedulerListener = { onJobStart: () => void order.push('first') };
      const second: SchedulerListener = { onJobStart: () => void order.push('second') };
      sc.addSchedulerListener(first);
      sc.addSchedulerListener(second);
      await sc.parallelize([1]).count();
      sc.removeSchedulerListener(first);
      await sc.parallelize([1]).count();
      expect(order).toEqual(['first', 'second', 'second']);
    });

    it('every task of a job starts and ends between the job’s start and end', async () => {
      const sc = new RDDContext();
      const events = recordEvents(sc);
      await wordPairs(sc).groupByKey(3).count();
      const types = events.map((e) => e.type);
      expect(types[0]).toBe('jobStarted');
      expect(types.at(-1)).toBe('jobEnded');
      expect(types.filter((t) => t === 'taskStarted')).toHaveLength(5);
      expect(types.filter((t) => t === 'taskEnded')).toHaveLength(5);
      // A stage completes after all its tasks ended, before the next stage is submitted.
      expect(types.indexOf('stageCompleted')).toBeLessThan(types.lastIndexOf('stageSubmitted'));
      expect(types.lastIndexOf('taskEnded')).toBeLessThan(types.lastIndexOf('stageCompleted'));
    });
  });
});
