/**
 * Checkpointing inside the engine: when checkpoints are written and what listeners hear, what a
 * failing store does, crashes at exact points (a store that stops persisting), queue streams,
 * and the idempotent sink.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  type CheckpointStore,
  type DStream,
  ManualClock,
  MemoryCheckpointStore,
  type RDD,
  Seconds,
  StreamingContext,
  type StreamingListenerEvent,
  transactionalForeachRDD,
  ValidationError,
} from '../../../../src/index.js';
import { deserialize } from '../../../../src/checkpoint/serialize.js';
import type { CheckpointMetadata } from '../../../../src/streaming/checkpoint/Checkpoint.js';
import { TestInputStream } from '../../../../src/testing/index.js';
import { silentLogger } from './checkpointTester.js';
import { crashable, type CrashableStore } from './crashableStore.js';

const counts = (s: DStream<string>): DStream<[string, number]> =>
  s
    .map((w): [string, number] => [w, 1])
    .updateStateByKey((values: number[], state: number | undefined) => values.length + (state ?? 0));

const input = [['a'], ['a', 'b'], ['b'], ['a', 'c'], [], ['c']];

async function metadataOf(store: CheckpointStore): Promise<CheckpointMetadata> {
  const latest = await store.readLatest();
  return deserialize(latest!.parts.get('metadata')!) as CheckpointMetadata;
}

/** The state after each batch of a run without failures, by batch time. */
async function referenceRun(): Promise<Map<number, [string, number][]>> {
  const outputs = new Map<number, [string, number][]>();
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
  ssc.checkpoint(new MemoryCheckpointStore({ logger: silentLogger }));
  counts(new TestInputStream(ssc, input, 2)).foreachRDD(async (rdd, time) => void outputs.set(time.milliseconds, sorted(await rdd.collect())));
  ssc.start();
  for (let i = 0; i < input.length; i++) await clock.advance(1000);
  await ssc.stop();
  return outputs;
}

