/**
 * Spark's `BasicOperationsSuite`, scenario for scenario: literal batches in, one array per output
 * RDD out. Scala's `None` is `undefined`; a `null` input batch is Spark's "input stream returns
 * None". The updateStateByKey scenarios live with the state operators.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  type DStream,
  type Duration,
  IllegalStateError,
  ManualClock,
  MemoryCheckpointStore,
  type RDD,
  RivuletError,
  Seconds,
  StreamingContext,
  Time,
} from '../../../src/index.js';
import { TestInputStream, testOperation, testOperation2 } from '../../../src/testing/index.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Spark's `useSet = true`: each batch compared without regard to order. */
const unordered = <T>(batches: T[][]): T[][] =>
  batches.map((batch) => [...batch].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));

/** Runs a test that must fail a batch (Spark: `intercept[SparkException]`); the logger reports the failure. */
async function expectBatchFailure(run: () => Promise<unknown>, code: string): Promise<RivuletError> {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(logged).toHaveBeenCalled();
  logged.mockRestore();
  expect(error).toBeInstanceOf(RivuletError);
  expect((error as RivuletError).code).toBe(code);
  return error as RivuletError;
}

describe('BasicOperations', () => {
  const input = [range(1, 4), range(5, 8), range(9, 12)];

  it('map', async () => {
    const out = await testOperation({ input, operation: (r: DStream<number>) => r.map(String) });
    expect(out).toEqual(input.map((b) => b.map(String)));
  });

  it('flatMap', async () => {
    const out = await testOperation({ input, operation: (r: DStream<number>) => r.flatMap((x) => [x, x * 2]) });
    expect(out).toEqual(input.map((b) => b.flatMap((x) => [x, x * 2])));
  });

  it('filter', async () => {
    const out = await testOperation({ input, operation: (r: DStream<number>) => r.filter((x) => x % 2 === 0) });
    expect(out).toEqual(input.map((b) => b.filter((x) => x % 2 === 0)));
  });

  it('glom', async () => {
    const out = await testOperation({ input, operation: (r: DStream<number>) => r.glom() });
    expect(out).toEqual([
      [[1, 2], [3, 4]],
      [[5, 6], [7, 8]],
      [[9, 10], [11, 12]],
    ]);
  });

  it('mapPartitions', async () => {
    const sum = (values: Iterable<number>): number => {
      let total = 0;
      for (const v of values) total += v;
      return total;
    };
    const out = await testOperation({ input, operation: (r: DStream<number>) => r.mapPartitions((x) => [sum(x)]) });
    expect(out).toEqual([[3, 7], [11, 15], [19, 23]]);
  });

  const repartitionInput = [range(1, 100), range(101, 200), range(201, 300)];

  it('repartition (more partitions)', async () => {
    const out = await testOperation({
      input: repartitionInput,
      operation: (r: DStream<number>) => r.repartition(5).glom(),
      numInputPartitions: 2,
    });
    expect(out).toHaveLength(3);
    out.forEach((partitions, i) => {
      expect(partitions).toHaveLength(5);
      expect(new Set(partitions.flat())).toEqual(new Set(repartitionInput[i]));
    });
  });

  it('repartition (fewer partitions)', async () => {
    const out = await testOperation({
      input: repartitionInput,
      operation: (r: DStream<number>) => r.repartition(2).glom(),
      numInputPartitions: 5,
    });
    expect(out).toHaveLength(3);
    out.forEach((partitions, i) => {
      expect(partitions).toHaveLength(2);
      expect(new Set(partitions.flat())).toEqual(new Set(repartitionInput[i]));
    });
  });

  const words = [['a', 'a', 'b'], ['', ''], []];
  const pairs = (s: DStream<string>): DStream<[string, number]> => s.map((x): [string, number] => [x, 1]);

  it('groupByKey', async () => {
    const out = await testOperation({ input: words, operation: (s: DStream<string>) => pairs(s).groupByKey() });
    expect(unordered(out)).toEqual(unordered([[['a', [1, 1]], ['b', [1]]], [['', [1, 1]]], []]));
  });

  it('reduceByKey', async () => {
    const out = await testOperation({ input: words, operation: (s: DStream<string>) => pairs(s).reduceByKey((a, b) => a + b) });
    expect(unordered(out)).toEqual(unordered([[['a', 2], ['b', 1]], [['', 2]], []]));
  });

  it('reduce', async () => {
    const out = await testOperation({ input, operation: (s: DStream<number>) => s.reduce((a, b) => a + b) });
    expect(out).toEqual([[10], [26], [42]]);
  });

  it('count', async () => {
    const out = await testOperation({
      input: [[], range(1, 1), range(1, 2), range(1, 3), range(1, 4)],
      operation: (s: DStream<number>) => s.count(),
    });
    expect(out).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('countByValue', async () => {
    const out = await testOperation({
      input: [[1], [1, 1, 1], [1, 2], [1, 1, 2, 2]],
      operation: (s: DStream<number>) => s.countByValue(),
    });
    expect(unordered(out)).toEqual(unordered([[[1, 1]], [[1, 3]], [[1, 1], [2, 1]], [[2, 2], [1, 2]]]));
  });

  it('mapValues', async () => {
    const out = await testOperation({
      input: words,
      operation: (s: DStream<string>) => pairs(s).reduceByKey((a, b) => a + b).mapValues((v) => v + 10),
    });
    expect(unordered(out)).toEqual(unordered([[['a', 12], ['b', 11]], [['', 12]], []]));
  });

  it('flatMapValues', async () => {
    const out = await testOperation({
      input: words,
      operation: (s: DStream<string>) => pairs(s).reduceByKey((a, b) => a + b).flatMapValues((v) => [v, v + 10]),
    });
    expect(unordered(out)).toEqual(
      unordered([[['a', 2], ['a', 12], ['b', 1], ['b', 11]], [['', 2], ['', 12]], []]),
    );
  });

  it('combineByKey', async () => {
    // Spark's PairDStreamFunctions.combineByKey: a per-key [sum, count], as for an average.
    const out = await testOperation({
      input: [[['a', 1], ['a', 3], ['b', 5]], [['b', 2]], []] as [string, number][][],
      operation: (s: DStream<[string, number]>) =>
        s.combineByKey<string, number, [number, number]>(
          (v) => [v, 1],
          (c, v) => [c[0] + v, c[1] + 1],
          (x, y) => [x[0] + y[0], x[1] + y[1]],
        ),
    });
    expect(unordered(out)).toEqual(unordered([[['a', [4, 2]], ['b', [5, 1]]], [['b', [2, 1]]], []]));
  });

  it('lineage names the pair operation the user called, not the combineByKey under it', async () => {
    const sites: string[] = [];
    const record = (op: string) => (rdd: RDD<unknown>) => void sites.push(`${op}: ${rdd.toDebugString().split('\n')[0]}`);
    await testOperation({
      input: [['a', 'b', 'a']],
      operation: (s: DStream<string>) => {
        const p = pairs(s);
        p.reduceByKey((a, b) => a + b).foreachRDD(record('reduceByKey'));
        p.groupByKey().foreachRDD(record('groupByKey'));
        p.combineByKey((v) => v, (c: number, v) => c + v, (x, y) => x + y).foreachRDD(record('combineByKey'));
        return p;
      },
    });
    expect(sites).toEqual([
      expect.stringMatching(/^reduceByKey: \(2\) ShuffledRDD\[\d+\] at reduceByKey \[/),
      expect.stringMatching(/^groupByKey: \(2\) ShuffledRDD\[\d+\] at groupByKey \[/),
      expect.stringMatching(/^combineByKey: \(2\) ShuffledRDD\[\d+\] at combineByKey \[/),
    ]);
  });

  it('union', async () => {
    const out = await testOperation({
      input: [range(1, 4), range(101, 104), range(201, 204)],
      operation: (s: DStream<number>) => s.union(s.map((x) => x + 4)),
    });
    expect(out).toEqual([range(1, 8), range(101, 108), range(201, 208)]);
  });

  it('union with input stream return None', async () => {
    const run = () => testOperation({
      input: [range(1, 4), range(101, 104), range(201, 204), null],
      operation: (s: DStream<number>) => s.union(s.map((x) => x + 4)),
    });
    const error = await expectBatchFailure(run, 'BATCH_FAILED');
    expect(error.message).toContain('4000 ms');
  });

  it('StreamingContext.union', async () => {
    const out = await testOperation({
      input: [range(1, 4), range(101, 104), range(201, 204)],
      operation: (s: DStream<number>) => s.context.union([s, s.map((x) => x + 4), s.map((x) => x + 8)]),
    });
    expect(out.map((b) => [...b].sort((a, c) => a - c))).toEqual([range(1, 12), range(101, 112), range(201, 212)]);
  });

  it('transform', async () => {
    const out = await testOperation({ input, operation: (r: DStream<number>) => r.transform((rdd) => rdd.map(String)) });
    expect(out).toEqual(input.map((b) => b.map(String)));
  });

  it('transform with time', async () => {
    const out = await testOperation({
      input,
      operation: (r: DStream<number>) => r.transform((rdd, time) => rdd.map((x) => x * 10_000 + time.milliseconds)),
    });
    expect(out).toEqual(input.map((b, i) => b.map((x) => x * 10_000 + (i + 1) * 1000)));
  });

  it('transform with NULL', async () => {
    const run = () => testOperation({
      input: [range(1, 4)],
      operation: (r: DStream<number>) => r.transform(() => null as unknown as RDD<number>),
    });
    const error = await expectBatchFailure(run, 'TRANSFORM_RETURNED_NO_RDD');
    expect(error.message).toContain('emptyRDD()');
  });

  it('transform with input stream return None', async () => {
    const run = () => testOperation({
      input: [range(1, 4), range(5, 8), null],
      operation: (r: DStream<number>) => r.transform((rdd) => rdd.map(String)),
    });
    await expectBatchFailure(run, 'BATCH_FAILED');
  });

  const input1 = [['a', 'b'], ['a', ''], [''], []];
  const input2 = [['a', 'b'], ['b', ''], [], ['']];
  const left = (s: DStream<string>): DStream<[string, number]> => s.map((x): [string, number] => [x, 1]);
  const right = (s: DStream<string>): DStream<[string, string]> => s.map((x): [string, string] => [x, 'x']);

  it('transformWith', async () => {
    const out = await testOperation2({
      input1,
      input2,
      operation: (s1: DStream<string>, s2: DStream<string>) =>
        left(s1).transformWith(right(s2), (rdd1, rdd2) => rdd1.join(rdd2)),
    });
    expect(unordered(out)).toEqual(unordered([[['a', [1, 'x']], ['b', [1, 'x']]], [['', [1, 'x']]], [], []]));
  });

  it('transformWith with input stream return None', async () => {
    const run = () => testOperation2({
      input1: [['a', 'b'], ['a', ''], [''], null],
      input2: [['a', 'b'], ['b', ''], [], null],
      operation: (s1: DStream<string>, s2: DStream<string>) => s1.transformWith(s2, (rdd1, rdd2) => rdd1.union(rdd2)),
    });
    await expectBatchFailure(run, 'BATCH_FAILED');
  });

  const unionOfThree = (s: DStream<number>): DStream<number> =>
    s.context.transform([s, s.map((x) => x + 4), s.map((x) => x + 8)], (rdds) =>
      rdds[0]!.context.union(rdds as RDD<number>[]),
    );

  it('StreamingContext.transform', async () => {
    const out = await testOperation({ input: [range(1, 4), range(101, 104), range(201, 204)], operation: unionOfThree });
    expect(out.map((b) => [...b].sort((a, c) => a - c))).toEqual([range(1, 12), range(101, 112), range(201, 212)]);
  });

  it('StreamingContext.transform with input stream return None', async () => {
    const run = () => testOperation({ input: [range(1, 4), range(101, 104), range(201, 204), null], operation: unionOfThree });
    await expectBatchFailure(run, 'BATCH_FAILED');
  });

  it('cogroup', async () => {
    const out = await testOperation2({
      input1: [['a', 'a', 'b'], ['a', ''], [''], []],
      input2: [['a', 'a', 'b'], ['b', ''], [], []],
      operation: (s1: DStream<string>, s2: DStream<string>) => left(s1).cogroup(right(s2)),
    });
    expect(unordered(out)).toEqual(
      unordered([
        [['a', [[1, 1], ['x', 'x']]], ['b', [[1], ['x']]]],
        [['a', [[1], []]], ['b', [[], ['x']]], ['', [[1], ['x']]]],
        [['', [[1], []]]],
        [],
      ]),
    );
  });

  it('join', async () => {
    const out = await testOperation2({
      input1,
      input2,
      operation: (s1: DStream<string>, s2: DStream<string>) => left(s1).join(right(s2)),
    });
    expect(unordered(out)).toEqual(unordered([[['a', [1, 'x']], ['b', [1, 'x']]], [['', [1, 'x']]], [], []]));
  });

  it('leftOuterJoin', async () => {
    const out = await testOperation2({
      input1,
      input2,
      operation: (s1: DStream<string>, s2: DStream<string>) => left(s1).leftOuterJoin(right(s2)),
    });
    expect(unordered(out)).toEqual(
      unordered([
        [['a', [1, 'x']], ['b', [1, 'x']]],
        [['', [1, 'x']], ['a', [1, undefined]]],
        [['', [1, undefined]]],
        [],
      ]),
    );
  });

  it('rightOuterJoin', async () => {
    const out = await testOperation2({
      input1,
      input2,
      operation: (s1: DStream<string>, s2: DStream<string>) => left(s1).rightOuterJoin(right(s2)),
    });
    expect(unordered(out)).toEqual(
      unordered([
        [['a', [1, 'x']], ['b', [1, 'x']]],
        [['', [1, 'x']], ['b', [undefined, 'x']]],
        [],
        [['', [undefined, 'x']]],
      ]),
    );
  });

  it('fullOuterJoin', async () => {
    const out = await testOperation2({
      input1,
      input2,
      operation: (s1: DStream<string>, s2: DStream<string>) => left(s1).fullOuterJoin(right(s2)),
    });
    expect(unordered(out)).toEqual(
      unordered([
        [['a', [1, 'x']], ['b', [1, 'x']]],
        [['', [1, 'x']], ['a', [1, undefined]], ['b', [undefined, 'x']]],
        [['', [1, undefined]]],
        [['', [undefined, 'x']]],
      ]),
    );
  });

  it('slice', async () => {
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock });
    const stream = new TestInputStream(ssc, [[1], [2], [3], [4]], 2);
    stream.foreachRDD(() => {}); // dummy output stream
    ssc.start();
    try {
      await clock.advance(2000);
      const inputFromSlice = async (fromMs: number, toMs: number): Promise<Set<number>> => {
        const rdds = stream.slice(new Time(fromMs), new Time(toMs));
        return new Set((await Promise.all(rdds.map((rdd) => rdd.collect()))).flat());
      };
      expect(await inputFromSlice(0, 1000)).toEqual(new Set([1]));
      expect(await inputFromSlice(0, 2000)).toEqual(new Set([1, 2]));
      expect(await inputFromSlice(1000, 2000)).toEqual(new Set([1, 2]));
      expect(await inputFromSlice(2000, 4000)).toEqual(new Set([2, 3, 4]));
    } finally {
      await ssc.stop();
    }
  });

  it('slice - has not been initialized', async () => {
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock() });
    const stream = new TestInputStream(ssc, [[1], [2], [3], [4]], 2);
    expect(() => stream.slice(new Time(0), new Time(1000))).toThrow(IllegalStateError);
    expect(() => stream.slice(new Time(0), new Time(1000))).toThrow('has not been initialized');
    await ssc.stop();
  });

  // ---- RDD cleanup ----

  const cleanupTestInput = Array.from({ length: 10 }, (_, x) => [x, x + 1]);

  /** Runs `operation` over ten 1-second batches and returns the operated stream (Spark: `runCleanupTest`). */
  async function runCleanupTest<T>(
    operation: (s: DStream<number>) => DStream<T>,
    numExpectedOutput = cleanupTestInput.length,
    rememberDuration?: Duration,
  ): Promise<DStream<T>> {
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock });
    ssc.checkpoint(new MemoryCheckpointStore());
    const operated = operation(new TestInputStream(ssc, cleanupTestInput, 2));
    const output: T[][] = [];
    operated.foreachRDD(async (rdd) => {
      output.push(await rdd.collect());
    });
    if (rememberDuration) ssc.remember(rememberDuration);
    ssc.start();
    try {
      for (let i = 0; i < cleanupTestInput.length; i++) await clock.advance(1000);
      expect(clock.getTimeMillis()).toBe(Seconds(10).milliseconds);
    } finally {
      await ssc.stop();
    }
    expect(output).toHaveLength(numExpectedOutput);
    return operated;
  }

  const has = (stream: DStream<unknown>, ms: number): boolean => stream.generatedRDDs.has(ms);

  it('rdd cleanup - map', async () => {
    const mapped = await runCleanupTest((s) => s.map((x) => x * 2), cleanupTestInput.length, Seconds(3));
    // Remembers 3 s: after batch 10 it holds 8, 9 and 10 s.
    expect(mapped.rememberDuration).toEqual(Seconds(3));
    expect([...mapped.generatedRDDs.keys()]).toEqual([8000, 9000, 10_000]);
    const input = mapped.dependencies[0]!;
    expect([...input.generatedRDDs.keys()]).toEqual([8000, 9000, 10_000]);
  });

  it('rdd cleanup - map and window', async () => {
    const rememberDuration = Seconds(3);
    const windowed2 = await runCleanupTest(
      (s) =>
        s
          .map((x): [number, number] => [x % 10, 1])
          .window(Seconds(2), Seconds(1))
          .window(Seconds(4), Seconds(2)),
      cleanupTestInput.length / 2,
      rememberDuration,
    );
    const windowed1 = windowed2.dependencies[0]!;
    const mapped = windowed1.dependencies[0]!;
    const windowOf = (s: DStream<unknown>): Duration => (s as unknown as { windowDuration: Duration }).windowDuration;

    // Remember durations
    expect(windowed2.rememberDuration).toEqual(rememberDuration);
    expect(windowed1.rememberDuration).toEqual(rememberDuration.plus(windowOf(windowed2)));
    expect(mapped.rememberDuration).toEqual(rememberDuration.plus(windowOf(windowed2)).plus(windowOf(windowed1)));

    // windowed2 remembers till 7 s: 10, 9, 8, 7; windowed1 till 4 s; mapped till 2 s.
    expect(has(windowed2, 10_000)).toBe(true);
    expect(has(windowed2, 8000)).toBe(true);
    expect(has(windowed2, 6000)).toBe(false);
    expect(has(windowed1, 10_000)).toBe(true);
    expect(has(windowed1, 4000)).toBe(true);
    expect(has(windowed1, 3000)).toBe(false);
    expect(has(mapped, 10_000)).toBe(true);
    expect(has(mapped, 2000)).toBe(true);
    expect(has(mapped, 1000)).toBe(false);
  });

  it('rdd cleanup - updateStateByKey', async () => {
    const stateStream = await runCleanupTest((s) =>
      s
        .map((x): [number, number] => [x, 1])
        .updateStateByKey((values: number[], state: number | undefined) => values.reduce((a, b) => a + b, state ?? 0))
        .checkpoint(Seconds(3)),
    );
    expect(stateStream.rememberDuration).toEqual(stateStream.checkpointDuration!.times(2));
    expect(has(stateStream, 10_000)).toBe(true);
    expect(has(stateStream, 4000)).toBe(false);
  });
});
