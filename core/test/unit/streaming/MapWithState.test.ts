/**
 * `mapWithState`, after Spark's `MapWithStateSuite`: the same batches and expected tables, run
 * through `testOperation`, plus property tests against a naive model and a long run.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DStream,
  type Duration,
  HashPartitioner,
  IllegalStateError,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  type RDD,
  Seconds,
  StreamingContext,
  Time,
  ValidationError,
} from '../../../src/index.js';
import type { MapWithStateDStream } from '../../../src/streaming/dstream/internal.js';
import { StateImpl, type State } from '../../../src/streaming/state/State.js';
import { StateSpec } from '../../../src/streaming/state/StateSpec.js';
import { TestInputStream, testOperation } from '../../../src/testing/index.js';
import { reachableRDDs } from './reachableRDDs.js';

/** Each batch sorted, so batches compare as Spark's suite compares them (`toSet`), duplicates kept. */
function sortedBatches<T>(batches: readonly (readonly T[])[]): T[][] {
  return batches.map((batch) => [...batch].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
}

/** Spark's `getOperationOutput`: the mapped records and the state snapshots of every batch. */
async function runMapWithState<K, S, M>(
  input: K[][],
  spec: StateSpec<K, number, S, M>,
  options: { numBatches?: number; checkpointInterval?: Duration; numInputPartitions?: number } = {},
): Promise<{ outputs: M[][]; snapshots: [K, S][][] }> {
  const snapshots: [K, S][][] = [];
  const outputs = await testOperation({
    input,
    numBatches: options.numBatches,
    numInputPartitions: options.numInputPartitions,
    operation: (s) => {
      const stream = s.map((x): [K, number] => [x, 1]).mapWithState(spec);
      if (options.checkpointInterval) stream.checkpoint(options.checkpointInterval);
      stream.stateSnapshots().foreachRDD(async (rdd) => {
        snapshots.push(await rdd.collect());
      });
      return stream;
    },
  });
  return { outputs, snapshots };
}

/** Spark's `testOperation` of the suite: outputs and snapshots compared batch by batch as sets. */
async function expectMapWithState<K, S, M>(
  input: K[][],
  spec: StateSpec<K, number, S, M>,
  expectedOutputs: M[][],
  expectedStateSnapshots: [K, S][][],
): Promise<void> {
  const { outputs, snapshots } = await runMapWithState(input, spec);
  expect(sortedBatches(outputs)).toEqual(sortedBatches(expectedOutputs));
  expect(sortedBatches(snapshots)).toEqual(sortedBatches(expectedStateSnapshots));
}

const silentLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('MapWithState', () => {
  it('state - get, exists, update, remove', () => {
    let state: StateImpl<number>;

    function testState(
      expectedData: number | undefined,
      { shouldBeUpdated = false, shouldBeRemoved = false, shouldBeTimingOut = false } = {},
    ): void {
      if (expectedData !== undefined) {
        expect(state.exists()).toBe(true);
        expect(state.get()).toBe(expectedData);
        expect(state.getOption()).toBe(expectedData);
        expect(state.getOption() ?? -1).toBe(expectedData);
      } else {
        expect(state.exists()).toBe(false);
        expect(() => state.get()).toThrow(IllegalStateError);
        expect(state.getOption()).toBeUndefined();
        expect(state.getOption() ?? -1).toBe(-1);
      }

      expect(state.isTimingOut()).toBe(shouldBeTimingOut);
      if (shouldBeTimingOut) {
        expect(() => state.remove()).toThrow(IllegalStateError);
        expect(() => state.update(-1)).toThrow(IllegalStateError);
      }

      expect(state.isUpdated()).toBe(shouldBeUpdated);

      expect(state.isRemoved()).toBe(shouldBeRemoved);
      if (shouldBeRemoved) {
        expect(() => state.remove()).toThrow(IllegalStateError);
        expect(() => state.update(-1)).toThrow(IllegalStateError);
      }
    }

    state = new StateImpl<number>();
    testState(undefined);

    state.wrap(false, undefined);
    testState(undefined);

    state.wrap(true, 1);
    testState(1);

    state.update(2);
    testState(2, { shouldBeUpdated: true });

    state = new StateImpl<number>();
    state.update(2);
    testState(2, { shouldBeUpdated: true });

    state.remove();
    testState(undefined, { shouldBeRemoved: true });

    state.wrapTimingOutState(3);
    testState(3, { shouldBeTimingOut: true });
  });

  it('State.get on a missing state explains how to check first', () => {
    const state = new StateImpl<number>();
    expect(() => state.get()).toThrow(/state\.exists\(\).*getOption\(\)/);
    try {
      state.get();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ILLEGAL_STATE' });
    }
    expect(String(state)).toBe('<state not set>');
    state.update(7);
    expect(String(state)).toBe('7');
  });

  it('mapWithState - basic operations with simple API', async () => {
    const inputData = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['a'], []];
    const outputData = [[], [1], [2, 1], [3, 2, 1], [4, 3], [5], []];
    const stateData: [string, number][][] = [
      [],
      [['a', 1]],
      [['a', 2], ['b', 1]],
      [['a', 3], ['b', 2], ['c', 1]],
      [['a', 4], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
    ];

    // state maintains running count, and updated count is returned
    const mappingFunc = (key: string, value: number | undefined, state: State<number>): number => {
      const total = (value ?? 0) + (state.getOption() ?? 0);
      state.update(total);
      return total;
    };

    await expectMapWithState(inputData, StateSpec.function(mappingFunc), outputData, stateData);
  });

  it('mapWithState - basic operations with advanced API', async () => {
    const inputData = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['a'], []];
    const outputData = [[], ['aa'], ['aa', 'bb'], ['aa', 'bb', 'cc'], ['aa', 'bb'], ['aa'], []];
    const stateData: [string, number][][] = [
      [],
      [['a', 1]],
      [['a', 2], ['b', 1]],
      [['a', 3], ['b', 2], ['c', 1]],
      [['a', 4], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
    ];

    // state maintains running count, key string doubled and returned
    const mappingFunc = (_batchTime: Time, key: string, value: number | undefined, state: State<number>) => {
      const total = (value ?? 0) + (state.getOption() ?? 0);
      state.update(total);
      return key.repeat(2);
    };

    await expectMapWithState(inputData, StateSpec.function(mappingFunc), outputData, stateData);
  });

  it('mapWithState - type inferencing and class tags', () => {
    // A simple function with value as number, state as boolean and mapped type as string.
    const simpleFunc = (_key: string, _value: number | undefined, _state: State<boolean>): string => '0';
    // An advanced function with the same types.
    const advancedFunc = (_time: Time, _key: string, _value: number | undefined, _state: State<boolean>): string | undefined =>
      '0';

    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock() });
    const inputStream: DStream<[string, number]> = new TestInputStream<[string, number]>(ssc, [], 2);
    type Expected = MapWithStateDStream<string, number, boolean, string>;

    // Defining the spec inline with the simple function gets the types from the function.
    const simpleStream1 = inputStream.mapWithState(StateSpec.function(simpleFunc).numPartitions(1));
    expectTypeOf(simpleStream1).toEqualTypeOf<Expected>();

    // A separately defined spec, with explicit types.
    const simpleSpec = StateSpec.function<string, number, boolean, string>(simpleFunc);
    expectTypeOf(inputStream.mapWithState(simpleSpec)).toEqualTypeOf<Expected>();

    // A separately defined spec with the advanced function gets the types from the function.
    const advancedSpec1 = StateSpec.function(advancedFunc);
    expectTypeOf(advancedSpec1).toEqualTypeOf<StateSpec<string, number, boolean, string>>();
    expectTypeOf(inputStream.mapWithState(advancedSpec1)).toEqualTypeOf<Expected>();

    // Inline, with an unannotated key and value: they come from the stream.
    const inferred = inputStream.mapWithState(
      StateSpec.function((key, value, state: State<boolean>) => `${key}${value ?? 0}${state.exists()}`),
    );
    expectTypeOf(inferred).toEqualTypeOf<Expected>();

    expectTypeOf(simpleStream1.stateSnapshots()).toEqualTypeOf<DStream<[string, boolean]>>();
    expect(simpleStream1).toBeInstanceOf(DStream);
    expect(simpleStream1.slideDuration).toEqual(Seconds(1));
  });

  it('mapWithState - states as mapped data', async () => {
    const inputData = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['a'], []];
    const outputData: [string, number][][] = [
      [],
      [['a', 1]],
      [['a', 2], ['b', 1]],
      [['a', 3], ['b', 2], ['c', 1]],
      [['a', 4], ['b', 3]],
      [['a', 5]],
      [],
    ];
    const stateData: [string, number][][] = [
      [],
      [['a', 1]],
      [['a', 2], ['b', 1]],
      [['a', 3], ['b', 2], ['c', 1]],
      [['a', 4], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
    ];

    const mappingFunc = (_time: Time, key: string, value: number | undefined, state: State<number>) => {
      const total = (value ?? 0) + (state.getOption() ?? 0);
      const output: [string, number] = [key, total];
      state.update(total);
      return output;
    };

    await expectMapWithState(inputData, StateSpec.function(mappingFunc), outputData, stateData);
  });

  it('mapWithState - initial states, with nothing returned as from mapping function', async () => {
    const initialState: [string, number][] = [['a', 5], ['b', 10], ['c', -20], ['d', 0]];
    const inputData = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['a'], []];
    const outputData: number[][] = inputData.map(() => []);
    const stateData: [string, number][][] = [
      [['a', 5], ['b', 10], ['c', -20], ['d', 0]],
      [['a', 6], ['b', 10], ['c', -20], ['d', 0]],
      [['a', 7], ['b', 11], ['c', -20], ['d', 0]],
      [['a', 8], ['b', 12], ['c', -19], ['d', 0]],
      [['a', 9], ['b', 13], ['c', -19], ['d', 0]],
      [['a', 10], ['b', 13], ['c', -19], ['d', 0]],
      [['a', 10], ['b', 13], ['c', -19], ['d', 0]],
    ];

    const mappingFunc = (_time: Time, _key: string, value: number | undefined, state: State<number>): number | undefined => {
      state.update((value ?? 0) + (state.getOption() ?? 0));
      return undefined;
    };

    const snapshots: [string, number][][] = [];
    const outputs = await testOperation({
      input: inputData,
      operation: (s) => {
        const spec = StateSpec.function(mappingFunc).initialState(s.context.rddContext.parallelize(initialState));
        const stream = s.map((x): [string, number] => [x, 1]).mapWithState(spec);
        stream.stateSnapshots().foreachRDD(async (rdd) => {
          snapshots.push(await rdd.collect());
        });
        return stream;
      },
    });
    expect(outputs).toEqual(outputData);
    expect(sortedBatches(snapshots)).toEqual(sortedBatches(stateData));
  });

  it('mapWithState - state removing', async () => {
    const inputData = [
      [],
      ['a'],
      ['a', 'b'], // a will be removed
      ['a', 'b', 'c'], // b will be removed
      ['a', 'b', 'c'], // a and c will be removed
      ['a', 'b'], // b will be removed
      ['a'], // a will be removed
      [],
    ];
    // States that were removed
    const outputData = [[], [], ['a'], ['b'], ['a', 'c'], ['b'], ['a'], []];
    const stateData: [string, number][][] = [
      [],
      [['a', 1]],
      [['b', 1]],
      [['a', 1], ['c', 1]],
      [['b', 1]],
      [['a', 1]],
      [],
      [],
    ];

    const mappingFunc = (_time: Time, key: string, value: number | undefined, state: State<number>) => {
      if (state.exists()) {
        state.remove();
        return key;
      }
      state.update(value!);
      return undefined;
    };

    await expectMapWithState(inputData, StateSpec.function(mappingFunc).numPartitions(1), outputData, stateData);
  });

  it('mapWithState - state timing out', async () => {
    const inputData = [
      ['a', 'b', 'c'],
      ['a', 'b'],
      ['a'],
      [], // c will time out
      [], // b will time out
      ['a'], // a will not time out
      ...Array.from({ length: 20 }, () => ['a']), // a will continue to stay active
    ];

    const mappingFunc = (_time: Time, key: string, value: number | undefined, state: State<number>) => {
      if (value !== undefined) state.update(1);
      return state.isTimingOut() ? key : undefined;
    };

    const { outputs, snapshots } = await runMapWithState(inputData, StateSpec.function(mappingFunc).timeout(Seconds(3)), {
      numBatches: 20,
    });

    // b and c should be returned once each, when they were marked as expired
    expect(outputs.flat().sort()).toEqual(['b', 'c']);
    // States for a, b, c should be defined at one point of time
    expect(sortedBatches(snapshots).some((s) => JSON.stringify(s) === JSON.stringify([['a', 1], ['b', 1], ['c', 1]]))).toBe(true);
    // Finally state should be defined only for a
    expect(snapshots.at(-1)).toEqual([['a', 1]]);

    // As in Spark, idle keys are looked for on the checkpointed batches: every 10 by default.
    expect(outputs[9]!.sort()).toEqual(['b', 'c']);
    expect(sortedBatches(snapshots.slice(0, 9)).every((s) => s.length === 3)).toBe(true);
  });

  it('mapWithState - timeouts are checked on every checkpointed batch', async () => {
    // Checkpointing every batch looks for idle keys every batch: a key last updated at t times
    // out at the first batch after t + timeout, with one last call without a value.
    const calls: string[] = [];
    const mappingFunc = (time: Time, key: string, value: number | undefined, state: State<number>) => {
      calls.push(`${time.milliseconds}:${key}:${value ?? '-'}:${state.isTimingOut()}`);
      if (state.isTimingOut()) return `${key} timed out with ${state.get()}`;
      state.update((state.getOption() ?? 0) + value!);
      return undefined;
    };
    const { outputs, snapshots } = await runMapWithState(
      [['a', 'b'], ['a'], [], [], ['b']],
      StateSpec.function(mappingFunc).timeout(Milliseconds(1500)),
      { numBatches: 6, checkpointInterval: Seconds(1) },
    );
    // b: updated at 1000, idle past 2500, so it times out at 3000; a: 2000 → 3500 → 4000.
    expect(outputs).toEqual([[], [], ['b timed out with 1'], ['a timed out with 2'], [], []]);
    expect(sortedBatches(snapshots)).toEqual([
      [['a', 1], ['b', 1]],
      [['a', 2], ['b', 1]],
      [['a', 2]],
      [],
      [['b', 1]],
      [['b', 1]],
    ]);
    expect(calls.filter((c) => c.endsWith('true'))).toEqual(['3000:b:-:true', '4000:a:-:true']);
  });

  it('mapWithState - a key that receives data stays active even if its state is unchanged', async () => {
    const mappingFunc = (_time: Time, key: string, _value: number | undefined, state: State<number>) => {
      if (!state.exists()) state.update(0); // only the first value sets the state
      return state.isTimingOut() ? key : undefined;
    };
    const { outputs } = await runMapWithState(
      [['a'], ['a'], ['a'], ['a'], []],
      StateSpec.function(mappingFunc).timeout(Milliseconds(1500)),
      { numBatches: 7, checkpointInterval: Seconds(1) },
    );
    expect(outputs).toEqual([[], [], [], [], [], ['a'], []]);
  });

  it('mapWithState - checkpoint durations', async () => {
    async function testCheckpointDuration(
      batchDuration: Duration,
      expectedCheckpointDuration: Duration,
      explicitCheckpointDuration?: Duration,
    ): Promise<void> {
      const ssc = new StreamingContext({ batchDuration, clock: new ManualClock() });
      try {
        const inputStream = new TestInputStream<number>(ssc, [], 2).map((x): [number, number] => [x, 1]);
        const dummyFunc = (_key: number, _value: number | undefined, _state: State<number>) => 0;
        const mapWithStateStream = inputStream.mapWithState(StateSpec.function(dummyFunc));
        const internalStream = mapWithStateStream.dependencies[0] as DStream<unknown>;
        if (explicitCheckpointDuration) mapWithStateStream.checkpoint(explicitCheckpointDuration);
        mapWithStateStream.foreachRDD(() => undefined);
        ssc.checkpoint(new MemoryCheckpointStore());
        ssc.start(); // should initialize all the checkpoint durations
        expect(mapWithStateStream.checkpointDuration).toBeUndefined();
        expect(internalStream.checkpointDuration).toEqual(expectedCheckpointDuration);
      } finally {
        await ssc.stop();
      }
    }

    await testCheckpointDuration(Milliseconds(100), Seconds(1));
    await testCheckpointDuration(Seconds(1), Seconds(10));
    await testCheckpointDuration(Seconds(10), Seconds(100));

    await testCheckpointDuration(Milliseconds(100), Seconds(2), Seconds(2));
    await testCheckpointDuration(Seconds(1), Seconds(2), Seconds(2));
    await testCheckpointDuration(Seconds(10), Seconds(20), Seconds(20));
  });

  it('mapWithState without a checkpoint directory fails at start', async () => {
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), logger: silentLogger });
    const stream = new TestInputStream<[string, number]>(ssc, [], 2).mapWithState(
      StateSpec.function((_k: string, _v: number | undefined, _s: State<number>) => 0),
    );
    stream.foreachRDD(() => undefined);
    const error: unknown = (() => {
      try {
        ssc.start();
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'CHECKPOINT_DIRECTORY_NOT_SET', message: expect.stringContaining('ssc.checkpoint(') });
    await ssc.stop();
  });

  it('StateSpec.function rejects functions of another arity', () => {
    const forms = /\(key, value, state\).*\(time, key, value, state\)/;
    const two = (key: string, value: number | undefined) => `${key}${value}`;
    expect(() => StateSpec.function(two as never)).toThrow(ValidationError);
    expect(() => StateSpec.function(two as never)).toThrow(forms);
    expect(() => StateSpec.function(((...args: unknown[]) => args) as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => StateSpec.function((() => 0) as never).numPartitions(1)).toThrow(ValidationError);
  });

  it('StateSpec setters validate their arguments', () => {
    const spec = StateSpec.function((_k: string, _v: number | undefined, _s: State<number>) => 0);
    expect(() => spec.numPartitions(0)).toThrow(ValidationError);
    expect(() => spec.numPartitions(1.5)).toThrow(ValidationError);
    expect(() => spec.timeout(3000 as unknown as Duration)).toThrow(ValidationError);
    expect(() => spec.partitioner(4 as unknown as HashPartitioner)).toThrow(ValidationError);
    expect(spec.numPartitions(3).getPartitioner()).toEqual(new HashPartitioner(3));
    const partitioner = new HashPartitioner(5);
    expect(spec.partitioner(partitioner).getPartitioner()).toBe(partitioner);
  });

  it('mapWithState - the state is partitioned by the spec', async () => {
    const layouts: [number, boolean][] = [];
    await testOperation({
      input: [['a', 'b', 'c'], ['d']],
      operation: (s) => {
        const spec = StateSpec.function((_k: string, _v: number | undefined, state: State<number>) => state.update(1));
        const stream = s.map((x): [string, number] => [x, 1]).mapWithState(spec.numPartitions(3));
        stream.dependencies[0]!.foreachRDD((rdd) => {
          layouts.push([rdd.getNumPartitions(), rdd.partitioner?.equals(new HashPartitioner(3)) ?? false]);
        });
        return stream;
      },
    });
    expect(layouts).toEqual([
      [3, true],
      [3, true],
    ]);
  });

  it('mapWithState - keys compare by value', async () => {
    const input: [string, number][][] = [[['x', 1], ['y', 2]], [['x', 1]], [['y', 2], ['x', 1]]];
    const spec = StateSpec.function((key: [string, number], value: number | undefined, state: State<number>) => {
      const total = (state.getOption() ?? 0) + (value ?? 0);
      state.update(total);
      return [key, total] as [[string, number], number];
    });
    const { outputs, snapshots } = await runMapWithState(input, spec);
    expect(sortedBatches(outputs)).toEqual([
      [[['x', 1], 1], [['y', 2], 1]],
      [[['x', 1], 2]],
      [[['x', 1], 3], [['y', 2], 2]],
    ]);
    expect(snapshots.map((s) => s.length)).toEqual([2, 2, 2]);
  });

  it('mapWithState - an earlier batch keeps its state when recomputed after later batches', async () => {
    // The function mutates the state object in place; every earlier snapshot must keep its answer
    // when it is computed again — from its lineage, after later batches changed the states.
    interface Counter {
      count: number;
    }
    const mappingFunc = (_key: string, value: number | undefined, state: State<Counter>): number => {
      const counter = state.getOption() ?? { count: 0 };
      counter.count += value ?? 0;
      state.update(counter);
      return counter.count;
    };
    const seen: { rdd: RDD<[string, Counter]>; first: string }[] = [];
    const mismatches: string[] = [];
    await testOperation({
      input: Array.from({ length: 14 }, () => ['a', 'b', 'a']),
      operation: (s) => {
        const stream = s.map((x): [string, number] => [x, 1]).mapWithState(StateSpec.function(mappingFunc));
        stream.stateSnapshots().foreachRDD(async (rdd) => {
          seen.push({ rdd, first: JSON.stringify(sortedBatches([await rdd.collect()])) });
          for (const { rdd: earlier, first } of seen) {
            const again = JSON.stringify(sortedBatches([await earlier.collect()]));
            if (again !== first) mismatches.push(`${earlier}: ${first} then ${again}`);
          }
        });
        return stream;
      },
    });
    expect(seen).toHaveLength(14);
    expect(mismatches).toEqual([]);
    expect(seen.at(-1)!.first).toBe(JSON.stringify([[['a', { count: 28 }], ['b', { count: 14 }]]]));
  });

  it('mapWithState - a failing mapping function fails its batch with the cause', async () => {
    const boom = new Error('boom');
    const spec = StateSpec.function((key: string, _v: number | undefined, _s: State<number>) => {
      if (key === 'bad') throw boom;
      return key;
    });
    await expect(runMapWithState([['ok'], ['bad']], spec)).rejects.toMatchObject({ code: 'TASK_FAILED', cause: boom });
  });

  it('mapWithState - long run keeps the lineage short and releases earlier batches', async () => {
    const debugLines: number[] = [];
    const remembered: number[] = [];
    const reachable: number[] = [];
    let previous: RDD<unknown> | undefined;
    let internal: DStream<unknown> | undefined;
    const outputs = await testOperation({
      input: Array.from({ length: 300 }, (_, i) => [`k${i % 7}`, `k${i % 3}`]),
      operation: (s) => {
        const stream = s
          .map((x): [string, number] => [x, 1])
          .mapWithState(
            StateSpec.function((_k: string, v: number | undefined, state: State<number>) => {
              state.update((state.getOption() ?? 0) + v!);
              return state.get();
            }),
          );
        internal = stream.dependencies[0] as DStream<unknown>;
        stream.stateSnapshots().foreachRDD((rdd) => {
          debugLines.push(rdd.toDebugString().split('\n').length);
          remembered.push(internal!.generatedRDDs.size);
          if (previous) reachable.push(reachableRDDs(previous)); // its batch has completed
          previous = rdd;
        });
        return stream.stateSnapshots().map(([, count]) => count).reduce((a, b) => a + b);
      },
    });
    expect(outputs).toHaveLength(300);
    expect(outputs.at(-1)).toEqual([600]);
    // A checkpoint every 10 batches truncates the lineage: it never reaches back further.
    expect(Math.max(...debugLines)).toBeLessThan(60);
    expect(Math.max(...debugLines.slice(200))).toBeLessThanOrEqual(Math.max(...debugLines.slice(0, 20)));
    // Remembered: twice the checkpoint interval (Spark's rule for checkpointed streams), plus the batch.
    expect(Math.max(...remembered)).toBeLessThanOrEqual(21);
    // Checkpointed state RDDs let go of the previous batches, so those can be garbage-collected.
    expect(Math.max(...reachable)).toBeLessThan(60);
  });
});