function sorted<T>(values: T[]): T[] {
  return [...values].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe('Checkpointing', () => {
  it('writes a checkpoint after each batch is generated and after it completes, posting checkpointWritten', async () => {
    const memory = new MemoryCheckpointStore({ logger: silentLogger });
    const written: CheckpointMetadata[] = [];
    const store: CheckpointStore = Object.assign(Object.create(memory) as CheckpointStore, {
      write: (time: number, parts: ReadonlyMap<string, string>) => {
        written.push(deserialize(parts.get('metadata')!) as CheckpointMetadata);
        return memory.write(time, parts);
      },
    });
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
    ssc.checkpoint(store);
    const events: StreamingListenerEvent[] = [];
    ssc.addStreamingListener({ onCheckpointWritten: (e) => void events.push(e) });
    counts(new TestInputStream(ssc, input, 2)).foreachRDD(async (rdd) => void (await rdd.count()));
    ssc.start();
    await clock.advance(2000);
    // Generated (the batch pending), then completed; the time is the latest batch generated.
    expect(written.map((m) => [m.checkpointTimeMs, m.pendingTimesMs])).toEqual([
      [1000, [1000]],
      [1000, []],
      [2000, [2000]],
      [2000, []],
    ]);
    expect(written[0]).toMatchObject({ zeroTimeMs: 0, batchDurationMs: 1000, writeAheadLog: false });
    expect(events.map((e) => (e.type === 'checkpointWritten' ? e.time.milliseconds : -1))).toEqual([1000, 1000, 2000, 2000]);
    await ssc.stop();
  });

  it('hashes each checkpointed RDD once, though every metadata checkpoint that remembers it carries it', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    const written: ReadonlyMap<string, string>[] = [];
    const write = store.write.bind(store);
    store.write = (time, parts) => (written.push(parts), write(time, parts));
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const decoder = new TextDecoder();
    let hashed: string[];
    try {
      const clock = new ManualClock();
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
      ssc.checkpoint(store);
      // Every batch changes the state, so no two checkpointed RDDs have the same content.
      counts(new TestInputStream(ssc, [['a'], ['a', 'b'], ['b'], ['a', 'c']], 2))
        .checkpoint(Seconds(1))
        .foreachRDD(async (rdd) => void (await rdd.count()));
      ssc.start();
      for (let i = 0; i < 4; i++) await clock.advance(1000);
      await ssc.stop();
      hashed = digest.mock.calls.map(([, data]) => decoder.decode(data as Uint8Array));
    } finally {
      digest.mockRestore();
    }
    const rdds = new Map(written.flatMap((parts) => [...parts].filter(([name]) => name.startsWith('rdd-'))));
    expect(rdds.size).toBe(4);
    const carried = written.reduce((sum, parts) => sum + [...parts.keys()].filter((name) => name.startsWith('rdd-')).length, 0);
    expect(carried).toBeGreaterThan(2 * rdds.size); // each RDD rides in several checkpoints…
    for (const content of rdds.values()) expect(hashed.filter((text) => text === content)).toHaveLength(1); // …and is hashed once
  });

  it('a store that fails posts checkpointFailed, rejects awaitTermination, and keeps batches running', async () => {
    const memory = new MemoryCheckpointStore({ logger: silentLogger });
    const failing: CheckpointStore = Object.assign(Object.create(memory) as CheckpointStore, {
      name: 'broken',
      write: () => Promise.reject(new Error('disk full')),
    });
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
    ssc.checkpoint(failing);
    const failures: unknown[] = [];
    ssc.addStreamingListener({ onCheckpointFailed: ({ error }) => void failures.push(error) });
    const outputs: number[] = [];
    new TestInputStream(ssc, input, 2).foreachRDD(async (rdd) => void outputs.push(await rdd.count()));
    const terminated = ssc.awaitTermination().then(
      () => undefined,
      (error: unknown) => error,
    );
    ssc.start();
    await clock.advance(3000);
    expect(outputs).toEqual([1, 2, 1]);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({ name: 'CheckpointError', code: 'CHECKPOINT_WRITE_FAILED' });
    expect((failures[0] as Error).message).toContain('broken after 3 attempts: disk full');
    await ssc.stop();
    expect(await terminated).toBe(failures[0]);
  });

  it('stop waits for the checkpoints still being written', async () => {
    const memory = new MemoryCheckpointStore({ logger: silentLogger });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let writes = 0;
    const slow: CheckpointStore = Object.assign(Object.create(memory) as CheckpointStore, {
      write: async (time: number, parts: ReadonlyMap<string, string>) => {
        writes++;
        await gate;
        await memory.write(time, parts);
      },
    });
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
    ssc.checkpoint(slow);
    new TestInputStream(ssc, input, 2).foreachRDD(() => undefined);
    ssc.start();
    const advanced = clock.advance(1000);
    for (let i = 0; i < 1000 && writes === 0; i++) await Promise.resolve();
    expect(writes).toBe(1);
    let stopped = false;
    const stopping = ssc.stop().then(() => (stopped = true));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await Promise.all([advanced, stopping]);
    expect(writes).toBeGreaterThan(0);
    expect((await memory.readLatest())?.time).toBe(1000);
  });

  it('state that cannot be serialised fails its batch with CHECKPOINT_NOT_SERIALIZABLE', async () => {
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
    ssc.checkpoint(new MemoryCheckpointStore({ logger: silentLogger }));
    const errors: unknown[] = [];
    ssc.addStreamingListener({
      onOutputOperationCompleted: ({ outputOperationInfo }) => void (outputOperationInfo.error && errors.push(outputOperationInfo.error)),
    });
    new TestInputStream(ssc, [['a']], 1)
      .map((w): [string, number] => [w, 1])
      .updateStateByKey((_values: number[], _state: (() => number) | undefined) => () => 1)
      .checkpoint(Seconds(1))
      .foreachRDD(async (rdd) => void (await rdd.count()));
    ssc.start();
    await clock.advance(1000);
    await ssc.stop();
    expect(errors[0]).toMatchObject({ code: 'CHECKPOINT_NOT_SERIALIZABLE' });
  });

  it('writeAheadLog without checkpointing is a ValidationError at start', async () => {
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), logger: silentLogger, writeAheadLog: true });
    new TestInputStream(ssc, input, 2).foreachRDD(() => undefined);
    expect(() => ssc.start()).toThrow(ValidationError);
    expect(() => ssc.start()).toThrow(/CHECKPOINT|stopped/);
    await ssc.stop();
  });

  it('a context killed during a batch runs that batch again after recovery, with the same time', async () => {
    const expected = await referenceRun();
    const durable = new MemoryCheckpointStore({ logger: silentLogger });
    const outputs = new Map<number, [string, number][]>();
    const attempts: number[] = [];
    const build = (store: CrashableStore, clock: ManualClock, crashAtMs?: number) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
      ssc.checkpoint(store);
      counts(new TestInputStream(ssc, input, 2)).foreachRDD(async (rdd, time) => {
        attempts.push(time.milliseconds);
        if (time.milliseconds === crashAtMs) {
          store.crash(); // the process dies before this batch's output is made
          return;
        }
        if (!store.crashed) outputs.set(time.milliseconds, sorted(await rdd.collect()));
      });
      return ssc;
    };

    const clock1 = new ManualClock();
    const store1 = crashable(durable);
    const first = await StreamingContext.getOrCreate(store1, build(store1, clock1, 3000));
    first.start();
    await clock1.advance(4000);
    await first.stop();

    const clock2 = new ManualClock(4000);
    const store2 = crashable(durable);
    const second = await StreamingContext.getOrCreate(store2, build(store2, clock2));
    second.start();
    await clock2.advance(0);
    await clock2.advance(2000);
    await second.stop();

    expect(attempts).toEqual([1000, 2000, 3000, 4000, 3000, 4000, 5000, 6000]);
    expect(outputs).toEqual(expected);
  });

  it('queueStream recovers when the rebuilt program pushes the same entries again', async () => {
    const durable = new MemoryCheckpointStore({ logger: silentLogger });
    const outputs = new Map<number, [string, number][]>();
    const build = (store: CrashableStore, clock: ManualClock) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
      ssc.checkpoint(store);
      const queue: RDD<string>[] = input.map((batch) => ssc.rddContext.parallelize(batch, 2));
      counts(ssc.queueStream(queue)).foreachRDD(async (rdd, time) => {
        if (!store.crashed) outputs.set(time.milliseconds, sorted(await rdd.collect()));
      });
      return ssc;
    };
    const store1 = crashable(durable);
    const clock1 = new ManualClock();
    const first = await StreamingContext.getOrCreate(store1, build(store1, clock1));
    first.start();
    await clock1.advance(3000);
    store1.crash();
    await clock1.advance(1000); // batch 4000 happens, but nothing of it is durable
    await first.stop();

    const clock2 = new ManualClock(4000);
    const store2 = crashable(durable);
    const second = await StreamingContext.getOrCreate(store2, build(store2, clock2));
    second.start();
    await clock2.advance(0);
    await clock2.advance(2000);
    await second.stop();
    expect(outputs).toEqual(await referenceRun());
  });

  describe('transactionalForeachRDD', () => {
    it('skips after recovery the batches it committed, and repeats one whose commit was lost', async () => {
      const durable = new MemoryCheckpointStore({ logger: silentLogger });
      const calls: number[] = [];
      const build = (store: CrashableStore, clock: ManualClock, crashAfterOutputAt?: number) => () => {
        const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
        ssc.checkpoint(store);
        // Every batch's output is slow, so the checkpoint at the crash still lists batch 2000 as pending.
        transactionalForeachRDD(
          counts(new TestInputStream(ssc, input, 2)),
          async (rdd, time) => {
            await rdd.count();
            calls.push(time.milliseconds);
            if (time.milliseconds === crashAfterOutputAt) store.crash();
          },
          { name: 'counts-sink' },
        );
        return ssc;
      };
      const clock1 = new ManualClock();
      const store1 = crashable(durable);
      const first = await StreamingContext.getOrCreate(store1, build(store1, clock1, 3000));
      first.start();
      await clock1.advance(3000);
      await first.stop();
      expect(calls).toEqual([1000, 2000, 3000]);

      // Batch 3000's output ran but its commit was not stored: it runs again; 1000 and 2000 do not.
      const clock2 = new ManualClock(3000);
      const store2 = crashable(durable);
      const second = await StreamingContext.getOrCreate(store2, build(store2, clock2));
      second.start();
      await clock2.advance(0);
      await clock2.advance(1000);
      await second.stop();
      expect(calls).toEqual([1000, 2000, 3000, 3000, 4000]);
      expect(await durable.records.keys('commit/counts-sink/')).toHaveLength(4);
    });

    it('a batch pending at the crash but already committed is skipped', async () => {
      const durable = new MemoryCheckpointStore({ logger: silentLogger });
      const calls: number[] = [];
      let checkpointPending: number[] = [];
      const build = (store: CrashableStore, clock: ManualClock) => () => {
        const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
        ssc.checkpoint(store);
        const stream = new TestInputStream(ssc, input, 2);
        transactionalForeachRDD(stream, (_rdd, time) => void calls.push(time.milliseconds), { name: 'sink' });
        // A second output, after which the process dies: batch 2000 is still pending then.
        stream.foreachRDD(async (_rdd, time) => {
          if (time.milliseconds === 2000 && !store.crashed) {
            checkpointPending = (await metadataOf(durable)).pendingTimesMs.slice();
            store.crash();
          }
        });
        return ssc;
      };
      const clock1 = new ManualClock();
      const store1 = crashable(durable);
      const first = await StreamingContext.getOrCreate(store1, build(store1, clock1));
      first.start();
      await clock1.advance(2000);
      await first.stop();
      expect(checkpointPending).toEqual([2000]);

      const clock2 = new ManualClock(2000);
      const store2 = crashable(durable);
      const second = await StreamingContext.getOrCreate(store2, build(store2, clock2));
      second.start();
      await clock2.advance(1000);
      await second.stop();
      expect(calls).toEqual([1000, 2000, 3000]);
    });

    it('needs checkpointing, and a name of letters, digits, dots, dashes and underscores', async () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), logger: silentLogger });
      const stream = new TestInputStream(ssc, input, 2);
      expect(() => transactionalForeachRDD(stream, () => undefined, { name: 'a/b' })).toThrow(ValidationError);
      transactionalForeachRDD(stream, () => undefined, { name: 'sink' });
      expect(() => ssc.start()).toThrow(expect.objectContaining({ code: 'CHECKPOINT_DIRECTORY_NOT_SET' }));
      await ssc.stop();
    });
  });
});
