/**
 * Window operations, after Spark's `WindowOperationsSuite`: the same scenarios and expected
 * tables through `testOperation`, compared as multisets where Spark compares sets (`useSet`).
 * Then what Spark's suite leaves implicit: construction errors, persistence, incremental cost
 * and flat memory over a long run.
 */
import { describe, expect, it } from 'vitest';
import {
  type DStream,
  Duration,
  IllegalStateError,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  RDD,
  RDDContext,
  RivuletError,
  Seconds,
  StorageLevel,
  StreamingContext,
  ValidationError,
} from '../../../src/index.js';
import { TestInputStream, testOperation } from '../../../src/testing/index.js';

const batchDuration = Seconds(1);
type Pair = [string, number];

// ---- Spark's inputs and expected outputs ----

const largerSlideInput: Pair[][] = [
  [['a', 1]],
  [['a', 2]], // 1st window from here
  [['a', 3]],
  [['a', 4]], // 2nd window from here
  [['a', 5]],
  [['a', 6]], // 3rd window from here
  [],
  [], // 4th window from here
];

const largerSlideReduceOutput: Pair[][] = [[['a', 3]], [['a', 10]], [['a', 18]], [['a', 11]]];

const bigInput: Pair[][] = [
  [['a', 1]],
  [['a', 1], ['b', 1]],
  [['a', 1], ['b', 1], ['c', 1]],
  [['a', 1], ['b', 1]],
  [['a', 1]],
  [],
  [['a', 1]],
  [['a', 1], ['b', 1]],
  [['a', 1], ['b', 1], ['c', 1]],
  [['a', 1], ['b', 1]],
  [['a', 1]],
  [],
];

const bigGroupByOutput: [string, number[]][][] = [
  [['a', [1]]],
  [['a', [1, 1]], ['b', [1]]],
  [['a', [1, 1]], ['b', [1, 1]], ['c', [1]]],
  [['a', [1, 1]], ['b', [1, 1]], ['c', [1]]],
  [['a', [1, 1]], ['b', [1]]],
  [['a', [1]]],
  [['a', [1]]],
  [['a', [1, 1]], ['b', [1]]],
  [['a', [1, 1]], ['b', [1, 1]], ['c', [1]]],
  [['a', [1, 1]], ['b', [1, 1]], ['c', [1]]],
  [['a', [1, 1]], ['b', [1]]],
  [['a', [1]]],
];

const bigReduceOutput: Pair[][] = [
  [['a', 1]],
  [['a', 2], ['b', 1]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 1]],
  [['a', 1]],
  [['a', 1]],
  [['a', 2], ['b', 1]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 1]],
  [['a', 1]],
];

/*
 * The output of reduceByKeyAndWindow with an inverse function but without a filter function
 * differs from the naive reduceByKeyAndWindow: no key leaves the ReducedWindowedDStream, even
 * when its value falls back to 0.
 */
const bigReduceInvOutput: Pair[][] = [
  [['a', 1]],
  [['a', 2], ['b', 1]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 1], ['c', 0]],
  [['a', 1], ['b', 0], ['c', 0]],
  [['a', 1], ['b', 0], ['c', 0]],
  [['a', 2], ['b', 1], ['c', 0]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 2], ['c', 1]],
  [['a', 2], ['b', 1], ['c', 0]],
  [['a', 1], ['b', 0], ['c', 0]],
];

// ---- Helpers, after Spark's testWindow / testReduceByKeyAndWindow* ----

