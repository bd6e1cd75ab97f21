/**
 * `updateStateByKey`, after the updateStateByKey tests of Spark's `BasicOperationsSuite`: the same
 * batches and expected tables through `testOperation`, plus the three function forms, partitioning,
 * property tests against a naive model and a long run.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DStream,
  HashPartitioner,
  ManualClock,
  MemoryCheckpointStore,
  Partitioner,
  RDD,
  Seconds,
  StreamingContext,
  Time,
  ValidationError,
} from '../../../src/index.js';
import { TestInputStream, testOperation } from '../../../src/testing/index.js';
import { reachableRDDs } from './reachableRDDs.js';

/** Each batch sorted, so batches compare as Spark's `useSet = true` compares them, duplicates kept. */
function sortedBatches<T>(batches: readonly (readonly T[])[]): T[][] {
  return batches.map((batch) => [...batch].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const silentLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const pairs = (s: DStream<string>): DStream<[string, number]> => s.map((x): [string, number] => [x, 1]);

const inputData = [['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['a'], []];
const runningCounts: [string, number][][] = [
  [['a', 1]],
  [['a', 2], ['b', 1]],
  [['a', 3], ['b', 2], ['c', 1]],
  [['a', 4], ['b', 3], ['c', 1]],
  [['a', 5], ['b', 3], ['c', 1]],
  [['a', 5], ['b', 3], ['c', 1]],
];
const withInitialCounts: [string, number][][] = [
  [['a', 2], ['c', 2]],
  [['a', 3], ['b', 1], ['c', 2]],
  [['a', 4], ['b', 2], ['c', 3]],
  [['a', 5], ['b', 3], ['c', 3]],
  [['a', 6], ['b', 3], ['c', 3]],
  [['a', 6], ['b', 3], ['c', 3]],
];

/** Runs a context fed by a queue stream, where `undefined` batches produce no RDD at all. */
async function runWithMissingBatches<T>(
  batches: (string[] | undefined)[],
  operation: (s: DStream<string>) => DStream<T>,
): Promise<T[][]> {
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock });
  ssc.checkpoint(new MemoryCheckpointStore());
  const queue: RDD<string>[] = [];
  const output: T[][] = [];
  operation(ssc.queueStream(queue)).foreachRDD(async (rdd) => {
    output.push(await rdd.collect());
  });
  ssc.start();
  try {
    for (const batch of batches) {
      if (batch) queue.push(ssc.rddContext.parallelize(batch, 2));
      await clock.advance(1000);
    }
  } finally {
    await ssc.stop();
  }
  return output;
}

describe('UpdateStateByKey', () => {
  it('updateStateByKey', async () => {
    const updateFunc = (values: number[], state: number | undefined) => sum(values) + (state ?? 0);
    const output = await testOperation({ input: inputData, operation: (s) => pairs(s).updateStateByKey(updateFunc) });
    expect(sortedBatches(output)).toEqual(sortedBatches(runningCounts));
  });

  it('updateStateByKey - simple with initial value RDD', async () => {
    const initial: [string, number][] = [
      ['a', 1],
      ['c', 2],
    ];
    const output = await testOperation({
      input: inputData,
      operation: (s) => {
        const initialRDD = s.context.rddContext.parallelize(initial);
        const updateFunc = (values: number[], state: number | undefined) => sum(values) + (state ?? 0);
        return pairs(s).updateStateByKey(updateFunc, new HashPartitioner(2), initialRDD);
      },
    });
    expect(sortedBatches(output)).toEqual(sortedBatches(withInitialCounts));
  });

  it('updateStateByKey - testing time stamps as input', async () => {
    const initial: [string, number][] = [
      ['a', 0],
      ['c', 0],
    ];
    // a -> 1000, 3000, 6000, 10000, 15000, 15000
    // b -> 0, 2000, 5000, 9000, 9000, 9000
    // c -> 1000, 1000, 3000, 3000, 3000, 3000
    const outputData: [string, number][][] = [
      [['a', 1000], ['c', 0]], // t = 1000
      [['a', 3000], ['b', 2000], ['c', 0]], // t = 2000
      [['a', 6000], ['b', 5000], ['c', 3000]], // t = 3000
      [['a', 10000], ['b', 9000], ['c', 3000]], // t = 4000
      [['a', 15000], ['b', 9000], ['c', 3000]], // t = 5000
      [['a', 15000], ['b', 9000], ['c', 3000]], // t = 6000
    ];
    const output = await testOperation({
      input: inputData,
      operation: (s) => {
        const initialRDD = s.context.rddContext.parallelize(initial);
        // Update only if we receive values for this key during the batch.
        const updateFunc = (time: Time, _key: string, values: number[], state: number | undefined) =>
          values.length > 0 ? time.milliseconds + (state ?? 0) : (state ?? 0);
        return pairs(s).updateStateByKey(updateFunc, new HashPartitioner(2), initialRDD);
      },
    });
    expect(sortedBatches(output)).toEqual(sortedBatches(outputData));
  });

  it('updateStateByKey - with initial value RDD', async () => {
    const initial: [string, number][] = [
      ['a', 1],
      ['c', 2],
    ];
    const output = await testOperation({
      input: inputData,
      operation: (s) => {
        const initialRDD = s.context.rddContext.parallelize(initial);
        const updateFunc = (values: number[], state: number | undefined) => sum(values) + (state ?? 0);
        const newUpdateFunc = function* (entries: Iterable<[string, number[], number | undefined]>): Iterable<[string, number]> {
          for (const [key, values, state] of entries) yield [key, updateFunc(values, state)];
        };
        return pairs(s).updateStateByKey(newUpdateFunc, new HashPartitioner(2), initialRDD);
      },
    });
    expect(sortedBatches(output)).toEqual(sortedBatches(withInitialCounts));
  });

  describe('updateStateByKey - object lifecycle', () => {
    // updateFunc clears a state when a StateObject is seen without new values twice in a row
    class StateObject {
      constructor(
        public counter = 0,
        public expireCounter = 0,
      ) {}
    }
    const updateFunc = (values: number[], state: StateObject | undefined): StateObject | undefined => {
      const stateObj = state ?? new StateObject();
      const n = sum(values);
      if (n === 0) {
        stateObj.expireCounter += 1; // no new values
      } else {
        // has new values, increment and reset expireCounter
        stateObj.counter += n;
        stateObj.expireCounter = 0;
      }
      return stateObj.expireCounter === 2 ? undefined : stateObj; // seen twice with no new values: give it the boot
    };
    const outputData: [string, number][][] = [
      [['a', 1], ['b', 1]],
      [['a', 1], ['b', 1]],
      [['a', 3], ['c', 1]],
      [['a', 3], ['c', 2]],
      [['c', 2]],
      [],
    ];

    it('with empty batches', async () => {
      const output = await testOperation({
        input: [['a', 'b'], [], ['a', 'c', 'a'], ['c'], [], []],
        operation: (s) => pairs(s).updateStateByKey(updateFunc).mapValues((obj) => obj.counter),
      });
      expect(sortedBatches(output)).toEqual(sortedBatches(outputData));
    });

    it('with batches that have no RDD (Spark\'s null input)', async () => {
      const output = await runWithMissingBatches([['a', 'b'], undefined, ['a', 'c', 'a'], ['c'], undefined, undefined], (s) =>
        pairs(s).updateStateByKey(updateFunc).mapValues((obj) => obj.counter),
      );
      expect(sortedBatches(output)).toEqual(sortedBatches(outputData));
    });
  });

  it('rdd cleanup - updateStateByKey', async () => {
    let stateStream: DStream<[number, number]> | undefined;
    const output = await testOperation({
      input: Array.from({ length: 10 }, (_, x) => [x, x + 1]),
      operation: (s) => {
        const updateFunc = (values: number[], state: number | undefined) => sum(values) + (state ?? 0);
        stateStream = s
          .map((x): [number, number] => [x, 1])
          .updateStateByKey(updateFunc)
          .checkpoint(Seconds(3));
        return stateStream;
      },
    });
    expect(output).toHaveLength(10);
    expect(stateStream!.rememberDuration).toEqual(stateStream!.checkpointDuration!.times(2));
    expect(stateStream!.generatedRDDs.has(10000)).toBe(true);
    expect(stateStream!.generatedRDDs.has(4000)).toBe(false);
  });

  it('all three function forms give the same states', async () => {
    const simple = (values: number[], state: number | undefined) => sum(values) + (state ?? 0);
    const keyed = (_time: Time, _key: string, values: number[], state: number | undefined) => sum(values) + (state ?? 0);
    const iterator = function* (entries: Iterable<[string, number[], number | undefined]>): Iterable<[string, number]> {
      for (const [key, values, state] of entries) yield [key, sum(values) + (state ?? 0)];
    };
    for (const updateFunc of [simple, keyed, iterator]) {
      const output = await testOperation({
        input: inputData,
        operation: (s) => pairs(s).updateStateByKey<string, number, number>(updateFunc),
      });
      expect(sortedBatches(output)).toEqual(sortedBatches(runningCounts));
    }
  });

  it('updates every key every batch, even without new values', async () => {
    const calls: string[] = [];
    await testOperation({
      input: [['a', 'b'], [], ['a']],
      numBatches: 4,
      operation: (s) =>
        pairs(s).updateStateByKey((time: Time, key: string, values: number[], state: number | undefined) => {
          calls.push(`${time.milliseconds} ${key} [${values.join(',')}] ${state ?? '-'}`);
          return sum(values) + (state ?? 0);
        }),
    });
    expect(calls.sort()).toEqual(
      [
        '1000 a [1] -',
        '1000 b [1] -',
        '2000 a [] 1',
        '2000 b [] 1',
        '3000 a [1] 1',
        '3000 b [] 1',
        '4000 a [] 2',
        '4000 b [] 1',
      ].sort(),
    );
  });

  it('returning undefined removes the key', async () => {
    // A key is dropped once it has been seen three times, and starts again afterwards.
    const output = await testOperation({
      input: [['a', 'b'], ['a'], ['a', 'b'], ['a']],
      operation: (s) =>
        pairs(s).updateStateByKey((values: number[], state: number | undefined) => {
          const count = sum(values) + (state ?? 0);
          return count >= 3 ? undefined : count;
        }),
    });
    expect(sortedBatches(output)).toEqual([
      [['a', 1], ['b', 1]],
      [['a', 2], ['b', 1]],
      [['b', 2]],
      [['a', 1], ['b', 2]],
    ]);
  });

  it('the iterator form keeps only the pairs it yields', async () => {
    const output = await testOperation({
      input: [['a', 'b', 'b'], ['a'], []],
      operation: (s) =>
        pairs(s).updateStateByKey(function* (entries: Iterable<[string, number[], number | undefined]>): Iterable<[string, number]> {
          for (const [key, values, state] of entries) {
            const count = sum(values) + (state ?? 0);
            if (count !== 2) yield [key, count];
          }
        }),
    });
    expect(sortedBatches(output)).toEqual([[['a', 1]], [], []]);
  });

  it('infers the state type of each form, keys and values from the stream', () => {
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock() });
    const stream = pairs(new TestInputStream<string>(ssc, [], 2));
    const simple = stream.updateStateByKey((values: number[], seen: boolean | undefined) => seen || values.length > 0);
    expectTypeOf(simple).toEqualTypeOf<DStream<[string, boolean]>>();
    const keyed = stream.updateStateByKey((time: Time, key: string, values: number[], last: string | undefined) =>
      values.length > 0 ? `${key}@${time.milliseconds}` : last,
    );
    expectTypeOf(keyed).toEqualTypeOf<DStream<[string, string]>>();
    const iterator = stream.updateStateByKey(function* (
      entries: Iterable<[string, number[], number[] | undefined]>,
    ): Iterable<[string, number[]]> {
      for (const [key, values, state] of entries) yield [key, [...(state ?? []), ...values]];
    });
    expectTypeOf(iterator).toEqualTypeOf<DStream<[string, number[]]>>();
  });

  it('rejects an update function of another arity', () => {
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock() });
    const stream = pairs(new TestInputStream<string>(ssc, [], 2));
    const three = (values: number[], state: number | undefined, extra: number) => sum(values) + (state ?? 0) + extra;
    expect(() => stream.updateStateByKey(three as never)).toThrow(ValidationError);
    expect(() => stream.updateStateByKey(three as never)).toThrow(/\(values, state\).*\(time, key, values, state\).*\(entries\)/);
    expect(() => stream.updateStateByKey((() => 1) as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => stream.updateStateByKey(((...args: unknown[]) => args) as never)).toThrow(ValidationError);
  });

  it('partitions the state by numPartitions or a partitioner', async () => {
    class FirstLetterPartitioner extends Partitioner {
      readonly numPartitions = 3;
      getPartition(key: unknown): number {
        return String(key).charCodeAt(0) % 3;
      }
      equals(other: Partitioner | undefined): boolean {
        return other instanceof FirstLetterPartitioner;
      }
    }
    const update = (values: number[], state: number | undefined) => sum(values) + (state ?? 0);
    const layouts = async (operation: (s: DStream<[string, number]>) => DStream<[string, number]>) => {
      const seen: { numPartitions: number; partitioner: Partitioner | undefined; output: [string, number][] }[] = [];
      await testOperation({
        input: inputData,
        operation: (s) => {
          const state = operation(pairs(s));
          state.foreachRDD(async (rdd) => {
            seen.push({ numPartitions: rdd.getNumPartitions(), partitioner: rdd.partitioner, output: await rdd.collect() });
          });
          return state;
        },
      });
      return seen;
    };

    const byNumber = await layouts((s) => s.updateStateByKey(update, 3));
    expect(byNumber.every((l) => l.numPartitions === 3 && new HashPartitioner(3).equals(l.partitioner))).toBe(true);

    const byDefault = await layouts((s) => s.updateStateByKey(update));
    expect(byDefault.every((l) => l.numPartitions === 2 && new HashPartitioner(2).equals(l.partitioner))).toBe(true);

    const byCustom = await layouts((s) => s.updateStateByKey(update, new FirstLetterPartitioner()));
    expect(byCustom.every((l) => l.numPartitions === 3 && l.partitioner instanceof FirstLetterPartitioner)).toBe(true);
    expect(sortedBatches(byCustom.map((l) => l.output))).toEqual(sortedBatches(runningCounts));
    // Each key sits in the partition its partitioner names: a (97) in 1, b (98) in 2, c (99) in 0.
    const glommed: string[][][] = [];
    await testOperation({
      input: inputData,
      operation: (s) => {
        const state = pairs(s).updateStateByKey(update, new FirstLetterPartitioner());
        state.glom().foreachRDD(async (rdd) => {
          glommed.push((await rdd.collect()).map((part) => part.map(([key]) => key)));
        });
        return state;
      },
    });
    expect(glommed.at(-1)).toEqual([['c'], ['a'], ['b']]);
  });

  it('updateStateByKey without a checkpoint directory fails at start', async () => {
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), logger: silentLogger });
    const update = (values: number[], state: number | undefined) => sum(values) + (state ?? 0);
    const stream = pairs(new TestInputStream<string>(ssc, [['a']], 2)).updateStateByKey(update).setName('counts');
    stream.foreachRDD(() => undefined);
    const error: unknown = (() => {
      try {
        ssc.start();
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'CHECKPOINT_DIRECTORY_NOT_SET',
      message: expect.stringMatching(/StateDStream 'counts'.*ssc\.checkpoint\(/),
    });
    await ssc.stop();
  });

  it('an earlier batch keeps its state when recomputed after later batches', async () => {
    // The update function mutates the state object in place, as "object lifecycle" does; every
    // earlier state RDD must keep its answer when computed again after later batches.
    const update = (values: number[], state: { count: number } | undefined) => {
      const counter = state ?? { count: 0 };
      counter.count += sum(values);
      return counter;
    };
    const seen: { rdd: RDD<[string, { count: number }]>; first: string }[] = [];
    const mismatches: string[] = [];
    await testOperation({
      input: Array.from({ length: 14 }, () => ['a', 'b', 'a']),
      operation: (s) => {
        const state = pairs(s).updateStateByKey(update);
        state.foreachRDD(async (rdd) => {
          seen.push({ rdd, first: JSON.stringify(sortedBatches([await rdd.collect()])) });
          for (const { rdd: earlier, first } of seen) {
            const again = JSON.stringify(sortedBatches([await earlier.collect()]));
            if (again !== first) mismatches.push(`${earlier}: ${first} then ${again}`);
          }
        });
        return state;
      },
    });
    expect(mismatches).toEqual([]);
    expect(seen.at(-1)!.first).toBe(JSON.stringify([[['a', { count: 28 }], ['b', { count: 14 }]]]));
  });

  it('keys compare by value', async () => {
    const output = await testOperation({
      input: [[[['x', 1], 1], [{ id: 2, tag: 't' }, 1]], [[['x', 1], 5], [{ tag: 't', id: 2 }, 1]]] as [unknown, number][][],
      operation: (s) => s.updateStateByKey((values: number[], state: number | undefined) => sum(values) + (state ?? 0)),
    });
    expect(sortedBatches(output)).toEqual(
      sortedBatches([
        [[['x', 1], 1], [{ id: 2, tag: 't' }, 1]],
        [[['x', 1], 6], [{ id: 2, tag: 't' }, 2]],
      ]),
    );
  });

  it('long run: 300 batches of a running count keep the lineage short and release earlier batches', async () => {
    const debugLines: number[] = [];
    const remembered: number[] = [];
    const reachable: number[] = [];
    let previous: RDD<unknown> | undefined;
    const output = await testOperation({
      input: Array.from({ length: 300 }, (_, i) => [`k${i % 7}`, `k${i % 3}`]),
      operation: (s) => {
        const state = pairs(s).updateStateByKey((values: number[], count: number | undefined) => sum(values) + (count ?? 0));
        state.foreachRDD((rdd) => {
          debugLines.push(rdd.toDebugString().split('\n').length);
          remembered.push(state.generatedRDDs.size + s.generatedRDDs.size);
          if (previous) reachable.push(reachableRDDs(previous)); // its batch has completed
          previous = rdd;
        });
        return state.map(([, count]) => count).reduce((a, b) => a + b);
      },
    });
    expect(output).toHaveLength(300);
    expect(output.at(-1)).toEqual([600]);
    // A local checkpoint every 10 batches (Spark's default for 1 s batches) truncates the lineage.
    expect(Math.max(...debugLines)).toBeLessThan(60);
    expect(Math.max(...debugLines.slice(200))).toBeLessThanOrEqual(Math.max(...debugLines.slice(0, 20)));
    // Twice the checkpoint interval for the state (Spark's rule), the same for its parents.
    expect(Math.max(...remembered)).toBeLessThanOrEqual(2 * 21);
    // Checkpointed state RDDs let go of their lineage, so earlier batches can be garbage-collected.
    expect(Math.max(...reachable)).toBeLessThan(60);
  });
});