// ---- Property tests: mapWithState against a naive model ----

type Key = string | [number];
type Mapped = [string, Key, number];

/**
 * The mapping function of the property tests: a running sum that removes its key when the sum
 * passes 6 (emitting 'removed'), emits 'timeout' in a timing-out call, and emits nothing otherwise
 * on odd sums.
 */
function modelFunction(key: Key, value: number | undefined, state: State<number>): Mapped | undefined {
  if (state.isTimingOut()) return ['timeout', key, state.get()];
  const total = (state.getOption() ?? 0) + value!;
  if (total > 6) {
    state.remove();
    return ['removed', key, total];
  }
  state.update(total);
  return total % 2 === 0 ? ['sum', key, total] : undefined;
}

/** The same, on a plain `Map`: replays every batch in order (keys by their JSON). */
function naiveMapWithState(
  batches: [Key, number][][],
  numBatches: number,
  timeoutMs: number | undefined,
  checkpointEveryBatches: number,
): { outputs: Mapped[][]; snapshots: [Key, number][][] } {
  const states = new Map<string, { key: Key; state: number; updatedMs: number }>();
  const outputs: Mapped[][] = [];
  const snapshots: [Key, number][][] = [];
  for (let i = 1; i <= numBatches; i++) {
    const timeMs = i * 1000;
    const out: Mapped[] = [];
    for (const [key, value] of batches[i - 1] ?? []) {
      const id = JSON.stringify(key);
      const total = (states.get(id)?.state ?? 0) + value;
      if (total > 6) {
        states.delete(id);
        out.push(['removed', key, total]);
      } else {
        states.set(id, { key, state: total, updatedMs: timeMs });
        if (total % 2 === 0) out.push(['sum', key, total]);
      }
    }
    if (timeoutMs !== undefined && i % checkpointEveryBatches === 0) {
      for (const [id, entry] of states) {
        if (entry.updatedMs < timeMs - timeoutMs) {
          out.push(['timeout', entry.key, entry.state]);
          states.delete(id);
        }
      }
    }
    outputs.push(out);
    snapshots.push([...states.values()].map((e) => [e.key, e.state]));
  }
  return { outputs, snapshots };
}

