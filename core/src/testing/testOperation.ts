import { MemoryCheckpointStore } from '../checkpoint/MemoryCheckpointStore.js';
import type { DStream } from '../streaming/dstream/internal.js';
import { Seconds, type Duration } from '../streaming/Duration.js';
import { StreamingContext } from '../streaming/StreamingContext.js';
import { ManualClock } from '../streaming/util/ManualClock.js';
import { TestInputStream } from './TestInputStream.js';

/** Options shared by `testOperation` and `testOperation2`. */
export interface TestRunOptions {
  /** How many batches to run. Default: the input's length. */
  numBatches?: number;
  /** Default `Seconds(1)`. */
  batchDuration?: Duration;
  /** Partitions of each input batch. Default 2. */
  numInputPartitions?: number;
}

/** Options of `testOperation`. */
export interface TestOperationOptions<U, V> extends TestRunOptions {
  /** The input, one array per batch; `null` for a batch whose input stream makes no RDD (Spark's `None`). */
  input: readonly (readonly U[] | null)[];
  operation: (stream: DStream<U>) => DStream<V>;
}

/** Options of `testOperation2`. */
export interface TestOperation2Options<U, W, V> extends TestRunOptions {
  input1: readonly (readonly U[] | null)[];
  input2: readonly (readonly W[] | null)[];
  operation: (stream1: DStream<U>, stream2: DStream<W>) => DStream<V>;
}

/**
 * Runs `operation` on literal input batches under a `ManualClock` and returns everything each
 * output RDD held, one array per output RDD in `collect()` order (Spark: `TestSuiteBase.testOperation`).
 * Time starts at 0 and batch i runs at i × batchDuration; a stream that slides every k batches
 * produces an entry only every k batches. A failed batch makes the promise reject with its error.
 */
export function testOperation<U, V>(options: TestOperationOptions<U, V>): Promise<V[][]> {
  return runTest(options, options.input.length, (ssc, partitions) =>
    options.operation(new TestInputStream(ssc, options.input, partitions)),
  );
}

/** `testOperation` for operations on two input streams (Spark: `TestSuiteBase.testOperation` with two inputs). */
export function testOperation2<U, W, V>(options: TestOperation2Options<U, W, V>): Promise<V[][]> {
  return runTest(options, Math.max(options.input1.length, options.input2.length), (ssc, partitions) =>
    options.operation(
      new TestInputStream(ssc, options.input1, partitions),
      new TestInputStream(ssc, options.input2, partitions),
    ),
  );
}

async function runTest<V>(
  options: TestRunOptions,
  inputLength: number,
  build: (ssc: StreamingContext, numInputPartitions: number) => DStream<V>,
): Promise<V[][]> {
  const batchDuration = options.batchDuration ?? Seconds(1);
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration, clock, master: 'local[2]' });
  // Stateful operators require checkpointing, as in Spark's TestSuiteBase, which always sets a
  // directory; a store in memory, so a test writes nothing to disk and leaves nothing behind.
  ssc.checkpoint(new MemoryCheckpointStore());
  const output: V[][] = [];
  const failures: unknown[] = [];
  build(ssc, options.numInputPartitions ?? 2).foreachRDD(async (rdd) => {
    output.push(await rdd.collect());
  });
  ssc.addStreamingListener({
    onOutputOperationCompleted: ({ outputOperationInfo }) => {
      if (outputOperationInfo.failureReason !== undefined) failures.push(outputOperationInfo.error);
    },
  });
  ssc.start();
  try {
    const numBatches = options.numBatches ?? inputLength;
    for (let i = 0; i < numBatches; i++) await clock.advance(batchDuration.milliseconds);
  } finally {
    await ssc.stop();
  }
  if (failures.length > 0) throw failures[0];
  return output;
}
