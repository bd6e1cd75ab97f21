/**
 * Spark's `CheckpointSuite` (and `MapWithStateSuite`'s driver failure recovery): an operation runs
 * for some batches, the context stops, `getOrCreate` rebuilds the program and resumes from the
 * checkpoint, and the outputs of both runs together equal the outputs of one run without failure.
 * Unlike Spark's tester, no batch runs twice here: the checkpoint's pending times say whether its
 * last batch completed.
 */
import { describe, expect, it } from 'vitest';
import {
  type DStream,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  Seconds,
  StateSpec,
  StreamingContext,
  type State,
} from '../../../../src/index.js';
import { TestInputStream } from '../../../../src/testing/index.js';
import { runCheckpointedOperation, silentLogger, sortedOutputs } from './checkpointTester.js';

const batchDuration = Milliseconds(500);

describe('CheckpointSuite', () => {
  it('recovery with map and reduceByKey operations', async () => {
    const { before, after } = await runCheckpointedOperation({
      input: [['a', 'a', 'b'], ['', ''], [], ['a', 'a', 'b'], ['', ''], []],
      operation: (s: DStream<string>) => s.map((x): [string, number] => [x, 1]).reduceByKey((a, b) => a + b),
      numBatchesBeforeRestart: 3,
    });
    const expected = [[['a', 2], ['b', 1]], [['', 2]], [], [['a', 2], ['b', 1]], [['', 2]], []];
    expect(sortedOutputs(before)).toEqual(expected.slice(0, 3));
    expect([...after.keys()]).toEqual([2000, 2500, 3000]);
    expect(sortedOutputs(after)).toEqual(expected.slice(3));
  });

  it('recovery with invertible reduceByKeyAndWindow operation', async () => {
    const n = 10;
    const w = 4;
    const { before, after } = await runCheckpointedOperation({
      input: Array.from({ length: n }, () => ['a']),
      operation: (s: DStream<string>) =>
        s
          .map((x): [string, number] => [x, 1])
          .reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, batchDuration.times(w), batchDuration)
          .checkpoint(batchDuration.times(2)),
      numBatchesBeforeRestart: 7,
    });
    const expected = [[['a', 1]], [['a', 2]], [['a', 3]], ...Array.from({ length: n - w + 1 }, () => [['a', 4]])];
    expect(sortedOutputs(before)).toEqual(expected.slice(0, 7));
    expect(sortedOutputs(after)).toEqual(expected.slice(7));
  });

  it('recovery with updateStateByKey operation', async () => {
    const { before, after } = await runCheckpointedOperation({
      input: Array.from({ length: 10 }, () => ['a']),
      operation: (s: DStream<string>) =>
        s
          .map((x): [string, number] => [x, 1])
          .updateStateByKey((values: number[], state: number | undefined) => values.reduce((a, b) => a + b, 0) + (state ?? 0))
          .checkpoint(batchDuration.times(2))
          .map((pair) => pair),
      numBatchesBeforeRestart: 7,
    });
    const expected = Array.from({ length: 10 }, (_, i) => [['a', i + 1]]);
    expect(sortedOutputs(before)).toEqual(expected.slice(0, 7));
    expect(sortedOutputs(after)).toEqual(expected.slice(7));
  });

  it('recovery with updateStateByKey when the last checkpointed state is older than the last batch', async () => {
    // State checkpointed every 3 batches; the restart after batch 7 recomputes batch 7's state from
    // batch 6's saved one, re-reading the input of batch 7 (remembered for twice the interval).
    const { after } = await runCheckpointedOperation({
      input: Array.from({ length: 10 }, (_, i) => Array.from({ length: i + 1 }, () => 'k')),
      operation: (s: DStream<string>) =>
        s
          .map((x): [string, number] => [x, 1])
          .updateStateByKey((values: number[], state: number | undefined) => values.length + (state ?? 0))
          .checkpoint(batchDuration.times(3)),
      numBatchesBeforeRestart: 7,
    });
    const total = (i: number): number => (i * (i + 1)) / 2;
    expect(sortedOutputs(after)).toEqual([8, 9, 10].map((i) => [['k', total(i)]]));
  });

  it('recovery after down time generates the missed batches once each, in order', async () => {
    const { before, after } = await runCheckpointedOperation({
      input: Array.from({ length: 10 }, (_, i) => [i + 1]),
      operation: (s: DStream<number>) => s.map((x) => x * 10),
      numBatchesBeforeRestart: 3,
      restartAtBatch: 7,
    });
    expect([...before.keys()]).toEqual([500, 1000, 1500]);
    expect([...after.keys()]).toEqual([2000, 2500, 3000, 3500, 4000, 4500, 5000]);
    expect(sortedOutputs(after)).toEqual([[40], [50], [60], [70], [80], [90], [100]]);
  });

  it('basic rdd checkpoints + dstream graph checkpoint recovery', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    const input = Array.from({ length: 10 }, () => ['a']);
    let stateStream: DStream<unknown> | undefined;
    const outputs: [string, number][][] = [];
    const build = (clock: ManualClock) => () => {
      const ssc = new StreamingContext({ batchDuration, clock, logger: silentLogger });
      ssc.checkpoint(store);
      const state = new TestInputStream(ssc, input, 2)
        .map((x): [string, number] => [x, 1])
        .updateStateByKey((values: number[], s: number | undefined) => values.length + (s ?? 0))
        .checkpoint(Seconds(1));
      stateStream = state as DStream<unknown>;
      state.foreachRDD(async (rdd) => void outputs.push(await rdd.collect()));
      return ssc;
    };

    // Run till the state stream has checkpointed an RDD: it is saved, and in the checkpoint.
    const clock = new ManualClock();
    let ssc = await StreamingContext.getOrCreate(store, build(clock));
    ssc.start();
    for (let i = 0; i < 2; i++) await clock.advance(500);
    expect(stateStream!.checkpointData.size).toBe(1);
    const afterTwo = await store.readLatest();
    expect([...afterTwo!.parts.keys()].filter((name) => name.startsWith('rdd-'))).toHaveLength(1);

    // Further on, earlier saved RDDs are forgotten once the stream forgets the RDDs.
    for (let i = 0; i < 6; i++) await clock.advance(500);
    expect(stateStream!.checkpointData.current().map((saved) => saved.timeMs)).toEqual([3000, 4000]);
    await ssc.stop();

    // The recovered stream has its checkpointed RDDs back, lineage already cut.
    ssc = await StreamingContext.getOrCreate(store, build(new ManualClock(4000)));
    expect(stateStream!.generatedRDDs.size).toBe(0);
    ssc.start();
    expect([...stateStream!.generatedRDDs.keys()]).toEqual([3000, 4000]);
    const restored = stateStream!.generatedRDDs.get(4000)!;
    expect(restored.className).toBe('LocalCheckpointRDD');
    expect(restored.dependencies).toEqual([]);
    expect(await restored.collect()).toEqual([['a', 8]]);
    await ssc.stop();

    // Restarting from that checkpoint after a delay generates the missed batches from the state.
    outputs.length = 0;
    const late = new ManualClock(4000 + 7 * 500);
    ssc = await StreamingContext.getOrCreate(store, build(late));
    ssc.start();
    await late.advance(0);
    // Batches 9 and 10 hold the last input; later ones are empty, so the count stays at 10.
    expect(outputs).toEqual([9, 10, 10, 10, 10, 10, 10].map((count) => [['a', count]]));
    await ssc.stop();
  });

  it('mapWithState - driver failure recovery', async () => {
    const inputData = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['a'], []];
    const stateData = [
      [],
      [['a', 1]],
      [['a', 2], ['b', 1]],
      [['a', 3], ['b', 2], ['c', 1]],
      [['a', 4], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
      [['a', 5], ['b', 3], ['c', 1]],
    ];
    const runningCount = (_key: string, value: number | undefined, state: State<number>): number => {
      state.update((state.getOption() ?? 0) + (value ?? 0));
      return state.get();
    };
    const { before, after } = await runCheckpointedOperation({
      input: inputData,
      operation: (s: DStream<string>) => {
        const stream = s.map((x): [string, number] => [x, 1]).mapWithState(StateSpec.function(runningCount));
        // An interval that makes sure one RDD is checkpointed before the restart.
        stream.checkpoint(Seconds(1).times(Math.floor(stateData.length / 2)));
        return stream.stateSnapshots();
      },
      numBatchesBeforeRestart: Math.floor(inputData.length / 2),
      batchDuration: Seconds(1),
    });
    expect(sortedOutputs(before)).toEqual(stateData.slice(0, 3));
    expect(sortedOutputs(after)).toEqual(stateData.slice(3));
  });

  it('mapWithState timeouts keep their clock across a recovery', async () => {
    // Keys idle for 2 s time out; the restored states keep their update times.
    const spec = StateSpec.function((key: string, value: number | undefined, state: State<number>): string => {
      if (state.isTimingOut()) return `${key} timed out`;
      state.update((state.getOption() ?? 0) + (value ?? 0));
      return `${key}=${state.get()}`;
    }).timeout(Seconds(2));
    const input = [['a', 'b'], ['a'], ['a'], ['a'], ['a'], []];
    const run = await runCheckpointedOperation({
      input,
      operation: (s: DStream<string>) => s.map((x): [string, number] => [x, 1]).mapWithState(spec).checkpoint(Seconds(1)),
      numBatchesBeforeRestart: 2,
      batchDuration: Seconds(1),
    });
    const all = sortedOutputs(new Map([...run.before, ...run.after]));
    expect(all).toEqual([['a=1', 'b=1'], ['a=2'], ['a=3'], ['a=4', 'b timed out'], ['a=5'], []]);
  });
});