// ---- Property tests: updateStateByKey against a naive model ----

type Key = string | [number];

/** Running sum that drops the key once it passes 6 or when a batch brings no values to an odd sum. */
function modelUpdate(values: number[], state: number | undefined): number | undefined {
  const total = sum(values) + (state ?? 0);
  if (total > 6) return undefined;
  if (values.length === 0 && total % 2 === 1) return undefined;
  return total;
}

/** Replays all batches up to each time into a `Map` (keys by their JSON). */
function naiveUpdateStateByKey(batches: [Key, number][][], numBatches: number, initial: [Key, number][]): [Key, number][][] {
  const states = new Map<string, [Key, number]>(initial.map(([k, s]) => [JSON.stringify(k), [k, s]]));
  const outputs: [Key, number][][] = [];
  for (let i = 0; i < numBatches; i++) {
    const grouped = new Map<string, [Key, number[]]>();
    for (const [key, value] of batches[i] ?? []) {
      const id = JSON.stringify(key);
      const group = grouped.get(id) ?? [key, []];
      group[1].push(value);
      grouped.set(id, group);
    }
    const ids = new Set([...states.keys(), ...grouped.keys()]);
    const next = new Map<string, [Key, number]>();
    for (const id of ids) {
      const key = grouped.get(id)?.[0] ?? states.get(id)![0];
      const total = modelUpdate(grouped.get(id)?.[1] ?? [], states.get(id)?.[1]);
      if (total !== undefined) next.set(id, [key, total]);
    }
    states.clear();
    for (const [id, entry] of next) states.set(id, entry);
    outputs.push([...states.values()]);
  }
  return outputs;
}