const keyArb: fc.Arbitrary<Key> = fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.tuple(fc.integer({ min: 0, max: 2 })));
const batchesArb = fc.array(fc.array(fc.tuple(keyArb, fc.integer({ min: 1, max: 3 })), { maxLength: 6 }), {
  minLength: 1,
  maxLength: 12,
});

describe('MapWithState properties', () => {
  it('matches a naive replay, without timeout', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchesArb,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        async (batches, numInputPartitions, numStatePartitions) => {
          const numBatches = batches.length + 1;
          const expected = naiveMapWithState(batches, numBatches, undefined, 10);
          const snapshots: [Key, number][][] = [];
          const outputs = await testOperation({
            input: batches,
            numBatches,
            numInputPartitions,
            operation: (s) => {
              const spec = StateSpec.function((_t: Time, k: Key, v: number | undefined, st: State<number>) => modelFunction(k, v, st));
              const stream = s.mapWithState(spec.numPartitions(numStatePartitions));
              stream.stateSnapshots().foreachRDD(async (rdd) => {
                snapshots.push(await rdd.collect());
              });
              return stream;
            },
          });
          expect(sortedBatches(outputs)).toEqual(sortedBatches(expected.outputs));
          expect(sortedBatches(snapshots)).toEqual(sortedBatches(expected.snapshots));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('matches a naive replay, with timeout', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchesArb,
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: 4 }),
        async (batches, numInputPartitions, numStatePartitions, timeoutMs, checkpointEveryBatches) => {
          const numBatches = batches.length + 6;
          const expected = naiveMapWithState(batches, numBatches, timeoutMs, checkpointEveryBatches);
          const snapshots: [Key, number][][] = [];
          const outputs = await testOperation({
            input: batches,
            numBatches,
            numInputPartitions,
            operation: (s) => {
              const spec = StateSpec.function((_t: Time, k: Key, v: number | undefined, st: State<number>) => modelFunction(k, v, st))
                .numPartitions(numStatePartitions)
                .timeout(Milliseconds(timeoutMs));
              const stream = s.mapWithState(spec).checkpoint(Seconds(checkpointEveryBatches));
              stream.stateSnapshots().foreachRDD(async (rdd) => {
                snapshots.push(await rdd.collect());
              });
              return stream;
            },
          });
          expect(sortedBatches(outputs)).toEqual(sortedBatches(expected.outputs));
          expect(sortedBatches(snapshots)).toEqual(sortedBatches(expected.snapshots));
        },
      ),
      { numRuns: 40 },
    );
  });
});
