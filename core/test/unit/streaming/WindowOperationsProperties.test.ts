/**
 * Every window operation against a naive model that recomputes each window from its batches, on
 * random batches, window and slide lengths (multiples of the batch, the window shorter or longer
 * than the slide) and partition counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DStream, Seconds } from '../../../src/index.js';
import { testOperation } from '../../../src/testing/index.js';

type Key = number | string;
type Pair = [Key, number];

const NUM_RUNS = 40;
const batchDuration = Seconds(1);

interface Shape {
  readonly windowBatches: number;
  readonly slideBatches: number;
  readonly numInputPartitions: number;
  readonly numPartitions: number;
  /** Batches run past the input, so that keys leave the windows. */
  readonly extraBatches: number;
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  windowBatches: fc.integer({ min: 1, max: 5 }),
  slideBatches: fc.integer({ min: 1, max: 4 }),
  numInputPartitions: fc.integer({ min: 1, max: 4 }),
  numPartitions: fc.integer({ min: 1, max: 4 }),
  extraBatches: fc.integer({ min: 0, max: 5 }),
});

const keys: fc.Arbitrary<Key> = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b', 'c'));

function batchesOf<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[][]> {
  return fc.array(fc.array(item, { maxLength: 6 }), { minLength: 1, maxLength: 10 });
}

const pairs = (values: fc.Arbitrary<number>): fc.Arbitrary<Pair[][]> => batchesOf(fc.tuple(keys, values));

// ---- The naive model ----

/** The elements of each window, one entry per slide, as `testOperation` runs them. */
function windowsOf<T>(input: readonly (readonly T[])[], shape: Shape): T[][] {
  const numBatches = input.length + shape.extraBatches;
  const windows: T[][] = [];
  for (let end = shape.slideBatches; end <= numBatches; end += shape.slideBatches) {
    const window: T[] = [];
    for (let batch = Math.max(1, end - shape.windowBatches + 1); batch <= end; batch++) window.push(...(input[batch - 1] ?? []));
    windows.push(window);
  }
  return windows;
}

/** Sums by key, in first-seen order. */
function sumByKey(pairs: readonly Pair[]): Map<Key, number> {
  const sums = new Map<Key, number>();
  for (const [k, v] of pairs) sums.set(k, (sums.get(k) ?? 0) + v);
  return sums;
}

/**
 * The inverse form as Spark defines it: a key stays in the window once it has entered (with the
 * window's sum, 0 when it has no values) until `filter` drops it.
 */
function incrementalModel(windows: readonly Pair[][], filter: (pair: Pair) => boolean = () => true): Pair[][] {
  let previousKeys = new Set<Key>();
  return windows.map((window) => {
    const sums = sumByKey(window);
    const result: Pair[] = [];
    for (const k of new Set([...previousKeys, ...sums.keys()])) {
      const pair: Pair = [k, sums.get(k) ?? 0];
      if (filter(pair)) result.push(pair);
    }
    previousKeys = new Set(result.map(([k]) => k));
    return result;
  });
}

function run<T, U>(input: T[][], shape: Shape, operation: (s: DStream<T>) => DStream<U>): Promise<U[][]> {
  return testOperation({
    input,
    operation,
    numBatches: input.length + shape.extraBatches,
    numInputPartitions: shape.numInputPartitions,
  });
}

function durations(shape: Shape): [ReturnType<typeof Seconds>, ReturnType<typeof Seconds>] {
  return [batchDuration.times(shape.windowBatches), batchDuration.times(shape.slideBatches)];
}