const keyArb: fc.Arbitrary<Key> = fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.tuple(fc.integer({ min: 0, max: 2 })));
const batchesArb = fc.array(fc.array(fc.tuple(keyArb, fc.integer({ min: 1, max: 3 })), { maxLength: 6 }), {
  minLength: 1,
  maxLength: 12,
});

describe('UpdateStateByKey properties', () => {
  it('matches a naive replay for every function form, partition count and initial state', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchesArb,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<'simple' | 'keyed' | 'iterator'>('simple', 'keyed', 'iterator'),
        fc.option(fc.uniqueArray(fc.tuple(keyArb, fc.integer({ min: 0, max: 4 })), { selector: ([k]) => JSON.stringify(k), maxLength: 4 }), {
          nil: undefined,
        }),
        async (batches, numInputPartitions, numStatePartitions, form, initial) => {
          const numBatches = batches.length + 2;
          const expected = naiveUpdateStateByKey(batches, numBatches, initial ?? []);
          const output = await testOperation({
            input: batches,
            numBatches,
            numInputPartitions,
            operation: (s) => {
              const initialRDD = initial ? s.context.rddContext.parallelize(initial, 2) : undefined;
              switch (form) {
                case 'simple':
                  return s.updateStateByKey(modelUpdate, numStatePartitions, initialRDD);
                case 'keyed':
                  return s.updateStateByKey(
                    (_time: Time, _key: Key, values: number[], state: number | undefined) => modelUpdate(values, state),
                    numStatePartitions,
                    initialRDD,
                  );
                case 'iterator':
                  return s.updateStateByKey(
                    function* (entries: Iterable<[Key, number[], number | undefined]>): Iterable<[Key, number]> {
                      for (const [key, values, state] of entries) {
                        const next = modelUpdate(values, state);
                        if (next !== undefined) yield [key, next];
                      }
                    },
                    numStatePartitions,
                    initialRDD,
                  );
              }
            },
          });
          expect(sortedBatches(output)).toEqual(sortedBatches(expected));
        },
      ),
      { numRuns: 60 },
    );
  });
});
