/**
 * `StreamingContext.getOrCreate`: the factory always rebuilds the program, the rebuilt graph must
 * have the checkpoint's shape, unreadable checkpoints fall back or fail as asked.
 */
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  type Duration,
  type DStream,
  ManualClock,
  MemoryCheckpointStore,
  Seconds,
  StreamingContext,
  type CheckpointStore,
  type Logger,
} from '../../../../src/index.js';
import { DirectoryCheckpointStore } from '../../../../src/checkpoint/DirectoryCheckpointStore.js';
import { MemoryDirectory } from '../../../../src/checkpoint/MemoryDirectory.js';
import type { RecoveryInfo } from '../../../../src/streaming/checkpoint/getOrCreate.js';
import { TestInputStream } from '../../../../src/testing/index.js';
import { silentLogger } from './checkpointTester.js';

interface Shape {
  window?: Duration;
  batch?: Duration;
  extraOutput?: boolean;
  partitions?: number;
}

/** A word count over a window; `shape` changes its parameters between runs. */
function program(store: CheckpointStore, clock: ManualClock, shape: Shape = {}, seen: RecoveryInfo[] = [], logger: Logger = silentLogger) {
  return (info: RecoveryInfo): StreamingContext => {
    seen.push(info);
    const ssc = new StreamingContext({ batchDuration: shape.batch ?? Seconds(1), clock, logger });
    ssc.checkpoint(store);
    const words: DStream<string> = new TestInputStream(ssc, [['a'], ['b'], ['a']], 2);
    const counts = words
      .map((w): [string, number] => [w, 1])
      .reduceByKey((a, b) => a + b, shape.partitions ?? 2)
      .window(shape.window ?? Seconds(30), shape.batch ?? Seconds(1))
      .setName('recent');
    counts.foreachRDD(() => undefined);
    if (shape.extraOutput) counts.print();
    return ssc;
  };
}

/** Runs `program` for `batches` batches and stops, leaving its checkpoints in `store`. */
async function runBatches(store: CheckpointStore, batches: number, shape: Shape = {}): Promise<void> {
  const clock = new ManualClock();
  const ssc = await StreamingContext.getOrCreate(store, program(store, clock, shape));
  ssc.start();
  for (let i = 0; i < batches; i++) await clock.advance(1000);
  await ssc.stop();
}

async function graphChangedError(store: CheckpointStore, shape: Shape): Promise<CheckpointError> {
  const error = await StreamingContext.getOrCreate(store, program(store, new ManualClock(3000), shape)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckpointError);
  expect((error as CheckpointError).code).toBe('CHECKPOINT_GRAPH_CHANGED');
  return error as CheckpointError;
}

