/**
 * Spark's `DStreamCheckpointTester`: runs an operation on literal batches under a `ManualClock`,
 * stops the context after some batches, recovers a new one from the checkpoint with
 * `getOrCreate` (which rebuilds the graph), runs the rest, and returns every output by batch time.
 */
import {
  type Duration,
  type DStream,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  StreamingContext,
  type CheckpointStore,
  type Logger,
} from '../../../../src/index.js';
import { TestInputStream } from '../../../../src/testing/index.js';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Outputs by batch time (ms), each batch's elements in `collect()` order; a batch seen twice keeps both. */
export type OutputsByTime<V> = Map<number, V[][]>;

export interface CheckpointedRun<V> {
  /** Outputs of the first context, by batch time. */
  readonly before: OutputsByTime<V>;
  /** Outputs of the recovered context, by batch time. */
  readonly after: OutputsByTime<V>;
  readonly store: CheckpointStore;
}

/**
 * Runs `operation` over `input` for `numBatchesBeforeRestart` batches, stops, recovers from the
 * checkpoint at `restartAtBatch` (default: the same time, as Spark's tester sets its clock to the
 * checkpoint's time), and runs to the end of the input.
 */
export async function runCheckpointedOperation<U, V>(options: {
  input: readonly (readonly U[])[];
  operation: (stream: DStream<U>) => DStream<V>;
  numBatchesBeforeRestart: number;
  restartAtBatch?: number;
  batchDuration?: Duration;
}): Promise<CheckpointedRun<V>> {
  const batchDuration = options.batchDuration ?? Milliseconds(500);
  const batchMs = batchDuration.milliseconds;
  const store = new MemoryCheckpointStore({ logger: silentLogger });
  const factory = (clock: ManualClock, outputs: OutputsByTime<V>) => () => {
    const ssc = new StreamingContext({ batchDuration, clock, logger: silentLogger });
    ssc.checkpoint(store);
    const output = options.operation(new TestInputStream(ssc, options.input, 2));
    output.foreachRDD(async (rdd, time) => {
      const collected = await rdd.collect();
      outputs.set(time.milliseconds, [...(outputs.get(time.milliseconds) ?? []), collected]);
    });
    return ssc;
  };

  const before: OutputsByTime<V> = new Map();
  const clock1 = new ManualClock();
  const first = await StreamingContext.getOrCreate(store, factory(clock1, before));
  first.start();
  for (let i = 0; i < options.numBatchesBeforeRestart; i++) await clock1.advance(batchMs);
  await first.stop();

  const after: OutputsByTime<V> = new Map();
  const restartAt = options.restartAtBatch ?? options.numBatchesBeforeRestart;
  const clock2 = new ManualClock(restartAt * batchMs);
  const second = await StreamingContext.getOrCreate(store, factory(clock2, after));
  second.start();
  await clock2.advance(0); // the rescheduled batches
  for (let i = restartAt; i < options.input.length; i++) await clock2.advance(batchMs);
  await second.stop();
  return { before, after, store };
}

/** Each batch's output sorted (Spark's suite compares batches as sets), in batch-time order. */
export function sortedOutputs<V>(outputs: OutputsByTime<V>): V[][] {
  return [...outputs.keys()]
    .sort((a, b) => a - b)
    .flatMap((ms) => outputs.get(ms)!)
    .map((batch) => [...batch].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
}