/** Spark's `useSet = true`: each output RDD compared regardless of order. */
function asSets<T>(output: readonly (readonly T[])[]): T[][] {
  return output.map((batch) => [...batch].sort(byJson));
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function batchesFor(expectedOutputs: number, slideDuration: Duration): number {
  return expectedOutputs * slideDuration.div(batchDuration);
}

function testWindow(
  name: string,
  input: number[][],
  expectedOutput: number[][],
  windowDuration = Seconds(2),
  slideDuration = Seconds(1),
): void {
  it(`window - ${name}`, async () => {
    const output = await testOperation({
      input,
      operation: (s) => s.window(windowDuration, slideDuration),
      numBatches: batchesFor(expectedOutput.length, slideDuration),
    });
    expect(asSets(output)).toEqual(asSets(expectedOutput));
  });
}

function testReduceByKeyAndWindow(
  name: string,
  input: Pair[][],
  expectedOutput: Pair[][],
  windowDuration = Seconds(2),
  slideDuration = Seconds(1),
): void {
  it(`reduceByKeyAndWindow - ${name}`, async () => {
    const output = await testOperation({
      input,
      operation: (s: DStream<Pair>) => s.reduceByKeyAndWindow((x, y) => x + y, windowDuration, slideDuration),
      numBatches: batchesFor(expectedOutput.length, slideDuration),
    });
    expect(asSets(output)).toEqual(asSets(expectedOutput));
  });
}

function testReduceByKeyAndWindowWithInverse(
  name: string,
  input: Pair[][],
  expectedOutput: Pair[][],
  windowDuration = Seconds(2),
  slideDuration = Seconds(1),
): void {
  it(`reduceByKeyAndWindow with inverse function - ${name}`, async () => {
    const output = await testOperation({
      input,
      operation: (s: DStream<Pair>) =>
        s
          .reduceByKeyAndWindow(
            (x, y) => x + y,
            (x, y) => x - y,
            windowDuration,
            slideDuration,
          )
          .checkpoint(slideDuration.times(100)), // large, to keep RDD checkpointing out of the way
      numBatches: batchesFor(expectedOutput.length, slideDuration),
    });
    expect(asSets(output)).toEqual(asSets(expectedOutput));
  });
}

function testReduceByKeyAndWindowWithFilteredInverse(
  name: string,
  input: Pair[][],
  expectedOutput: Pair[][],
  windowDuration = Seconds(2),
  slideDuration = Seconds(1),
): void {
  it(`reduceByKeyAndWindow with inverse and filter functions - ${name}`, async () => {
    const filterFunc = (p: Pair): boolean => p[1] !== 0;
    const output = await testOperation({
      input,
      operation: (s: DStream<Pair>) =>
        s
          .reduceByKeyAndWindow(
            (x, y) => x + y,
            (x, y) => x - y,
            windowDuration,
            slideDuration,
            undefined,
            filterFunc,
          )
          .persist()
          .checkpoint(slideDuration.times(100)),
      numBatches: batchesFor(expectedOutput.length, slideDuration),
    });
    expect(asSets(output)).toEqual(asSets(expectedOutput));
  });
}

/** A context on a ManualClock with one literal input stream, for tests that drive it by hand. */
function manualContext<T>(input: T[][], numPartitions = 2): { ssc: StreamingContext; clock: ManualClock; stream: TestInputStream<T> } {
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration, clock });
  return { ssc, clock, stream: new TestInputStream(ssc, input, numPartitions) };
}