describe('getOrCreate', () => {
  it('without a checkpoint, returns the factory context, checkpointing to the store', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    const seen: RecoveryInfo[] = [];
    const clock = new ManualClock();
    const ssc = await StreamingContext.getOrCreate(store, program(store, clock, {}, seen));
    expect(seen).toEqual([{ checkpointTime: undefined, pipelineSpec: undefined }]);
    expect(ssc.checkpointDir).toBe(store);
    ssc.start();
    await clock.advance(1000);
    await ssc.stop();
    expect((await store.readLatest())?.time).toBe(1000);
  });

  it('always calls the factory, and tells it the checkpoint time and the pipeline spec', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    const clock = new ManualClock();
    const first = await StreamingContext.getOrCreate(store, (info) => {
      const ssc = program(store, clock)(info);
      ssc.setPipelineSpec('{"version":1}');
      return ssc;
    });
    first.start();
    await clock.advance(2000);
    await first.stop();

    const seen: RecoveryInfo[] = [];
    const again = await StreamingContext.getOrCreate(store, program(store, new ManualClock(2000), {}, seen));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.checkpointTime?.milliseconds).toBe(2000);
    expect(seen[0]!.pipelineSpec).toBe('{"version":1}');
    await again.stop();
  });

  it('a changed window gives CHECKPOINT_GRAPH_CHANGED naming the stream and both values', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    await runBatches(store, 2);
    const error = await graphChangedError(store, { window: Seconds(20) });
    expect(error.message).toContain("stream 3: WindowedDStream 'recent' window 30000 ms → 20000 ms");
    expect(error.message).toContain('memory');
  });

  it('an added output operation gives CHECKPOINT_GRAPH_CHANGED', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    await runBatches(store, 2);
    const error = await graphChangedError(store, { extraOutput: true });
    expect(error.message).toContain('an output operation was added');
  });

  it('a changed partition count or batch interval gives CHECKPOINT_GRAPH_CHANGED', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    await runBatches(store, 2);
    expect((await graphChangedError(store, { partitions: 4 })).message).toContain('ShuffledDStream partitioner hash(2) → hash(4)');
    const batchError = await graphChangedError(store, { batch: Seconds(2), window: Seconds(30) });
    expect(batchError.message).toContain('batch interval 1000 ms → 2000 ms');
  });

  it('the same program recovers, and a renamed stream is the same shape', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    await runBatches(store, 2);
    const ssc = await StreamingContext.getOrCreate(store, program(store, new ManualClock(2000)));
    await ssc.stop();
  });

  it('a torn newest checkpoint falls back to the newest valid one', async () => {
    const directory = new MemoryDirectory();
    const store = new DirectoryCheckpointStore(directory, { logger: silentLogger });
    await runBatches(store, 3);
    await directory.writeAtomic('checkpoint-3000', new TextEncoder().encode('torn'));
    const seen: RecoveryInfo[] = [];
    const ssc = await StreamingContext.getOrCreate(store, program(store, new ManualClock(3000), {}, seen));
    expect(seen[0]!.checkpointTime?.milliseconds).toBe(2000);
    await ssc.stop();
  });

  it('no valid checkpoint rejects with CHECKPOINT_CORRUPT, or creates a new context with createOnError', async () => {
    const directory = new MemoryDirectory();
    const store = new DirectoryCheckpointStore(directory, { logger: silentLogger });
    await runBatches(store, 2);
    for (const name of await directory.list('')) {
      if (name.startsWith('checkpoint-')) await directory.writeAtomic(name, new TextEncoder().encode('junk'));
    }
    const factory = program(store, new ManualClock(2000));
    await expect(StreamingContext.getOrCreate(store, factory)).rejects.toMatchObject({ code: 'CHECKPOINT_CORRUPT' });

    const seen: RecoveryInfo[] = [];
    const ssc = await StreamingContext.getOrCreate(store, program(store, new ManualClock(2000), {}, seen), {
      createOnError: true,
      logger: silentLogger,
    });
    expect(seen).toEqual([{ checkpointTime: undefined, pipelineSpec: undefined }]);
    await ssc.stop();
  });

  it('a checkpoint whose metadata cannot be read is CHECKPOINT_CORRUPT too', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    await store.write(1000, new Map([['metadata', 'not a serialised value']]));
    await expect(StreamingContext.getOrCreate(store, program(store, new ManualClock()))).rejects.toMatchObject({
      code: 'CHECKPOINT_CORRUPT',
      message: expect.stringContaining('batch 1000 ms in memory'),
    });
  });

  it("overrules the factory's own checkpoint location, with a warning", async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    const other = new MemoryCheckpointStore({ logger: silentLogger });
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (message) => void warnings.push(message) };
    const ssc = await StreamingContext.getOrCreate(store, program(other, new ManualClock(), {}, [], logger));
    expect(ssc.checkpointDir).toBe(store);
    expect(warnings.join('\n')).toContain('is ignored');
    await ssc.stop();
  });
  it('checkpointTime resumes from an older checkpoint, deleting the newer ones', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    await runBatches(store, 3);
    expect((await store.list()).map((c) => c.time)).toEqual([3000, 2000, 1000]);
    const seen: RecoveryInfo[] = [];
    const ssc = await StreamingContext.getOrCreate(store, program(store, new ManualClock(2000), {}, seen), { checkpointTime: 2000 });
    expect(seen[0]!.checkpointTime?.milliseconds).toBe(2000);
    expect((await store.list()).map((c) => c.time)).toEqual([2000, 1000]);
    await ssc.stop();
  });

  it('checkpointTime without a valid checkpoint at that time gives CHECKPOINT_NOT_FOUND, deleting nothing', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    await runBatches(store, 2);
    const error = await StreamingContext.getOrCreate(store, program(store, new ManualClock(2000)), { checkpointTime: 1500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error).toMatchObject({ code: 'CHECKPOINT_NOT_FOUND' });
    expect((error as Error).message).toContain('Valid checkpoints: 2000, 1000 ms');
    expect((await store.list()).map((c) => c.time)).toEqual([2000, 1000]);
  });
});