/** Each output compared as a multiset. */
function asSets<T>(output: readonly (readonly T[])[]): T[][] {
  return output.map((batch) => [...batch].sort(byJson));
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const plus = (a: number, b: number): number => a + b;
const minus = (a: number, b: number): number => a - b;

describe('WindowOperations properties', () => {
  it('window holds the batches of the last window duration', async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(fc.integer({ min: -9, max: 9 })), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) => s.window(...durations(shape)));
        expect(asSets(output)).toEqual(asSets(windowsOf(input, shape)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reduceByWindow reduces each window, empty windows to nothing', async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(fc.integer({ min: -9, max: 9 })), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) => s.reduceByWindow(plus, ...durations(shape)));
        const expected = windowsOf(input, shape).map((w) => (w.length === 0 ? [] : [w.reduce(plus)]));
        expect(output).toEqual(expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reduceByWindow with inverse function matches the model', async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(fc.integer({ min: -9, max: 9 })), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) => s.reduceByWindow(plus, minus, ...durations(shape)));
        const windows = windowsOf(input, shape).map((w) => w.map((v): Pair => [1, v]));
        expect(output).toEqual(incrementalModel(windows).map((w) => w.map(([, v]) => v)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('countByWindow counts each window, 0 once anything was counted', async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(keys), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) => s.countByWindow(...durations(shape)));
        let hasCounted = false;
        const expected = windowsOf(input, shape).map((w) => {
          hasCounted ||= w.length > 0;
          return hasCounted ? [w.length] : [];
        });
        expect(output).toEqual(expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('countByValueAndWindow counts the values of each window', async () => {
    await fc.assert(
      fc.asyncProperty(batchesOf(keys), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) => s.countByValueAndWindow(...durations(shape), shape.numPartitions));
        const expected = windowsOf(input, shape).map((w) => [...sumByKey(w.map((k): Pair => [k, 1]))]);
        expect(asSets(output)).toEqual(asSets(expected));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('groupByKeyAndWindow groups the values of each window', async () => {
    await fc.assert(
      fc.asyncProperty(pairs(fc.integer({ min: -9, max: 9 })), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) =>
          s.groupByKeyAndWindow(...durations(shape), shape.numPartitions).mapValues((vs) => [...vs].sort(byJson)),
        );
        const expected = windowsOf(input, shape).map((w) => {
          const groups = new Map<Key, number[]>();
          for (const [k, v] of w) groups.set(k, [...(groups.get(k) ?? []), v]);
          return [...groups].map(([k, vs]): [Key, number[]] => [k, vs.sort(byJson)]);
        });
        expect(asSets(output)).toEqual(asSets(expected));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reduceByKeyAndWindow reduces the values of each window by key', async () => {
    await fc.assert(
      fc.asyncProperty(pairs(fc.integer({ min: -9, max: 9 })), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) => s.reduceByKeyAndWindow(plus, ...durations(shape), shape.numPartitions));
        expect(asSets(output)).toEqual(asSets(windowsOf(input, shape).map((w) => [...sumByKey(w)])));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reduceByKeyAndWindow with inverse function keeps keys that fall back to 0', async () => {
    await fc.assert(
      fc.asyncProperty(pairs(fc.integer({ min: -9, max: 9 })), shapes, async (input, shape) => {
        const output = await run(input, shape, (s) =>
          s.reduceByKeyAndWindow(plus, minus, ...durations(shape), shape.numPartitions),
        );
        expect(asSets(output)).toEqual(asSets(incrementalModel(windowsOf(input, shape))));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reduceByKeyAndWindow with inverse and filter functions matches the naive form', async () => {
    // Positive values, so that a sum of 0 means "no values in the window": the filter then drops
    // only expired keys, which is what Spark's filterFunc is for.
    await fc.assert(
      fc.asyncProperty(pairs(fc.integer({ min: 1, max: 5 })), shapes, async (input, shape) => {
        const isLive = (pair: Pair): boolean => pair[1] !== 0;
        const output = await run(input, shape, (s) =>
          s.reduceByKeyAndWindow(plus, minus, ...durations(shape), shape.numPartitions, isLive),
        );
        const windows = windowsOf(input, shape);
        expect(asSets(output)).toEqual(asSets(incrementalModel(windows, isLive)));
        expect(asSets(output)).toEqual(asSets(windows.map((w) => [...sumByKey(w)])));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
