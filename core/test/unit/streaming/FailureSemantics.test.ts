/**
 * What a failing batch does: as in Spark, it is reported (listeners, logger, `awaitTermination`)
 * and later batches still run — unless `stopOnError` asks to stop at the first failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ManualClock,
  RivuletError,
  Seconds,
  StreamingContext,
  TaskFailedError,
  type BatchInfo,
  type Logger,
  type OutputOperationInfo,
  type RDD,
  type StreamingContextOptions,
} from '../../../src/index.js';
import { TestInputStream } from '../../../src/testing/index.js';

const input = [[1], [2], [3], [4], [5]];

let ssc: StreamingContext | undefined;
let clock: ManualClock;
let errors: { message: string; details: unknown[] }[];
let completed: BatchInfo[];
let failedOutputs: OutputOperationInfo[];

function newContext(options: Partial<StreamingContextOptions> = {}): StreamingContext {
  clock = new ManualClock();
  errors = [];
  completed = [];
  failedOutputs = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message, ...details) => void errors.push({ message, details }),
  };
  ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger, ...options });
  ssc.addStreamingListener({
    onBatchCompleted: ({ batchInfo }) => void completed.push(batchInfo),
    onOutputOperationCompleted: ({ outputOperationInfo }) => {
      if (outputOperationInfo.failureReason !== undefined) failedOutputs.push(outputOperationInfo);
    },
  });
  return ssc;
}

async function runBatches(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await clock.advance(1000);
}

/** A pipeline whose map function throws on the element 2, i.e. in batch 2. */
function failingInBatchTwo(s: StreamingContext, out: number[][], cause: Error): void {
  new TestInputStream(s, input, 2)
    .map((x) => {
      if (x === 2) throw cause;
      return x * 10;
    })
    .foreachRDD(async (rdd) => {
      out.push(await rdd.collect());
    });
}

afterEach(async () => {
  await ssc?.stop();
  ssc = undefined;
});

describe('FailureSemantics', () => {
  it('a user function throwing fails its batch while later batches still run', async () => {
    const s = newContext();
    const out: number[][] = [];
    const cause = new Error('bad record 2');
    failingInBatchTwo(s, out, cause);
    s.start();
    const terminated = s.awaitTermination();
    await runBatches(5);

    // Batches 3.. still ran; the context is still active.
    expect(out).toEqual([[10], [30], [40], [50]]);
    expect(s.getState()).toBe('ACTIVE');

    // Listeners: batch 2 completed with a failed output operation carrying the error.
    expect(completed.map((b) => b.batchTime.milliseconds)).toEqual([1000, 2000, 3000, 4000, 5000]);
    const failed = completed[1]!.outputOperationInfos.get(0)!;
    expect(failed.failureReason).toContain('bad record 2');
    expect(failed.error).toBeInstanceOf(TaskFailedError);
    expect((failed.error as TaskFailedError).cause).toBe(cause);
    expect(failedOutputs).toEqual([failed]);
    for (const batch of [completed[0]!, ...completed.slice(2)]) {
      expect(batch.outputOperationInfos.get(0)!.failureReason).toBeUndefined();
    }

    // The logger: once, for the failed job, with the error.
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('Error running job streaming job 2000.0 (foreachRDD)');
    expect(errors[0]!.details).toEqual([failed.error]);

    // awaitTermination rejects with it, even though the context keeps running.
    await expect(terminated).rejects.toBe(failed.error);
  });

  it('stopOnError stops the context at the first failure', async () => {
    const s = newContext({ stopOnError: true });
    const out: number[][] = [];
    failingInBatchTwo(s, out, new Error('bad record 2'));
    s.start();
    const terminated = s.awaitTermination();
    await runBatches(5);

    expect(s.getState()).toBe('STOPPED');
    expect(out).toEqual([[10]]);
    expect(completed.map((b) => b.batchTime.milliseconds)).toEqual([1000, 2000]);
    const error = await terminated.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).message).toContain('bad record 2');
    expect(clock.waiterCount).toBe(0);
  });

  it('a failure while generating the batch (in transform) is a batch failure too', async () => {
    const s = newContext();
    const out: number[][] = [];
    new TestInputStream(s, input, 2)
      .transform((rdd, time) => (time.milliseconds === 2000 ? (undefined as unknown as RDD<number>) : rdd))
      .foreachRDD(async (rdd) => {
        out.push(await rdd.collect());
      });
    s.start();
    const terminated = s.awaitTermination();
    await runBatches(3);

    expect(out).toEqual([[1], [3]]);
    expect(failedOutputs).toHaveLength(1);
    const error = failedOutputs[0]!.error as RivuletError;
    expect(error).toBeInstanceOf(RivuletError);
    expect(error.code).toBe('TRANSFORM_RETURNED_NO_RDD');
    expect(error.message).toContain('2000 ms');
    expect(failedOutputs[0]!.batchTime.milliseconds).toBe(2000);
    await expect(terminated).rejects.toBe(error);
  });

  it('transform returning nothing is reported with TRANSFORM_RETURNED_NO_RDD', async () => {
    const s = newContext();
    new TestInputStream(s, input, 2)
      .setName('events')
      .transform(() => undefined as unknown as RDD<number>)
      .setName('nothing')
      .foreachRDD(() => {});
    s.start();
    const terminated = s.awaitTermination();
    await runBatches(1);
    const error = (await terminated.catch((e: unknown) => e)) as RivuletError;
    expect(error.code).toBe('TRANSFORM_RETURNED_NO_RDD');
    expect(error.message).toContain("TransformedDStream 'nothing'");
    expect(error.message).toContain('emptyRDD()');
  });

  it('foreachRDD returning a promise is awaited before the batch completes', async () => {
    const s = newContext();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let jobStarted!: () => void;
    const started = new Promise<void>((resolve) => (jobStarted = resolve));
    const steps: string[] = [];
    new TestInputStream(s, input, 2).foreachRDD(async () => {
      jobStarted();
      await gate;
      steps.push('job finished');
    });
    s.addStreamingListener({ onBatchCompleted: () => void steps.push('batch completed') });
    s.start();
    const advanced = clock.advance(1000);
    await started;
    expect(completed).toEqual([]);
    release();
    await advanced; // the clock waited for the job too
    expect(steps).toEqual(['job finished', 'batch completed']);
  });

  it('a rejected foreachRDD promise fails the batch', async () => {
    const s = newContext();
    new TestInputStream(s, input, 2).foreachRDD(() => Promise.reject(new Error('sink unavailable')));
    s.start();
    const terminated = s.awaitTermination();
    await runBatches(2);
    expect(failedOutputs.map((o) => [o.batchTime.milliseconds, o.failureReason])).toEqual([
      [1000, 'sink unavailable'],
      [2000, 'sink unavailable'],
    ]);
    await expect(terminated).rejects.toThrow('sink unavailable');
  });
});