function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('WindowOperations', () => {
  // ---- window ----

  testWindow('basic window', [[0], [1], [2], [3], [4], [5]], [[0], [0, 1], [1, 2], [2, 3], [3, 4], [4, 5]]);

  testWindow('tumbling window', [[0], [1], [2], [3], [4], [5]], [[0, 1], [2, 3], [4, 5]], Seconds(2), Seconds(2));

  testWindow(
    'larger window',
    [[0], [1], [2], [3], [4], [5]],
    [[0, 1], [0, 1, 2, 3], [2, 3, 4, 5], [4, 5]],
    Seconds(4),
    Seconds(2),
  );

  testWindow('non-overlapping window', [[0], [1], [2], [3], [4], [5]], [[1, 2], [4, 5]], Seconds(2), Seconds(3));

  it('window - persistence level', async () => {
    const { ssc, stream } = manualContext([[0], [1], [2], [3], [4], [5]], 1);
    const windowStream = stream.window(batchDuration.times(2));
    expect(windowStream.storageLevel).toBe(StorageLevel.NONE);
    expect(stream.storageLevel).toBe(StorageLevel.MEMORY_ONLY_SER);
    windowStream.persist(StorageLevel.MEMORY_ONLY);
    expect(windowStream.storageLevel).toBe(StorageLevel.NONE);
    expect(stream.storageLevel).toBe(StorageLevel.MEMORY_ONLY);
    await ssc.stop();
  });

  it('window - validation', async () => {
    const { ssc, stream } = manualContext([[1]]);
    const mapped = stream.map((x) => x * 2); // MappedDStream[1]
    const cases: [() => unknown, string][] = [
      [
        () => mapped.window(Milliseconds(2500)),
        "window over MappedDStream[1]: window 2500 ms is not a multiple of the parent's slide 1000 ms; use 2000 or 3000 ms.",
      ],
      [
        () => mapped.window(Seconds(2), Milliseconds(1500)),
        "window over MappedDStream[1]: slide 1500 ms is not a multiple of the parent's slide 1000 ms; use 1000 or 2000 ms.",
      ],
      [
        () => mapped.window(Milliseconds(0)),
        "window over MappedDStream[1]: window 0 ms is not a positive multiple of the parent's slide 1000 ms; use 1000 ms.",
      ],
      [
        () => mapped.setName('doubled').window(Milliseconds(500)),
        "window over MappedDStream 'doubled': window 500 ms is not a multiple of the parent's slide 1000 ms; use 1000 ms.",
      ],
    ];
    for (const [build, message] of cases) {
      const error = thrownBy(build);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'INVALID_WINDOW', message });
    }
    await ssc.stop();
  });

  it('window - validation against a windowed parent uses its slide', async () => {
    const { ssc, stream } = manualContext([[1]]);
    const windowed = stream.window(Seconds(4), Seconds(2)); // WindowedDStream[1], slide 2 s
    expect(thrownBy(() => windowed.window(Seconds(3)))).toMatchObject({
      code: 'INVALID_WINDOW',
      message: "window over WindowedDStream[1]: window 3000 ms is not a multiple of the parent's slide 2000 ms; use 2000 or 4000 ms.",
    });
    expect(() => windowed.window(Seconds(6), Seconds(4))).not.toThrow();
    await ssc.stop();
  });

  it('window - over a queue stream, whose batches cannot be recomputed', async () => {
    // Each window reads its parent's remembered RDDs: computing a batch again would take the next
    // RDD off the queue instead.
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration, clock });
    const rdds = [[1], [2], [3], [4], [5]].map((batch) => ssc.rddContext.parallelize(batch, 1));
    const output: number[][] = [];
    ssc.queueStream(rdds).window(Seconds(3)).foreachRDD(async (rdd) => {
      output.push(await rdd.collect());
    });
    ssc.start();
    for (let i = 0; i < 6; i++) await clock.advance(batchDuration.milliseconds);
    await ssc.stop();
    expect(output).toEqual([[1], [1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5]]);
  });

  // ---- reduceByKeyAndWindow without an inverse function ----

  testReduceByKeyAndWindow('basic reduction', [[['a', 1], ['a', 3]]], [[['a', 4]]]);

  testReduceByKeyAndWindow(
    'key already in window and new value added into window',
    [[['a', 1]], [['a', 1]]],
    [[['a', 1]], [['a', 2]]],
  );

  testReduceByKeyAndWindow(
    'new key added into window',
    [[['a', 1]], [['a', 1], ['b', 1]]],
    [[['a', 1]], [['a', 2], ['b', 1]]],
  );

  testReduceByKeyAndWindow('key removed from window', [[['a', 1]], [['a', 1]], [], []], [[['a', 1]], [['a', 2]], [['a', 1]], []]);

  testReduceByKeyAndWindow('larger slide time', largerSlideInput, largerSlideReduceOutput, Seconds(4), Seconds(2));

  testReduceByKeyAndWindow('big test', bigInput, bigReduceOutput);

  // ---- reduceByKeyAndWindow with an inverse function ----

  testReduceByKeyAndWindowWithInverse('basic reduction', [[['a', 1], ['a', 3]]], [[['a', 4]]]);

  testReduceByKeyAndWindowWithInverse(
    'key already in window and new value added into window',
    [[['a', 1]], [['a', 1]]],
    [[['a', 1]], [['a', 2]]],
  );

  testReduceByKeyAndWindowWithInverse(
    'new key added into window',
    [[['a', 1]], [['a', 1], ['b', 1]]],
    [[['a', 1]], [['a', 2], ['b', 1]]],
  );

  testReduceByKeyAndWindowWithInverse(
    'key removed from window',
    [[['a', 1]], [['a', 1]], [], []],
    [[['a', 1]], [['a', 2]], [['a', 1]], [['a', 0]]],
  );

  testReduceByKeyAndWindowWithInverse('larger slide time', largerSlideInput, largerSlideReduceOutput, Seconds(4), Seconds(2));

  testReduceByKeyAndWindowWithInverse('big test', bigInput, bigReduceInvOutput);

  testReduceByKeyAndWindowWithFilteredInverse('big test', bigInput, bigReduceOutput);

  testReduceByKeyAndWindowWithInverse(
    'non-overlapping window',
    [[['a', 1]], [['a', 2], ['c', 1]], [['a', 4]], [['b', 8]], [['a', 16]], [['a', 32]]],
    [[['a', 6], ['c', 1]], [['a', 48], ['c', 0]]],
    Seconds(2),
    Seconds(3),
  );

  it('reduceByKeyAndWindow with inverse function - remove finished keys', async () => {
    const input: Pair[][] = [[['a', 1]], [['a', 1], ['b', 1]], [], [], [['b', 1]]];
    const run = (filterFunc?: (p: Pair) => boolean): Promise<Pair[][]> =>
      testOperation({
        input,
        operation: (s: DStream<Pair>) =>
          s.reduceByKeyAndWindow(
            (x, y) => x + y,
            (x, y) => x - y,
            Seconds(2),
            Seconds(1),
            2,
            filterFunc,
          ),
      });
    // Without a filter, finished keys stay with the zero value, as in Spark.
    expect(asSets(await run())).toEqual([[['a', 1]], [['a', 2], ['b', 1]], [['a', 1], ['b', 1]], [['a', 0], ['b', 0]], [['a', 0], ['b', 1]]]);
    // With one, they leave the window.
    expect(asSets(await run(([, count]) => count > 0))).toEqual([[['a', 1]], [['a', 2], ['b', 1]], [['a', 1], ['b', 1]], [], [['b', 1]]]);
  });

  it('reduceByKeyAndWindow with inverse function - windows that lost their cached partitions', async () => {
    // Each window is read, dropped from the cache and read again, so every window is computed
    // twice and the next one from a recomputed previous window: the same pairs each time.
    const words = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const input: Pair[][] = Array.from({ length: 14 }, (_, i) => words.filter((_, j) => (i * 3 + j * j) % 4 !== 0).map((w): Pair => [w, 1 + (i % 3)]));
    const { ssc, clock, stream } = manualContext(input);
    ssc.checkpoint(new MemoryCheckpointStore());
    const plus = (x: number, y: number): number => x + y;
    const minus = (x: number, y: number): number => x - y;
    const inverse = stream.reduceByKeyAndWindow(plus, minus, Seconds(3), Seconds(1), 2, ([, n]) => n > 0);
    const naive = stream.reduceByKeyAndWindow(plus, Seconds(3), Seconds(1), 2);
    const [first, second, expected]: Pair[][][] = [[], [], []];
    inverse.foreachRDD(async (rdd) => {
      first.push(await rdd.collect());
      ssc.rddContext.blockManager.removeRdd(rdd.id);
      second.push(await rdd.collect());
    });
    naive.foreachRDD(async (rdd) => void expected.push(await rdd.collect()));
    ssc.start();
    for (let i = 0; i < input.length; i++) await clock.advance(batchDuration.milliseconds);
    await ssc.stop();
    expect(first).toHaveLength(input.length);
    expect(asSets(first)).toEqual(asSets(expected));
    expect(asSets(second)).toEqual(asSets(expected));
  });

  it('reduceByKeyAndWindow with inverse function - persistence and checkpointing', async () => {
    const { ssc, stream } = manualContext<Pair>([]);
    const windowed = stream.reduceByKeyAndWindow(
      (x, y) => x + y,
      (x, y) => x - y,
      Seconds(6),
      Seconds(3),
    );
    const reduced = windowed.dependencies[0]!;
    expect(windowed.mustCheckpoint).toBe(true);
    expect(windowed.storageLevel).toBe(StorageLevel.MEMORY_ONLY_SER);
    expect(reduced.storageLevel).toBe(StorageLevel.MEMORY_ONLY_SER);
    expect(reduced.dependencies[0]).toBe(stream);
    windowed.persist(StorageLevel.MEMORY_ONLY);
    expect(reduced.storageLevel).toBe(StorageLevel.MEMORY_ONLY);
    windowed.print();
    ssc.checkpoint(new MemoryCheckpointStore());
    ssc.start();
    // Spark's default checkpoint interval: the first multiple of the slide that is ≥ 10 s.
    expect(windowed.checkpointDuration).toEqual(Seconds(12));
    expect(windowed.rememberDuration).toEqual(Seconds(24));
    expect(reduced.rememberDuration).toEqual(Seconds(30)); // a whole window more
    expect(stream.rememberDuration).toEqual(Seconds(30));
    await ssc.stop();
  });

  it('reduceByKeyAndWindow with inverse function - needs a checkpoint directory', async () => {
    const { ssc, stream } = manualContext<Pair>([]);
    stream.reduceByKeyAndWindow((x, y) => x + y, (x, y) => x - y, Seconds(2)).print();
    const error = thrownBy(() => ssc.start());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'CHECKPOINT_DIRECTORY_NOT_SET' });
    await ssc.stop();
  });

  it('reduceByKeyAndWindow - validation', async () => {
    const { ssc, stream } = manualContext<Pair>([]);
    const plus = (x: number, y: number): number => x + y;
    const minus = (x: number, y: number): number => x - y;
    const withInverse = thrownBy(() => stream.reduceByKeyAndWindow(plus, minus, Milliseconds(2500), Seconds(1)));
    expect(withInverse).toBeInstanceOf(ValidationError);
    expect(withInverse).toMatchObject({
      code: 'INVALID_WINDOW',
      message:
        "reduceByKeyAndWindow over TestInputStream[0]: window 2500 ms is not a multiple of the parent's slide 1000 ms; use 2000 or 3000 ms.",
    });
    expect(thrownBy(() => stream.reduceByKeyAndWindow(plus, minus, Seconds(2), Milliseconds(2200)))).toMatchObject({
      code: 'INVALID_WINDOW',
      message:
        "reduceByKeyAndWindow over TestInputStream[0]: slide 2200 ms is not a multiple of the parent's slide 1000 ms; use 2000 or 3000 ms.",
    });
    expect(thrownBy(() => stream.reduceByKeyAndWindow(plus, Milliseconds(1500)))).toMatchObject({ code: 'INVALID_WINDOW' });
    expect(thrownBy(() => stream.countByWindow(Seconds(2), Milliseconds(0)))).toMatchObject({ code: 'INVALID_WINDOW' });
    expect(thrownBy(() => stream.groupByKeyAndWindow(Milliseconds(999)))).toMatchObject({ code: 'INVALID_WINDOW' });
    await ssc.stop();
  });

  it('reduceByKeyAndWindow with inverse function - a filter that drops live keys fails the batch', async () => {
    // Spark's mergeValues throws when a key leaves the window but the previous window does not
    // hold it: filterFunc may only drop expired pairs.
    const run = testOperation({
      input: [[['a', 5]], [], []] as Pair[][],
      operation: (s: DStream<Pair>) =>
        s.reduceByKeyAndWindow(
          (x, y) => x + y,
          (x, y) => x - y,
          Seconds(2),
          Seconds(1),
          1,
          ([, v]) => v < 5,
        ),
    });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as RivuletError).cause).toBeInstanceOf(IllegalStateError);
    expect(String((error as RivuletError).message)).toContain('filterFunc must only drop expired pairs');
  });

  // ---- groupByKeyAndWindow, reduceByWindow, countByWindow, countByValueAndWindow ----

  it('groupByKeyAndWindow', async () => {
    const output = await testOperation({
      input: bigInput,
      operation: (s: DStream<Pair>) =>
        s
          .groupByKeyAndWindow(Seconds(2), Seconds(1))
          .mapValues((values) => [...values].sort())
          .persist(),
      numBatches: bigGroupByOutput.length,
    });
    expect(asSets(output)).toEqual(asSets(bigGroupByOutput));
  });

  it('reduceByWindow', async () => {
    const output = await testOperation({
      input: [[1], [2, 3], [], [4], [], []],
      operation: (s: DStream<number>) => s.reduceByWindow((x, y) => x + y, Seconds(2), Seconds(1)),
    });
    // reduce of an empty window is empty, as `reduce` of an empty batch.
    expect(output).toEqual([[1], [6], [5], [4], [4], []]);
  });

  it('reduceByWindow with inverse function', async () => {
    const output = await testOperation({
      input: [[], [1], [2, 3], [], [4], [], []],
      operation: (s: DStream<number>) =>
        s.reduceByWindow(
          (x, y) => x + y,
          (x, y) => x - y,
          Seconds(2),
          Seconds(1),
        ),
    });
    // Once a value has been seen, an empty window reduces to the zero value, as in Spark.
    expect(output).toEqual([[], [1], [6], [5], [4], [4], [0]]);
  });

  it('countByWindow', async () => {
    const output = await testOperation({
      input: [[1], [1], [1, 2], [0], [], []],
      operation: (s: DStream<number>) => s.countByWindow(Seconds(2), Seconds(1)),
    });
    expect(output).toEqual([[1], [2], [3], [3], [1], [0]]);
  });

  it('countByValueAndWindow', async () => {
    const output = await testOperation({
      input: [['a'], ['b', 'b'], ['a', 'b']],
      operation: (s: DStream<string>) => s.countByValueAndWindow(Seconds(2), Seconds(1)),
    });
    expect(asSets(output)).toEqual([[['a', 1]], [['a', 1], ['b', 2]], [['a', 1], ['b', 3]]]);
  });

  // ---- Cost and memory ----

  it('reduceByKeyAndWindow with inverse function - is incremental', async () => {
    // Per batch, the reduce functions run for the batches entering and leaving the window, not
    // for the whole window: the count is the same for a 4-batch and a 30-batch window.
    const keys = ['a', 'b', 'c', 'd'];
    const input: Pair[][] = Array.from({ length: 80 }, (_, i) => keys.map((k): Pair => [k, i]));
    const callsPerBatch = async (windowBatches: number, isInverse: boolean): Promise<number> => {
      const { ssc, clock, stream } = manualContext(input);
      ssc.checkpoint(new MemoryCheckpointStore());
      let calls = 0;
      const plus = (x: number, y: number): number => (calls++, x + y);
      const minus = (x: number, y: number): number => (calls++, x - y);
      const window = batchDuration.times(windowBatches);
      const windowed = isInverse ? stream.reduceByKeyAndWindow(plus, minus, window) : stream.reduceByKeyAndWindow(plus, window);
      const callsAfterBatch: number[] = [];
      windowed.foreachRDD(async (rdd) => {
        await rdd.count();
        callsAfterBatch.push(calls);
      });
      ssc.start();
      for (let i = 0; i < input.length; i++) await clock.advance(batchDuration.milliseconds);
      await ssc.stop();
      // From batch 35 on, when even the longest window is full and both are in their steady state.
      const steady = callsAfterBatch.slice(35);
      return (steady[steady.length - 1]! - steady[0]!) / (steady.length - 1);
    };
    const short = await callsPerBatch(4, true);
    const long = await callsPerBatch(30, true);
    expect(long).toBe(short);
    expect(short).toBeLessThanOrEqual(2 * keys.length); // one inverse and one reduce per key
    // Without the inverse function, each window is reduced again from its batches.
    expect(await callsPerBatch(30, false)).toBeGreaterThanOrEqual(29 * keys.length);
  });

  it('reduceByKeyAndWindow with inverse and filter functions - the filter sees only the pairs that changed', async () => {
    // One key enters each batch and one leaves: a 30-batch window holds 30 keys, and per batch the
    // filter sees two pairs (the newcomer, and the leaver at 0) rather than the whole window.
    const input: Pair[][] = Array.from({ length: 80 }, (_, i) => [[`k${i % 50}`, 1]]);
    const { ssc, clock, stream } = manualContext(input);
    ssc.checkpoint(new MemoryCheckpointStore());
    let filterCalls = 0;
    const plus = (x: number, y: number): number => x + y;
    const windowed = stream.reduceByKeyAndWindow(plus, (x, y) => x - y, Seconds(30), Seconds(1), 2, ([, n]) => (filterCalls++, n > 0));
    const naive = stream.reduceByKeyAndWindow(plus, Seconds(30), Seconds(1), 2);
    const [windows, expected, callsPerBatch]: [Pair[][], Pair[][], number[]] = [[], [], []];
    windowed.foreachRDD(async (rdd) => {
      const before = filterCalls;
      windows.push(await rdd.collect());
      callsPerBatch.push(filterCalls - before);
    });
    naive.foreachRDD(async (rdd) => void expected.push(await rdd.collect()));
    ssc.start();
    for (let i = 0; i < input.length; i++) await clock.advance(batchDuration.milliseconds);
    await ssc.stop();
    expect(asSets(windows)).toEqual(asSets(expected));
    expect(windows.slice(30).map((w) => w.length)).toEqual(Array(50).fill(30));
    expect(callsPerBatch.slice(30)).toEqual(Array(50).fill(2));
  });

  it('memory stays flat over a long run', async () => {
    const numBatches = 200;
    const input = Array.from({ length: numBatches }, (_, i) => Array.from({ length: 20 }, (_, j) => `w${(i * 7 + j) % 13}`));
    const { ssc, clock, stream } = manualContext(input);
    ssc.checkpoint(new MemoryCheckpointStore());
    const pairs = stream.map((w): Pair => [w, 1]);
    const counts = pairs.reduceByKeyAndWindow(
      (x, y) => x + y,
      (x, y) => x - y,
      Seconds(10),
      Seconds(2),
      2,
      ([, n]) => n > 0,
    );
    const windowed = stream.window(Seconds(6), Seconds(2)).count();
    const latest: RDD<unknown>[] = [];
    counts.foreachRDD(async (rdd) => {
      latest[0] = rdd;
      await rdd.count();
    });
    windowed.foreachRDD(async (rdd) => void (await rdd.collect()));
    const streams = allStreams(ssc);
    const remembered = (): number => streams.reduce((sum, s) => sum + s.generatedRDDs.size, 0);
    const samples: { remembered: number; memoryUsed: number; lineage: number }[] = [];
    ssc.start();
    for (let i = 1; i <= numBatches; i++) {
      await clock.advance(batchDuration.milliseconds);
      samples[i] = {
        remembered: remembered(),
        memoryUsed: ssc.rddContext.blockManager.memoryUsed,
        lineage: reachableRDDs(latest[0]),
      };
    }
    await ssc.stop();

    const early = samples.slice(60, 100);
    const late = samples.slice(160, 200);
    const max = (xs: typeof early, key: keyof (typeof early)[number]): number => Math.max(...xs.map((x) => x[key]));
    // Every stream remembers a fixed number of batches...
    expect(max(late, 'remembered')).toBe(max(early, 'remembered'));
    // ...and caches about as much after 200 batches as after 100.
    expect(max(late, 'memoryUsed')).toBeLessThanOrEqual(max(early, 'memoryUsed') * 1.1);
    // Checkpoints cut the lineage, so the old window RDDs can be garbage-collected.
    expect(max(late, 'lineage')).toBe(max(early, 'lineage'));
    expect(max(late, 'lineage')).toBeLessThan(100);
  });
});

/** Every stream of a context's graph, from the outputs up. */
function allStreams(ssc: StreamingContext): DStream<unknown>[] {
  const seen = new Set<DStream<unknown>>();
  const visit = (s: DStream<unknown>): void => {
    if (seen.has(s)) return;
    seen.add(s);
    s.dependencies.forEach(visit);
  };
  ssc.graph.getOutputStreams().forEach(visit);
  return [...seen];
}

/** How many RDDs an RDD keeps reachable through its fields (its lineage, as the heap sees it). */
function reachableRDDs(root: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof RDDContext || value instanceof StreamingContext) continue;
    if (value instanceof RDD) count++;
    if (value instanceof Map) for (const entry of value) stack.push(entry);
    else for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
  }
  return count;
}
